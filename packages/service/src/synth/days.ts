import { formatDay, type Day } from '@evg/effects';

const cache = new Map<Day, string>();

/**
 * `formatDay` memoised: the generator formats the same few thousand days millions of times.
 * @example isoOf(19753) // '2024-01-31'
 */
export function isoOf(day: Day): string {
  let text = cache.get(day);
  if (text === undefined) {
    text = formatDay(day);
    cache.set(day, text);
  }
  return text;
}
