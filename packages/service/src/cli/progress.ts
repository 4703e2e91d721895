import type { CliIo } from './cli-io.ts';

/** Reports progress of a long run on stderr, or does nothing. */
export interface Progress {
  update(text: string): void;
  done(): void;
}

/**
 * Progress on stderr, only when stderr is a terminal or `--progress` was given: on a terminal
 * one line rewritten in place, otherwise one line per update (for logs). Never on stdout.
 *
 * @example
 * const progress = createProgress(io, values.progress === true);
 * progress.update('200000 persons'); progress.done();
 */
export function createProgress(io: CliIo, requested: boolean): Progress {
  const tty = 'isTTY' in io.stderr && io.stderr.isTTY === true;
  if (!tty && !requested) return { update: () => {}, done: () => {} };
  let shown = false;
  return {
    update(text) {
      io.stderr.write(tty ? `\r${text}\u001b[K` : `${text}\n`);
      shown = true;
    },
    done() {
      if (tty && shown) io.stderr.write('\n');
    },
  };
}
