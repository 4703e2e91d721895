import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { createApiKey, findActiveApiKey, listApiKeys } from '../repositories/api-keys.ts';

/**
 * The demo key `evg start` prints: a caseworker key (read only) created on the first start,
 * when the database has no keys at all. The database stores only its hash; the key itself is
 * kept in `<dataDir>/demo-key` (mode 600) so every later start can print it again. Once it is
 * revoked, or when keys were made otherwise, nothing is printed.
 *
 * @example
 *   const key = await ensureDemoKey(db, '/srv/evg/data'); // 'evg_…' or null
 */
export async function ensureDemoKey(db: Kysely<Database>, dataDir: string): Promise<string | null> {
  const file = path.join(dataDir, 'demo-key');
  const stored = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    () => null,
  );
  if (stored) return (await findActiveApiKey(db, stored)) ? stored : null;
  if ((await listApiKeys(db)).length > 0) return null;
  const { secret } = await createApiKey(db, { name: 'demo (evg start)', role: 'caseworker' });
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, secret + '\n', { mode: 0o600 });
  return secret;
}
