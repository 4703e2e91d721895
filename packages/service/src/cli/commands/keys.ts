import { CliError, type CliIo } from '../cli-io.ts';
import { parseFlags } from '../args.ts';
import { openDatabase } from './db-flags.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import type { ApiKeyRole } from '../../db/database.ts';
import { API_KEY_ROLES, createApiKey, listApiKeys, revokeApiKey } from '../../repositories/api-keys.ts';

export const summary = 'create, list or revoke API keys (create prints the key once)';

/** What each role may do, for the help text (the API's role list, in its order). */
const ROLE_HELP: Record<ApiKeyRole, string> = {
  caseworker: 'caseworker (read)',
  bi: 'bi (read)',
  ingest: 'ingest (imports)',
  analyst: 'analyst (read, exact tables, bonus statement)',
  admin: 'admin (everything)',
};
const ROLE_LIST = API_KEY_ROLES.join(', ');

const HELP = `Usage:
  evg keys create --role ROLE [--name NAME]   prints a new key once; only its hash is stored
  evg keys list                               id, role, name, created, revoked
  evg keys revoke ID

Roles: ${API_KEY_ROLES.map((role) => ROLE_HELP[role]).join(', ')}.
Uses DATABASE_URL, or the embedded database in EVG_DATA_DIR (default ./data).
`;

function isRole(value: string): value is ApiKeyRole {
  return API_KEY_ROLES.some((role) => role === value);
}

function roleOf(value: string | undefined): ApiKeyRole {
  if (value === undefined) throw new CliError(`--role is required (${ROLE_LIST}). See --help.`);
  if (!isRole(value)) throw new CliError(`--role '${value}' is not a role; use one of ${ROLE_LIST}.`);
  return value;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  if (action === undefined || action === '--help' || action === 'help') {
    io.stdout.write(HELP);
    return action === undefined ? 2 : 0;
  }
  if (!['create', 'list', 'revoke'].includes(action))
    throw new CliError(`unknown action '${action}'. See --help.`);
  const positional = action === 'revoke' ? rest.slice(0, 1) : [];
  const { values } = parseFlags(rest.slice(positional.length), {
    role: { type: 'string' },
    name: { type: 'string' },
  });
  if (action === 'revoke' && positional.length === 0)
    throw new CliError('revoke needs the key id. See evg keys list.');
  const handle = await openDatabase(io.env);
  try {
    await migrateToLatest(handle.db);
    if (action === 'create') {
      const role = roleOf(values.role);
      const { key, secret } = await createApiKey(handle.db, { name: values.name ?? `${role} key`, role });
      io.stdout.write(`${secret}\n`);
      io.stderr.write(
        `evg keys: created ${key.role} key ${key.id} ('${key.name}'); the key is shown only this once.\n`,
      );
    } else if (action === 'list') {
      for (const key of await listApiKeys(handle.db)) {
        io.stdout.write(`${key.id}\t${key.role}\t${key.name}\t${key.createdAt}\t${key.revokedAt ?? ''}\n`);
      }
    } else {
      const key = await revokeApiKey(handle.db, positional[0]!);
      if (!key) throw new CliError(`no key with id '${positional[0]}'.`, 1);
      io.stdout.write(`revoked ${key.id} (${key.role}, '${key.name}') at ${key.revokedAt}\n`);
    }
    return 0;
  } finally {
    await handle.close();
  }
}
