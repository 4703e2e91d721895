import { describe, expect, it } from 'vitest';
import { searchQuery } from '../../src/web/static/api.js';
import { DEFAULT_STATE, parseState, sameSearch, serializeState } from '../../src/web/static/url-state.js';

describe('the chosen period in the URL and the search query', () => {
  it('keeps a half-year in the URL and sends it as the API period', () => {
    const state = parseState('?tg=jobparat&period=2025H1');
    expect(state.period).toBe('2025H1');
    expect(serializeState(state)).toBe('tg=jobparat&period=2025H1');
    expect(searchQuery(state, 20).get('period')).toBe('2025H1');
  });

  it('means all time when absent, and sends no period then', () => {
    expect(parseState('?tg=jobparat').period).toBe('');
    expect(searchQuery({ ...DEFAULT_STATE, targetGroup: 'jobparat' }, 20).has('period')).toBe(false);
  });

  it('drops what is not a half-year instead of sending it on', () => {
    for (const period of ['2025', '2025Q1', '2025H3', 'H1', '2025h1x', '2025-01']) {
      expect(parseState(`?period=${period}`).period).toBe('');
    }
  });

  it('counts as a different search, so changing it fetches new figures', () => {
    expect(sameSearch(parseState('?tg=a'), parseState('?tg=a&period=2024H2'))).toBe(false);
    expect(sameSearch(parseState('?tg=a&period=2024H2'), parseState('?tg=a&period=2024H2&ids=T1'))).toBe(
      true,
    );
  });
});
