/**
 * The context of the chosen target group, as the seeds' quality review shows it beside the
 * offers: how many citizens are in an offer now, how many completed one, the age split at 30
 * and how long they had been on public support before starting (bands and median).
 *
 * @example
 *   targetGroupContext({ profile, name: 'Kontanthjælp, match 2', lang: 'da', minCellSize: 5 })
 */
import { html } from './html.js';
import { t } from './i18n.js';
import { formatNumber, formatPercent } from './format.js';
import { shareBar } from './charts.js';
import { suppressedFigure } from './cells.js';

/** @typedef {import('./i18n.js').Lang} Lang */
/** @typedef {import('./model.js').TargetGroupProfile} TargetGroupProfile */

const BANDS = ['<3m', '3-6m', '6-12m', '>12m'];

/**
 * @param {number | null} share
 * @param {boolean} suppressed
 * @param {Lang} lang
 * @param {number} minCellSize
 */
function shareCell(share, suppressed, lang, minCellSize) {
  if (suppressed || share === null) return suppressedFigure(lang, minCellSize);
  return html`<span class="value">${formatPercent(share, lang)}</span>${shareBar(share)}`;
}

/**
 * @param {number | null} count
 * @param {Lang} lang
 * @param {number} minCellSize
 */
function countCell(count, lang, minCellSize) {
  return count === null ? suppressedFigure(lang, minCellSize) : html`${formatNumber(count, lang)}`;
}

/**
 * @param {object} options
 * @param {TargetGroupProfile} options.profile
 * @param {string} options.name the target group's name
 * @param {Lang} options.lang
 * @param {number} options.minCellSize
 */
export function targetGroupContext({ profile, name, lang, minCellSize }) {
  const age = profile.ageUnder30Share;
  const ageSuppressed = !age || age.suppressed || age.rate === null;
  const duration = profile.unemploymentDuration;
  const durationSuppressed = !duration || duration.suppressed;
  return html`<h2 id="tg-title">${t(lang, 'tg.title', { name })}</h2>
    <div class="context-grid">
      <dl class="key-figures">
        <div>
          <dt>${t(lang, 'tg.active')}</dt>
          <dd id="tg-active">${countCell(profile.active, lang, minCellSize)}</dd>
        </div>
        <div>
          <dt>${t(lang, 'tg.completed')}</dt>
          <dd id="tg-completed">${countCell(profile.completed, lang, minCellSize)}</dd>
        </div>
      </dl>
      <table class="context-table">
        <caption>
          ${t(lang, 'tg.age')}${age && age.n !== null ? html` <span class="n">(${t(lang, 'cell.n', { n: formatNumber(age.n, lang) })})</span>` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col"><span class="visually-hidden">${t(lang, 'tg.age')}</span></th>
            <th scope="col">${t(lang, 'tg.share')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">${t(lang, 'tg.ageUnder30')}</th>
            <td>${shareCell(age?.rate ?? null, ageSuppressed, lang, minCellSize)}</td>
          </tr>
          <tr>
            <th scope="row">${t(lang, 'tg.age30plus')}</th>
            <td>
              ${shareCell(
                age?.rate === null || age?.rate === undefined ? null : 1 - age.rate,
                ageSuppressed,
                lang,
                minCellSize,
              )}
            </td>
          </tr>
        </tbody>
      </table>
      <table class="context-table">
        <caption>
          ${t(lang, 'tg.duration')}${
            duration && !durationSuppressed && duration.median !== null
              ? html` <span class="n"
                  >(${t(lang, 'tg.median', { days: formatNumber(duration.median, lang) })})</span
                >`
              : ''
          }
        </caption>
        <thead>
          <tr>
            <th scope="col"><span class="visually-hidden">${t(lang, 'tg.duration')}</span></th>
            <th scope="col">${t(lang, 'tg.share')}</th>
          </tr>
        </thead>
        <tbody>
          ${BANDS.map(
            (band) =>
              html`<tr>
                <th scope="row">${t(lang, `tg.band.${band}`)}</th>
                <td>${shareCell(duration?.bands?.[band] ?? null, durationSuppressed, lang, minCellSize)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}
