import { parseArgs, type ParseArgsConfig } from 'node:util';
import { errorCode } from '../error-fields.ts';
import { CliError } from './cli-io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `node:util` parseArgs in strict mode, with its errors turned into CliErrors that name the
 * flag (`unknown option '--grup-by'`), so a typo never silently changes a result.
 *
 * @example
 * const { values } = parseFlags(argv, { out: { type: 'string' }, help: { type: 'boolean' } });
 */
export function parseFlags<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (error) {
    const code = errorCode(error);
    if (
      error instanceof Error &&
      (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
        code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ||
        code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    ) {
      // Node's messages name the option; drop its hint about '--' which does not apply here.
      throw new CliError(error.message.split('. To specify')[0]!.replace(/\.$/, '') + '. See --help.');
    }
    throw error;
  }
}

/** A required string flag, or a CliError naming it. */
export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new CliError(`--${flag} is required. See --help.`);
  return value;
}

/** A whole number flag within [min, max], or a CliError naming it. */
export function integerFlag(
  value: string | undefined,
  flag: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new CliError(`--${flag} must be a whole number between ${min} and ${max}`);
  }
  return Number(value);
}
