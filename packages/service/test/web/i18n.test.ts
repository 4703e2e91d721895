import { PROVIDER_KINDS } from '@evg/effects';
import { describe, expect, it } from 'vitest';
import { PROBLEM_KINDS } from '../../src/http/problem.ts';
import { t, TEXT_KEYS } from '../../src/web/static/i18n.js';
import { PROVIDER_KINDS as PAGE_PROVIDER_KINDS } from '../../src/web/static/view-search.js';

describe('Danish and English text', () => {
  it('has every text in both languages', () => {
    expect([...TEXT_KEYS.en].sort()).toEqual([...TEXT_KEYS.da].sort());
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (lang: 'da' | 'en', key: string) =>
      [...t(lang, key).matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of TEXT_KEYS.da) expect(placeholders('en', key), key).toEqual(placeholders('da', key));
  });

  it('names every problem type, in Danish as the API titles it', () => {
    const codes = Object.keys(PROBLEM_KINDS) as (keyof typeof PROBLEM_KINDS)[];
    const problemKeys = TEXT_KEYS.da.filter((key) => key.startsWith('problem.'));
    expect(problemKeys.sort()).toEqual(codes.map((code) => `problem.${code}`).sort());
    for (const code of codes) {
      expect(t('da', `problem.${code}`)).toBe(PROBLEM_KINDS[code].title);
      expect(t('en', `problem.${code}`), code).not.toBe(PROBLEM_KINDS[code].title);
    }
  });

  // The page is plain JavaScript served as it is and cannot import the contract's list.
  it("offers the contract's provider kinds, each named in both languages", () => {
    expect([...PAGE_PROVIDER_KINDS]).toEqual([...PROVIDER_KINDS]);
    for (const kind of PROVIDER_KINDS) {
      expect(TEXT_KEYS.da, kind).toContain(`kind.${kind}`);
      expect(TEXT_KEYS.en, kind).toContain(`kind.${kind}`);
    }
  });

  it('fills in placeholders', () => {
    expect(t('da', 'cell.suppressed', { min: 5 })).toBe('færre end 5 borgere');
    expect(t('en', 'verdict.noDifference')).toBe('no clear difference');
  });
});
