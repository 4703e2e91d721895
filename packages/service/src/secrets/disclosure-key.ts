import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MIN_DISCLOSURE_KEY_LENGTH } from '@evg/effects';
import type { ServiceConfig } from '../config.ts';

/** The file that keeps a generated disclosure secret, in the data folder. */
export const DISCLOSURE_KEY_FILE = 'disclosure-key';

/** The disclosure secret cannot be used (a kept file that is too short or unreadable). */
export class DisclosureKeyError extends Error {
  readonly code = 'invalid-disclosure-key';
  override readonly name = 'DisclosureKeyError';
}

/**
 * The installation's disclosure secret, from which the record keys of the cell key method are
 * derived (measures.md §4): EVG_DISCLOSURE_KEY when set, else the one kept in
 * `<EVG_DATA_DIR>/disclosure-key` (mode 600), generated (256 random bits) on first use. Never
 * logged. Changing it changes every published figure at the next refresh (README, "Disclosure
 * control"), so it is kept rather than made anew.
 *
 * @example const secret = await disclosureKey(loadConfig(process.env));
 */
export async function disclosureKey(
  config: Pick<ServiceConfig, 'disclosureKey' | 'dataDir'>,
): Promise<string> {
  if (config.disclosureKey !== undefined) return config.disclosureKey;
  const file = path.join(config.dataDir, DISCLOSURE_KEY_FILE);
  const kept = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw new DisclosureKeyError(`cannot read the disclosure secret ${file}: ${error.code ?? 'error'}`);
    },
  );
  if (kept !== null) {
    if (kept.length < MIN_DISCLOSURE_KEY_LENGTH) {
      throw new DisclosureKeyError(
        `${file} holds no usable disclosure secret (at least ${MIN_DISCLOSURE_KEY_LENGTH} characters)`,
      );
    }
    return kept;
  }
  const generated = randomBytes(32).toString('hex');
  await mkdir(config.dataDir, { recursive: true });
  // 'wx': two processes starting at once cannot both write; the loser reads the winner's.
  const written = await writeFile(file, generated + '\n', { mode: 0o600, flag: 'wx' }).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return false;
      throw error;
    },
  );
  return written ? generated : disclosureKey(config);
}
