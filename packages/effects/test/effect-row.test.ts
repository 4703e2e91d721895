import { describe, expect, it } from 'vitest';
import {
  computeEffects,
  DEFAULT_MEASURES,
  effectCsvColumns,
  effectRowJson,
  toCsvRecord,
  toEffectRow,
  type MeasureDefinition,
} from '../src/index.ts';
import { catalog, config, copies, enrollment, offer, period, person } from './support/builders.ts';

const measures: MeasureDefinition[] = [
  ...DEFAULT_MEASURES,
  {
    key: 'effect12m',
    label: '12 mdr. effekt',
    anchor: 'end',
    fromMonth: 0,
    toMonth: 12,
    minSelfSufficientMonths: 9,
  },
];
const cfg = config({
  measures,
  groupBy: ['period', 'offer', 'industry'],
  catalog: catalog([offer('O1', { industries: ['it'], priceDkk: 10_000 })]),
});
const persons = [
  ...copies(6, () => person([enrollment('2024-01-01', '2024-03-31')])),
  ...copies(4, () => person([enrollment('2024-01-01', '2024-03-31')], [period('2024-04-01', '2024-04-30')])),
];

describe('effect rows', () => {
  it('JSON: grouping keys first in canonical order, then one object per measure, then the rest', () => {
    const [cell] = computeEffects(cfg, persons);
    const typed = toEffectRow(cell!, measures);
    expect(Object.keys(typed.outcomes)).toEqual([
      'effect3m',
      'effect7m',
      'status1m',
      'status3m',
      'effect12m',
    ]);
    const row = effectRowJson(typed);
    expect(row.effect3m).toBe(typed.outcomes.effect3m);
    expect(Object.keys(row)).toEqual([
      'offerId',
      'industry',
      'period',
      'effect3m',
      'effect7m',
      'status1m',
      'status3m',
      'effect12m',
      'companyShare',
      'satisfiedShare',
      'closerShare',
      'ageUnder30Share',
      'unemploymentDuration',
      'started',
      'completed',
      'active',
      'complaints',
      'complaintsPer100',
      'costPerOutcome',
    ]);
    expect(row.effect3m).toEqual({
      n: 10,
      x: 6,
      rate: 0.6,
      ciLow: cell!.outcomes.effect3m!.ciLow,
      ciHigh: cell!.outcomes.effect3m!.ciHigh,
      suppressed: false,
      pending: 0,
      expectedRate: 0.6,
      oe: 1,
      adjustedRate: 0.6,
    });
    expect(row.costPerOutcome).toBeCloseTo(10_000 / 0.6, 9);
    expect(JSON.parse(JSON.stringify(row))).toEqual(row);
  });

  it('CSV: the header lists exactly the flattened fields, with the same unrounded numbers', () => {
    const [cell] = computeEffects(cfg, persons);
    const row = toEffectRow(cell!, measures);
    const record = toCsvRecord(row);
    const columns = effectCsvColumns(cfg.groupBy!, measures);
    expect(Object.keys(record)).toEqual(columns);
    expect(columns.slice(0, 6)).toEqual([
      'offerId',
      'industry',
      'period',
      'effect3m_n',
      'effect3m_x',
      'effect3m_rate',
    ]);
    expect(columns).toContain('effect12m_adjustedRate');
    expect(columns).toContain('satisfiedShare_mean');
    expect(columns).toContain('unemploymentDuration_bands_<3m');
    expect(record.effect3m_ciLow).toBe(cell!.outcomes.effect3m!.ciLow);
    expect(record['unemploymentDuration_bands_<3m']).toBe(1);
    expect(record.period).toBe('2024H1');
  });
});
