/**
 * Turns the API's JSON into the shapes the views draw. Every view reads these shapes only, so
 * a change in the API's field names is absorbed here.
 *
 * @example
 *   toOfferSummary(searchResult.items[0]).row.effect3m?.rate
 */

/**
 * @typedef {object} RateView a rate cell as the API sends it (`RateCell` in the OpenAPI document)
 * @property {number | null} n
 * @property {number | null} x
 * @property {number | null} rate
 * @property {number | null} ciLow
 * @property {number | null} ciHigh
 * @property {boolean} suppressed
 * @property {number | null} [adjustedRate] outcome measures only
 * @property {number | null} [pending] outcome measures only
 * @property {number | null} [mean] survey shares only
 */

/**
 * @typedef {Record<string, any> & {
 *   effect3m?: RateView, effect7m?: RateView, status1m?: RateView, status3m?: RateView,
 *   satisfiedShare?: RateView, closerShare?: RateView, companyShare?: RateView, ageUnder30Share?: RateView,
 *   unemploymentDuration?: { n: number | null, median: number | null, bands: Record<string, number | null>, suppressed: boolean },
 *   started?: number | null, completed?: number | null, active?: number | null,
 *   complaints?: number | null, complaintsPer100?: number | null, costPerOutcome?: number | null,
 *   targetGroup?: string, period?: string
 * }} EffectRowView an `EffectRow` of the API
 */

/**
 * @typedef {object} OfferSummary
 * @property {string} id
 * @property {string} name
 * @property {string} providerId
 * @property {string} providerName
 * @property {string} providerKind
 * @property {string} package
 * @property {number | null} priceDkk
 * @property {number | null} resultBonusDkk the bonus per self-sufficient citizen (`result_bonus_dkk`)
 * @property {string | null} resultBonusMeasure the outcome measure whose success triggers the bonus; null without a bonus
 * @property {number | null} hoursPerWeek
 * @property {number | null} durationWeeks
 * @property {boolean | null} accessible
 * @property {string} description
 * @property {string[]} targetGroups
 * @property {string[]} industries
 * @property {EffectRowView} row
 */

/** @typedef {{ code: string, name: string }} CodeEntry */
/** @typedef {{ id: string, name: string, kind: string }} ProviderEntry */
/** @typedef {{ value: string, count: number }} FacetCount */

/**
 * @param {unknown} value
 * @returns {string}
 */
const text = (value) =>
  typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
/**
 * @param {unknown} value
 * @returns {number | null}
 */
const num = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * @param {any} item an `OfferSummary` (search, compare) or `OfferProfile`: `{ offer, provider, effects }`
 * @returns {OfferSummary}
 */
export function toOfferSummary(item) {
  const offer = item?.offer ?? {};
  const provider = item?.provider ?? {};
  return {
    id: text(offer.offerId),
    name: text(offer.name),
    providerId: text(offer.providerId),
    providerName: text(provider.name),
    providerKind: text(provider.kind),
    package: text(offer.package),
    priceDkk: num(offer.priceDkk),
    resultBonusDkk: num(offer.resultBonusDkk),
    resultBonusMeasure: bonusMeasureOf(offer),
    hoursPerWeek: num(offer.hoursPerWeek),
    durationWeeks: num(offer.durationWeeks),
    accessible: typeof offer.accessible === 'boolean' ? offer.accessible : null,
    description: text(offer.description),
    targetGroups: Array.isArray(offer.targetGroups) ? offer.targetGroups.map(text) : [],
    industries: Array.isArray(offer.industries) ? offer.industries.map(text) : [],
    row: item?.effects ?? {},
  };
}

/**
 * The measure that triggers an offer's bonus as the API names it; effect3m (the default rule)
 * when an offer with a bonus comes without one, null for an offer without a bonus.
 *
 * @param {any} offer the API's `Offer`
 * @returns {string | null}
 */
function bonusMeasureOf(offer) {
  const bonus = num(offer.resultBonusDkk);
  if (bonus === null || !(bonus > 0)) return null;
  return typeof offer.resultBonusMeasure === 'string' && offer.resultBonusMeasure !== ''
    ? offer.resultBonusMeasure
    : 'effect3m';
}

/**
 * "Pris inkl. resultatbonus pr. selvforsørget borger": the price per citizen made
 * self-sufficient by the measure that triggers the bonus (price / that measure's published
 * rate) plus the bonus paid for each. Null when the offer has no bonus, no price, or the rate
 * is not shown (suppressed, missing) or 0.
 *
 * @example pricePlusBonus({ priceDkk: 12000, resultBonusDkk: 5000, resultBonusMeasure: 'effect12m',
 *   row: { effect12m: { rate: 0.1 } } }) // 125000
 * @param {Pick<OfferSummary, 'priceDkk' | 'resultBonusDkk' | 'resultBonusMeasure' | 'row'>} offer
 * @returns {number | null}
 */
export function pricePlusBonus(offer) {
  const bonus = offer.resultBonusDkk;
  const measure = offer.resultBonusMeasure;
  if (bonus === null || !(bonus > 0) || measure === null || offer.priceDkk === null) return null;
  const cell = offer.row?.[measure];
  const rate = cell && !cell.suppressed ? num(cell.rate) : null;
  return rate === null || rate === 0 ? null : offer.priceDkk / rate + bonus;
}

/**
 * @typedef {object} SearchResult
 * @property {number} total
 * @property {OfferSummary[]} items
 * @property {Record<string, FacetCount[]>} facets
 */

/**
 * @param {any} body the `GET /v1/offers` answer (`OfferSearchResult`)
 * @returns {SearchResult}
 */
export function toSearchResult(body) {
  const items = Array.isArray(body?.items) ? body.items.map(toOfferSummary) : [];
  return { total: num(body?.total) ?? items.length, items, facets: body?.facets ?? {} };
}

/**
 * @typedef {object} OfferProfile
 * @property {OfferSummary} offer
 * @property {{ row: EffectRowView, targetGroup: string }[]} byTargetGroup
 * @property {{ row: EffectRowView, period: string }[]} trend half-years, oldest first
 * @property {{ smiley: string, visitedOn: string, note: string } | null} supervision
 * @property {{ count: number | null, per100: number | null }} complaints
 */

/**
 * @param {any} body the `GET /v1/offers/{id}` answer (`OfferProfile`)
 * @returns {OfferProfile}
 */
export function toOfferProfile(body) {
  const offer = toOfferSummary(body);
  const supervision = body?.latestSupervision ?? null;
  /** @param {unknown} rows */
  const list = (rows) => (Array.isArray(rows) ? rows : []);
  return {
    offer,
    byTargetGroup: list(body?.byTargetGroup).map((row) => ({ row, targetGroup: text(row?.targetGroup) })),
    trend: list(body?.trend).map((row) => ({ row, period: text(row?.period) })),
    supervision: supervision
      ? {
          smiley: text(supervision.smiley),
          visitedOn: text(supervision.visitedOn),
          note: text(supervision.note),
        }
      : null,
    complaints: { count: num(offer.row.complaints), per100: num(offer.row.complaintsPer100) },
  };
}

/**
 * @typedef {import('./verdict.js').Difference} Difference
 * @typedef {object} Comparison
 * @property {OfferSummary[]} offers in the order asked; the first is the reference
 * @property {Record<string, Record<string, Difference | null>>} differences offer id → measure → difference vs the first
 */

/**
 * @param {any} body the `GET /v1/compare` answer (`Comparison`)
 * @returns {Comparison}
 */
export function toComparison(body) {
  const offers = (Array.isArray(body?.offers) ? body.offers : []).map(toOfferSummary);
  /** @type {Record<string, Record<string, Difference | null>>} */
  const differences = {};
  for (const entry of Array.isArray(body?.differences) ? body.differences : []) {
    differences[text(entry?.offerId)] = entry?.measures ?? {};
  }
  return { offers, differences };
}

/**
 * @typedef {object} TargetGroupProfile
 * @property {string} code
 * @property {string} name
 * @property {number | null} active
 * @property {number | null} completed
 * @property {RateView | null} ageUnder30Share
 * @property {{ n: number | null, median: number | null, bands: Record<string, number | null>, suppressed: boolean } | null} unemploymentDuration
 */

/**
 * @param {any} body the `GET /v1/target-groups/{code}/profile` answer (`TargetGroupProfile`)
 * @returns {TargetGroupProfile}
 */
export function toTargetGroupProfile(body) {
  return {
    code: text(body?.targetGroup?.code),
    name: text(body?.targetGroup?.name) || text(body?.targetGroup?.code),
    active: num(body?.active),
    completed: num(body?.completed),
    ageUnder30Share: body?.ageUnder30Share ?? null,
    unemploymentDuration: body?.unemploymentDuration ?? null,
  };
}

/**
 * @param {any} body a code list answer: an array of `{ code, name }`
 * @returns {CodeEntry[]}
 */
export function toCodeList(body) {
  return (Array.isArray(body) ? body : []).map((entry) => ({
    code: text(entry?.code),
    name: text(entry?.name) || text(entry?.code),
  }));
}

/**
 * @param {any} body the `GET /v1/providers` answer (`ProviderList`)
 * @returns {ProviderEntry[]}
 */
export function toProviderList(body) {
  return (Array.isArray(body?.items) ? body.items : []).map((/** @type {any} */ entry) => ({
    id: text(entry?.provider?.providerId),
    name: text(entry?.provider?.name),
    kind: text(entry?.provider?.kind),
  }));
}

/**
 * The half-years the data cover, newest first, from `GET /v1/effects?groupBy=period`.
 *
 * @param {any} body an array of effect rows, each with a `period` such as '2025H1'
 * @returns {string[]}
 */
export function toPeriodList(body) {
  const periods = (Array.isArray(body) ? body : [])
    .map((/** @type {any} */ row) => text(row?.period))
    .filter((period) => /^\d{4}H[12]$/.test(period));
  return [...new Set(periods)].sort().reverse();
}

/**
 * The data's cut-off date (ISO YYYY-MM-DD) an answer carries, or null when it carries none.
 * The one place the page reads it, so moving the field in the API changes only this function:
 * a top-level `asOf` (every answer carrying figures has one), else `asOf` inside an
 * object-valued `dataVersion`. Without a date the page shows no cut-off line.
 *
 * @example
 *   dataCutOff({ asOf: '2026-10-31', dataVersion: 3 }) // '2026-10-31'
 * @param {any} body any `/v1` answer
 * @returns {string | null}
 */
export function dataCutOff(body) {
  const asOf = body?.asOf ?? body?.dataVersion?.asOf;
  return typeof asOf === 'string' && /^\d{4}-\d{2}-\d{2}/.test(asOf) ? asOf.slice(0, 10) : null;
}
