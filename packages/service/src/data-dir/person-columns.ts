import { open } from 'node:fs/promises';
import {
  ByteInterner,
  EffectsAccumulator,
  dayOfBytes,
  emptyPersonDays,
  NOT_A_DAY,
  parseDay,
  recordKeyer,
  surelyNotCprBytes,
  TEXT_LIMITS,
  type BenefitPeriod,
  type EngineConfig,
  type Enrollment,
  type Person,
  type RecordsByKind,
  type SurveyResponse,
} from '@evg/effects';
import { IssueCollector } from './data-dir-error.ts';
import type { DataDir, Located } from './open-data-dir.ts';
import { loadSurveys } from './for-each-person.ts';
import { groupRows, IntColumn as Column } from './int-column.ts';
import { csvRecordReader, readRecords, type CsvRecordReader } from './read-records.ts';
import { recordFile, type RecordFile } from './record-files.ts';
import { shardOfBytes, shardOfId, type PersonShard } from './person-shard.ts';

type PersonKind = 'persons' | 'benefit_periods' | 'enrollments';

const OPEN = 2147483647;
const { id: ID, name: NAME } = TEXT_LIMITS;

/** One shard's pass: its accumulator and what the merge of all shards needs. */
export interface ShardPass {
  accumulator: EffectsAccumulator;
  persons: number;
  /** Per enrollment id with survey answers (in file order, the same in every shard): 1 when this shard saw it. */
  claimed: Uint8Array;
  /** The lines of those answers, in the same order (to report answers to no enrollment). */
  surveyLines: number[][];
}

/**
 * `evg effects` on columns, for the persons of one shard (all of them with ONE_SHARD): reads
 * the person-level CSV files as bytes straight into typed columns (person ids interned to
 * integers, dates as day numbers, codes as indexes), groups the rows of each person with a
 * counting sort on the interned id (any row order, memory in proportion to the rows) and feeds
 * every person to a new accumulator as numbers. A row the byte path does not fully accept
 * (non-ASCII, a quote in its chunk, a wrong field count, any invalid or unusual value) goes
 * through the same path as the streaming reader (fast string parser, then the zod schemas,
 * which word the error). NDJSON files are read through `readRecords`.
 *
 * Problems go to `issues` with the same messages as `forEachPerson`: a row's by the shard of
 * its person id, those of no person (a header, a row without a person id) by shard 0 only, so
 * the shards together report each once. Survey answers to no enrollment are left to the merge
 * (`mergeShards`), which alone knows every shard's enrollments.
 *
 * @example
 * const pass = await accumulateShard(data, config, ONE_SHARD, data.issues);
 */
export async function accumulateShard(
  data: DataDir,
  config: EngineConfig,
  shard: PersonShard,
  issues: IssueCollector,
): Promise<ShardPass> {
  const accumulator = new EffectsAccumulator(config);
  const { disclosureKey, asOf } = config;
  const mine = (personId: string) => shardOfId(personId, shard.count) === shard.index;
  // What belongs to no person is reported once, by shard 0; the other shards count it nowhere.
  const fileIssues = shard.index === 0 ? issues : new IssueCollector(0);
  const surveys = await loadSurveys(data, fileIssues);
  const surveyIds = new ByteInterner();
  const surveyAnswers: Located<SurveyResponse>[][] = [];
  for (const [enrollmentId, answers] of surveys) {
    const bytes = Buffer.from(enrollmentId, 'utf8');
    surveyIds.intern(bytes, 0, bytes.length);
    surveyAnswers.push(answers);
  }
  const claimed = new Uint8Array(surveyAnswers.length);
  const recordKey = disclosureKey === undefined ? null : recordKeyer(disclosureKey);

  const personIds = new ByteInterner();
  const benefitTypes = internAll(data.catalog.benefitTypes.map((t) => t.code));
  const isPublic = data.catalog.benefitTypes.map((t) => t.publicSupport);
  const offerIds = data.catalog.offers.map((o) => o.offerId);
  const offers = internAll(offerIds);
  const targetGroupNames = data.catalog.targetGroups?.map((t) => t.code) ?? [];
  const targetGroups = internAll(targetGroupNames);
  const checkTargetGroups = data.catalog.targetGroups !== null;
  const hasPersonsFile = data.files.has('persons');
  const name = (kind: PersonKind) => data.files.get(kind)?.name ?? `${kind}.csv`;

  const pPerson = new Column();
  const pBirth = new Column();
  const pLine = new Column();
  const bPerson = new Column();
  const bPublic = new Column();
  const bStart = new Column();
  const bEnd = new Column();
  const bLine = new Column();
  const ePerson = new Column();
  const eOffer = new Column();
  const eGroup = new Column();
  const eStart = new Column();
  const eEnd = new Column();
  const eCompany = new Column();
  const eKey = new Column();
  const eSurvey = new Column();
  const eLine = new Column();

  const idOf = (text: string, interner: ByteInterner, add: boolean) => {
    const bytes = Buffer.from(text, 'utf8');
    return add ? interner.intern(bytes, 0, bytes.length) : interner.lookup(bytes, 0, bytes.length);
  };
  const groupOf = (text: string) => {
    if (checkTargetGroups) return idOf(text, targetGroups, false);
    const id = idOf(text, targetGroups, true);
    if (id === targetGroupNames.length) targetGroupNames.push(text);
    return id;
  };

  // Records from the string path (schemas), appended exactly as the byte path would.
  const addPerson = (record: Person, line: number) => {
    pPerson.push(idOf(record.personId, personIds, true));
    pBirth.push(parseDay(record.birthDate));
    pLine.push(line);
  };
  const addPeriod = (record: BenefitPeriod, line: number) => {
    const type = idOf(record.benefitType, benefitTypes, false);
    if (type < 0) {
      issues.add({
        file: name('benefit_periods'),
        line,
        field: 'benefit_type',
        message: 'is not a code in benefit_types',
      });
      return;
    }
    bPerson.push(idOf(record.personId, personIds, true));
    bPublic.push(isPublic[type] ? 1 : 0);
    bStart.push(parseDay(record.startDate));
    bEnd.push(record.endDate === null ? OPEN : parseDay(record.endDate));
    bLine.push(line);
  };
  const addEnrollment = (record: Enrollment, line: number) => {
    ePerson.push(idOf(record.personId, personIds, true));
    eOffer.push(idOf(record.offerId, offers, false));
    eGroup.push(groupOf(record.targetGroup));
    const start = parseDay(record.startDate);
    eStart.push(start);
    eEnd.push(record.endDate === null ? OPEN : parseDay(record.endDate));
    eCompany.push(record.companyOriented ? 1 : 0);
    eKey.push(recordKey === null ? 0 : recordKey('enrollment', record.enrollmentId) | 0);
    eSurvey.push(idOf(record.enrollmentId, surveyIds, false));
    eLine.push(line);
  };

  // The byte path, one row at a time: true when the row was taken.
  type RowParser = (bytes: Buffer, starts: Int32Array, ends: Int32Array, line: number) => boolean;
  const parsers: { [K in PersonKind]: (at: (field: string) => number) => RowParser } = {
    persons: (at) => {
      const [id, birth] = [at('person_id'), at('birth_date')];
      return (b, s, e, line) => {
        if (id < 0 || birth < 0) return false;
        if (!personIdOk(b, s[id]!, e[id]!)) return false;
        const day = dayOfBytes(b, s[birth]!, e[birth]!);
        if (day === NOT_A_DAY) return false;
        pPerson.push(personIds.intern(b, s[id]!, e[id]!));
        pBirth.push(day);
        pLine.push(line);
        return true;
      };
    },
    benefit_periods: (at) => {
      const id = at('person_id');
      const type = at('benefit_type');
      const start = at('start_date');
      const end = at('end_date');
      const period = at('period_id');
      return (b, s, e, line) => {
        if (id < 0 || type < 0 || start < 0) return false;
        if (!personIdOk(b, s[id]!, e[id]!)) return false;
        const code = benefitTypes.lookup(b, s[type]!, e[type]!);
        if (code < 0) return false;
        const first = dayOfBytes(b, s[start]!, e[start]!);
        if (first === NOT_A_DAY) return false;
        const last = end < 0 || s[end] === e[end] ? OPEN : dayOfBytes(b, s[end]!, e[end]!);
        if (last === NOT_A_DAY || last < first) return false;
        if (period >= 0 && e[period]! - s[period]! > ID) return false;
        bPerson.push(personIds.intern(b, s[id]!, e[id]!));
        bPublic.push(isPublic[code] ? 1 : 0);
        bStart.push(first);
        bEnd.push(last);
        bLine.push(line);
        return true;
      };
    },
    enrollments: (at) => {
      const id = at('enrollment_id');
      const person = at('person_id');
      const offer = at('offer_id');
      const group = at('target_group');
      const start = at('start_date');
      const end = at('end_date');
      const company = at('company_oriented');
      const reason = at('end_reason');
      return (b, s, e, line) => {
        if (id < 0 || person < 0 || offer < 0 || group < 0 || start < 0) return false;
        const idLength = e[id]! - s[id]!;
        if (idLength < 1 || idLength > ID) return false;
        if (!personIdOk(b, s[person]!, e[person]!)) return false;
        const offerLength = e[offer]! - s[offer]!;
        const groupLength = e[group]! - s[group]!;
        if (offerLength < 1 || offerLength > ID || groupLength < 1 || groupLength > ID) return false;
        const first = dayOfBytes(b, s[start]!, e[start]!);
        if (first === NOT_A_DAY) return false;
        const last = end < 0 || s[end] === e[end] ? OPEN : dayOfBytes(b, s[end]!, e[end]!);
        if (last === NOT_A_DAY || last < first) return false;
        let companyOriented = 0;
        if (company >= 0 && s[company] !== e[company]) {
          // Compared as bytes: a string per row would be garbage for a million rows.
          if (isWord(b, s[company]!, e[company]!, TRUE)) companyOriented = 1;
          else if (!isWord(b, s[company]!, e[company]!, FALSE)) return false;
        }
        if (reason >= 0 && e[reason]! - s[reason]! > NAME) return false;
        let groupId = targetGroups.lookup(b, s[group]!, e[group]!);
        if (groupId < 0 && !checkTargetGroups) {
          groupId = targetGroups.intern(b, s[group]!, e[group]!);
          targetGroupNames.push(b.toString('latin1', s[group]!, e[group]!));
        }
        ePerson.push(personIds.intern(b, s[person]!, e[person]!));
        eOffer.push(offers.lookup(b, s[offer]!, e[offer]!));
        eGroup.push(groupId);
        eStart.push(first);
        eEnd.push(last);
        eCompany.push(companyOriented);
        // The key hashes the id's text: a string only when figures are published.
        eKey.push(recordKey === null ? 0 : recordKey('enrollment', b.toString('latin1', s[id]!, e[id]!)) | 0);
        eSurvey.push(surveyIds.lookup(b, s[id]!, e[id]!));
        eLine.push(line);
        return true;
      };
    },
  };
  const columnsOf: { [K in PersonKind]: Column[] } = {
    persons: [pPerson, pBirth, pLine],
    benefit_periods: [bPerson, bPublic, bStart, bEnd, bLine],
    enrollments: [ePerson, eOffer, eGroup, eStart, eEnd, eCompany, eKey, eSurvey, eLine],
  };
  const slowAdders: { [K in PersonKind]: (record: RecordsByKind[K], line: number) => void } = {
    persons: addPerson,
    benefit_periods: addPeriod,
    enrollments: addEnrollment,
  };

  // One kind's file into its columns (generic, so its records reach that kind's adder).
  const readKind = async <K extends PersonKind>(kind: K): Promise<void> => {
    const file = recordFile(data.files, kind);
    if (file === undefined) return;
    const slow = slowAdders[kind];
    const bytes = { issues, fileIssues, shard };
    const columns = columnsOf[kind];
    const lengths = columns.map((column) => column.length);
    const marks = [issues.mark(), fileIssues.mark()] as const;
    if (file.format !== 'csv' || !(await readBytes(file, bytes, parsers[kind], slow))) {
      // A quote turned up: forget the file's rows so far, read it all through the CSV parser.
      columns.forEach((column, i) => (column.length = lengths[i]!));
      issues.rewind(marks[0]);
      fileIssues.rewind(marks[1]);
      for await (const { records, lines } of readRecords(file, fileIssues)) {
        for (let i = 0; i < records.length; i++) {
          const record = records[i]!;
          if (mine(record.personId)) slow(record, lines[i]!);
        }
      }
    }
  };
  for (const kind of ['persons', 'benefit_periods', 'enrollments'] as const) await readKind(kind);

  // Counting sort on the interned person id: rows of person p at order[offsets[p] … offsets[p+1]).
  const personCount = personIds.size;
  const group = (person: Column) => groupRows(person, personCount);
  const personRows = group(pPerson);
  const periodRows = group(bPerson);
  const enrollmentRows = group(ePerson);

  const days = emptyPersonDays();
  const asOfDay = parseDay(asOf);
  let persons = 0;
  for (let p = 0; p < personCount; p++) {
    const pFrom = personRows.offsets[p]!;
    const pTo = personRows.offsets[p + 1]!;
    const bFrom = periodRows.offsets[p]!;
    const bTo = periodRows.offsets[p + 1]!;
    const eFrom = enrollmentRows.offsets[p]!;
    const eTo = enrollmentRows.offsets[p + 1]!;
    if (pFrom === pTo && bFrom === bTo && eFrom === eTo) continue;
    persons++;
    for (let i = pFrom + 1; i < pTo; i++) {
      const row = personRows.order[i]!;
      issues.add({
        file: name('persons'),
        line: pLine.data[row]!,
        field: 'person_id',
        message: 'repeats an earlier person',
      });
    }
    const personMissing = pFrom === pTo && hasPersonsFile;
    days.birth = pFrom === pTo ? NaN : pBirth.data[personRows.order[pFrom]!]!;
    let periods = 0;
    for (let i = bFrom; i < bTo; i++) {
      const row = periodRows.order[i]!;
      if (personMissing) {
        issues.add({
          file: name('benefit_periods'),
          line: bLine.data[row]!,
          field: 'person_id',
          message: 'refers to a person not in persons',
        });
      } else if (bPublic.data[row] === 1) {
        days.periodStarts[periods] = bStart.data[row]!;
        const end = bEnd.data[row]!;
        days.periodEnds[periods] = end === OPEN ? Infinity : end;
        periods++;
      }
    }
    days.periodCount = periods;
    let count = 0;
    let responses = 0;
    for (let i = eFrom; i < eTo; i++) {
      const row = enrollmentRows.order[i]!;
      const line = eLine.data[row]!;
      let ok = true;
      const offer = eOffer.data[row]!;
      const targetGroup = eGroup.data[row]!;
      if (offer < 0) {
        issues.add({
          file: name('enrollments'),
          line,
          field: 'offer_id',
          message: 'refers to an offer that does not exist',
        });
        ok = false;
      }
      if (targetGroup < 0) {
        issues.add({
          file: name('enrollments'),
          line,
          field: 'target_group',
          message: 'is not a code in target_groups',
        });
        ok = false;
      }
      if (personMissing) {
        issues.add({
          file: name('enrollments'),
          line,
          field: 'person_id',
          message: 'refers to a person not in persons',
        });
        ok = false;
      }
      const survey = eSurvey.data[row]!;
      // The enrollment exists, so its answers are not orphans, even when the enrollment is bad.
      const answers = survey >= 0 && claimed[survey] === 0 ? surveyAnswers[survey]! : null;
      if (survey >= 0) claimed[survey] = 1;
      if (!ok) continue;
      const start = eStart.data[row]!;
      const end = eEnd.data[row]!;
      days.offerIds[count] = offerIds[offer]!;
      days.targetGroups[count] = targetGroupNames[targetGroup]!;
      days.enrollmentStarts[count] = start;
      days.enrollmentEnds[count] = end === OPEN ? NaN : end;
      days.companyOriented[count] = eCompany.data[row] === 1;
      days.enrollmentKeys[count] = start > asOfDay ? 0 : eKey.data[row]! >>> 0;
      if (answers !== null) {
        for (const { record } of answers) {
          days.responseEnrollments[responses] = count;
          days.responseDays[responses] = parseDay(record.answeredOn);
          days.satisfaction[responses] = record.satisfaction ?? NaN;
          days.closerToJob[responses] = record.closerToJob ?? NaN;
          days.responseKeys[responses] =
            recordKey === null ? 0 : recordKey('surveyResponse', record.responseId);
          responses++;
        }
      }
      count++;
    }
    days.enrollmentCount = count;
    days.responseCount = responses;
    accumulator.addPersonDays(days);
  }
  const surveyLines = surveyAnswers.map((answers) => answers.map(({ line }) => line));
  return { accumulator, persons, claimed, surveyLines };
}

function internAll(values: readonly string[]): ByteInterner {
  const interner = new ByteInterner();
  for (const value of values) {
    const bytes = Buffer.from(value, 'utf8');
    interner.intern(bytes, 0, bytes.length);
  }
  return interner;
}

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');

function isWord(bytes: Uint8Array, start: number, end: number, word: Uint8Array): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (bytes[start + i] !== word[i]) return false;
  return true;
}

function personIdOk(bytes: Uint8Array, start: number, end: number): boolean {
  return end > start && end - start <= ID && surelyNotCprBytes(bytes, start, end);
}

const NEWLINE = 10;
const COMMA = 44;
const QUOTE = 34;

/**
 * Reads a CSV file as bytes, row by row through `fast`, other rows through the string path
 * into `slow`; rows of another shard's persons are skipped. False when the file holds a quote
 * anywhere: then the caller forgets the rows added so far and reads the file through
 * `readRecords`, whose CSV parser handles quoted fields (quotes are rare in these files, and
 * the byte path stays simple without them).
 */
async function readBytes<K extends PersonKind>(
  file: RecordFile & { kind: K },
  { issues, fileIssues, shard }: { issues: IssueCollector; fileIssues: IssueCollector; shard: PersonShard },
  compile: (
    at: (field: string) => number,
  ) => (b: Buffer, s: Int32Array, e: Int32Array, line: number) => boolean,
  slow: (record: RecordsByKind[K], line: number) => void,
): Promise<boolean> {
  let header: string[] | null = null;
  let reader: CsvRecordReader<K> | null = null;
  let fast: ((b: Buffer, s: Int32Array, e: Int32Array, line: number) => boolean) | null = null;
  let personField = -1;
  let starts = new Int32Array(16);
  let ends = new Int32Array(16);
  let line = 1;
  const rowOf = (b: Buffer, from: number, to: number, lineNumber: number): boolean => {
    let end = to;
    if (end > from && b[end - 1] === 13) end--;
    if (end === from) return true;
    if (header === null) {
      let text = b.toString('utf8', from, end);
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      header = text.split(',');
      // A bad header is reported once (shard 0); then its rows are not read at all.
      if (csvRecordReader(file, header, fileIssues) === null) return false;
      reader = csvRecordReader(file, header, issues);
      const columns = header;
      personField = columns.indexOf('person_id');
      fast = compile((field) => columns.indexOf(field));
      if (starts.length < header.length) {
        starts = new Int32Array(header.length);
        ends = new Int32Array(header.length);
      }
      return true;
    }
    let fields = 0;
    let fieldStart = from;
    let ascii = true;
    for (let i = from; i < end; i++) {
      const c = b[i]!;
      if (c === COMMA) {
        if (fields < starts.length) {
          starts[fields] = fieldStart;
          ends[fields] = i;
        }
        fields++;
        fieldStart = i + 1;
      } else if (c >= 0x80) ascii = false;
    }
    if (fields < starts.length) {
      starts[fields] = fieldStart;
      ends[fields] = end;
    }
    fields++;
    // The row's shard by its person id's bytes, as the string path hashes the parsed id (the
    // byte path sees no quotes); a row too short to have one is shard 0's to report.
    const owner =
      personField >= 0 && personField < fields
        ? shardOfBytes(b, starts[personField]!, ends[personField]!, shard.count)
        : 0;
    if (owner !== shard.index) return true;
    if (!ascii || fields !== header.length || !fast!(b, starts, ends, lineNumber)) {
      // Not sure: the string path decides, with its messages.
      const row = b.toString('utf8', from, end).split(',');
      const { records, lines } = reader!([row], [lineNumber], 0);
      for (let i = 0; i < records.length; i++) {
        const record = records[i];
        if (record !== undefined) slow(record, lines[i]!);
      }
    }
    return true;
  };
  // One buffer for the whole file, refilled behind the carried partial row: no allocation per chunk.
  let b = Buffer.allocUnsafe(1 << 20);
  let filled = 0;
  const handle = await open(file.path, 'r');
  try {
    for (;;) {
      if (filled === b.length) {
        // A row longer than the buffer.
        const grown = Buffer.allocUnsafe(b.length * 2);
        b.copy(grown, 0, 0, filled);
        b = grown;
      }
      const { bytesRead } = await handle.read(b, filled, b.length - filled, null);
      if (bytesRead === 0) break;
      const end = filled + bytesRead;
      if (b.subarray(filled, end).indexOf(QUOTE) >= 0) return false;
      const last = b.lastIndexOf(NEWLINE, end - 1);
      if (last < 0) {
        filled = end;
        continue;
      }
      let from = 0;
      for (let nl = b.indexOf(NEWLINE, from); nl >= 0 && nl <= last; nl = b.indexOf(NEWLINE, from)) {
        if (!rowOf(b, from, nl, line)) return true;
        line++;
        from = nl + 1;
      }
      b.copyWithin(0, from, end);
      filled = end - from;
    }
  } finally {
    await handle.close();
  }
  if (filled > 0) rowOf(b, 0, filled, line);
  return true;
}
