import { Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/cli-io.ts';

/** CliIo with in-memory stdout and stderr, for running commands in tests. */
export function memoryIo(): CliIo & { out: () => string; err: () => string } {
  const sink = () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    return { stream, text: () => chunks.join('') };
  };
  const stdout = sink();
  const stderr = sink();
  // A fixed disclosure secret: no command writes one into the working directory's data folder.
  const env = { EVG_DISCLOSURE_KEY: 'evg-service-test-disclosure-key' };
  return { stdout: stdout.stream, stderr: stderr.stream, env, out: stdout.text, err: stderr.text };
}
