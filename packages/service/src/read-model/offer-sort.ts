import { rateOf } from '@evg/effects';
import type { OfferView } from './read-model.ts';

/**
 * Sort keys of the offer search: `name`, `price`, `costPerOutcome`, any outcome measure key
 * (`effect3m`: raw rate, `effect3m.adjusted`: case-mix adjusted rate), `companyShare`,
 * `satisfiedShare`, `closerShare`, `complaintsPer100`, `started`. A leading `-` sorts
 * descending. Offers without a value (suppressed, no price) always come last.
 */
export const FIXED_SORT_KEYS = [
  'name',
  'price',
  'costPerOutcome',
  'companyShare',
  'satisfiedShare',
  'closerShare',
  'complaintsPer100',
  'started',
] as const;

/** Every sort value the search accepts for the given outcome measure keys, ascending form. */
export function sortKeys(measureKeys: readonly string[]): string[] {
  return [...FIXED_SORT_KEYS, ...measureKeys.flatMap((key) => [key, `${key}.adjusted`])];
}

type Value = number | string | null;

/** The value an offer is sorted and filtered on for one key (see FIXED_SORT_KEYS). */
export function sortValue(view: OfferView, key: string): Value {
  switch (key) {
    case 'name':
      return view.offer.name;
    case 'price':
      return view.offer.priceDkk;
    case 'costPerOutcome':
      return view.row.costPerOutcome;
    case 'complaintsPer100':
      return view.row.complaintsPer100;
    case 'started':
      return view.row.started;
    default: {
      const adjusted = key.endsWith('.adjusted');
      return rateOf(view.row, adjusted ? key.slice(0, -'.adjusted'.length) : key, adjusted);
    }
  }
}

const collator = new Intl.Collator('da');

/**
 * Sorts offer views by `sort` (e.g. `-effect3m.adjusted`), nulls last in either direction,
 * ties broken by name then id so paging is stable.
 *
 * @example
 *   sortOfferViews(views, '-effect3m'); // best 3-month effect first
 */
export function sortOfferViews(views: readonly OfferView[], sort: string): OfferView[] {
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  const keyed = views.map((view) => ({ view, value: sortValue(view, key) }));
  keyed.sort((a, b) => {
    if (a.value !== b.value) {
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      const order =
        typeof a.value === 'string' ? collator.compare(a.value, String(b.value)) : a.value - Number(b.value);
      if (order !== 0) return descending ? -order : order;
    }
    return (
      collator.compare(a.view.offer.name, b.view.offer.name) ||
      a.view.offer.offerId.localeCompare(b.view.offer.offerId)
    );
  });
  return keyed.map((entry) => entry.view);
}
