import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { importDataDir } from '../../src/imports/import-data-dir.ts';

/** File name (`persons.csv`) → content. */
export type ContractFiles = Record<string, string>;

/** A small, valid data directory: every record kind, references all resolving. */
export function validFiles(): ContractFiles {
  return {
    'benefit_types.csv': 'code,public_support,name\nkontanthjaelp,true,Kontanthjælp\nsu,false,SU\n',
    'target_groups.csv': 'code,name\njobparat,Jobparat\naktivitetsparat,Aktivitetsparat\n',
    'industries.csv': 'code,name\nrengoering,Rengøring\nlager,Lager\n',
    'providers.csv':
      'provider_id,name,kind,framework_agreement\nPR1,Udbyder A,external,RA-1\nPR2,Jobcentret,internal,\n',
    'offers.csv':
      'offer_id,provider_id,name,package,description,target_groups,industries,price_dkk,hours_per_week,duration_weeks\n' +
      'OF1,PR1,Rengøringskursus,jobpakke,"Kursus, med praktik",jobparat;aktivitetsparat,rengoering,12000,37,8\n' +
      'OF2,PR2,Mentorforløb,mentorpakke,,aktivitetsparat,,,,\n',
    'persons.csv': 'person_id,birth_date\nP1,1990-04-01\nP2,1985-12-24\nP3,2001-07-15\n',
    'benefit_periods.csv':
      'person_id,benefit_type,start_date,end_date,period_id\n' +
      'P1,kontanthjaelp,2024-01-01,2024-03-31,\nP2,kontanthjaelp,2023-06-01,,BP2\nP3,su,2024-01-01,2024-06-30,\n',
    'enrollments.csv':
      'enrollment_id,person_id,offer_id,target_group,start_date,end_date,company_oriented,end_reason\n' +
      'E1,P1,OF1,jobparat,2024-01-15,2024-03-31,true,job\nE2,P2,OF2,aktivitetsparat,2024-02-01,,false,\n',
    'survey_responses.csv':
      'response_id,enrollment_id,answered_on,satisfaction,closer_to_job\nS1,E1,2024-04-02,5,4\n',
    'complaints.csv': 'complaint_id,offer_id,received_on,category\nC1,OF1,2024-02-10,kvalitet\n',
    'supervisions.csv': 'supervision_id,offer_id,visited_on,smiley,note\nV1,OF1,2024-05-01,happy,\n',
  };
}

/** Writes files into a new temp directory; returns it and a remover. */
export async function writeDataDir(
  files: ContractFiles,
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'evg-data-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Imports `validFiles()` (every record kind, as `evg import` of a data directory does) into `db`. */
export async function importValidFiles(db: Kysely<Database>): Promise<void> {
  const data = await writeDataDir(validFiles());
  try {
    await importDataDir(db, data.dir, { source: 'test' });
  } finally {
    await data.remove();
  }
}
