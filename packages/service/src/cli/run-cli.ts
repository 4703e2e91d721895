import { errorMessage, errorStack } from '../error-fields.ts';
import { CliError, type CliIo } from './cli-io.ts';
import { commands } from './commands/index.ts';
import { applySecretFiles, ConfigError, debugEnabled } from '../config.ts';

async function usage(io: CliIo): Promise<void> {
  const lines = ['Usage: evg <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(commands)) {
    lines.push(`  ${name.padEnd(14)} ${(await load()).summary}`);
  }
  lines.push('', 'Run `evg <command> --help` for the options of one command.');
  io.stdout.write(lines.join('\n') + '\n');
}

/**
 * Runs one `evg` command and returns its exit code. User errors (CliError) become one line on
 * stderr; anything else is an internal error, reported without its stack unless EVG_DEBUG is set.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    await usage(io);
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  if (!load) {
    io.stderr.write(`evg: unknown command '${name}'. Run 'evg help' for the list.\n`);
    return 2;
  }
  try {
    applySecretFiles(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`evg ${name}: invalid environment: ${error.message}\n`);
    return 2;
  }
  try {
    return await (await load()).run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`evg ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    const detail = debugEnabled(io.env) ? String(errorStack(error)) : String(errorMessage(error));
    io.stderr.write(`evg ${name}: internal error: ${detail}\n`);
    return 1;
  }
}
