import { rm } from 'node:fs/promises';
import type { PersonRecords } from '@evg/effects';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachPerson } from '../../src/data-dir/for-each-person.ts';
import { openDataDir } from '../../src/data-dir/open-data-dir.ts';
import type { RawRow } from '../../src/data-dir/record-writer.ts';
import { SMALL, writeDataDir } from './fixture.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function collect(rows: typeof SMALL, format: 'csv' | 'ndjson' = 'csv') {
  const dir = await writeDataDir(rows, format);
  dirs.push(dir);
  const data = await openDataDir(dir);
  let persons: PersonRecords[] = [];
  const result = await forEachPerson(data, () => {
    persons = [];
    return (person) => persons.push(person);
  });
  return { persons, result, issues: data.issues.issues };
}

/** Many persons with several rows each, so that shuffling really breaks the order. */
function manyPersons(): typeof SMALL {
  const persons: RawRow[] = [];
  const periods: RawRow[] = [];
  const enrollments: RawRow[] = [];
  for (let i = 0; i < 300; i++) {
    const id = `P${String(i).padStart(4, '0')}`;
    persons.push({ person_id: id, birth_date: '1990-01-01' });
    periods.push({
      person_id: id,
      benefit_type: 'kontanthjaelp',
      start_date: '2023-01-01',
      end_date: '2023-12-31',
    });
    periods.push({ person_id: id, benefit_type: 'su', start_date: '2024-01-01', end_date: null });
    enrollments.push({
      enrollment_id: `E${i}`,
      person_id: id,
      offer_id: i % 2 ? 'O1' : 'O2',
      target_group: 'jobparat',
      start_date: '2023-06-01',
      end_date: '2023-08-31',
    });
  }
  return { ...SMALL, persons, benefit_periods: periods, enrollments, survey_responses: [] };
}

/** A deterministic shuffle (no Math.random in tests either: failures must reproduce). */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let state = 7;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 48271) % 2147483647;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('forEachPerson', () => {
  it('yields each person with their periods, enrollments and survey answers', async () => {
    const { persons, result, issues } = await collect(SMALL);
    expect(issues).toEqual([]);
    expect(result).toEqual({ persons: 3, grouping: 'streamed', unsortedFile: null });
    expect(persons.map((p) => p.person?.personId)).toEqual(['P01', 'P02', 'P03']);
    expect(persons[1]?.benefitPeriods.map((p) => p.benefitType)).toEqual(['kontanthjaelp', 'su']);
    expect(persons[1]?.enrollments.map((e) => e.enrollmentId)).toEqual(['E2']);
    expect(persons[1]?.surveyResponses.map((r) => r.responseId)).toEqual(['R1']);
    expect(persons[2]?.benefitPeriods).toHaveLength(2);
  });

  it('gives the same persons for unsorted files, grouping them in memory', async () => {
    const sorted = await collect(manyPersons());
    const rows = manyPersons();
    const unsorted = await collect({
      ...rows,
      benefit_periods: shuffled(rows.benefit_periods!),
      enrollments: shuffled(rows.enrollments!),
    });
    expect(sorted.result.grouping).toBe('streamed');
    expect(unsorted.result).toMatchObject({ persons: 300, grouping: 'in-memory' });
    expect(['benefit_periods.csv', 'enrollments.csv']).toContain(unsorted.result.unsortedFile);
    const canonical = (list: PersonRecords[]) =>
      list.map((p) => ({
        ...p,
        benefitPeriods: [...p.benefitPeriods].sort((a, b) => a.startDate.localeCompare(b.startDate)),
      }));
    expect(canonical(unsorted.persons)).toEqual(canonical(sorted.persons));
    expect(unsorted.issues).toEqual([]);
  });

  it('reads NDJSON the same way', async () => {
    expect((await collect(SMALL, 'ndjson')).persons).toEqual((await collect(SMALL, 'csv')).persons);
  });

  it('reports references to offers, target groups, benefit types, persons and enrollments that do not exist', async () => {
    const { issues } = await collect({
      ...SMALL,
      benefit_periods: [
        ...SMALL.benefit_periods!.slice(0, 4),
        { person_id: 'P03', benefit_type: 'dagpenge', start_date: '2024-03-05' },
      ],
      enrollments: [
        { ...SMALL.enrollments![0]!, offer_id: 'O9' },
        { ...SMALL.enrollments![1]!, target_group: 'dagpenge' },
        { ...SMALL.enrollments![2]!, person_id: 'P04' },
      ],
      survey_responses: [{ response_id: 'R1', enrollment_id: 'E9', answered_on: '2024-02-10' }],
      complaints: [{ complaint_id: 'K1', offer_id: 'O7', received_on: '2024-02-01' }],
    });
    expect(issues).toEqual([
      {
        file: 'complaints.csv',
        line: 2,
        field: 'offer_id',
        message: 'refers to an offer that does not exist',
      },
      {
        file: 'enrollments.csv',
        line: 2,
        field: 'offer_id',
        message: 'refers to an offer that does not exist',
      },
      { file: 'enrollments.csv', line: 3, field: 'target_group', message: 'is not a code in target_groups' },
      {
        file: 'benefit_periods.csv',
        line: 6,
        field: 'benefit_type',
        message: 'is not a code in benefit_types',
      },
      { file: 'enrollments.csv', line: 4, field: 'person_id', message: 'refers to a person not in persons' },
      {
        file: 'survey_responses.csv',
        line: 2,
        field: 'enrollment_id',
        message: 'refers to an enrollment that does not exist',
      },
    ]);
  });
});
