import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordKind } from '@evg/effects';
import type { DataFormat } from '../../src/data-dir/record-files.ts';
import { createRecordWriter, type RawRow } from '../../src/data-dir/record-writer.ts';

/** A small, valid data set: two offers, three persons (sorted by person_id), one answer, one complaint. */
export const SMALL: Partial<Record<RecordKind, RawRow[]>> = {
  benefit_types: [
    { code: 'kontanthjaelp', public_support: true, name: 'Kontanthjælp' },
    { code: 'su', public_support: false, name: 'SU' },
  ],
  target_groups: [{ code: 'jobparat', name: 'Jobparate' }],
  industries: [{ code: 'it', name: 'IT' }],
  providers: [{ provider_id: 'L01', name: 'Jobhuset, Nørrebro', kind: 'external' }],
  offers: [
    {
      offer_id: 'O1',
      provider_id: 'L01',
      name: 'Job',
      package: 'jobpakke',
      description: 'Praktik, "job"\nog mere',
    },
    { offer_id: 'O2', provider_id: 'L01', name: 'Mentor', package: 'mentorpakke', industries: ['it'] },
  ],
  persons: [
    { person_id: 'P01', birth_date: '1990-01-01' },
    { person_id: 'P02', birth_date: '2000-06-30' },
    { person_id: 'P03', birth_date: '1970-02-28' },
  ],
  benefit_periods: [
    { person_id: 'P01', benefit_type: 'kontanthjaelp', start_date: '2023-06-01', end_date: '2024-04-10' },
    { person_id: 'P02', benefit_type: 'kontanthjaelp', start_date: '2023-01-01', end_date: null },
    { person_id: 'P02', benefit_type: 'su', start_date: '2024-02-29', end_date: '2024-02-29' },
    { person_id: 'P03', benefit_type: 'kontanthjaelp', start_date: '2024-01-01', end_date: '2024-03-10' },
    { person_id: 'P03', benefit_type: 'kontanthjaelp', start_date: '2024-03-05', end_date: '2024-05-31' },
  ],
  enrollments: [
    {
      enrollment_id: 'E1',
      person_id: 'P01',
      offer_id: 'O1',
      target_group: 'jobparat',
      start_date: '2024-01-15',
      end_date: '2024-03-31',
    },
    {
      enrollment_id: 'E2',
      person_id: 'P02',
      offer_id: 'O2',
      target_group: 'jobparat',
      start_date: '2024-01-02',
      end_date: '2024-01-30',
      company_oriented: true,
    },
    {
      enrollment_id: 'E3',
      person_id: 'P03',
      offer_id: 'O1',
      target_group: 'jobparat',
      start_date: '2024-06-01',
      end_date: null,
    },
  ],
  survey_responses: [
    { response_id: 'R1', enrollment_id: 'E2', answered_on: '2024-02-10', satisfaction: 5, closer_to_job: 2 },
  ],
  complaints: [{ complaint_id: 'K1', offer_id: 'O1', received_on: '2024-02-01', category: 'indhold' }],
  supervisions: [{ supervision_id: 'S1', offer_id: 'O1', visited_on: '2024-05-01', smiley: 'happy' }],
};

/** Writes `rows` as a data directory in a fresh temporary directory and returns its path. */
export async function writeDataDir(
  rows: Partial<Record<RecordKind, RawRow[]>>,
  format: DataFormat = 'csv',
  dir?: string,
): Promise<string> {
  const out = dir ?? (await mkdtemp(join(tmpdir(), 'evg-data-')));
  for (const [kind, list] of Object.entries(rows) as [RecordKind, RawRow[]][]) {
    const writer = createRecordWriter(out, kind, format);
    for (const row of list) await writer.write(row);
    await writer.close();
  }
  return out;
}

/** Writes raw file contents (for malformed files no writer would produce). */
export async function writeRawFiles(files: Record<string, string>): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'evg-data-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(out, name), text);
  return out;
}
