import { describe, expect, it } from 'vitest';
import { offerProfile, TREND_RECENT } from '../../src/web/static/view-offer.js';
import { toOfferProfile, type OfferProfile } from '../../src/web/static/model.js';

const rate = (n: number, x: number) => ({ n, x, rate: x / n, ciLow: 0, ciHigh: 1, suppressed: false });

/** An offer from 2012 as the API sends it: thirty half-years, 2012H1 … 2026H2. */
function profileWithHalfYears(count: number): OfferProfile {
  const trend = Array.from({ length: count }, (_, i) => ({
    period: `${2012 + Math.floor(i / 2)}H${(i % 2) + 1}`,
    effect3m: rate(20, 5 + (i % 10)),
    effect7m: rate(20, 6),
  }));
  return toOfferProfile({
    offer: { offerId: 'T1', name: 'Rengøring og service', targetGroups: [], industries: [] },
    provider: null,
    effects: {},
    byTargetGroup: [],
    trend,
    latestSupervision: null,
  });
}

const lists = { targetGroups: [], industries: [], packages: [], providers: [], periods: [], measures: [] };
const draw = (profile: OfferProfile, allHalfYears: boolean) =>
  offerProfile({ profile, lists, lang: 'da', minCellSize: 5, allHalfYears }).toString();
const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;
/** Markers on the lines: the legend draws one more per measure (two measures). */
const pointMarkers = (text: string) => count(text, /class="marker/g) - 2;
const tableRows = (text: string) => count(text.slice(text.indexOf('trend-table')), /<th scope="row">/g);

describe('the half-year trend of an offer with a long history', () => {
  it(`charts the last ${TREND_RECENT} half-years by default, with a toggle; the table has all 30`, () => {
    const text = draw(profileWithHalfYears(30), false);
    // One marker per half-year and measure (two measures).
    expect(pointMarkers(text)).toBe(TREND_RECENT * 2);
    expect(text).toContain('Grafen viser de seneste 10 af 30 halvår; tabellen har dem alle.');
    expect(text).toMatch(
      /<button type="button" id="trend-toggle" aria-pressed="false">\s*Vis alle 30 halvår/,
    );
    expect(tableRows(text)).toBe(30);
    expect(text).toContain('1. halvår 2012');
  });

  it('charts every half-year when asked, and offers to go back to the recent ones', () => {
    const text = draw(profileWithHalfYears(30), true);
    expect(pointMarkers(text)).toBe(60);
    expect(text).toMatch(/aria-pressed="true">\s*Vis kun de seneste 10 halvår/);
    expect(tableRows(text)).toBe(30);
  });

  it(`needs no toggle for ${TREND_RECENT} half-years or fewer`, () => {
    const text = draw(profileWithHalfYears(TREND_RECENT), false);
    expect(pointMarkers(text)).toBe(TREND_RECENT * 2);
    expect(text).not.toContain('trend-toggle');
  });
});
