import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { LimitedBody } from '../../src/http/limited-body.ts';
import { spoolBody } from '../../src/http/spooled-body.ts';

async function* chunksOf(size: number, count: number, fill = 0x61): AsyncGenerator<Buffer> {
  for (let i = 0; i < count; i++) yield Buffer.alloc(size, fill + (i % 26));
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

const spoolFolders = async () => (await readdir(tmpdir())).filter((name) => name.startsWith('evg-body-'));

describe('spoolBody', () => {
  it('gives back a small body byte for byte, from memory', async () => {
    const before = await spoolFolders();
    const body = await spoolBody(chunksOf(1000, 5));
    expect(await spoolFolders()).toEqual(before);
    expect(body.bytes).toBe(5000);
    expect(await collect(body.chunks())).toEqual(await collect(chunksOf(1000, 5)));
    await body.dispose();
  });

  it('spools a large body to a temporary file, reads it back as often as asked and removes it', async () => {
    const before = await spoolFolders();
    const body = await spoolBody(chunksOf(1024 * 1024, 12));
    expect((await spoolFolders()).length).toBe(before.length + 1);
    const expected = await collect(chunksOf(1024 * 1024, 12));
    expect(body.bytes).toBe(expected.length);
    expect((await collect(body.chunks())).equals(expected)).toBe(true);
    expect((await collect(body.chunks())).equals(expected)).toBe(true);
    await body.dispose();
    await body.dispose();
    expect(await spoolFolders()).toEqual(before);
  });

  it('leaves nothing behind when the body breaks off or exceeds the limit', async () => {
    const before = await spoolFolders();
    async function* broken(): AsyncGenerator<Buffer> {
      yield* chunksOf(1024 * 1024, 10);
      throw new Error('aborted');
    }
    await expect(spoolBody(broken())).rejects.toThrow('aborted');
    const limited = new LimitedBody(chunksOf(1024 * 1024, 12), 10 * 1024 * 1024);
    await expect(spoolBody(limited.chunks())).rejects.toMatchObject({ status: 413 });
    expect(limited.exceeded).toBe(true);
    expect(await spoolFolders()).toEqual(before);
  });
});
