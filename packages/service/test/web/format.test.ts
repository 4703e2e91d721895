import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatPercent,
  formatPercentRange,
  formatPeriod,
  formatPoints,
  formatPrice,
} from '../../src/web/static/format.js';

// Intl may use a no-break space between number and unit; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('figures read the way a Danish or English reader expects', () => {
  it('shows shares as whole percentages', () => {
    expect(plain(formatPercent(0.2809, 'da'))).toBe('28 %');
    expect(formatPercent(0.2809, 'en')).toBe('28%');
  });

  it('shows an interval with the unit once', () => {
    expect(plain(formatPercentRange(0.2367, 0.3297, 'da'))).toBe('24–33 %');
  });

  it('shows a missing or suppressed figure as a dash, never as 0', () => {
    expect(formatPercent(null, 'da')).toBe('–');
    expect(formatPrice(null, 'en')).toBe('–');
    expect(formatPoints(null, 'da')).toBe('–');
    expect(formatPercentRange(null, 0.3, 'da')).toBe('–');
  });

  it('shows prices in kroner', () => {
    expect(plain(formatPrice(12500, 'da'))).toBe('12.500 kr.');
    expect(formatPrice(12500, 'en')).toBe('DKK 12,500');
  });

  it('shows differences as signed percentage points', () => {
    expect(formatPoints(0.0377, 'da')).toBe('+3,8 pct.point');
    expect(formatPoints(-0.0263, 'en')).toBe('−2.6 pp');
    expect(formatPoints(0, 'en')).toBe('0.0 pp');
  });

  it('shows half-years and quarters in words', () => {
    expect(formatPeriod('2026H1', 'da')).toBe('1. halvår 2026');
    expect(formatPeriod('2026H2', 'en')).toBe('H2 2026');
    expect(formatPeriod('2025Q3', 'da')).toBe('3. kvartal 2025');
  });

  it('shows a calendar date without shifting it by a time zone', () => {
    expect(formatDate('2026-03-01', 'da')).toBe('1. marts 2026');
    expect(formatDate('2026-03-01', 'en')).toBe('1 March 2026');
  });
});
