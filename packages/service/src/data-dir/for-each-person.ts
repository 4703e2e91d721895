import type { PersonRecords, SurveyResponse } from '@evg/effects';
import { IssueCollector } from './data-dir-error.ts';
import { recordFile } from './record-files.ts';
import { loadAll, type DataDir, type Located } from './open-data-dir.ts';
import { PersonAssembler, type PersonRows } from './person-assembler.ts';
import { groupPersonRowsInMemory, streamPersonRows, UnsortedInputError } from './stream-persons.ts';

export interface ForEachPersonOptions {
  /** Called every `progressEvery` persons (and once at the end) with the count so far. */
  onProgress?: (persons: number) => void;
  progressEvery?: number;
}

/** How the persons were read: streamed (sorted files) or grouped in memory (unsorted files). */
export interface ForEachPersonResult {
  persons: number;
  grouping: 'streamed' | 'in-memory';
  /** The file found out of order, when grouping is in-memory. */
  unsortedFile: string | null;
}

/**
 * Calls a consumer with every person of the directory (persons, benefit periods, enrollments
 * and their survey answers), checking every reference; problems go to `data.issues`.
 *
 * Sorted files (by person_id) are streamed with bounded memory. When a file turns out not to
 * be sorted, everything consumed so far is thrown away: `begin` is called again for a fresh
 * consumer, and the persons are grouped in memory instead (memory then grows with the data;
 * sort the files to avoid it). `begin` is therefore a factory: the caller's consumer must hold
 * all of its state, e.g. `() => { acc = new EffectsAccumulator(config); return (p) => acc.addPerson(p); }`.
 *
 * @example
 * let acc!: EffectsAccumulator;
 * await forEachPerson(data, () => {
 *   acc = new EffectsAccumulator(config);
 *   return (person) => acc.addPerson(person);
 * });
 */
export async function forEachPerson(
  data: DataDir,
  begin: () => (person: PersonRecords) => void,
  options: ForEachPersonOptions = {},
): Promise<ForEachPersonResult> {
  try {
    const persons = await pass(data, begin, streamPersonRows, options);
    return { persons, grouping: 'streamed', unsortedFile: null };
  } catch (error) {
    if (!(error instanceof UnsortedInputError)) throw error;
    const persons = await pass(data, begin, groupPersonRowsInMemory, options);
    return { persons, grouping: 'in-memory', unsortedFile: error.file };
  }
}

async function pass(
  data: DataDir,
  begin: () => (person: PersonRecords) => void,
  source: (data: DataDir, issues: IssueCollector) => AsyncGenerator<PersonRows[]>,
  { onProgress, progressEvery = 50_000 }: ForEachPersonOptions,
): Promise<number> {
  // Issues of an abandoned pass must not be reported twice: collect per pass, copy at the end.
  const issues = new IssueCollector(data.issues.limit);
  const surveys = await loadSurveys(data, issues);
  const assembler = new PersonAssembler(data, surveys, issues);
  const consume = begin();
  let count = 0;
  for await (const batch of source(data, issues)) {
    for (const rows of batch) {
      consume(assembler.assemble(rows));
      count++;
      if (onProgress && count % progressEvery === 0) onProgress(count);
    }
  }
  onProgress?.(count);
  const file = data.files.get('survey_responses')?.name ?? 'survey_responses.csv';
  for (const answers of surveys.values()) {
    for (const { line } of answers) {
      issues.add({
        file,
        line,
        field: 'enrollment_id',
        message: 'refers to an enrollment that does not exist',
      });
    }
  }
  for (const issue of issues.issues) data.issues.add(issue);
  data.issues.total += issues.total - issues.issues.length;
  return count;
}

/** Survey answers by enrollment id, each with its line; problems go to `issues`. */
export async function loadSurveys(
  data: DataDir,
  issues: IssueCollector,
): Promise<Map<string, Located<SurveyResponse>[]>> {
  const byEnrollment = new Map<string, Located<SurveyResponse>[]>();
  const seen = new Set<string>();
  const file = recordFile(data.files, 'survey_responses');
  for (const row of await loadAll(file, issues)) {
    if (seen.has(row.record.responseId)) {
      issues.add({
        file: file!.name,
        line: row.line,
        field: 'response_id',
        message: 'repeats a key of an earlier row',
      });
    }
    seen.add(row.record.responseId);
    const list = byEnrollment.get(row.record.enrollmentId);
    if (list) list.push(row);
    else byEnrollment.set(row.record.enrollmentId, [row]);
  }
  return byEnrollment;
}
