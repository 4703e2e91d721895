import { describe, expect, it } from 'vitest';
import { t, TEXT_KEYS } from '../../src/web/static/i18n.js';

describe('Danish and English text', () => {
  it('has every text in both languages', () => {
    expect([...TEXT_KEYS.en].sort()).toEqual([...TEXT_KEYS.da].sort());
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (lang: 'da' | 'en', key: string) =>
      [...t(lang, key).matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of TEXT_KEYS.da) expect(placeholders('en', key), key).toEqual(placeholders('da', key));
  });

  it('fills in placeholders', () => {
    expect(t('da', 'cell.suppressed', { min: 5 })).toBe('færre end 5 borgere');
    expect(t('en', 'verdict.noDifference')).toBe('no clear difference');
  });
});
