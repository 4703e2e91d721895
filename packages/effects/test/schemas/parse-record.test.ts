import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/schemas/parse-record.ts';

const enrollment = {
  enrollment_id: 'E1',
  person_id: 'P0000001',
  offer_id: 'O01',
  target_group: 'jobparat',
  start_date: '2024-01-15',
  end_date: '2024-03-31',
  company_oriented: 'true',
  end_reason: '',
};

function issuesOf(kind: Parameters<typeof parseRecord>[0], raw: unknown) {
  const result = parseRecord(kind, raw);
  if (result.ok) throw new Error('expected the row to be refused');
  return result.issues;
}

describe('parseRecord: turning raw rows into records', () => {
  it('reads a CSV row (strings, empty = null) into the camelCase record', () => {
    expect(parseRecord('enrollments', enrollment)).toEqual({
      ok: true,
      record: {
        enrollmentId: 'E1',
        personId: 'P0000001',
        offerId: 'O01',
        targetGroup: 'jobparat',
        startDate: '2024-01-15',
        endDate: '2024-03-31',
        companyOriented: true,
        endReason: null,
      },
    });
  });

  it('reads the same row from NDJSON values', () => {
    const json = { ...enrollment, company_oriented: true, end_reason: null };
    expect(parseRecord('enrollments', json)).toEqual(parseRecord('enrollments', enrollment));
  });

  it('defaults company_oriented to false and missing optional columns to null', () => {
    const { company_oriented: _c, end_reason: _r, end_date: _e, ...minimal } = enrollment;
    const result = parseRecord('enrollments', minimal);
    expect(result).toMatchObject({
      ok: true,
      record: { companyOriented: false, endDate: null, endReason: null },
    });
  });

  it('refuses an unknown field, naming it', () => {
    expect(issuesOf('persons', { person_id: 'P1', birth_date: '1990-01-01', birthdate: 'x' })).toEqual([
      { field: 'birthdate', message: 'is not a field of this record kind' },
    ]);
  });

  it('refuses missing and empty required fields', () => {
    expect(issuesOf('persons', { person_id: '' })).toEqual([
      { field: 'person_id', message: 'is required' },
      { field: 'birth_date', message: 'is required' },
    ]);
    expect(issuesOf('benefit_types', { code: 'su', public_support: null })).toEqual([
      { field: 'public_support', message: 'is required' },
    ]);
  });

  it('refuses dates that do not exist or are not ISO', () => {
    for (const bad of [
      '2026-02-30',
      '2023-02-29',
      '2024-13-01',
      '2024-1-5',
      '15-01-2024',
      '2024-01-15T00:00',
    ]) {
      expect(issuesOf('persons', { person_id: 'P1', birth_date: bad })).toEqual([
        { field: 'birth_date', message: 'must be a date YYYY-MM-DD that exists' },
      ]);
    }
    expect(parseRecord('persons', { person_id: 'P1', birth_date: '2024-02-29' }).ok).toBe(true);
  });

  it('refuses an end date before the start date, but accepts a one-day period', () => {
    expect(issuesOf('enrollments', { ...enrollment, end_date: '2024-01-14' })).toEqual([
      { field: 'end_date', message: 'must not be before start_date' },
    ]);
    const oneDay = {
      person_id: 'P1',
      benefit_type: 'kontanthjaelp',
      start_date: '2024-02-29',
      end_date: '2024-02-29',
    };
    expect(parseRecord('benefit_periods', oneDay).ok).toBe(true);
    expect(issuesOf('benefit_periods', { ...oneDay, end_date: '2024-02-28' })[0]?.field).toBe('end_date');
    const offer = { offer_id: 'O1', provider_id: 'L1', name: 'Job', package: 'jobpakke' };
    expect(issuesOf('offers', { ...offer, valid_from: '2024-02-01', valid_to: '2024-01-31' })).toEqual([
      { field: 'valid_to', message: 'must not be before valid_from' },
    ]);
  });

  it('accepts scores 1 to 5 only, as whole numbers', () => {
    const answer = { response_id: 'R1', enrollment_id: 'E1', answered_on: '2024-04-01' };
    expect(parseRecord('survey_responses', { ...answer, satisfaction: '5', closer_to_job: 1 })).toMatchObject(
      {
        ok: true,
        record: { satisfaction: 5, closerToJob: 1 },
      },
    );
    for (const bad of ['0', '6', '3.5', 'fire', 4.5, -1]) {
      expect(issuesOf('survey_responses', { ...answer, satisfaction: bad })).toEqual([
        { field: 'satisfaction', message: 'must be a whole number between 1 and 5' },
      ]);
    }
  });

  it('reads booleans as true/false only', () => {
    expect(parseRecord('benefit_types', { code: 'su', public_support: 'false' })).toEqual({
      ok: true,
      record: { code: 'su', publicSupport: false, name: null },
    });
    for (const bad of ['yes', '1', 'TRUE', 1]) {
      expect(issuesOf('benefit_types', { code: 'su', public_support: bad })).toEqual([
        { field: 'public_support', message: 'must be true or false' },
      ]);
    }
  });

  it('checks the kind, package and smiley enums', () => {
    expect(issuesOf('providers', { provider_id: 'L1', name: 'A', kind: 'private' })[0]?.field).toBe('kind');
    expect(
      issuesOf('offers', { offer_id: 'O1', provider_id: 'L1', name: 'x', package: 'jobpakken' })[0]?.field,
    ).toBe('package');
    const visit = { supervision_id: 'S1', offer_id: 'O1', visited_on: '2024-05-01' };
    expect(issuesOf('supervisions', { ...visit, smiley: 'angry' })[0]?.field).toBe('smiley');
    expect(parseRecord('supervisions', { ...visit, smiley: 'neutral' }).ok).toBe(true);
  });

  it('checks hours 10–37, duration 1–13 weeks and non-negative whole prices', () => {
    const offer = { offer_id: 'O1', provider_id: 'L1', name: 'Job', package: 'jobpakke' };
    expect(
      parseRecord('offers', {
        ...offer,
        hours_per_week: '10',
        duration_weeks: '13',
        price_dkk: '0',
        result_bonus_dkk: 2500,
      }),
    ).toMatchObject({
      ok: true,
      record: { hoursPerWeek: 10, durationWeeks: 13, priceDkk: 0, resultBonusDkk: 2500 },
    });
    const fields = (raw: object) => issuesOf('offers', { ...offer, ...raw }).map((issue) => issue.field);
    expect(fields({ hours_per_week: '9' })).toEqual(['hours_per_week']);
    expect(fields({ hours_per_week: '38' })).toEqual(['hours_per_week']);
    expect(fields({ duration_weeks: '0' })).toEqual(['duration_weeks']);
    expect(fields({ duration_weeks: '14' })).toEqual(['duration_weeks']);
    expect(fields({ price_dkk: '-1' })).toEqual(['price_dkk']);
    expect(fields({ price_dkk: '1000.50' })).toEqual(['price_dkk']);
    expect(fields({ result_bonus_dkk: -5 })).toEqual(['result_bonus_dkk']);
  });

  it('splits target groups and industries on ;, from a string or a JSON array', () => {
    const offer = { offer_id: 'O1', provider_id: 'L1', name: 'Job', package: 'jobpakke' };
    expect(
      parseRecord('offers', { ...offer, target_groups: 'jobparat;dagpenge', industries: '' }),
    ).toMatchObject({
      ok: true,
      record: { targetGroups: ['jobparat', 'dagpenge'], industries: [] },
    });
    expect(parseRecord('offers', { ...offer, industries: ['it', 'rengoering'] })).toMatchObject({
      ok: true,
      record: { industries: ['it', 'rengoering'] },
    });
    expect(issuesOf('offers', { ...offer, industries: [1, 2] })[0]?.field).toBe('industries');
  });

  it('refuses a CPR-like person id without echoing it', () => {
    for (const cpr of ['0101901234', '010190-1234']) {
      const issues = issuesOf('benefit_periods', {
        person_id: cpr,
        benefit_type: 'x',
        start_date: '2024-01-01',
      });
      expect(issues).toHaveLength(1);
      expect(issues[0]?.field).toBe('person_id');
      expect(JSON.stringify(issues)).not.toContain(cpr.slice(0, 6));
    }
  });

  it('refuses values of the wrong JSON type', () => {
    expect(issuesOf('persons', { person_id: 17, birth_date: '1990-01-01' })).toEqual([
      { field: 'person_id', message: 'must be text' },
    ]);
    expect(issuesOf('persons', 'P1,1990-01-01')).toEqual([
      { field: '', message: 'must be an object with named fields' },
    ]);
  });
});
