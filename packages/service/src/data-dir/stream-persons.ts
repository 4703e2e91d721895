import type { RecordsByKind } from '@evg/effects';
import type { IssueCollector } from './data-dir-error.ts';
import type { DataDir, Located } from './open-data-dir.ts';
import type { PersonRows } from './person-assembler.ts';
import { recordFile, type RecordFile } from './record-files.ts';
import { readRecords, type RecordBatch } from './read-records.ts';

/** Thrown by `streamPersonRows` when a file is not sorted by person_id. */
export class UnsortedInputError extends Error {
  constructor(readonly file: string) {
    super(`${file} is not sorted by person_id`);
    this.name = 'UnsortedInputError';
  }
}

type PersonKind = 'persons' | 'benefit_periods' | 'enrollments';

/** A read position in one person-level file. */
class Cursor<K extends PersonKind> {
  records: RecordsByKind[K][] = [];
  lines: number[] = [];
  index = 0;
  done = false;
  private readonly batches: AsyncGenerator<RecordBatch<K>> | null;

  constructor(
    file: (RecordFile & { kind: K }) | undefined,
    issues: IssueCollector,
    readonly name: string,
  ) {
    this.batches = file ? readRecords(file, issues) : null;
    this.done = file === undefined;
  }

  get exhausted(): boolean {
    return this.index >= this.records.length;
  }

  /** Loads the next non-empty batch; afterwards either !exhausted or done. */
  async fill(): Promise<void> {
    const batches = this.batches;
    // No file: done from the start.
    if (batches === null) return;
    while (this.exhausted && !this.done) {
      const next = await batches.next();
      if (next.done) this.done = true;
      else {
        this.records = next.value.records;
        this.lines = next.value.lines;
        this.index = 0;
      }
    }
  }

  headId(): string | undefined {
    // Never read past the batch's end (slow in V8); inside it every record is there.
    return this.exhausted ? undefined : this.records[this.index]?.personId;
  }

  /**
   * Moves the records of `personId` at the head into `into`; true when it stopped at the end of
   * a batch with more to read (then `take` finishes the job). Synchronous on purpose: a promise
   * per person and file cost more than the rest of the merge.
   */
  takeSync(personId: string, into: Located<RecordsByKind[K]>[]): boolean {
    while (!this.exhausted) {
      const record = this.records[this.index];
      if (record === undefined || record.personId !== personId) break;
      into.push({ record, line: this.lines[this.index]! });
      this.index++;
    }
    return this.exhausted && !this.done;
  }

  /** Moves every record of `personId` at the head into `into`, across batch boundaries. */
  async take(personId: string, into: Located<RecordsByKind[K]>[]): Promise<void> {
    while (this.takeSync(personId, into)) await this.fill();
  }
}

/**
 * The person-level rows of a data directory, one person at a time, by merging `persons`,
 * `benefit_periods` and `enrollments`, each read as a stream: memory holds one batch per file,
 * not the data. Requires every file sorted by person_id (plain code-unit order, as
 * `LC_ALL=C sort` and `evg synth` produce). A file out of order is detected before any person
 * after the disorder is yielded, but persons before it may already have been yielded with rows
 * missing, so it throws UnsortedInputError and the caller starts over (`forEachPerson` does,
 * grouping in memory).
 */
export async function* streamPersonRows(data: DataDir, issues: IssueCollector): AsyncGenerator<PersonRows[]> {
  const cursor = <K extends PersonKind>(kind: K) =>
    new Cursor<K>(recordFile(data.files, kind), issues, data.files.get(kind)?.name ?? kind);
  const persons = cursor('persons');
  const periods = cursor('benefit_periods');
  const enrollments = cursor('enrollments');
  const cursors = [persons, periods, enrollments] as const;
  let last: string | undefined;
  // Persons go out in batches, one per read batch: one promise per batch, not per person.
  let batch: PersonRows[] = [];
  for (;;) {
    let id: string | undefined;
    for (const c of cursors) {
      if (c.exhausted && !c.done) {
        if (batch.length > 0) {
          yield batch;
          batch = [];
        }
        await c.fill();
      }
      const head = c.headId();
      if (head === undefined) continue;
      if (last !== undefined && head <= last) throw new UnsortedInputError(c.name);
      if (id === undefined || head < id) id = head;
    }
    if (id === undefined) break;
    const rows: PersonRows = { persons: [], benefitPeriods: [], enrollments: [] };
    const more = [
      persons.takeSync(id, rows.persons),
      periods.takeSync(id, rows.benefitPeriods),
      enrollments.takeSync(id, rows.enrollments),
    ];
    if (more[0] || more[1] || more[2]) {
      // About to wait for a read: hand out the persons finished so far first.
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
      if (more[0]) await persons.take(id, rows.persons);
      if (more[1]) await periods.take(id, rows.benefitPeriods);
      if (more[2]) await enrollments.take(id, rows.enrollments);
    }
    last = id;
    batch.push(rows);
  }
  if (batch.length > 0) yield batch;
}

/** The same rows as `streamPersonRows`, for files in any order: everything is held in memory. */
export async function* groupPersonRowsInMemory(
  data: DataDir,
  issues: IssueCollector,
): AsyncGenerator<PersonRows[]> {
  const byPerson = new Map<string, PersonRows>();
  const rowsOf = (personId: string) => {
    let rows = byPerson.get(personId);
    if (rows === undefined) {
      rows = { persons: [], benefitPeriods: [], enrollments: [] };
      byPerson.set(personId, rows);
    }
    return rows;
  };
  const read = async <K extends PersonKind>(
    kind: K,
    add: (record: RecordsByKind[K], line: number) => void,
  ) => {
    const file = recordFile(data.files, kind);
    if (file === undefined) return;
    for await (const { records, lines } of readRecords(file, issues)) {
      for (let i = 0; i < records.length; i++) add(records[i]!, lines[i]!);
    }
  };
  await read('persons', (record, line) => rowsOf(record.personId).persons.push({ record, line }));
  await read('benefit_periods', (record, line) =>
    rowsOf(record.personId).benefitPeriods.push({ record, line }),
  );
  await read('enrollments', (record, line) => rowsOf(record.personId).enrollments.push({ record, line }));
  const ids = [...byPerson.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < ids.length; i += 1000) {
    const batch = ids.slice(i, i + 1000).map((id) => byPerson.get(id)!);
    for (const id of ids.slice(i, i + 1000)) byPerson.delete(id);
    yield batch;
  }
}
