/**
 * An offer's profile: what it is (description, hours, duration, price, provider), how it is
 * supervised (latest smiley, in words as well as a symbol) and complained about, every measure
 * with its interval, the breakdown per target group and the half-year trend as a chart with
 * the same figures in a table.
 *
 * @example
 *   offerProfile({ profile, lists, lang: 'da', minCellSize: 5 })
 */
import { attr, html } from './html.js';
import { MAX_COMPARE, measureKeys } from './url-state.js';
import { t } from './i18n.js';
import { formatDate, formatNumber, formatPercent, formatPeriod, formatPrice } from './format.js';
import { pricePlusBonusFigure, rateFigure, suppressedFigure } from './cells.js';
import { BUILT_IN_OUTCOMES, customOutcomes, measureLabel } from './measures.js';
import { NARROW_CHART_WIDTH, trendChart } from './charts.js';
import { codeLabel, packageLabel } from './view-search.js';

/** @typedef {import('./i18n.js').Lang} Lang */
/** @typedef {import('./model.js').OfferProfile} OfferProfile */
/** @typedef {import('./view-search.js').CodeLists} CodeLists */

const TREND_MEASURES = ['effect3m', 'effect7m'];

/** A face for each grade; the words beside it carry the meaning, the face is a reminder. */
const SMILEY_FACE = /** @type {Record<string, string>} */ ({ happy: '☺', neutral: '😐', sad: '☹' });

/**
 * @param {OfferProfile['supervision']} supervision
 * @param {Lang} lang
 */
export function smileyText(supervision, lang) {
  if (!supervision) return html`<p>${t(lang, 'offer.noSupervision')}</p>`;
  const grade = ['happy', 'neutral', 'sad'].includes(supervision.smiley) ? supervision.smiley : 'neutral';
  return html`<p class="smiley smiley-${grade}" data-smiley="${grade}">
      <span class="face" aria-hidden="true">${SMILEY_FACE[grade]}</span>
      <span
        ><strong>${t(lang, `smiley.${grade}`)}</strong>,
        ${t(lang, 'offer.visitedOn', {
          date: formatDate(supervision.visitedOn, lang),
        })}</span
      >
    </p>
    ${supervision.note ? html`<p class="note">${supervision.note}</p>` : ''}`;
}

/**
 * Picking the offer for comparison from its profile, and the way on to the comparison.
 *
 * @param {object} options
 * @param {string} options.offerId
 * @param {string} options.offerName
 * @param {import('./url-state.js').AppState} options.state
 * @param {Lang} options.lang
 * @param {string} options.compareHref
 */
export function profileActions({ offerId, offerName, state, lang, compareHref }) {
  const checked = state.ids.includes(offerId);
  const count = state.ids.length;
  return html`<span class="field checkbox">
      <input
        type="checkbox"
        class="pick"
        id="pick-profile"
        data-offer="${offerId}"
        ${attr('checked', checked)}${attr('disabled', !checked && count >= MAX_COMPARE)}
      />
      <label for="pick-profile">${t(lang, 'results.selectOffer', { name: offerName })}</label>
    </span>
    ${
      count >= 2
        ? html`<a class="button" id="compare-link" href="${compareHref}" data-nav
            >${t(lang, 'results.compare', { count })}</a
          >`
        : ''
    }`;
}

/** Half-years the trend chart shows by default; fewer on a phone, where each needs its room. */
export const TREND_RECENT = 10;
export const TREND_RECENT_NARROW = 6;

/**
 * The figures of a profile that are for the target group of the search it was opened from.
 * The profile endpoint answers for all target groups; the page takes the group's figures from
 * the group-scoped search (the same figures the results table showed).
 *
 * @typedef {object} ProfileScope
 * @property {string} code
 * @property {string} name
 * @property {import('./model.js').EffectRowView | null} row null when the offer is not aimed at the group
 */

/**
 * The table of every measure of one effect row: measured with its interval, adjusted, pending.
 *
 * @param {import('./model.js').EffectRowView} row
 * @param {string} title the heading of the section, which names the table's scroll region
 * @param {Lang} lang
 * @param {number} minCellSize
 * @param {readonly import('./measures.js').MeasureEntry[]} measures the API's (defined ones get rows too)
 */
function measuresTable(row, title, lang, minCellSize, measures) {
  const notApplicable = html`<span aria-hidden="true">–</span
    ><span class="visually-hidden">${t(lang, 'cell.notApplicable')}</span>`;
  const custom = customOutcomes(measures);
  const outcomes = [...BUILT_IN_OUTCOMES, ...custom];
  const rows = measureKeys(custom).map((measure) => {
    const cell = row[measure];
    const outcome = outcomes.includes(measure);
    return html`<tr data-measure="${measure}">
      <th scope="row">${measureLabel(measure, lang, measures)}</th>
      <td data-label="${t(lang, 'offer.raw')}">${rateFigure(cell, { lang, minCellSize, bar: true })}</td>
      <td data-label="${t(lang, 'offer.adjusted')}">
        ${outcome ? rateFigure(cell, { lang, minCellSize, adjusted: true, showN: false }) : notApplicable}
      </td>
      <td class="num" data-label="${t(lang, 'offer.pending')}">
        ${outcome ? (cell && !cell.suppressed ? formatNumber(cell.pending, lang) : suppressedFigure(lang, minCellSize)) : notApplicable}
      </td>
    </tr>`;
  });
  return html`<div
    class="table-scroll"
    role="region"
    aria-label="${t(lang, 'table.region', { name: title })}"
    tabindex="0"
  >
    <table class="measures stack">
      <thead>
        <tr>
          <th scope="col">${t(lang, 'offer.measure')}</th>
          <th scope="col">${t(lang, 'offer.raw')}</th>
          <th scope="col">
            <abbr title="${t(lang, 'measure.adjustedLong')}">${t(lang, 'offer.adjusted')}</abbr>
          </th>
          <th scope="col">
            <abbr title="${t(lang, 'offer.pendingLong')}">${t(lang, 'offer.pending')}</abbr>
          </th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

/**
 * @param {object} options
 * @param {OfferProfile} options.profile
 * @param {CodeLists} options.lists
 * @param {Lang} options.lang
 * @param {number} options.minCellSize
 * @param {boolean} [options.allHalfYears] whether the trend chart shows every half-year, not only the recent ones
 * @param {ProfileScope | null} [options.scope] the target group of the search the profile was opened from
 * @param {string} [options.periodText] the chosen period in words ('' = all time), for the scope line
 * @param {boolean} [options.narrow] a phone-width screen: a narrower chart with fewer half-years
 * @param {import('./html.js').SafeHtml | string} [options.footer] drawn at the end (the disclosure note)
 */
export function offerProfile({
  profile,
  lists,
  lang,
  minCellSize,
  allHalfYears = false,
  scope = null,
  periodText = '',
  narrow = false,
  footer = '',
}) {
  const { offer, byTargetGroup, trend, supervision, complaints } = profile;
  const scoped = scope !== null;
  // When the page came from a target-group search, every all-groups figure says so.
  const allGroups = scoped ? html` <span class="scope-tag">(${t(lang, 'offer.allGroups')})</span>` : '';
  const yesNo = (/** @type {boolean | null} */ value) =>
    value === null ? t(lang, 'offer.unknown') : t(lang, value ? 'offer.yes' : 'offer.no');
  /** @type {[string | import('./html.js').SafeHtml, string | import('./html.js').SafeHtml][]} */
  const facts = [
    [t(lang, 'offer.provider'), offer.providerName],
    [
      t(lang, 'offer.providerKind'),
      offer.providerKind ? t(lang, `kind.${offer.providerKind}`) : t(lang, 'offer.unknown'),
    ],
    [t(lang, 'offer.package'), packageLabel(offer.package, lists.packages, lang)],
    [t(lang, 'offer.price'), formatPrice(offer.priceDkk, lang)],
    [
      t(lang, 'offer.hours'),
      offer.hoursPerWeek === null ? t(lang, 'offer.unknown') : formatNumber(offer.hoursPerWeek, lang),
    ],
    [
      t(lang, 'offer.duration'),
      offer.durationWeeks === null
        ? t(lang, 'offer.unknown')
        : t(lang, 'offer.weeks', { count: offer.durationWeeks }),
    ],
    [t(lang, 'offer.accessible'), yesNo(offer.accessible)],
    [
      t(lang, 'offer.targetGroups'),
      offer.targetGroups.map((code) => codeLabel(code, lists.targetGroups)).join(', '),
    ],
    [
      t(lang, 'offer.industries'),
      offer.industries.map((code) => codeLabel(code, lists.industries)).join(', '),
    ],
    [html`${t(lang, 'offer.costPerOutcome')}${allGroups}`, formatPrice(offer.row.costPerOutcome, lang)],
  ];
  // Only where a bonus applies: price per outcome of the measure that triggers the bonus (its
  // published share), plus the bonus of each outcome.
  if (offer.resultBonusDkk !== null && offer.resultBonusDkk > 0) {
    const measure = measureLabel(offer.resultBonusMeasure ?? 'effect3m', lang, lists.measures);
    facts.push([
      html`${t(lang, 'offer.pricePlusBonus', { measure })}${allGroups}`,
      pricePlusBonusFigure(offer, { lang, minCellSize, measures: lists.measures }),
    ]);
  }

  const breakdownMeasures = ['effect3m', 'effect7m', 'satisfiedShare', 'companyShare'];
  const targetGroupRows = byTargetGroup.map(({ row, targetGroup }) => {
    const chosen = scope?.code === targetGroup;
    return html`<tr class="${chosen ? 'chosen' : ''}">
      <th scope="row">
        ${codeLabel(targetGroup, lists.targetGroups)}${chosen ? html` <span class="sub">(${t(lang, 'offer.chosenGroup')})</span>` : ''}
      </th>
      ${breakdownMeasures.map(
        (measure) =>
          html`<td data-label="${t(lang, `measure.${measure}`)}">
            ${rateFigure(row[measure], { lang, minCellSize })}
          </td>`,
      )}
    </tr>`;
  });

  const recent = narrow ? TREND_RECENT_NARROW : TREND_RECENT;
  const trendLabels = trend.map(({ period }) => formatPeriod(period, lang));
  // Offers date back to 2012: thirty half-years squeeze the chart unreadable, so it shows the
  // recent ones unless asked; the table below always has every half-year.
  const trimmed = !allHalfYears && trend.length > recent;
  const chartFrom = trimmed ? trend.length - recent : 0;
  const chartTrend = trend.slice(chartFrom);
  const trendToggle =
    trend.length > recent
      ? html`<p class="trend-scope">
          ${trimmed ? html`<span id="trend-note">${t(lang, 'offer.trendRecent', { shown: recent, count: trend.length })}</span>` : ''}
          <button type="button" id="trend-toggle" aria-pressed="${allHalfYears ? 'true' : 'false'}">
            ${
              allHalfYears
                ? t(lang, 'offer.trendShowRecent', { count: recent })
                : t(lang, 'offer.trendShowAll', { count: trend.length })
            }
          </button>
        </p>`
      : '';
  const trendVisible = trend.some(({ row }) => TREND_MEASURES.some((m) => row[m] && !row[m].suppressed));
  const measuresNames = TREND_MEASURES.map((m) => t(lang, `measure.${m}`)).join(
    lang === 'da' ? ' og ' : ' and ',
  );

  const measuresTitle = scoped ? t(lang, 'offer.measuresAll') : t(lang, 'offer.measures');
  const groupSection = scope ? t(lang, 'offer.measuresGroup', { name: scope.name }) : '';
  const scopeWords = !scope
    ? t(lang, 'compare.scopeAll')
    : scope.row
      ? t(lang, 'offer.scopeGroup', { name: scope.name, section: groupSection })
      : t(lang, 'offer.notInGroup', { name: scope.name });
  const scopeLine = periodText
    ? `${scopeWords} ${t(lang, 'compare.scopePeriod', { period: periodText })}`
    : scopeWords;

  return html`<article class="offer-profile" aria-labelledby="view-title">
    <h2 id="view-title" tabindex="-1">${offer.name}</h2>
    <p class="scope-note" id="offer-scope">${scopeLine}</p>
    <div class="profile-actions" id="profile-actions"></div>
    <div class="profile-grid">
      <section class="panel" aria-labelledby="about-title">
        <h3 id="about-title">${t(lang, 'offer.about')}</h3>
        ${offer.description ? html`<p class="description">${offer.description}</p>` : ''}
        <dl class="facts">
          ${facts.map(
            ([term, value]) =>
              html`<div>
                <dt>${term}</dt>
                <dd>${value || t(lang, 'offer.unknown')}</dd>
              </div>`,
          )}
        </dl>
      </section>
      <section class="panel" aria-labelledby="supervision-title">
        <h3 id="supervision-title">${t(lang, 'offer.supervision')}</h3>
        ${smileyText(supervision, lang)}
        <h3>${t(lang, 'offer.complaints')}${allGroups}</h3>
        <p id="complaints">
          ${
            complaints.count === null
              ? suppressedFigure(lang, minCellSize)
              : t(lang, 'offer.complaintsText', {
                  count: formatNumber(complaints.count, lang),
                  per100: formatNumber(complaints.per100, lang),
                })
          }
        </p>
      </section>
    </div>
    ${
      scope?.row
        ? html`<section class="panel scoped" aria-labelledby="group-measures-title" id="group-measures">
            <h3 id="group-measures-title">${groupSection}</h3>
            ${measuresTable(scope.row, groupSection, lang, minCellSize, lists.measures)}
          </section>`
        : ''
    }
    <section class="panel" aria-labelledby="measures-title" id="all-measures">
      <h3 id="measures-title">${measuresTitle}</h3>
      ${measuresTable(offer.row, measuresTitle, lang, minCellSize, lists.measures)}
    </section>
    <section class="panel" aria-labelledby="tg-breakdown-title">
      <h3 id="tg-breakdown-title">${t(lang, 'offer.byTargetGroup')}</h3>
      <div
        class="table-scroll"
        role="region"
        aria-label="${t(lang, 'table.region', { name: t(lang, 'offer.byTargetGroup') })}"
        tabindex="0"
      >
        <table class="breakdown stack">
          <thead>
            <tr>
              <th scope="col">${t(lang, 'offer.targetGroup')}</th>
              ${breakdownMeasures.map((m) => html`<th scope="col">${t(lang, `measure.${m}`)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${targetGroupRows}
          </tbody>
        </table>
      </div>
    </section>
    <section class="panel" aria-labelledby="trend-title">
      <h3 id="trend-title">${t(lang, 'offer.trend')}${allGroups}</h3>
      ${
        trendVisible
          ? html`<figure class="trend">
                <div class="chart-scroll">
                  ${trendChart({
                    periodLabels: trendLabels.slice(chartFrom),
                    series: TREND_MEASURES.map((m) => ({
                      key: m,
                      label: t(lang, `measure.${m}`),
                      values: chartTrend.map(({ row }) => row[m] ?? null),
                    })),
                    formatShare: (share) => formatPercent(share, lang),
                    width: narrow ? NARROW_CHART_WIDTH : undefined,
                  })}
                </div>
                <figcaption>${t(lang, 'offer.trendChart', { measures: measuresNames })}</figcaption>
              </figure>
              ${trendToggle}`
          : html`<p>${t(lang, 'offer.noTrend')}</p>`
      }
      <details class="trend-table" ${trendVisible ? '' : html`open`}>
        <summary>${t(lang, 'offer.trendTable')}</summary>
        <div
          class="table-scroll"
          role="region"
          aria-label="${t(lang, 'table.region', { name: t(lang, 'offer.trendTable') })}"
          tabindex="0"
        >
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">${t(lang, 'offer.period')}</th>
                ${TREND_MEASURES.map((m) => html`<th scope="col">${t(lang, `measure.${m}`)}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${trend.map(
                ({ row }, i) =>
                  html`<tr>
                    <th scope="row">${trendLabels[i]}</th>
                    ${TREND_MEASURES.map((m) => html`<td data-label="${t(lang, `measure.${m}`)}">${rateFigure(row[m], { lang, minCellSize })}</td>`)}
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </section>
    ${footer}
  </article>`;
}
