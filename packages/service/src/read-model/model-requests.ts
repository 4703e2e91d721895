import type { DateRange, EffectRow, GroupKey, PeriodUnit } from '@evg/effects';
import { effectsTableRows } from '../http/effects-cost.ts';
import { effectTableBody, type EffectsOutput } from '../http/effects-export.ts';
import { offerWorkbook } from '../http/offers-export.ts';
import { asEffectRows } from '../http/schemas/effect-row.ts';
import { effectsKey, offerViewsKey, query, type EffectsQuery, type ReadModel } from './read-model.ts';
import type { Snapshot } from './snapshot.ts';

/**
 * What the event loop asks of a read model held elsewhere (a worker thread, or the same thread
 * when there is none): every request that aggregates fine cells or serialises a large table.
 * Plain data both ways, so it crosses a thread boundary by structured clone.
 */
export type ModelRequest =
  | { kind: 'offerRows'; period: DateRange | undefined; targetGroups: readonly string[] | undefined }
  | { kind: 'effects'; query: EffectsQuery }
  | { kind: 'tableRows'; groupBy: readonly GroupKey[]; periodUnit: PeriodUnit }
  | { kind: 'tableBody'; query: EffectsQuery; output: EffectsOutput; request: string }
  | {
      kind: 'offersWorkbook';
      period: DateRange | undefined;
      /** The target groups the search is scoped to (null: all). */
      scope: readonly string[] | null;
      /** The offers found, in the search's order (the text search runs in PostgreSQL). */
      offerIds: readonly string[];
      request: string;
    };

/** The answer to each kind of request. */
export interface ModelAnswers {
  /** The effect row of every offer of `offerViews(period, targetGroups)`, in its order. */
  offerRows: EffectRow[];
  effects: EffectRow[];
  /** How many rows the table of that grouping has (`effectsTableRows`). */
  tableRows: number;
  /** The `/v1/effects` body in the output asked for, as UTF-8 (JSON, CSV) or an xlsx file. */
  tableBody: Uint8Array;
  /** The `/v1/offers?format=xlsx` workbook. */
  offersWorkbook: Uint8Array;
}

export type ModelAnswer<R extends ModelRequest> = ModelAnswers[R['kind']];

/** The catalogue of a snapshot: everything but the fine cells, which stay with the model. */
export type Catalogue = Omit<Snapshot, 'fineCells'>;

/**
 * What the event loop serves from without asking: the catalogue, and the tables the read model
 * computes up front (search, profiles, comparisons, providers, target groups), so a swap is one
 * assignment and the common requests never wait for the model's thread.
 */
export interface PrebuiltModel {
  catalogue: Catalogue;
  /** `ReadModel.emptyRow({})`: a row with every figure empty. */
  zeroRow: EffectRow;
  /** Effect rows of `offerViews`, by `offerViewsKey`. */
  offerRows: [string, EffectRow[]][];
  /** Effect tables, by `effectsKey`. */
  tables: [string, EffectRow[]][];
}

/** The tables every model has ready (the read model's standard views and the profile's). */
const STANDARD_TABLES: GroupKey[][] = [
  ['offer'],
  ['offer', 'targetGroup'],
  ['offer', 'period'],
  ['provider'],
  ['provider', 'targetGroup'],
  ['targetGroup'],
];

/**
 * The parts of `model` the event loop serves from: the standard tables, the all-offers view
 * and the view scoped to each single target group (what a caseworker's search asks for).
 *
 * @example
 *   const parts = prebuild(new ReadModel(await source.load(), { minCellSize: 5 }));
 */
export async function prebuild(
  model: ReadModel,
  pause: () => Promise<void> = async () => {},
): Promise<PrebuiltModel> {
  const { fineCells: _cells, ...catalogue } = model.snapshot;
  const scopes: (string[] | undefined)[] = [
    undefined,
    ...catalogue.targetGroups.map((entry) => [entry.code]),
  ];
  // One table or view at a time with a pause between: a worker answers the requests that
  // arrived meanwhile (for the model still served) instead of making them wait for all of it.
  const offerRows: [string, EffectRow[]][] = [];
  for (const scope of scopes) {
    offerRows.push([offerViewsKey(undefined, scope), model.offerViews(undefined, scope).map((v) => v.row)]);
    await pause();
  }
  const tables: [string, EffectRow[]][] = [];
  for (const groupBy of STANDARD_TABLES) {
    tables.push([effectsKey(query(groupBy)), model.effects(query(groupBy))]);
    await pause();
  }
  return { catalogue, zeroRow: model.emptyRow({}), offerRows, tables };
}

/**
 * Answers one request from `model`: the same methods the routes called when the model lived on
 * the event loop, so answers are unchanged wherever it runs.
 */
export async function answerRequest<R extends ModelRequest>(
  model: ReadModel,
  request: R,
): Promise<ModelAnswer<R>> {
  return (await answerAny(model, request)) as ModelAnswer<R>;
}

async function answerAny(model: ReadModel, request: ModelRequest): Promise<ModelAnswers[keyof ModelAnswers]> {
  switch (request.kind) {
    case 'offerRows':
      return model.offerViews(request.period, request.targetGroups).map((view) => view.row);
    case 'effects':
      return model.effects(request.query);
    case 'tableRows':
      return effectsTableRows(model, request.groupBy, request.periodUnit);
    case 'tableBody': {
      const rows = model.effects(request.query);
      if (request.output.kind === 'json') return new TextEncoder().encode(JSON.stringify(asEffectRows(rows)));
      const { groupBy, period, exact = false } = request.query;
      return effectTableBody(request.output, { rows, groupBy, period, exact }, model, request.request);
    }
    case 'offersWorkbook': {
      const { period, scope, offerIds } = request;
      const views = model.offerViews(period, scope ?? undefined);
      const byId = new Map(views.map((view) => [view.offer.offerId, view]));
      const lines = offerIds.map((offerId) => {
        const view = byId.get(offerId);
        if (!view) throw new Error(`offer ${offerId} is not in read model ${model.version?.id ?? 0}`);
        return view;
      });
      return offerWorkbook(lines, model, { period, scope, request: request.request });
    }
  }
}
