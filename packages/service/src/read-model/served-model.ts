import {
  DEFAULT_BONUS_MEASURE,
  DEFAULT_MEASURES,
  type DateRange,
  type EffectRow,
  type GroupKey,
  type MeasureDefinition,
  type Offer,
  type PeriodUnit,
  type Provider,
  type Supervision,
} from '@evg/effects';
import type { EffectsOutput } from '../http/effects-export.ts';
import type { ModelHost } from './model-host.ts';
import type { Catalogue, ModelAnswer, ModelRequest, PrebuiltModel } from './model-requests.ts';
import { indexCatalogue, type CatalogueIndex } from './catalogue-index.ts';
import {
  effectsKey,
  groupRows,
  indexRows,
  offerViewsKey,
  query,
  remember,
  type EffectsQuery,
  type OfferView,
  type ReadModelOptions,
} from './read-model.ts';
import type { DataVersion } from './snapshot.ts';

let generations = 0;

/**
 * The read model as the event loop sees it: the catalogue and the standard tables, built
 * elsewhere (`ModelHost`: a worker thread in the service) and handed over whole, so no request
 * ever waits for a model to be built. Anything else (another period, several target groups,
 * another grouping, a table's body) is asked of the host, which holds the fine cells, and is
 * kept once answered. Immutable like the `ReadModel` behind it: a new data version is a new
 * `ServedModel`.
 *
 * @example
 *   const model = await ServedModel.build(host, { minCellSize: 5 });
 *   (await model.offerView('T-0001'))?.row.outcomes.effect3m?.rate;
 */
export class ServedModel {
  /** Distinct for every model built in this process; caches of answers are keyed by it. */
  readonly generation: number;
  readonly version: DataVersion | null;
  readonly measures: readonly MeasureDefinition[];
  readonly offers: readonly Offer[];
  readonly providers: readonly Provider[];
  readonly minCellSize: number;
  readonly asOf: string | null;
  /** The catalogue of the snapshot (no fine cells: they stay with the host). */
  readonly snapshot: Catalogue;
  private readonly index: CatalogueIndex;
  private readonly bonusMeasureByOffer: Map<string, string>;
  private readonly tables = new Map<string, Promise<EffectRow[]>>();
  private readonly offerViewsByScope = new Map<string, Promise<OfferView[]>>();
  private readonly tableSizes = new Map<string, Promise<number>>();
  private readonly byOfferTargetGroup: Map<string, EffectRow[]>;
  private readonly byOfferHalfYear: Map<string, EffectRow[]>;
  private readonly zeroRow: EffectRow;
  private readonly cacheSize: number;
  private readonly rowIndexes = new WeakMap<readonly EffectRow[], Map<string, EffectRow>>();
  private readonly offerViewIndexes = new WeakMap<readonly OfferView[], Map<string, OfferView>>();
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  private constructor(
    private readonly host: ModelHost,
    generation: number,
    prebuilt: PrebuiltModel,
    options: ReadModelOptions,
  ) {
    this.generation = generation;
    const { catalogue } = prebuilt;
    this.snapshot = catalogue;
    this.version = catalogue.dataVersion;
    this.measures = catalogue.dataVersion?.measures ?? options.measures ?? DEFAULT_MEASURES;
    this.minCellSize = options.minCellSize;
    this.asOf = catalogue.dataVersion?.asOf ?? null;
    this.cacheSize = options.cacheSize ?? 200;
    // Indexed as ReadModel indexes it, so views line up with the rows the host answers.
    this.index = indexCatalogue(catalogue);
    this.offers = this.index.offers;
    this.providers = this.index.providers;
    this.bonusMeasureByOffer = new Map((catalogue.bonusRules ?? []).map((r) => [r.offerId, r.measureKey]));
    this.zeroRow = prebuilt.zeroRow;
    const tables = new Map(prebuilt.tables);
    for (const [key, rows] of tables) this.tables.set(key, Promise.resolve(rows));
    for (const [key, rows] of prebuilt.offerRows)
      this.offerViewsByScope.set(key, Promise.resolve(this.viewsOf(rows)));
    this.byOfferTargetGroup = groupRows(
      tables.get(effectsKey(query(['offer', 'targetGroup']))) ?? [],
      'offerId',
    );
    this.byOfferHalfYear = groupRows(tables.get(effectsKey(query(['offer', 'period']))) ?? [], 'offerId');
  }

  /** Builds the model of the stored data now in `host` and takes over its prebuilt parts. */
  static async build(
    host: ModelHost,
    options: ReadModelOptions,
    from: { latest?: boolean } = {},
  ): Promise<ServedModel> {
    const generation = ++generations;
    const prebuilt = await host.build(generation, from.latest ?? false);
    return new ServedModel(host, generation, prebuilt, options);
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

  /** The outcome measure whose success triggers the offer's result bonus (its rule, else effect3m). */
  bonusMeasure(offerId: string): string {
    return this.bonusMeasureByOffer.get(offerId) ?? DEFAULT_BONUS_MEASURE;
  }

  /** `ReadModel.offerViews`: every offer with its row for `period`, scoped to `targetGroups`. */
  offerViews(period: DateRange | undefined, targetGroups?: readonly string[]): Promise<OfferView[]> {
    const key = offerViewsKey(period, targetGroups);
    return this.cached(this.offerViewsByScope, key, async () =>
      this.viewsOf(await this.ask({ kind: 'offerRows', period, targetGroups })),
    );
  }

  async offerView(
    offerId: string,
    period?: DateRange,
    targetGroups?: readonly string[],
  ): Promise<OfferView | undefined> {
    const views = await this.offerViews(period, targetGroups);
    let index = this.offerViewIndexes.get(views);
    if (!index) {
      index = new Map(views.map((view) => [view.offer.offerId, view]));
      this.offerViewIndexes.set(views, index);
    }
    return index.get(offerId);
  }

  /** One row per target group the offer has enrollments in. */
  offerByTargetGroup(offerId: string): EffectRow[] {
    return this.byOfferTargetGroup.get(offerId) ?? [];
  }

  /** One row per half-year, oldest first. */
  offerTrend(offerId: string): EffectRow[] {
    return this.byOfferHalfYear.get(offerId) ?? [];
  }

  async providerRow(providerId: string, period?: DateRange): Promise<EffectRow> {
    const rows = await this.indexed(['provider'], period, 'providerId');
    return rows.get(providerId) ?? { providerId, ...this.zeroRow };
  }

  async providerByTargetGroup(providerId: string): Promise<EffectRow[]> {
    const rows = await this.effects(query(['provider', 'targetGroup']));
    return rows.filter((row) => row.providerId === providerId);
  }

  async targetGroupRow(code: string, period?: DateRange): Promise<EffectRow> {
    const rows = await this.indexed(['targetGroup'], period, 'targetGroup');
    return rows.get(code) ?? { targetGroup: code, ...this.zeroRow };
  }

  /** `ReadModel.effects`: the effect table of any grouping and period, kept once answered. */
  effects(effectsQuery: EffectsQuery): Promise<EffectRow[]> {
    const compute = () => this.ask({ kind: 'effects', query: effectsQuery });
    // Exact figures are the data owner's: no cache could serve them to anyone else.
    if (effectsQuery.exact === true) return compute();
    return this.cached(this.tables, effectsKey(effectsQuery), compute);
  }

  /** How many rows the `/v1/effects` table of a grouping has (see `effectsTableRows`). */
  tableRows(groupBy: readonly GroupKey[], periodUnit: PeriodUnit): Promise<number> {
    return this.cached(this.tableSizes, `${groupBy.join(',')}|${periodUnit}`, () =>
      this.ask({ kind: 'tableRows', groupBy, periodUnit }),
    );
  }

  /** The body of an effect table in `output`, built and serialised by the host. */
  tableBody(effectsQuery: EffectsQuery, output: EffectsOutput, request: string): Promise<Uint8Array> {
    return this.ask({ kind: 'tableBody', query: effectsQuery, output, request });
  }

  /**
   * The workbook of a search's offers (`offerIds`, in the search's order, from
   * `offerViews(period, scope)`), built and serialised by the host.
   */
  offersWorkbook(
    period: DateRange | undefined,
    scope: readonly string[] | null,
    offerIds: readonly string[],
    request: string,
  ): Promise<Uint8Array> {
    return this.ask({ kind: 'offersWorkbook', period, scope, offerIds, request });
  }

  /** Resolves once no request to the host is in flight (before the host may forget the model). */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async ask<R extends ModelRequest>(request: R): Promise<ModelAnswer<R>> {
    this.inFlight++;
    try {
      return await this.host.run(this.generation, request);
    } finally {
      if (--this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private viewsOf(rows: readonly EffectRow[]): OfferView[] {
    return this.offers.map((offer, i) => ({
      offer,
      provider: this.index.providersById.get(offer.providerId),
      row: rows[i]!,
    }));
  }

  /** One answer per key, shared by concurrent callers; a failed one is not kept. */
  private cached<T>(cache: Map<string, Promise<T>>, key: string, compute: () => Promise<T>): Promise<T> {
    const known = cache.get(key);
    if (known) return known;
    const answer = compute();
    remember(cache, key, answer, this.cacheSize);
    answer.catch(() => {
      if (cache.get(key) === answer) cache.delete(key);
    });
    return answer;
  }

  private async indexed(
    groupBy: GroupKey[],
    period: DateRange | undefined,
    key: 'providerId' | 'targetGroup',
  ): Promise<Map<string, EffectRow>> {
    const rows = await this.effects({ groupBy, period, periodUnit: 'halfYear' });
    let index = this.rowIndexes.get(rows);
    if (!index) {
      index = indexRows(rows, key);
      this.rowIndexes.set(rows, index);
    }
    return index;
  }
}
