import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { errorCode } from '../../error-fields.ts';
import { CliError, type CliIo } from '../cli-io.ts';
import { parseFlags } from '../args.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { scramVerifier } from '../../db/scram-verifier.ts';
import { BI_USER_NAME, createBiUser, dropBiUser, listBiUsers } from '../../repositories/bi-users.ts';
import { dataConfigOf, openDatabase } from './db-flags.ts';

export const summary = 'create, list or drop PostgreSQL logins for BI tools (read-only, schema bi)';

const HELP = `Usage:
  evg bi-user create NAME                        generates a password and prints it once
  evg bi-user create NAME --password-file FILE   takes the password from FILE (first line)
  evg bi-user create NAME --password-stdin       takes the password from standard input
  evg bi-user list                               the BI logins
  evg bi-user drop NAME

A BI login is a PostgreSQL LOGIN role that is a member of evg_bi: it reads the views of schema
bi (effect tables, offers, providers, code lists) and nothing person-level. NAME: lower-case
letters, digits and _, starting with a letter or _. Passwords: 12 to 200 printable ASCII
characters; only their SCRAM-SHA-256 verifier is sent to the server.
Needs DATABASE_URL: the embedded database accepts no logins from other programs.
`;

const PASSWORD = /^[\x21-\x7e]{12,200}$/;

async function passwordFrom(values: { 'password-file'?: string; 'password-stdin'?: boolean }, io: CliIo) {
  if (values['password-file'] !== undefined && values['password-stdin'])
    throw new CliError('give either --password-file or --password-stdin, not both');
  let given: string | undefined;
  if (values['password-file'] !== undefined) {
    try {
      given = await readFile(values['password-file'], 'utf8');
    } catch (error) {
      throw new CliError(
        `--password-file: cannot read ${values['password-file']} (${String(errorCode(error))})`,
      );
    }
  } else if (values['password-stdin']) {
    if (!io.stdin) throw new CliError('--password-stdin: no standard input');
    given = await text(io.stdin);
  }
  if (given === undefined) return { password: randomBytes(24).toString('base64url'), generated: true };
  const password = given.split(/\r?\n/)[0]!;
  if (!PASSWORD.test(password))
    throw new CliError('the password must be 12 to 200 printable ASCII characters, no spaces');
  return { password, generated: false };
}

function nameOf(value: string | undefined): string {
  if (value === undefined) throw new CliError('the BI user name is missing. See --help.');
  if (!BI_USER_NAME.test(value) || value.startsWith('pg_') || value.startsWith('evg_'))
    throw new CliError(
      `'${value}' is not a usable name: lower-case letters, digits and _, at most 63, not starting with pg_ or evg_`,
    );
  return value;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  if (action === undefined || action === '--help' || action === 'help') {
    io.stdout.write(HELP);
    return action === undefined ? 2 : 0;
  }
  if (!['create', 'list', 'drop'].includes(action))
    throw new CliError(`unknown action '${action}'. See --help.`);
  const positional = action === 'list' ? [] : rest.slice(0, 1);
  const { values } = parseFlags(rest.slice(positional.length), {
    'password-file': { type: 'string' },
    'password-stdin': { type: 'boolean' },
  });
  const name = action === 'list' ? '' : nameOf(positional[0]);
  if (!dataConfigOf(io.env).databaseUrl)
    throw new CliError(
      'BI logins need a PostgreSQL server: set DATABASE_URL (the embedded database has no logins)',
    );
  const secret = action === 'create' ? await passwordFrom(values, io) : undefined;
  const handle = await openDatabase(io.env);
  try {
    await migrateToLatest(handle.db);
    if (action === 'create') {
      try {
        await createBiUser(handle.db, name, scramVerifier(secret!.password));
      } catch (error) {
        if (errorCode(error) === '42710') throw new CliError(`a role named '${name}' already exists`, 1);
        if (errorCode(error) === '42501')
          throw new CliError('the DATABASE_URL user may not create roles (it needs CREATEROLE)', 1);
        throw error;
      }
      if (secret!.generated) io.stdout.write(`${secret!.password}\n`);
      io.stderr.write(
        `evg bi-user: created login '${name}' (member of evg_bi, reads schema bi only)` +
          (secret!.generated ? '; the password is shown only this once.\n' : '.\n'),
      );
    } else if (action === 'list') {
      for (const user of await listBiUsers(handle.db))
        io.stdout.write(`${user.name}\t${user.validUntil ?? ''}\n`);
    } else {
      if (!(await dropBiUser(handle.db, name))) throw new CliError(`no BI login named '${name}'`, 1);
      io.stdout.write(`dropped BI login '${name}'\n`);
    }
    return 0;
  } finally {
    await handle.close();
  }
}
