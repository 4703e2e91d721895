import { describe, expect, it, vi } from 'vitest';
import { EffectsBodies, type BodyModel, type BodyRequest } from '../../src/http/effects-bodies.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = async (body: Promise<Uint8Array>) => new TextDecoder().decode(await body);

/** A model whose body for a request is what `make` gives for its URL; counts its builds. */
function model(make: (url: string) => Promise<Uint8Array> = async (url) => bytes(url)) {
  const tableBody = vi.fn((_query: BodyRequest['query'], _output: BodyRequest['output'], url: string) =>
    make(url),
  );
  const tableRows = vi.fn(async () => 1);
  const fake: BodyModel = { tableBody, tableRows };
  return { fake, tableBody, tableRows };
}

/** A request whose body is `url` (the fake models echo it). */
const asking = (url: string): BodyRequest => ({
  query: { groupBy: ['offer'], period: undefined, periodUnit: 'halfYear' },
  output: { kind: 'json' },
  url,
});

describe('EffectsBodies', () => {
  it('builds a body once per model and key, and keeps at most its byte budget, oldest out first', async () => {
    const bodies = new EffectsBodies(10);
    const a = model();
    const b = model();
    expect(await text(bodies.get(a.fake, 'a', asking('aaaa')))).toBe('aaaa');
    expect(await text(bodies.get(a.fake, 'a', asking('other')))).toBe('aaaa');
    expect(a.tableBody).toHaveBeenCalledTimes(1);
    // Another model (a new data version) builds its own.
    expect(await text(bodies.get(b.fake, 'a', asking('bbbb')))).toBe('bbbb');
    await bodies.get(a.fake, 'b', asking('bbbb'));
    await bodies.get(a.fake, 'c', asking('cccc')); // 12 > 10: 'a' goes
    expect(await text(bodies.get(a.fake, 'a', asking('new')))).toBe('new');
    expect(await text(bodies.get(a.fake, 'c', asking('x')))).toBe('cccc');
    // A body larger than the whole budget is sent, never kept.
    expect(await bodies.get(a.fake, 'huge', asking('h'.repeat(11)))).toHaveLength(11);
    expect(await text(bodies.get(a.fake, 'huge', asking('again')))).toBe('again');
  });

  it('shares one build between concurrent requests and forgets a failed one', async () => {
    const bodies = new EffectsBodies(100);
    let fail = true;
    const a = model(async (url) => {
      if (url === 'bad' && fail) throw new Error('worker lost');
      return bytes('body');
    });
    const [first, second] = await Promise.all([
      text(bodies.get(a.fake, 'k', asking('k'))),
      text(bodies.get(a.fake, 'k', asking('k'))),
    ]);
    expect([first, second]).toEqual(['body', 'body']);
    expect(a.tableBody).toHaveBeenCalledTimes(1);
    await expect(bodies.get(a.fake, 'bad', asking('bad'))).rejects.toThrow('worker lost');
    fail = false;
    expect(await text(bodies.get(a.fake, 'bad', asking('bad')))).toBe('body');
  });

  it('builds the most asked bodies of a model on the next before it is served, with their row counts', async () => {
    const bodies = new EffectsBodies(1000);
    const previous = model();
    for (let i = 0; i < 3; i++) await bodies.get(previous.fake, 'often', asking('often'));
    await bodies.get(previous.fake, 'once', asking('once'));
    for (let i = 0; i < 10; i++) await bodies.get(previous.fake, `rare-${i}`, asking(`rare-${i}`));

    const next = model((url) => Promise.resolve(bytes(`new ${url}`)));
    await bodies.warm(previous.fake, next.fake);
    // At most eight, the most asked first; each with the row count the route checks first.
    expect(next.tableBody).toHaveBeenCalledTimes(8);
    expect(next.tableBody.mock.calls.slice(0, 2).map((call) => call[2])).toEqual(['often', 'once']);
    expect(next.tableRows).toHaveBeenCalledTimes(8);
    // The first request on the new model is answered from what was built, not built again.
    expect(await text(bodies.get(next.fake, 'often', asking('often')))).toBe('new often');
    expect(next.tableBody).toHaveBeenCalledTimes(8);

    // Only what was asked of a model is warmed for the one after it.
    const third = model();
    await bodies.warm(next.fake, third.fake);
    expect(third.tableBody.mock.calls.map((call) => call[2])).toEqual(['often']);
  });

  it('warms what it can: a body that fails to build is left out, the others are built', async () => {
    const bodies = new EffectsBodies(1000);
    const previous = model();
    await bodies.get(previous.fake, 'a', asking('a'));
    await bodies.get(previous.fake, 'b', asking('b'));
    const next = model(async (url) => {
      if (url === 'a') throw new Error('worker lost');
      return bytes(url);
    });
    await expect(bodies.warm(previous.fake, next.fake)).resolves.toBeUndefined();
    expect(next.tableBody).toHaveBeenCalledTimes(2);
    expect(await text(bodies.get(next.fake, 'b', asking('b')))).toBe('b');
    expect(next.tableBody).toHaveBeenCalledTimes(2);
  });
});
