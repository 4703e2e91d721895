/**
 * The search form: the two entry points (target group or industry) first, then the other
 * filters of `GET /v1/offers` and the sort order. A plain form with labels and a submit
 * button, so it works the same with a keyboard, a screen reader or a mouse.
 *
 * @example
 *   main.innerHTML = searchForm({ state, lists, facets: {}, lang: 'da', moreOpen: false }).toString();
 */
import { attr, html } from './html.js';
import { formatPeriod } from './format.js';
import { hasText, t } from './i18n.js';
import { customOutcomes, measureLabel } from './measures.js';
import { MIN_FIELD_PREFIX, sortKeysFor } from './url-state.js';

/** @typedef {import('./i18n.js').Lang} Lang */
/** @typedef {import('./url-state.js').AppState} AppState */
/** @typedef {import('./model.js').CodeEntry} CodeEntry */
/** @typedef {import('./model.js').ProviderEntry} ProviderEntry */
/** @typedef {import('./model.js').FacetCount} FacetCount */

/**
 * @typedef {object} CodeLists
 * @property {CodeEntry[]} targetGroups
 * @property {CodeEntry[]} industries
 * @property {CodeEntry[]} packages
 * @property {ProviderEntry[]} providers
 * @property {string[]} periods half-years the data cover, newest first
 * @property {import('./measures.js').MeasureEntry[]} measures the outcome measures the data carry (`GET /v1/measures`)
 */

export const PROVIDER_KINDS = /** @type {const} */ (['external', 'internal', 'other_actor']);

/**
 * The label of a package code in the reader's language.
 *
 * @param {string} code
 * @param {CodeEntry[]} packages
 * @param {Lang} lang
 * @returns {string}
 */
export function packageLabel(code, packages, lang) {
  if (hasText(lang, `package.${code}`)) return t(lang, `package.${code}`);
  return packages.find((entry) => entry.code === code)?.name ?? code;
}

/**
 * @param {string} code
 * @param {CodeEntry[]} list
 * @returns {string}
 */
export function codeLabel(code, list) {
  return list.find((entry) => entry.code === code)?.name ?? code;
}

/**
 * The label of a sort key, e.g. '3 mdr. effekt (justeret), højest først'.
 *
 * @param {import('./url-state.js').SortKey} key
 * @param {Lang} lang
 * @param {readonly import('./measures.js').MeasureEntry[]} [measures] labels of the defined measures
 * @returns {string}
 */
export function sortLabel(key, lang, measures = []) {
  if (key === 'name' || key === 'price' || key === 'costPerOutcome') return t(lang, `sort.${key}`);
  const [measure = '', adjusted] = key.split('.');
  return t(lang, adjusted ? 'sort.measureAdjusted' : 'sort.measure', {
    measure: measureLabel(measure, lang, measures),
  });
}

/**
 * @param {object} options
 * @param {string} options.id
 * @param {string} options.name
 * @param {string} options.label
 * @param {string} options.value
 * @param {{ value: string, label: string }[]} options.choices
 * @param {FacetCount[] | undefined} options.facet counts shown beside each choice
 * @param {Lang} options.lang
 */
function select({ id, name, label, value, choices, facet, lang }) {
  const counts = new Map((facet ?? []).map((entry) => [entry.value, entry.count]));
  return html`<div class="field">
    <label for="${id}">${label}</label>
    <select id="${id}" name="${name}">
      <option value="">${t(lang, 'filters.any')}</option>
      ${choices.map((choice) => {
        const count = counts.get(choice.value);
        const suffix = facet ? ` (${count ?? 0})` : '';
        return html`<option value="${choice.value}" ${choice.value === value ? html`selected` : ''}>
          ${choice.label}${suffix}
        </option>`;
      })}
    </select>
  </div>`;
}

/**
 * @param {object} options
 * @param {string} options.id
 * @param {string} options.name
 * @param {string} options.label
 * @param {number | null} options.value
 * @param {number} options.max
 * @param {number} options.step
 */
function numberField({ id, name, label, value, max, step }) {
  return html`<div class="field">
    <label for="${id}">${label}</label>
    <input
      id="${id}"
      name="${name}"
      type="number"
      inputmode="numeric"
      min="0"
      max="${max}"
      step="${step}"
      value="${value ?? ''}"
    />
  </div>`;
}

/**
 * A minimum field for each measure the municipality defined, like those of the built-in effects.
 *
 * @param {AppState} state
 * @param {readonly import('./measures.js').MeasureEntry[]} measures
 * @param {Lang} lang
 */
function definedMinimumFields(state, measures, lang) {
  return customOutcomes(measures).map((key) =>
    numberField({
      id: `f-min-${key}`,
      name: `${MIN_FIELD_PREFIX}${key}`,
      label: t(lang, 'filters.minMeasure', { measure: measureLabel(key, lang, measures) }),
      value: state.minMeasures.find((minimum) => minimum.key === key)?.percent ?? null,
      max: 100,
      step: 1,
    }),
  );
}

/**
 * @param {object} options
 * @param {AppState} options.state
 * @param {CodeLists} options.lists
 * @param {Record<string, FacetCount[]>} options.facets facet counts of the current results, if any
 * @param {Lang} options.lang
 * @param {boolean} options.moreOpen whether "more filters" is unfolded
 */
export function searchForm({ state, lists, facets, lang, moreOpen }) {
  const targetGroupSelect = select({
    id: 'f-targetGroup',
    name: 'targetGroup',
    label: t(lang, 'filters.targetGroup'),
    value: state.targetGroup,
    choices: lists.targetGroups.map((entry) => ({ value: entry.code, label: entry.name })),
    facet: facets.targetGroup,
    lang,
  });
  const industrySelect = select({
    id: 'f-industry',
    name: 'industry',
    label: t(lang, 'filters.industry'),
    value: state.industry,
    choices: lists.industries.map((entry) => ({ value: entry.code, label: entry.name })),
    facet: facets.industry,
    lang,
  });
  const byTargetGroup = state.entry === 'targetGroup';
  const advancedSet =
    state.package !== '' ||
    state.provider !== '' ||
    state.providerKind !== '' ||
    state.maxPrice !== null ||
    state.minEffect3m !== null ||
    state.minEffect7m !== null ||
    state.minSatisfaction !== null ||
    state.minCompanyShare !== null ||
    state.minMeasures.length > 0 ||
    state.minHours !== null ||
    state.maxHours !== null ||
    state.minWeeks !== null ||
    state.maxWeeks !== null ||
    state.accessible ||
    (byTargetGroup ? state.industry !== '' : state.targetGroup !== '');

  return html`<section class="search panel" aria-labelledby="search-title">
    <h2 id="search-title">${t(lang, 'filters.title')}</h2>
    <form id="search-form" role="search" aria-labelledby="search-title">
      <div class="search-top">
        <fieldset class="entry">
          <legend>${t(lang, 'entry.legend')}</legend>
          <div class="entry-choice">
            <span class="choice">
              <input
                type="radio"
                id="entry-targetGroup"
                name="entry"
                value="targetGroup"
                ${attr('checked', byTargetGroup)}
              />
              <label for="entry-targetGroup">${t(lang, 'entry.targetGroup')}</label>
            </span>
            <span class="choice">
              <input
                type="radio"
                id="entry-industry"
                name="entry"
                value="industry"
                ${attr('checked', !byTargetGroup)}
              />
              <label for="entry-industry">${t(lang, 'entry.industry')}</label>
            </span>
          </div>
          <div class="entry-select">${byTargetGroup ? targetGroupSelect : industrySelect}</div>
        </fieldset>
        <div class="field-row">
          <div class="field grow">
            <label for="f-q">${t(lang, 'filters.q')}</label>
            <input
              id="f-q"
              name="q"
              type="search"
              value="${state.q}"
              aria-describedby="f-q-hint"
              autocomplete="off"
            />
            <span id="f-q-hint" class="hint">${t(lang, 'filters.qHint')}</span>
          </div>
          <div class="field">
            <label for="f-period">${t(lang, 'filters.period')}</label>
            <select id="f-period" name="period">
              <option value="">${t(lang, 'filters.allTime')}</option>
              ${lists.periods.map(
                (period) =>
                  html`<option value="${period}" ${period === state.period ? html`selected` : ''}>
                    ${formatPeriod(period, lang)}
                  </option>`,
              )}
            </select>
          </div>
          <div class="field">
            <label for="f-sort">${t(lang, 'filters.sort')}</label>
            <select id="f-sort" name="sort">
              ${sortKeysFor(customOutcomes(lists.measures)).map(
                (key) =>
                  html`<option value="${key}" ${key === state.sort ? html`selected` : ''}>
                    ${sortLabel(key, lang, lists.measures)}
                  </option>`,
              )}
            </select>
          </div>
        </div>
      </div>
      <details id="more-filters" ${moreOpen || advancedSet ? html`open` : ''}>
        <summary>${t(lang, 'filters.more')}</summary>
        <div class="field-grid">
          ${byTargetGroup ? industrySelect : targetGroupSelect}
          ${select({
            id: 'f-package',
            name: 'package',
            label: t(lang, 'filters.package'),
            value: state.package,
            choices: lists.packages.map((entry) => ({
              value: entry.code,
              label: packageLabel(entry.code, lists.packages, lang),
            })),
            facet: facets.package,
            lang,
          })}
          ${select({
            id: 'f-provider',
            name: 'provider',
            label: t(lang, 'filters.provider'),
            value: state.provider,
            choices: lists.providers.map((entry) => ({ value: entry.id, label: entry.name })),
            facet: facets.provider,
            lang,
          })}
          ${select({
            id: 'f-providerKind',
            name: 'providerKind',
            label: t(lang, 'filters.providerKind'),
            value: state.providerKind,
            choices: PROVIDER_KINDS.map((kind) => ({ value: kind, label: t(lang, `kind.${kind}`) })),
            facet: undefined,
            lang,
          })}
          ${numberField({ id: 'f-maxPrice', name: 'maxPrice', label: t(lang, 'filters.maxPrice'), value: state.maxPrice, max: 10_000_000, step: 100 })}
          ${numberField({ id: 'f-min3m', name: 'minEffect3m', label: t(lang, 'filters.minEffect3m'), value: state.minEffect3m, max: 100, step: 1 })}
          ${numberField({ id: 'f-min7m', name: 'minEffect7m', label: t(lang, 'filters.minEffect7m'), value: state.minEffect7m, max: 100, step: 1 })}
          ${definedMinimumFields(state, lists.measures, lang)}
          ${numberField({ id: 'f-minSat', name: 'minSatisfaction', label: t(lang, 'filters.minSatisfaction'), value: state.minSatisfaction, max: 100, step: 1 })}
          ${numberField({ id: 'f-minCompany', name: 'minCompanyShare', label: t(lang, 'filters.minCompanyShare'), value: state.minCompanyShare, max: 100, step: 1 })}
          ${numberField({ id: 'f-minHours', name: 'minHours', label: t(lang, 'filters.minHours'), value: state.minHours, max: 100, step: 1 })}
          ${numberField({ id: 'f-maxHours', name: 'maxHours', label: t(lang, 'filters.maxHours'), value: state.maxHours, max: 100, step: 1 })}
          ${numberField({ id: 'f-minWeeks', name: 'minWeeks', label: t(lang, 'filters.minWeeks'), value: state.minWeeks, max: 200, step: 1 })}
          ${numberField({ id: 'f-maxWeeks', name: 'maxWeeks', label: t(lang, 'filters.maxWeeks'), value: state.maxWeeks, max: 200, step: 1 })}
          <div class="field checkbox">
            <input
              id="f-accessible"
              name="accessible"
              type="checkbox"
              value="true"
              ${state.accessible ? html`checked` : ''}
            />
            <label for="f-accessible">${t(lang, 'filters.accessible')}</label>
          </div>
        </div>
      </details>
      <div class="actions">
        <button type="submit" class="primary">${t(lang, 'filters.submit')}</button>
        <button type="button" id="reset-search">${t(lang, 'filters.reset')}</button>
      </div>
    </form>
  </section>`;
}
