import type {
  BenefitType,
  CodeListEntry,
  Complaint,
  Offer,
  Provider,
  RecordKind,
  RecordsByKind,
  Supervision,
} from '@evg/effects';
import { IssueCollector } from './data-dir-error.ts';
import { findRecordFiles, recordFile, type RecordFile } from './record-files.ts';
import { readRecords } from './read-records.ts';

/** The small record kinds of a data directory, loaded and cross-checked. */
export interface DataDirCatalog {
  benefitTypes: BenefitType[];
  /** Null when the directory has no target_groups file: target groups are then not checked. */
  targetGroups: CodeListEntry[] | null;
  /** Null when the directory has no industries file. */
  industries: CodeListEntry[] | null;
  providers: Provider[];
  offers: Offer[];
  complaints: Complaint[];
  supervisions: Supervision[];
}

/** An opened data directory: its files, its catalog and the issues found so far. */
export interface DataDir {
  dir: string;
  files: Map<RecordKind, RecordFile>;
  catalog: DataDirCatalog;
  issues: IssueCollector;
}

/** A record and the line it came from. */
export interface Located<T> {
  record: T;
  line: number;
}

/**
 * Opens a contract data directory: finds its files and loads and checks the small record
 * kinds (code lists, providers, offers, complaints, supervisions). Problems are collected in
 * `issues`, not thrown, so one run reports the bad rows of every file; the large person-level
 * files are read later, person by person (`forEachPerson`). Throws DataDirError only when the
 * directory itself is unusable (unreadable, or both CSV and NDJSON for one kind).
 *
 * @example
 * const data = await openDataDir('/tmp/d');
 * await forEachPerson(data, () => (person) => accumulator.addPerson(person));
 * data.issues.throwIfAny();
 */
export async function openDataDir(dir: string, issueLimit = 100): Promise<DataDir> {
  const files = await findRecordFiles(dir);
  const issues = new IssueCollector(issueLimit);
  const load = async <K extends RecordKind>(kind: K) => loadAll(recordFile(files, kind), issues);

  const benefitTypes = await load('benefit_types');
  const targetGroups = files.has('target_groups') ? await load('target_groups') : null;
  const industries = files.has('industries') ? await load('industries') : null;
  const providers = await load('providers');
  const offers = await load('offers');
  const complaints = await load('complaints');
  const supervisions = await load('supervisions');

  const name = (kind: RecordKind) => files.get(kind)?.name ?? `${kind}.csv`;
  const unique = <T>(kind: RecordKind, rows: Located<T>[], key: (row: T) => string, field: string) => {
    const seen = new Set<string>();
    for (const { record, line } of rows) {
      const value = key(record);
      if (seen.has(value))
        issues.add({ file: name(kind), line, field, message: 'repeats a key of an earlier row' });
      seen.add(value);
    }
    return seen;
  };
  unique('benefit_types', benefitTypes, (r) => r.code, 'code');
  const targetGroupCodes = targetGroups && unique('target_groups', targetGroups, (r) => r.code, 'code');
  const industryCodes = industries && unique('industries', industries, (r) => r.code, 'code');
  const providerIds = unique('providers', providers, (r) => r.providerId, 'provider_id');
  const offerIds = unique('offers', offers, (r) => r.offerId, 'offer_id');
  unique('complaints', complaints, (r) => r.complaintId, 'complaint_id');
  unique('supervisions', supervisions, (r) => r.supervisionId, 'supervision_id');

  for (const { record, line } of offers) {
    const file = name('offers');
    if (!providerIds.has(record.providerId)) {
      issues.add({ file, line, field: 'provider_id', message: 'refers to a provider that does not exist' });
    }
    if (targetGroupCodes && record.targetGroups.some((code) => !targetGroupCodes.has(code))) {
      issues.add({ file, line, field: 'target_groups', message: 'names a target group that does not exist' });
    }
    if (industryCodes && record.industries.some((code) => !industryCodes.has(code))) {
      issues.add({ file, line, field: 'industries', message: 'names an industry that does not exist' });
    }
  }
  for (const [kind, rows] of [
    ['complaints', complaints],
    ['supervisions', supervisions],
  ] as const) {
    for (const { record, line } of rows) {
      if (!offerIds.has(record.offerId)) {
        issues.add({
          file: name(kind),
          line,
          field: 'offer_id',
          message: 'refers to an offer that does not exist',
        });
      }
    }
  }

  const records = <T>(rows: Located<T>[]) => rows.map((row) => row.record);
  return {
    dir,
    files,
    issues,
    catalog: {
      benefitTypes: records(benefitTypes),
      targetGroups: targetGroups && records(targetGroups),
      industries: industries && records(industries),
      providers: records(providers),
      offers: records(offers),
      complaints: records(complaints),
      supervisions: records(supervisions),
    },
  };
}

/** Every valid record of one file with its line; no file = no rows. */
export async function loadAll<K extends RecordKind>(
  file: (RecordFile & { kind: K }) | undefined,
  issues: IssueCollector,
): Promise<Located<RecordsByKind[K]>[]> {
  const rows: Located<RecordsByKind[K]>[] = [];
  if (file === undefined) return rows;
  for await (const { records, lines } of readRecords(file, issues)) {
    for (let i = 0; i < records.length; i++) rows.push({ record: records[i]!, line: lines[i]! });
  }
  return rows;
}
