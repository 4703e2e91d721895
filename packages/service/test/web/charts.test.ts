import { describe, expect, it } from 'vitest';
import { NARROW_CHART_WIDTH, rateBar, trendChart } from '../../src/web/static/charts.js';

const cell = (rate: number, ciLow: number, ciHigh: number) => ({ rate, ciLow, ciHigh, suppressed: false });
const hidden = { rate: null, ciLow: null, ciHigh: null, suppressed: true };

describe('charts never draw what the disclosure rule hides', () => {
  it('draws a bar to the rate with the 95% interval across it', () => {
    const svg = rateBar(cell(0.2809, 0.2367, 0.3297)).toString();
    expect(svg).toContain('data-rate="28.1"');
    expect(svg).toMatch(/data-low="23.7"\s+data-high="33"/);
  });

  it('draws no bar for a suppressed cell', () => {
    expect(rateBar(hidden).toString()).toBe('');
    expect(rateBar(null).toString()).toBe('');
  });

  it('breaks a trend line at a suppressed half-year instead of joining across it', () => {
    const svg = trendChart({
      periodLabels: ['2024H1', '2024H2', '2025H1', '2025H2'],
      series: [
        {
          key: 'effect3m',
          label: '3 mdr. effekt',
          values: [cell(0.4, 0.3, 0.5), cell(0.5, 0.4, 0.6), hidden, cell(0.45, 0.35, 0.55)],
        },
      ],
      formatShare: (share: number) => `${Math.round(share * 100)} %`,
    }).toString();
    // Two points joined, then a gap, then a lone point: one line segment and three markers.
    expect(svg.match(/<polyline/g)).toHaveLength(1);
    expect(svg.match(/class="marker"/g)?.length).toBe(3 + 1); // three points and the legend's marker
    expect(svg.match(/class="interval"/g)).toHaveLength(3);
  });

  it('draws a phone-sized chart with its legend stacked, inside its own width', () => {
    const values = [cell(0.3, 0.2, 0.4), cell(0.5, 0.4, 0.6)];
    const svg = trendChart({
      periodLabels: ['1. halvår 2025', '2. halvår 2025'],
      series: [
        { key: 'a', label: 'A', values },
        { key: 'b', label: 'B', values },
      ],
      formatShare: (share) => `${Math.round(share * 100)} %`,
      width: NARROW_CHART_WIDTH,
    }).toString();
    expect(svg).toContain(`viewBox="0 0 ${NARROW_CHART_WIDTH} `);
    expect(svg).toContain('trend-chart narrow');
    const xs = [...svg.matchAll(/\b(?:cx|x|x1|x2)="(-?[\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.max(...xs)).toBeLessThanOrEqual(NARROW_CHART_WIDTH);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    // Legend entries one under the other: the same x, different y.
    const legend = [...svg.matchAll(/<text class="legend" x="([\d.]+)" y="([\d.]+)"/g)];
    expect(legend).toHaveLength(2);
    expect(legend[0]![1]).toBe(legend[1]![1]);
    expect(legend[0]![2]).not.toBe(legend[1]![2]);
  });
});
