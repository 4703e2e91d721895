import { GROUP_KEYS, type GroupKey } from '@evg/effects';
import { CliError } from './cli-io.ts';

/** Accepted spellings: the key itself, snake_case, and the cell field name (`offer_id`, `offerId`). */
const ALIASES = new Map<string, GroupKey>([
  ...GROUP_KEYS.map((key) => [key.toLowerCase(), key] as const),
  ['offerid', 'offer'],
  ['providerid', 'provider'],
]);

/**
 * Parses `--group-by offer,target_group,period` into engine group keys; snake_case and
 * camelCase both work. An unknown name is an error naming it and listing the valid ones.
 *
 * @example
 * parseGroupBy('offer,target_group'); // ['offer', 'targetGroup']
 */
export function parseGroupBy(text: string | undefined): GroupKey[] {
  if (text === undefined || text.trim() === '') return [];
  const keys: GroupKey[] = [];
  for (const name of text.split(',')) {
    const key = ALIASES.get(name.trim().replaceAll('_', '').toLowerCase());
    if (key === undefined) {
      const valid = 'offer, provider, package, provider_kind, target_group, industry, period';
      throw new CliError(`--group-by: unknown key '${name.trim()}'; use one or more of ${valid}`);
    }
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}
