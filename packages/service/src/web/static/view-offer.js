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
import { MAX_COMPARE } from './url-state.js';
import { t } from './i18n.js';
import { formatDate, formatNumber, formatPercent, formatPeriod, formatPrice } from './format.js';
import { rateFigure, suppressedFigure } from './cells.js';
import { trendChart } from './charts.js';
import { codeLabel, packageLabel } from './view-search.js';

/** @typedef {import('./i18n.js').Lang} Lang */
/** @typedef {import('./model.js').OfferProfile} OfferProfile */
/** @typedef {import('./view-search.js').CodeLists} CodeLists */

const PROFILE_MEASURES = [
  'effect3m',
  'effect7m',
  'status1m',
  'status3m',
  'satisfiedShare',
  'closerShare',
  'companyShare',
];
const OUTCOME_MEASURES = ['effect3m', 'effect7m', 'status1m', 'status3m'];
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

/** Half-years the trend chart shows by default. */
export const TREND_RECENT = 10;

/**
 * @param {object} options
 * @param {OfferProfile} options.profile
 * @param {CodeLists} options.lists
 * @param {Lang} options.lang
 * @param {number} options.minCellSize
 * @param {boolean} [options.allHalfYears] whether the trend chart shows every half-year, not only the last TREND_RECENT
 */
export function offerProfile({ profile, lists, lang, minCellSize, allHalfYears = false }) {
  const { offer, byTargetGroup, trend, supervision, complaints } = profile;
  const yesNo = (/** @type {boolean | null} */ value) =>
    value === null ? t(lang, 'offer.unknown') : t(lang, value ? 'offer.yes' : 'offer.no');
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
    [t(lang, 'offer.costPerOutcome'), formatPrice(offer.row.costPerOutcome, lang)],
  ];

  const notApplicable = html`<span aria-hidden="true">–</span
    ><span class="visually-hidden">${t(lang, 'cell.notApplicable')}</span>`;
  const measureRows = PROFILE_MEASURES.map((measure) => {
    const cell = offer.row[measure];
    const outcome = OUTCOME_MEASURES.includes(measure);
    return html`<tr>
      <th scope="row">${t(lang, `measure.${measure}`)}</th>
      <td>${rateFigure(cell, { lang, minCellSize, bar: true })}</td>
      <td>
        ${outcome ? rateFigure(cell, { lang, minCellSize, adjusted: true, showN: false }) : notApplicable}
      </td>
      <td class="num">
        ${outcome ? (cell && !cell.suppressed ? formatNumber(cell.pending, lang) : suppressedFigure(lang, minCellSize)) : notApplicable}
      </td>
    </tr>`;
  });

  const targetGroupRows = byTargetGroup.map(
    ({ row, targetGroup }) =>
      html`<tr>
        <th scope="row">${codeLabel(targetGroup, lists.targetGroups)}</th>
        ${['effect3m', 'effect7m', 'satisfiedShare', 'companyShare'].map(
          (measure) => html`<td>${rateFigure(row[measure], { lang, minCellSize })}</td>`,
        )}
      </tr>`,
  );

  const trendLabels = trend.map(({ period }) => formatPeriod(period, lang));
  // Offers date back to 2012: thirty half-years squeeze the chart unreadable, so it shows the
  // recent ones unless asked; the table below always has every half-year.
  const trimmed = !allHalfYears && trend.length > TREND_RECENT;
  const chartFrom = trimmed ? trend.length - TREND_RECENT : 0;
  const chartTrend = trend.slice(chartFrom);
  const trendToggle =
    trend.length > TREND_RECENT
      ? html`<p class="trend-scope">
          ${trimmed ? html`<span id="trend-note">${t(lang, 'offer.trendRecent', { shown: TREND_RECENT, count: trend.length })}</span>` : ''}
          <button type="button" id="trend-toggle" aria-pressed="${allHalfYears ? 'true' : 'false'}">
            ${
              allHalfYears
                ? t(lang, 'offer.trendShowRecent', { count: TREND_RECENT })
                : t(lang, 'offer.trendShowAll', { count: trend.length })
            }
          </button>
        </p>`
      : '';
  const trendVisible = trend.some(({ row }) => TREND_MEASURES.some((m) => row[m] && !row[m].suppressed));
  const measuresNames = TREND_MEASURES.map((m) => t(lang, `measure.${m}`)).join(
    lang === 'da' ? ' og ' : ' and ',
  );

  return html`<article class="offer-profile" aria-labelledby="view-title">
    <h2 id="view-title" tabindex="-1">${offer.name}</h2>
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
        <h3>${t(lang, 'offer.complaints')}</h3>
        <p id="complaints">
          ${
            complaints.count === null
              ? t(lang, 'cell.suppressed', { min: minCellSize })
              : t(lang, 'offer.complaintsText', {
                  count: formatNumber(complaints.count, lang),
                  per100: formatNumber(complaints.per100, lang),
                })
          }
        </p>
      </section>
    </div>
    <section class="panel" aria-labelledby="measures-title">
      <h3 id="measures-title">${t(lang, 'offer.measures')}</h3>
      <div class="table-scroll" role="region" aria-labelledby="measures-title" tabindex="0">
        <table class="measures">
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
            ${measureRows}
          </tbody>
        </table>
      </div>
    </section>
    <section class="panel" aria-labelledby="tg-breakdown-title">
      <h3 id="tg-breakdown-title">${t(lang, 'offer.byTargetGroup')}</h3>
      <div class="table-scroll" role="region" aria-labelledby="tg-breakdown-title" tabindex="0">
        <table class="breakdown">
          <thead>
            <tr>
              <th scope="col">${t(lang, 'offer.targetGroup')}</th>
              ${['effect3m', 'effect7m', 'satisfiedShare', 'companyShare'].map((m) => html`<th scope="col">${t(lang, `measure.${m}`)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${targetGroupRows}
          </tbody>
        </table>
      </div>
    </section>
    <section class="panel" aria-labelledby="trend-title">
      <h3 id="trend-title">${t(lang, 'offer.trend')}</h3>
      ${
        trendVisible
          ? html`<figure class="trend">
                <div class="chart-scroll" role="region" aria-label="${t(lang, 'offer.trend')}" tabindex="0">
                  ${trendChart({
                    periodLabels: trendLabels.slice(chartFrom),
                    series: TREND_MEASURES.map((m) => ({
                      key: m,
                      label: t(lang, `measure.${m}`),
                      values: chartTrend.map(({ row }) => row[m] ?? null),
                    })),
                    formatShare: (share) => formatPercent(share, lang),
                  })}
                </div>
                <figcaption>${t(lang, 'offer.trendChart', { measures: measuresNames })}</figcaption>
              </figure>
              ${trendToggle}`
          : html`<p>${t(lang, 'offer.noTrend')}</p>`
      }
      <details class="trend-table" ${trendVisible ? '' : html`open`}>
        <summary>${t(lang, 'offer.trendTable')}</summary>
        <div class="table-scroll" role="region" aria-label="${t(lang, 'offer.trendTable')}" tabindex="0">
          <table>
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
                    ${TREND_MEASURES.map((m) => html`<td>${rateFigure(row[m], { lang, minCellSize })}</td>`)}
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  </article>`;
}
