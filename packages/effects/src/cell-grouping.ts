/**
 * Which result cells a fine cell belongs to under `groupBy` (measures.md §5).
 *
 * Industry: an offer listing several industries contributes to the cell of each of them; an
 * offer listing none goes to the cell with `industry: null`. Industry cells therefore may sum
 * to more than the total, by design.
 */
import type { CellKeys } from './effect-cell.ts';
import type { Catalog, GroupKey, PeriodUnit } from './engine-config.ts';
import type { Offer, Provider } from './records.ts';
import type { FineCell } from './fine-cell.ts';
import { EffectsError } from './errors.ts';
import { periodKeyOfMonthIndex } from './period.ts';
import { parseMonth } from './day.ts';

/** The CellKeys field each group key fills. */
export const CELL_KEY_OF: Record<GroupKey, keyof CellKeys> = {
  offer: 'offerId',
  provider: 'providerId',
  package: 'package',
  providerKind: 'providerKind',
  targetGroup: 'targetGroup',
  industry: 'industry',
  period: 'period',
};

/** One grouping key's value for a cell: an offer id, a period label, …; null where the cell has none. */
export type KeyValue = string | null;

export class CellGrouping {
  private readonly offers: Map<string, Offer>;
  private readonly providers: Map<string, Provider>;

  constructor(
    catalog: Catalog,
    readonly groupBy: readonly GroupKey[],
    readonly periodUnit: PeriodUnit,
  ) {
    this.offers = new Map(catalog.offers.map((o) => [o.offerId, o]));
    this.providers = new Map(catalog.providers.map((p) => [p.providerId, p]));
  }

  offer(offerId: string): Offer {
    const offer = this.offers.get(offerId);
    if (!offer) {
      throw new EffectsError('unknown-offer', `effects refer to offer "${offerId}", which is not in offers`);
    }
    return offer;
  }

  /** The period key of a fine cell's month. */
  periodOf(cell: FineCell): string {
    return periodKeyOfMonthIndex(parseMonth(cell.month, 'fine cell month'), this.periodUnit);
  }

  /** Every combination of key values the fine cell contributes to (several only for industry). */
  keysOf(cell: FineCell): KeyValue[][] {
    let combinations: KeyValue[][] = [[]];
    for (const key of this.groupBy) {
      const values = this.valuesOf(cell, key);
      combinations = combinations.flatMap((prefix) => values.map((value) => [...prefix, value]));
    }
    return combinations;
  }

  /** CellKeys object of one combination returned by keysOf. */
  cellKeys(values: readonly KeyValue[]): Partial<Record<keyof CellKeys, string | null>> {
    const keys: Partial<Record<keyof CellKeys, string | null>> = {};
    this.groupBy.forEach((key, i) => {
      keys[CELL_KEY_OF[key]] = values[i] ?? null;
    });
    return keys;
  }

  private valuesOf(cell: FineCell, key: GroupKey): KeyValue[] {
    switch (key) {
      case 'offer':
        return [cell.offerId];
      case 'targetGroup':
        return [cell.targetGroup];
      case 'period':
        return [this.periodOf(cell)];
      case 'package':
        return [this.offer(cell.offerId).package];
      case 'industry': {
        const industries = this.offer(cell.offerId).industries;
        return industries.length > 0 ? [...new Set(industries)] : [null];
      }
      case 'provider':
        return [this.offer(cell.offerId).providerId];
      case 'providerKind': {
        const providerId = this.offer(cell.offerId).providerId;
        const provider = this.providers.get(providerId);
        if (!provider) {
          throw new EffectsError(
            'unknown-provider',
            `offer "${cell.offerId}" refers to provider "${providerId}", which is not in providers`,
          );
        }
        return [provider.kind];
      }
    }
  }
}
