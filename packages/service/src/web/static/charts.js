/**
 * Small inline SVG charts. Each is decorative for assistive technology (`aria-hidden`): the
 * page always prints the same numbers as text or in a table beside it, and series differ by
 * line style and marker shape as well as colour.
 *
 * @example
 *   rateBar({ rate: 0.28, ciLow: 0.24, ciHigh: 0.33, suppressed: false }).toString() // '<svg …>'
 */
import { html } from './html.js';

/** @typedef {import('./html.js').SafeHtml} SafeHtml */
/** @typedef {{ rate: number | null, ciLow: number | null, ciHigh: number | null, suppressed: boolean }} RateLike */

/** @param {number} value */
function clamp01(value) {
  return Math.min(1, Math.max(0, value));
}

/** @param {number} value */
function fixed(value) {
  return Math.round(value * 10) / 10;
}

/**
 * A horizontal bar for a share with its 95% interval drawn as a whisker across it.
 * Empty string for a suppressed or missing figure (the text beside it says why).
 *
 * @param {RateLike | null | undefined} cell
 * @returns {SafeHtml}
 */
export function rateBar(cell) {
  if (!cell || cell.suppressed || cell.rate === null) return html``;
  const width = fixed(clamp01(cell.rate) * 100);
  const whisker =
    cell.ciLow !== null && cell.ciHigh !== null
      ? html`<g
          class="whisker"
          data-low="${fixed(clamp01(cell.ciLow) * 100)}"
          data-high="${fixed(clamp01(cell.ciHigh) * 100)}"
        >
          <line
            x1="${fixed(clamp01(cell.ciLow) * 100)}"
            x2="${fixed(clamp01(cell.ciHigh) * 100)}"
            y1="7"
            y2="7"
          ></line>
          <line
            x1="${fixed(clamp01(cell.ciLow) * 100)}"
            x2="${fixed(clamp01(cell.ciLow) * 100)}"
            y1="2"
            y2="12"
          ></line>
          <line
            x1="${fixed(clamp01(cell.ciHigh) * 100)}"
            x2="${fixed(clamp01(cell.ciHigh) * 100)}"
            y1="2"
            y2="12"
          ></line>
        </g>`
      : html``;
  return html`<svg
    class="rate-bar"
    viewBox="0 0 100 14"
    preserveAspectRatio="none"
    aria-hidden="true"
    focusable="false"
  >
    <rect class="track" x="0" y="3" width="100" height="8"></rect>
    <rect class="bar" x="0" y="3" width="${width}" height="8" data-rate="${width}"></rect>
    ${whisker}
  </svg>`;
}

/**
 * A plain bar for a share without an interval (age split, duration bands).
 *
 * @param {number | null | undefined} share
 * @returns {SafeHtml}
 */
export function shareBar(share) {
  if (share === null || share === undefined) return html``;
  return html`<svg
    class="rate-bar"
    viewBox="0 0 100 14"
    preserveAspectRatio="none"
    aria-hidden="true"
    focusable="false"
  >
    <rect class="track" x="0" y="3" width="100" height="8"></rect>
    <rect class="bar" x="0" y="3" width="${fixed(clamp01(share) * 100)}" height="8"></rect>
  </svg>`;
}

/**
 * @typedef {object} TrendSeries
 * @property {string} key
 * @property {string} label
 * @property {(RateLike | null)[]} values one per period, null or suppressed = gap
 */

const WIDTH = 640;
/** The chart's width on a phone: drawn at about its real size there, so 12px text stays 12px. */
export const NARROW_CHART_WIDTH = 340;
const HEIGHT = 300;
// Legend above the plot; room below for period labels, slanted when they would collide.
const MARGIN = { left: 72, right: 16, top: 40, bottom: 64 };
// On a phone: a narrower axis margin and the legend's entries one under the other.
const NARROW_MARGIN = { left: 44, right: 10, top: 58, bottom: 78 };
const LEGEND_STEP = 200;
const STYLES = [
  { className: 'series-a', dash: '', marker: 'circle' },
  { className: 'series-b', dash: '6 4', marker: 'square' },
  { className: 'series-c', dash: '2 3', marker: 'triangle' },
];

/**
 * @param {'circle' | 'square' | 'triangle'} marker
 * @param {number} x
 * @param {number} y
 * @returns {SafeHtml}
 */
function markerAt(marker, x, y) {
  if (marker === 'square')
    return html`<rect class="marker" x="${fixed(x - 4)}" y="${fixed(y - 4)}" width="8" height="8"></rect>`;
  if (marker === 'triangle') {
    return html`<polygon
      class="marker"
      points="${fixed(x)},${fixed(y - 5)} ${fixed(x + 5)},${fixed(y + 4)} ${fixed(x - 5)},${fixed(y + 4)}"
    ></polygon>`;
  }
  return html`<circle class="marker" cx="${fixed(x)}" cy="${fixed(y)}" r="4"></circle>`;
}

/**
 * A line chart of shares over periods, each point with its 95% interval; a suppressed point
 * breaks the line. The y axis runs from 0 to the next 10% above the highest interval.
 *
 * @param {object} options
 * @param {string[]} options.periodLabels x axis labels, one per period
 * @param {TrendSeries[]} options.series up to three series
 * @param {(share: number) => string} options.formatShare y axis tick labels
 * @param {number} [options.width] drawing width (640 by default; NARROW_CHART_WIDTH on a phone)
 * @returns {SafeHtml}
 */
export function trendChart({ periodLabels, series, formatShare, width = WIDTH }) {
  const narrow = width < 2 * LEGEND_STEP + MARGIN.left;
  const margin = narrow ? NARROW_MARGIN : MARGIN;
  const height = narrow ? HEIGHT + NARROW_MARGIN.top - MARGIN.top : HEIGHT;
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const highs = series.flatMap((s) =>
    s.values.map((v) => (v && !v.suppressed ? (v.ciHigh ?? v.rate ?? 0) : 0)),
  );
  const top = Math.min(1, Math.max(0.1, Math.ceil(Math.max(0, ...highs) * 10) / 10));
  // Each period gets an equal band; series are drawn side by side within it so equal values
  // and their intervals stay visible instead of hiding one another.
  const band = plotWidth / Math.max(1, periodLabels.length);
  const dodge = Math.min(10, band / 8);
  /** @param {number} i @param {number} [seriesIndex] */
  const xAt = (i, seriesIndex = -1) =>
    margin.left +
    band * (i + 0.5) +
    (seriesIndex < 0 ? 0 : (seriesIndex - (Math.min(series.length, STYLES.length) - 1) / 2) * dodge);
  /** @param {number} share */
  const yAt = (share) => margin.top + plotHeight * (1 - clamp01(share) / top);

  const ticks = [0, top / 2, top];
  const grid = ticks.map(
    (tick) =>
      html`<g class="tick">
        <line
          x1="${margin.left}"
          x2="${width - margin.right}"
          y1="${fixed(yAt(tick))}"
          y2="${fixed(yAt(tick))}"
        ></line>
        <text x="${margin.left - 6}" y="${fixed(yAt(tick) + 4)}" text-anchor="end">${formatShare(tick)}</text>
      </g>`,
  );
  const slanted = band < 90;
  // Steeper on a phone, where the bands are narrow: the labels then need less width each.
  const angle = narrow ? -45 : -30;
  const xLabels = periodLabels.map((label, i) => {
    const x = fixed(xAt(i));
    const y = height - margin.bottom + 18;
    return slanted
      ? html`<text class="x-label" x="${x}" y="${y}" text-anchor="end" transform="rotate(${angle} ${x} ${y})"
          >${label}</text
        >`
      : html`<text class="x-label" x="${x}" y="${y}" text-anchor="middle">${label}</text>`;
  });

  const lines = series.slice(0, STYLES.length).map((s, index) => {
    const style = STYLES[index] ?? STYLES[0];
    if (!style) return html``;
    /** @type {string[][]} */
    const segments = [[]];
    /** @type {SafeHtml[]} */
    const points = [];
    s.values.forEach((value, i) => {
      if (!value || value.suppressed || value.rate === null) {
        segments.push([]);
        return;
      }
      const x = xAt(i, index);
      const y = yAt(value.rate);
      segments[segments.length - 1]?.push(`${fixed(x)},${fixed(y)}`);
      if (value.ciLow !== null && value.ciHigh !== null) {
        points.push(
          html`<line
            class="interval"
            x1="${fixed(x)}"
            x2="${fixed(x)}"
            y1="${fixed(yAt(value.ciLow))}"
            y2="${fixed(yAt(value.ciHigh))}"
          ></line>`,
        );
      }
      points.push(markerAt(/** @type {'circle' | 'square' | 'triangle'} */ (style.marker), x, y));
    });
    const paths = segments
      .filter((segment) => segment.length > 1)
      .map(
        (segment) =>
          html`<polyline points="${segment.join(' ')}" stroke-dasharray="${style.dash}"></polyline>`,
      );
    return html`<g class="series ${style.className}" data-series="${s.key}">${paths}${points}</g>`;
  });

  const legend = series.slice(0, STYLES.length).map((s, index) => {
    const style = STYLES[index] ?? STYLES[0];
    if (!style) return html``;
    const x = narrow ? margin.left - 30 : margin.left + index * LEGEND_STEP;
    const y = narrow ? 16 + index * 18 : 18;
    return html`<g class="series ${style.className}">
      <line x1="${x}" x2="${x + 28}" y1="${y - 4}" y2="${y - 4}" stroke-dasharray="${style.dash}"></line>
      ${markerAt(/** @type {'circle' | 'square' | 'triangle'} */ (style.marker), x + 14, y - 4)}
      <text class="legend" x="${x + 36}" y="${y}">${s.label}</text>
    </g>`;
  });

  return html`<svg
    class="trend-chart${narrow ? ' narrow' : ''}"
    viewBox="0 0 ${width} ${height}"
    aria-hidden="true"
    focusable="false"
  >
    ${grid}${xLabels}${lines}${legend}
  </svg>`;
}
