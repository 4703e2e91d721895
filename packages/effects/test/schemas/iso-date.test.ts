import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../src/schemas/iso-date.ts';

describe('isIsoDate', () => {
  it('accepts existing dates, leap days included', () => {
    for (const day of ['2024-02-29', '2000-02-29', '2026-12-31', '2026-04-30', '1950-01-01']) {
      expect(isIsoDate(day)).toBe(true);
    }
  });

  it('refuses impossible days and other formats', () => {
    for (const day of [
      '2023-02-29',
      '1900-02-29',
      '2026-02-30',
      '2026-04-31',
      '2026-00-10',
      '2026-01-00',
      '2026-1-01',
      '20260101',
      '2026/01/01',
      '',
    ]) {
      expect(isIsoDate(day)).toBe(false);
    }
  });
});
