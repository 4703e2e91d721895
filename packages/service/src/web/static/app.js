/**
 * The page controller: reads the state from the URL, asks the API for what the current view
 * needs, draws it, and turns clicks and form submissions into new states (pushed to the
 * history, so Back works and every view has a shareable URL). All drawing is done by the
 * view modules; this file only wires them to the DOM.
 */
/* global HTMLAnchorElement, HTMLInputElement, HTMLFormElement, FormData -- browser globals the shared config does not list */
import { getJson, searchQuery, storeApiKey } from './api.js';
import { t } from './i18n.js';
import { formatPeriod } from './format.js';
import { html } from './html.js';
import {
  dataCutOff,
  toCodeList,
  toComparison,
  toPeriodList,
  toOfferProfile,
  toProviderList,
  toSearchResult,
  toTargetGroupProfile,
} from './model.js';
import { customOutcomes, toMeasureList } from './measures.js';
import {
  DEFAULT_STATE,
  hasCriteria,
  parseState,
  sameSearch,
  serializeState,
  stateFromForm,
  toggleColumn,
  toggleSelection,
  withKnownMeasures,
} from './url-state.js';
import { codeLabel, packageLabel, searchForm } from './view-search.js';
import { columnChooser, resultsTable, selectionBar } from './view-results.js';
import { disclosureNote } from './view-disclosure.js';
import { comparisonTable } from './view-compare.js';
import { offerProfile, profileActions } from './view-offer.js';
import { targetGroupContext } from './view-target-group.js';
import { apiKeyForm, errorBox, loadingBox, needsApiKey } from './status.js';

/** @typedef {import('./url-state.js').AppState} AppState */
/** @typedef {import('./view-search.js').CodeLists} CodeLists */
/** @typedef {import('./html.js').SafeHtml} SafeHtml */

const PAGE_SIZE = 20;
/**
 * The disclosure threshold the page explains, as the API reports it in every answer carrying
 * figures; the providers list (loaded before any figure is drawn) sets it first.
 */
let minCellSize = Number.NaN;
/**
 * How far a published count may be from the exact one (cell key method), as the API reports
 * it beside minCellSize; 2 until an answer says otherwise (the service's value).
 */
let maxPerturbation = 2;
/** The data's cut-off date as the latest answer carrying one gave it (see dataCutOff). */
/** @type {string | null} */
let asOf = null;
/** Phone width: the stacked layout of styles.css, and a narrower trend chart. */
const narrowScreen = window.matchMedia('(max-width: 40rem)');

const app = /** @type {HTMLElement} */ (document.getElementById('app'));
const live = /** @type {HTMLElement} */ (document.getElementById('live'));

/** @type {AppState} */
let state = parseState(location.search);
/** @type {CodeLists | null} */
let lists = null;
/** The last search answer, so picking offers does not refetch the table. */
/** @type {{ key: string, result: import('./model.js').SearchResult } | null} */
let lastSearch = null;
/** Bumped on every render; an answer that arrives for an older render is dropped. */
let generation = 0;

/** @type {Map<string, unknown>} */
const cache = new Map();

/**
 * GET through a small cache: the data change only when a refresh completes, and a caseworker
 * going back and forth should not wait twice. Failures are not cached, so retry asks again.
 *
 * @param {string} path
 * @param {URLSearchParams} [params]
 */
async function cachedJson(path, params) {
  const key = `${path}?${params?.toString() ?? ''}`;
  if (cache.has(key)) return cache.get(key);
  const body = await getJson(path, params);
  if (typeof body?.minCellSize === 'number') minCellSize = body.minCellSize;
  if (typeof body?.maxPerturbation === 'number') maxPerturbation = body.maxPerturbation;
  asOf = dataCutOff(body) ?? asOf;
  cache.set(key, body);
  return body;
}

/** @param {Partial<AppState>} patch */
function hrefFor(patch) {
  const query = serializeState({ ...state, ...patch });
  return query ? `?${query}` : location.pathname;
}

/**
 * Replaces an element's content and gives focus back to the element that had it (by id),
 * so re-drawing never throws a keyboard user back to the top of the page.
 *
 * @param {Element} element
 * @param {SafeHtml} content
 */
function replaceContent(element, content) {
  const focusedId = document.activeElement?.id;
  element.innerHTML = content.toString();
  if (focusedId && !document.activeElement?.id) document.getElementById(focusedId)?.focus();
}

/** @param {string} text */
function announce(text) {
  live.textContent = '';
  // A fresh text node after a tick makes screen readers read it even when it is unchanged.
  setTimeout(() => {
    live.textContent = text;
  }, 50);
}

/**
 * @param {AppState} next
 * @param {{ replace?: boolean, rebuild?: boolean }} [options]
 */
function navigate(next, { replace = false, rebuild = true } = {}) {
  const query = serializeState(next);
  const url = query ? `?${query}` : location.pathname;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  const previous = state;
  state = next;
  void render(previous, rebuild);
}

/**
 * Moves focus into a freshly drawn region: to its marked landing element, else to the region.
 *
 * @param {Element} region
 */
function focusWithin(region) {
  const target = region.querySelector('[data-focus-landing]') ?? region;
  if (!(target instanceof HTMLElement)) return;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
}

/**
 * Fills a region with the answer of `load`, showing a loading state first and an error with a
 * retry button if the request fails.
 *
 * @template T
 * @param {Element} region
 * @param {() => Promise<T>} load
 * @param {(data: T) => SafeHtml} draw
 * @param {string} retryId
 * @param {(data: T) => void} [after]
 */
async function fill(region, load, draw, retryId, after) {
  const mine = generation;
  // A keyboard user inside the region (on a pager link, say) must not be dropped to the top.
  const hadFocus = region.contains(document.activeElement);
  region.setAttribute('aria-busy', 'true');
  replaceContent(region, loadingBox(state.lang));
  try {
    const data = await load();
    if (mine !== generation) return;
    replaceContent(region, draw(data));
    if (hadFocus && !region.contains(document.activeElement)) focusWithin(region);
    after?.(data);
  } catch (error) {
    if (mine !== generation) return;
    if (error instanceof Error && error.name === 'AbortError') return;
    if (needsApiKey(error)) {
      showKeyForm();
      return;
    }
    replaceContent(region, errorBox(error, state.lang, retryId));
    document.getElementById(retryId)?.addEventListener('click', () => {
      void fill(region, load, draw, retryId, after).then(() => {
        // Keep the keyboard user where they were: on the region they retried.
        if (!region.contains(document.activeElement)) focusWithin(region);
      });
    });
  } finally {
    if (mine === generation) region.setAttribute('aria-busy', 'false');
  }
}

async function loadLists() {
  const [targetGroups, industries, packages, providers, halfYears, measures] = await Promise.all([
    cachedJson('/v1/target-groups'),
    cachedJson('/v1/industries'),
    cachedJson('/v1/packages'),
    cachedJson('/v1/providers'),
    cachedJson('/v1/effects', new URLSearchParams({ groupBy: 'period' })),
    // The outcome measures with their labels: those the municipality defined become columns,
    // sort options and rows of the profile and the comparison like the built-in ones.
    cachedJson('/v1/measures'),
  ]);
  return {
    targetGroups: toCodeList(targetGroups),
    industries: toCodeList(industries),
    packages: toCodeList(packages),
    providers: toProviderList(providers),
    periods: toPeriodList(halfYears),
    measures: toMeasureList(measures),
  };
}

/** Only the period the caseworker chose, as the API's `period` parameter. */
function periodParams() {
  return new URLSearchParams(state.period ? { period: state.period } : {});
}

/**
 * Replaces the page with the API-key form (the read endpoints answered 401). Submitting it
 * keeps the key for this tab and draws the current view again with it.
 */
function showKeyForm() {
  generation += 1;
  lists = null;
  cache.clear();
  replaceContent(app, apiKeyForm(state.lang));
  document.getElementById('api-key')?.focus();
}

function drawChrome() {
  const lang = state.lang;
  document.documentElement.lang = lang;
  const title = t(lang, 'app.title');
  document.title =
    state.view === 'compare'
      ? `${t(lang, 'compare.title')} – ${title}`
      : state.view === 'offer'
        ? `${t(lang, 'offer.about')} – ${title}`
        : title;
  const set = (/** @type {string} */ id, /** @type {string} */ text) => {
    const element = document.getElementById(id);
    if (element) element.textContent = text;
  };
  set('skip-link', t(lang, 'app.skip'));
  set('site-title', title);
  set('tagline', t(lang, 'app.tagline'));
  const switcher = document.getElementById('lang-switch');
  if (switcher) {
    switcher.textContent = t(lang, 'lang.switch');
    switcher.setAttribute('lang', lang === 'da' ? 'en' : 'da');
    switcher.setAttribute('aria-label', t(lang, 'lang.switchLabel'));
  }
}

/** Writes facet counts into the option labels in place, without disturbing focus or typing. */
/** @param {Record<string, import('./model.js').FacetCount[]>} facets */
function showFacetCounts(facets) {
  if (!lists) return;
  /** @type {[string, string, (value: string) => string][]} */
  const selects = [
    ['f-targetGroup', 'targetGroup', (v) => codeLabel(v, lists?.targetGroups ?? [])],
    ['f-industry', 'industry', (v) => codeLabel(v, lists?.industries ?? [])],
    ['f-package', 'package', (v) => packageLabel(v, lists?.packages ?? [], state.lang)],
    ['f-provider', 'provider', (v) => lists?.providers.find((p) => p.id === v)?.name ?? v],
  ];
  for (const [id, facet, label] of selects) {
    const counts = new Map((facets[facet] ?? []).map((entry) => [entry.value, entry.count]));
    const select = document.getElementById(id);
    if (!select || !facets[facet]) continue;
    for (const option of select.querySelectorAll('option')) {
      if (option.value === '') continue;
      option.textContent = `${label(option.value)} (${counts.get(option.value) ?? 0})`;
    }
  }
}

function drawSelectionBar() {
  const holder = document.getElementById('selection-holder');
  if (holder) replaceContent(holder, selectionBar(state, state.lang, hrefFor({ view: 'compare' })));
}

/**
 * What the results region shows for an answer: the scope, the column chooser (unfolded if it
 * was), the table and the disclosure note.
 *
 * @param {import('./model.js').SearchResult} result
 * @param {CodeLists} currentLists
 */
function resultsContent(result, currentLists) {
  const chooserOpen = document.getElementById('column-chooser')?.hasAttribute('open') ?? false;
  return html`<p class="scope-note" id="results-scope">${scopeText(currentLists)}</p>
    ${result.items.length > 0 ? columnChooser({ state, lang: state.lang, open: chooserOpen, measures: currentLists.measures }) : ''}
    ${resultsTable({
      result,
      state,
      lists: currentLists,
      lang: state.lang,
      minCellSize,
      pageSize: PAGE_SIZE,
      hrefFor,
    })}
    ${disclosureNote({ lang: state.lang, asOf, minCellSize, maxPerturbation, id: 'results-disclosure' })}`;
}

function drawResultsFromCache() {
  const region = document.getElementById('results-body');
  if (!region || !lastSearch || !lists) return;
  replaceContent(region, resultsContent(lastSearch.result, lists));
}

/** @param {boolean} rebuildForm */
function drawSearch(rebuildForm) {
  if (!lists) return;
  const currentLists = lists;
  if (rebuildForm || !document.getElementById('search-form')) {
    const moreOpen = document.getElementById('more-filters')?.hasAttribute('open') ?? false;
    replaceContent(
      app,
      html`<h2 id="view-title" class="visually-hidden" tabindex="-1">${t(state.lang, 'app.title')}</h2>
        ${searchForm({ state, lists: currentLists, facets: {}, lang: state.lang, moreOpen })}
        <section class="panel context" id="tg-context" aria-labelledby="tg-title" hidden></section>
        <section class="panel results-panel" aria-labelledby="results-title">
          <h2 id="results-title">${t(state.lang, 'results.title')}</h2>
          <div id="selection-holder"></div>
          <div id="results-body"></div>
        </section>`,
    );
  }
  drawSelectionBar();

  const context = /** @type {HTMLElement} */ (document.getElementById('tg-context'));
  if (state.targetGroup) {
    context.hidden = false;
    const code = state.targetGroup;
    const name = codeLabel(code, currentLists.targetGroups);
    void fill(
      context,
      async () =>
        toTargetGroupProfile(
          await cachedJson(`/v1/target-groups/${encodeURIComponent(code)}/profile`, periodParams()),
        ),
      (profile) => targetGroupContext({ profile, name, lang: state.lang, minCellSize }),
      'retry-context',
    );
  } else {
    context.hidden = true;
    context.innerHTML = '';
  }

  const region = /** @type {HTMLElement} */ (document.getElementById('results-body'));
  if (!hasCriteria(state)) {
    lastSearch = null;
    replaceContent(region, html`<p class="start-hint">${t(state.lang, 'results.start')}</p>`);
    return;
  }
  const params = searchQuery(state, PAGE_SIZE);
  const key = params.toString();
  void fill(
    region,
    async () => toSearchResult(await cachedJson('/v1/offers', params)),
    (result) => {
      lastSearch = { key, result };
      return resultsContent(result, currentLists);
    },
    'retry-results',
    (result) => {
      showFacetCounts(result.facets);
      announce(
        result.total === 1
          ? t(state.lang, 'results.countOne')
          : t(state.lang, 'results.count', { count: result.total }),
      );
    },
  );
}

function drawCompare() {
  if (!lists) return;
  const currentLists = lists;
  replaceContent(
    app,
    html`<p class="back">
        <a href="${hrefFor({ view: 'search' })}" data-nav>← ${t(state.lang, 'compare.back')}</a>
      </p>
      <section class="panel" aria-labelledby="view-title">
        <h2 id="view-title" tabindex="-1">${t(state.lang, 'compare.title')}</h2>
        <p id="compare-scope" class="scope-note">${scopeText(currentLists)}</p>
        <div id="compare-body"></div>
      </section>`,
  );
  const region = /** @type {HTMLElement} */ (document.getElementById('compare-body'));
  if (state.ids.length < 2) {
    replaceContent(region, html`<p>${t(state.lang, 'compare.needTwo')}</p>`);
    return;
  }
  // The search's target group and period go along, so the offers are compared on the figures
  // the caseworker was looking at.
  const params = periodParams();
  params.set('ids', state.ids.join(','));
  if (state.targetGroup) params.set('targetGroup', state.targetGroup);
  void fill(
    region,
    async () => toComparison(await cachedJson('/v1/compare', params)),
    (comparison) =>
      html`${comparisonTable({ comparison, lists: currentLists, lang: state.lang, minCellSize, hrefFor })}
      ${disclosureNote({ lang: state.lang, asOf, minCellSize, maxPerturbation, id: 'compare-disclosure' })}`,
    'retry-compare',
  );
}

/**
 * Which enrollments the figures of the results and the comparison are over, in words.
 *
 * @param {CodeLists} currentLists
 */
function scopeText(currentLists) {
  const lang = state.lang;
  const groups = state.targetGroup
    ? t(lang, 'compare.scopeGroups', { names: codeLabel(state.targetGroup, currentLists.targetGroups) })
    : t(lang, 'compare.scopeAll');
  return state.period
    ? `${groups} ${t(lang, 'compare.scopePeriod', { period: formatPeriod(state.period, lang) })}`
    : groups;
}

/** The name of the offer on show, for the label of its comparison checkbox. */
let lastProfileName = '';
/** Whether the profile's trend chart shows every half-year (the toggle under the chart). */
let allHalfYears = false;

function drawProfileActions() {
  const holder = document.getElementById('profile-actions');
  if (!holder) return;
  replaceContent(
    holder,
    profileActions({
      offerId: state.offer,
      offerName: lastProfileName,
      state,
      lang: state.lang,
      compareHref: hrefFor({ view: 'compare', offer: '' }),
    }),
  );
}

/**
 * The figures of an offer for one target group: the profile endpoint answers for all target
 * groups only, so they come from the group-scoped search (narrowed to the offer's provider), the
 * same figures the results table showed. `row` is null when the offer is not aimed at the group.
 *
 * @param {import('./model.js').OfferProfile} profile
 * @param {string} code
 * @param {CodeLists} currentLists
 * @returns {Promise<import('./view-offer.js').ProfileScope>}
 */
async function profileScope(profile, code, currentLists) {
  const name = codeLabel(code, currentLists.targetGroups);
  if (!profile.offer.targetGroups.includes(code)) return { code, name, row: null };
  const params = periodParams();
  params.set('targetGroup', code);
  if (profile.offer.providerId) params.set('provider', profile.offer.providerId);
  params.set('sort', 'name');
  params.set('limit', '100');
  for (let offset = 0; ; offset += 100) {
    if (offset > 0) params.set('offset', String(offset));
    const page = toSearchResult(await cachedJson('/v1/offers', params));
    const match = page.items.find((item) => item.id === profile.offer.id);
    if (match) return { code, name, row: match.row };
    if (page.items.length < 100 || offset + 100 >= page.total) return { code, name, row: null };
  }
}

/**
 * @param {boolean} moveFocus whether the caseworker just came here from another view
 * @param {string} [focusId] the element to give focus once drawn (a control that redrew the view)
 */
function drawOffer(moveFocus, focusId) {
  if (!lists) return;
  const currentLists = lists;
  const id = state.offer;
  replaceContent(
    app,
    html`<p class="back">
        <a href="${hrefFor({ view: 'search', offer: '' })}" data-nav>← ${t(state.lang, 'offer.back')}</a>
      </p>
      <div id="offer-body"></div>`,
  );
  const region = /** @type {HTMLElement} */ (document.getElementById('offer-body'));
  const code = state.targetGroup;
  void fill(
    region,
    async () => {
      const profile = toOfferProfile(
        await cachedJson(`/v1/offers/${encodeURIComponent(id)}`, periodParams()),
      );
      return { profile, scope: code ? await profileScope(profile, code, currentLists) : null };
    },
    ({ profile, scope }) =>
      offerProfile({
        profile,
        lists: currentLists,
        lang: state.lang,
        minCellSize,
        allHalfYears,
        scope,
        periodText: state.period ? formatPeriod(state.period, state.lang) : '',
        narrow: narrowScreen.matches,
        footer: disclosureNote({
          lang: state.lang,
          asOf,
          minCellSize,
          maxPerturbation,
          id: 'offer-disclosure',
        }),
      }),
    'retry-offer',
    ({ profile }) => {
      document.title = `${profile.offer.name} – ${t(state.lang, 'app.title')}`;
      lastProfileName = profile.offer.name;
      drawProfileActions();
      if (moveFocus) document.getElementById('view-title')?.focus();
      if (focusId) document.getElementById(focusId)?.focus();
    },
  );
}

/**
 * @param {AppState | null} previous
 * @param {boolean} rebuild whether the view's form and frame are drawn anew
 */
async function render(previous, rebuild) {
  generation += 1;
  drawChrome();
  const viewChanged = !previous || previous.view !== state.view || previous.lang !== state.lang;
  if (!lists) {
    const mine = generation;
    app.setAttribute('aria-busy', 'true');
    replaceContent(app, loadingBox(state.lang));
    try {
      lists = await loadLists();
    } catch (error) {
      if (mine !== generation) return;
      if (needsApiKey(error)) {
        showKeyForm();
        return;
      }
      replaceContent(app, errorBox(error, state.lang, 'retry-lists'));
      document.getElementById('retry-lists')?.addEventListener('click', () => void render(previous, true));
      return;
    } finally {
      app.setAttribute('aria-busy', 'false');
    }
    if (mine !== generation) return;
  }
  // A link may name a measure the data no longer carry (deleted since): the page drops it
  // rather than asking the API for a sort it refuses.
  const known = withKnownMeasures(state, customOutcomes(lists.measures));
  if (known !== state) {
    state = known;
    const query = serializeState(state);
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
  }
  if (state.view === 'compare') drawCompare();
  else if (state.view === 'offer') {
    // Picking the offer for comparison only redraws the checkbox and the compare link.
    if (
      previous?.view === 'offer' &&
      previous.offer === state.offer &&
      previous.lang === state.lang &&
      !rebuild
    ) {
      drawProfileActions();
      return;
    }
    drawOffer(previous !== null && previous.view !== 'offer');
  } else if (previous && !viewChanged && !rebuild && sameSearch(previous, state) && lastSearch) {
    drawSelectionBar();
    drawResultsFromCache();
    return;
  } else drawSearch(rebuild || viewChanged || previous?.entry !== state.entry);
  // A new view moves focus to its heading; a language switch leaves it on the switch.
  if (previous && previous.view !== state.view) document.getElementById('view-title')?.focus();
}

document.addEventListener('click', (event) => {
  const target = /** @type {Element} */ (event.target);
  const link = target.closest('a[data-nav]');
  if (link instanceof HTMLAnchorElement) {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    navigate(parseState(new URL(link.href).search));
    return;
  }
  if (target.closest('#lang-switch')) {
    navigate({ ...state, lang: state.lang === 'da' ? 'en' : 'da' });
    return;
  }
  if (target.closest('#trend-toggle')) {
    allHalfYears = !allHalfYears;
    drawOffer(false, 'trend-toggle');
    return;
  }
  if (target.closest('#reset-search')) {
    navigate({
      ...DEFAULT_STATE,
      ids: state.ids,
      lang: state.lang,
      entry: state.entry,
      columns: state.columns,
    });
    return;
  }
  if (target.closest('#clear-selection')) {
    navigate({ ...state, ids: [] }, { replace: true, rebuild: false });
    document.getElementById('results-title')?.focus();
  }
});

document.addEventListener('change', (event) => {
  const target = event.target;
  if (!(target instanceof HTMLInputElement)) return;
  if (target.classList.contains('pick')) {
    const id = target.dataset.offer ?? '';
    navigate(toggleSelection(state, id, target.checked), { replace: true, rebuild: false });
  } else if (target.classList.contains('col-pick')) {
    const column = /** @type {import('./url-state.js').ResultColumn} */ (target.dataset.column ?? '');
    navigate(toggleColumn(state, column, target.checked), { replace: true, rebuild: false });
  } else if (target.name === 'entry' && (target.value === 'targetGroup' || target.value === 'industry')) {
    // Switching the entry point redraws the form but keeps what was already chosen.
    navigate({ ...state, entry: target.value }, { replace: true, rebuild: true });
  }
});

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.id !== 'search-form') return;
  event.preventDefault();
  navigate(stateFromForm(state, new FormData(form)), { rebuild: false });
  announce(t(state.lang, 'state.loading'));
});

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.id !== 'key-form') return;
  event.preventDefault();
  const key = new FormData(form).get('apiKey');
  if (typeof key !== 'string' || key.trim() === '') return;
  storeApiKey(key.trim());
  void render(null, true);
});

// Turning a tablet or resizing a window across the phone width redraws the chart to fit.
narrowScreen.addEventListener('change', () => {
  if (state.view === 'offer' && lists) drawOffer(false);
});

window.addEventListener('popstate', () => {
  const previous = state;
  state = parseState(location.search);
  void render(previous, true);
});

void render(null, true);
