import {
  aggregateCells,
  aggregateScopedCells,
  DEFAULT_MEASURES,
  emptyEffectCell,
  toEffectRow,
  withoutComplaints,
  type CellKeys,
  type DateRange,
  type EffectRow,
  type EngineConfig,
  type FineCell,
  type GroupKey,
  type MeasureDefinition,
  type Offer,
  type PeriodUnit,
  type Provider,
  type Supervision,
} from '@evg/effects';
import type { DataVersion, Snapshot } from './snapshot.ts';
import { indexCatalogue, type CatalogueIndex } from './catalogue-index.ts';
import { periodKey } from './period-query.ts';

/** An offer as search and profiles show it: the catalogue entry with its effect row. */
export interface OfferView {
  offer: Offer;
  provider: Provider | undefined;
  row: EffectRow;
}

export interface ReadModelOptions {
  minCellSize: number;
  /**
   * Measures for a snapshot whose data version does not name its own (fixtures, versions from
   * before measures were stored); default the four defaults. A stored version's list wins.
   */
  measures?: readonly MeasureDefinition[];
  /** How many distinct effect queries to keep answered; older ones are dropped first. */
  cacheSize?: number;
  /**
   * false: compute the standard views on first use instead of in the constructor, so a worker
   * can compute them one at a time and answer other requests in between (`prebuild`).
   */
  warm?: boolean;
}

/** An `/v1/effects` query after validation. */
export interface EffectsQuery {
  groupBy: readonly GroupKey[];
  period: DateRange | undefined;
  periodUnit: PeriodUnit;
  /** Exact figures (role analyst, audited): computed on each request, never cached. */
  exact?: boolean;
}

let generations = 0;

/**
 * The in-memory view every read endpoint answers from: built once from a snapshot of the stored
 * tables (fine cells of one data version and the catalogue), immutable afterwards, and replaced
 * as a whole when a refresh completes. Standard views are computed up front; any other grouping
 * or period is aggregated from the fine cells on first request and cached.
 *
 * @example
 *   const model = new ReadModel(await source.load(), { minCellSize: 5 });
 *   model.offerView('T-0001')?.row.effect3m.rate;
 */
export class ReadModel {
  /** Distinct for every model built in this process; caches of answers are keyed by it. */
  readonly generation = ++generations;
  readonly version: DataVersion | null;
  readonly measures: readonly MeasureDefinition[];
  readonly offers: readonly Offer[];
  readonly providers: readonly Provider[];
  /** The disclosure threshold every figure of this model was suppressed with. */
  readonly minCellSize: number;
  /** The data cut-off of every figure (null before the first refresh). */
  readonly asOf: string | null;
  private readonly fineCells: readonly FineCell[];
  private readonly index: CatalogueIndex;
  private readonly cache = new Map<string, EffectRow[]>();
  private readonly offerViewsByScope = new Map<string, OfferView[]>();
  private byOfferTargetGroupRows: Map<string, EffectRow[]> | undefined;
  private byOfferHalfYearRows: Map<string, EffectRow[]> | undefined;
  private readonly cacheSize: number;
  private zeroRow: EffectRow | undefined;
  // Keyed by the cached arrays themselves, so an index lives exactly as long as its table.
  private readonly rowIndexes = new WeakMap<readonly EffectRow[], Map<string, EffectRow>>();
  private readonly offerViewIndexes = new WeakMap<readonly OfferView[], Map<string, OfferView>>();

  constructor(
    readonly snapshot: Snapshot,
    private readonly options: ReadModelOptions,
  ) {
    this.version = snapshot.dataVersion;
    // The measures of the data version loaded, never the definitions as edited since: its fine
    // cells carry counters for exactly these (a new measure shows after the next refresh).
    this.measures = snapshot.dataVersion?.measures ?? options.measures ?? DEFAULT_MEASURES;
    this.minCellSize = options.minCellSize;
    this.asOf = snapshot.dataVersion?.asOf ?? null;
    this.cacheSize = options.cacheSize ?? 200;
    this.index = indexCatalogue(snapshot);
    this.offers = this.index.offers;
    this.providers = this.index.providers;
    // Cells of an offer no longer in the catalogue (deleted since the last refresh) cannot be
    // attributed to a provider or package; they are left out until the next refresh.
    this.fineCells = snapshot.fineCells.filter((cell) => this.index.offersById.has(cell.offerId));
    if (options.warm === false) return;
    this.offerByTargetGroup('');
    this.offerTrend('');
    this.offerViews(undefined);
    this.effects(query(['provider']));
    this.effects(query(['targetGroup']));
  }

  offer(offerId: string): Offer | undefined {
    return this.index.offersById.get(offerId);
  }

  provider(providerId: string): Provider | undefined {
    return this.index.providersById.get(providerId);
  }

  latestSupervision(offerId: string): Supervision | undefined {
    return this.index.supervisionByOffer.get(offerId);
  }

  /**
   * Every offer with its effect row for `period` (all time when undefined), in id order. With
   * `targetGroups`, the rows are the engine's scoped figures (`aggregateScopedCells`: those
   * target groups' cells only, case-mix reference the same groups, no complaints).
   *
   * @example
   *   model.offerViews(undefined, ['jobparat'])[0]?.row.outcomes.effect3m?.rate; // jobparat enrollments only
   */
  offerViews(period: DateRange | undefined, targetGroups?: readonly string[]): OfferView[] {
    const scope = scopeOf(targetGroups);
    const key = offerViewsKey(period, targetGroups);
    const cached = this.offerViewsByScope.get(key);
    if (cached) return cached;
    const rows = indexRows(scope ? this.scopedOfferRows(scope, period) : this.offerRows(period), 'offerId');
    const views = this.offers.map((offer) => ({
      offer,
      provider: this.index.providersById.get(offer.providerId),
      row: rows.get(offer.offerId) ?? this.emptyRow({ offerId: offer.offerId }, scope !== undefined),
    }));
    remember(this.offerViewsByScope, key, views, this.cacheSize);
    return views;
  }

  offerView(offerId: string, period?: DateRange, targetGroups?: readonly string[]): OfferView | undefined {
    const views = this.offerViews(period, targetGroups);
    let index = this.offerViewIndexes.get(views);
    if (!index) {
      index = new Map(views.map((view) => [view.offer.offerId, view]));
      this.offerViewIndexes.set(views, index);
    }
    return index.get(offerId);
  }

  private offerRows(period: DateRange | undefined): EffectRow[] {
    return this.effects({ groupBy: ['offer'], period, periodUnit: 'halfYear' });
  }

  private scopedOfferRows(targetGroups: readonly string[], period: DateRange | undefined): EffectRow[] {
    if (this.version === null) return [];
    const config = this.engineConfig({ groupBy: ['offer'], period, periodUnit: 'halfYear' });
    return aggregateScopedCells(config, this.fineCells, targetGroups).map((cell) =>
      toEffectRow(cell, this.measures),
    );
  }

  /** One row per target group the offer has enrollments in. */
  offerByTargetGroup(offerId: string): EffectRow[] {
    this.byOfferTargetGroupRows ??= groupRows(this.effects(query(['offer', 'targetGroup'])), 'offerId');
    return this.byOfferTargetGroupRows.get(offerId) ?? [];
  }

  /** One row per half-year, oldest first. */
  offerTrend(offerId: string): EffectRow[] {
    this.byOfferHalfYearRows ??= groupRows(this.effects(query(['offer', 'period'])), 'offerId');
    return this.byOfferHalfYearRows.get(offerId) ?? [];
  }

  providerRow(providerId: string, period?: DateRange): EffectRow {
    const rows = this.indexed(['provider'], period, 'providerId');
    return rows.get(providerId) ?? this.emptyRow({ providerId });
  }

  providerByTargetGroup(providerId: string): EffectRow[] {
    return this.effects(query(['provider', 'targetGroup'])).filter((row) => row.providerId === providerId);
  }

  targetGroupRow(code: string, period?: DateRange): EffectRow {
    const rows = this.indexed(['targetGroup'], period, 'targetGroup');
    return rows.get(code) ?? this.emptyRow({ targetGroup: code });
  }

  /** The rows of a one-key grouping by that key, indexed once per cached table. */
  private indexed(
    groupBy: GroupKey[],
    period: DateRange | undefined,
    key: 'offerId' | 'providerId' | 'targetGroup',
  ): Map<string, EffectRow> {
    const rows = this.effects({ groupBy, period, periodUnit: 'halfYear' });
    let index = this.rowIndexes.get(rows);
    if (!index) {
      index = indexRows(rows, key);
      this.rowIndexes.set(rows, index);
    }
    return index;
  }

  /**
   * The effect table for any grouping and period, exactly as `evg effects` computes it from
   * the same records. Answers are cached per query; the model itself never changes.
   */
  effects(effectsQuery: EffectsQuery): EffectRow[] {
    const compute = (): EffectRow[] =>
      this.version === null
        ? []
        : aggregateCells(this.engineConfig(effectsQuery), this.fineCells).map((cell) =>
            toEffectRow(cell, this.measures),
          );
    // Exact figures are the data owner's: no cache could serve them to anyone else.
    if (effectsQuery.exact === true) return compute();
    const key = effectsKey(effectsQuery);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const rows = compute();
    remember(this.cache, key, rows, this.cacheSize);
    return rows;
  }

  private engineConfig(effectsQuery: EffectsQuery): EngineConfig {
    return {
      asOf: this.version?.asOf ?? '1970-01-01',
      catalog: {
        benefitTypes: this.snapshot.benefitTypes,
        offers: this.snapshot.offers,
        providers: this.snapshot.providers,
      },
      measures: this.measures,
      groupBy: effectsQuery.groupBy,
      periodUnit: effectsQuery.periodUnit,
      minCellSize: this.options.minCellSize,
      exact: effectsQuery.exact === true,
      ...(effectsQuery.period ? { period: effectsQuery.period } : {}),
    };
  }

  /** The row of a group with no enrollments at all: every figure empty, keys as given. */
  emptyRow(keys: CellKeys, scoped = false): EffectRow {
    this.zeroRow ??= toEffectRow(emptyEffectCell(this.engineConfig(query([]))), this.measures);
    const row = { ...keys, ...this.zeroRow };
    return scoped ? withoutComplaints(row) : row;
  }
}

/** The target groups a scoped view is over (distinct, sorted), or undefined for all of them. */
export function scopeOf(targetGroups: readonly string[] | undefined): string[] | undefined {
  return targetGroups && targetGroups.length > 0 ? [...new Set(targetGroups)].sort() : undefined;
}

/**
 * The cache key of `offerViews(period, targetGroups)`: equal for the same period and set of groups.
 * @example offerViewsKey(undefined, ['b', 'a', 'a']) // 'all|a,b'
 */
export function offerViewsKey(period: DateRange | undefined, targetGroups?: readonly string[]): string {
  return `${periodKey(period)}|${scopeOf(targetGroups)?.join(',') ?? '*'}`;
}

/**
 * The cache key of an effect table: grouping, period and period unit.
 * @example effectsKey({ groupBy: ['offer'], period: undefined, periodUnit: 'halfYear' }) // 'offer|all|halfYear'
 */
export function effectsKey(effectsQuery: EffectsQuery): string {
  return `${effectsQuery.groupBy.join(',')}|${periodKey(effectsQuery.period)}|${effectsQuery.periodUnit}`;
}

/** The all-time query of a grouping by half-year, as the standard views use. */
export function query(groupBy: GroupKey[]): EffectsQuery {
  return { groupBy, period: undefined, periodUnit: 'halfYear' };
}

export function indexRows(
  rows: readonly EffectRow[],
  key: 'offerId' | 'providerId' | 'targetGroup',
): Map<string, EffectRow> {
  const index = new Map<string, EffectRow>();
  for (const row of rows) {
    const value = row[key];
    if (value !== undefined) index.set(value, row);
  }
  return index;
}

export function groupRows(
  rows: readonly EffectRow[],
  key: 'offerId' | 'providerId',
): Map<string, EffectRow[]> {
  const groups = new Map<string, EffectRow[]>();
  for (const row of rows) {
    const value = row[key];
    if (value === undefined) continue;
    const list = groups.get(value) ?? [];
    list.push(row);
    groups.set(value, list);
  }
  for (const list of groups.values()) {
    list.sort((a, b) => String(a.period ?? a.targetGroup).localeCompare(String(b.period ?? b.targetGroup)));
  }
  return groups;
}

/** Map insertion order doubles as age: the oldest entry goes first when the cache is full. */
export function remember<T>(cache: Map<string, T>, key: string, value: T, size: number): void {
  if (cache.size >= size) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, value);
}
