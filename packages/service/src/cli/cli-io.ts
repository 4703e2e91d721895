import type { Readable, Writable } from 'node:stream';

/** What a command may touch of the outside world; tests pass their own streams. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** Only commands that read input from a pipe use it (`evg bi-user create --password-stdin`). */
  stdin?: Readable;
}

/** A command's whole behaviour: parse its own arguments, do the work, return the exit code. */
export type CommandRun = (argv: string[], io: CliIo) => Promise<number>;

export interface CommandModule {
  /** One line for `evg help`. */
  summary: string;
  run: CommandRun;
}

/**
 * A failure the user can act on (bad flag, bad file): printed as one clear message on stderr,
 * exit code `exitCode`, nothing on stdout. Anything else is a bug and is reported as such.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
