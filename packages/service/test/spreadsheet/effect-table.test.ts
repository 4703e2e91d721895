import { DEFAULT_MEASURES, type CellKeys, type EffectRow } from '@evg/effects';
import { describe, expect, it } from 'vitest';
import { catalogNames } from '../../src/spreadsheet/catalog-names.ts';
import { effectTable, figureKind } from '../../src/spreadsheet/effect-table.ts';
import { roundFor } from '../../src/spreadsheet/table.ts';
import { offers, providers } from '../app/fixture.ts';

const names = catalogNames({
  offers,
  providers,
  targetGroups: [{ code: 'jobparat', name: 'Jobparate' }],
  industries: null,
});

function row(fields: CellKeys): EffectRow {
  const rate = {
    n: 356,
    x: 224,
    rate: 0.6292134831460674,
    ciLow: 0.5778,
    ciHigh: 0.67785,
    suppressed: false,
  };
  const outcome = { ...rate, pending: 3, expectedRate: 0.5123456, oe: 1.228111, adjustedRate: 0.70123456 };
  return {
    ...fields,
    outcomes: Object.fromEntries(DEFAULT_MEASURES.map((m) => [m.key, outcome])),
    companyShare: rate,
    satisfiedShare: { ...rate, mean: 4.12345 },
    closerShare: { ...rate, mean: 3.5 },
    ageUnder30Share: rate,
    unemploymentDuration: {
      n: 356,
      median: 120.5,
      bands: { '<3m': 0.251234, '3-6m': 0.25, '6-12m': 0.25, '>12m': 0.248766 },
      suppressed: false,
    },
    started: 400,
    completed: 356,
    active: 44,
    complaints: 2,
    complaintsPer100: 0.5617977,
    costPerOutcome: 15892.857,
  };
}

describe('effect tables for export', () => {
  it('puts the catalogue name beside each id and code', () => {
    const table = effectTable(
      [row({ offerId: 'T1', targetGroup: 'jobparat', package: 'jobpakke' })],
      ['offer', 'package', 'targetGroup'],
      DEFAULT_MEASURES,
      names,
    );
    const keys = table.columns.map((c) => c.key);
    expect(keys.slice(0, 6)).toEqual([
      'offerId',
      'offerName',
      'package',
      'packageName',
      'targetGroup',
      'targetGroupName',
    ]);
    const [values] = [...table.rows];
    expect(values!.slice(0, 6)).toEqual([
      'T1',
      'Rengøring og service',
      'jobpakke',
      'Jobpakke',
      'jobparat',
      'Jobparate',
    ]);
  });

  it('leaves a name empty where the catalogue has none (an industry-less offer, an unknown id)', () => {
    const table = effectTable(
      [row({ offerId: 'GONE', industry: null })],
      ['offer', 'industry'],
      DEFAULT_MEASURES,
      names,
    );
    const [values] = [...table.rows];
    expect(values!.slice(0, 4)).toEqual(['GONE', null, null, null]);
  });

  it('rounds shares to 4 decimals, ratios to 3, scores to 2, kroner whole, and keeps counts', () => {
    const table = effectTable([row({ offerId: 'T1' })], ['offer'], DEFAULT_MEASURES, names);
    const [values] = [...table.rows];
    const get = (key: string) => values![table.columns.findIndex((c) => c.key === key)];
    expect(get('effect3m_rate')).toBe(0.6292);
    expect(get('effect3m_ciHigh')).toBe(0.6779);
    expect(get('effect3m_n')).toBe(356);
    expect(get('effect3m_oe')).toBe(1.228);
    expect(get('satisfiedShare_mean')).toBe(4.12);
    expect(get('costPerOutcome')).toBe(15893);
    expect(get('unemploymentDuration_bands_<3m')).toBe(0.2512);
    expect(get('effect3m_suppressed')).toBe(false);
  });

  it('gives every figure column a Danish heading', () => {
    const table = effectTable([], ['offer'], DEFAULT_MEASURES, names);
    const heading = (key: string) => table.columns.find((c) => c.key === key)?.heading;
    expect(heading('offerName')).toBe('Tilbud');
    expect(heading('effect3m_rate')).toBe('3 mdr. effekt: andel');
    expect(heading('companyShare_ciLow')).toBe('Virksomhedsrettet: 95 %-interval, nedre');
    expect(heading('unemploymentDuration_bands_>12m')).toBe('Ledighed før start: andel over 12 mdr.');
    expect(heading('costPerOutcome')).toBe('Pris pr. effekt (kr.)');
  });

  it('classifies figures by field and rounds without -0', () => {
    expect(figureKind('status3m_adjustedRate')).toBe('share');
    expect(figureKind('newMeasure_somethingElse')).toBe('decimal');
    expect(roundFor('share', -0.00001)).toBe(0);
    expect(Object.is(roundFor('share', -0.00001), -0)).toBe(false);
    expect(roundFor('share', 0.00005)).toBe(0.0001);
  });
});
