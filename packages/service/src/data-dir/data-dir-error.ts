import { redactCpr } from '@evg/effects';

/**
 * One bad row (or header, or file) of a data directory or an import: where it is and what is
 * wrong, never a person id's value. `line` is 1-based; the header is line 1.
 */
export interface RowIssue {
  /** File name within the directory, e.g. `enrollments.csv`. */
  file: string;
  /** 0 when the problem is the file itself (e.g. both CSV and NDJSON present). */
  line: number;
  /** Snake_case field name; empty when the problem is not one field's. */
  field: string;
  message: string;
}

export type DataDirErrorCode = 'invalid-data' | 'not-a-directory';

/**
 * A data directory that cannot be used as it is. `issues` lists every bad row up to the
 * collector's limit; `totalIssues` counts them all. Messages never contain a field's value.
 */
export class DataDirError extends Error {
  /** The issues, CPR-like runs masked (a header or file name may be a CPR number). */
  readonly issues: readonly RowIssue[];

  constructor(
    readonly code: DataDirErrorCode,
    issues: readonly RowIssue[],
    readonly totalIssues = issues.length,
  ) {
    const redacted = issues.map((issue) => ({
      ...issue,
      file: redactCpr(issue.file),
      field: redactCpr(issue.field),
      message: redactCpr(issue.message),
    }));
    super(describeIssues(redacted, totalIssues));
    this.name = 'DataDirError';
    this.issues = redacted;
  }
}

/** `file line N, field: message` lines, with a note when some were left out. */
export function describeIssues(issues: readonly RowIssue[], totalIssues = issues.length): string {
  const lines = issues.map((issue) => {
    const where = issue.line > 0 ? `${issue.file} line ${issue.line}` : issue.file;
    return issue.field === ''
      ? `${where}: ${issue.message}`
      : `${where}, field ${issue.field}: ${issue.message}`;
  });
  if (totalIssues > issues.length) lines.push(`... and ${totalIssues - issues.length} more`);
  return lines.join('\n');
}

/** Collects row issues up to `limit`, counting the rest, so a bad file reports many rows at once. */
export class IssueCollector {
  readonly issues: RowIssue[] = [];
  total = 0;

  constructor(readonly limit = 100) {}

  add(issue: RowIssue): void {
    this.total++;
    if (this.issues.length < this.limit) this.issues.push(issue);
  }

  /** Adds `issues`, a sample of `total` issues found elsewhere (e.g. by one SQL check). */
  addAll(issues: readonly RowIssue[], total = issues.length): void {
    for (const issue of issues) this.add(issue);
    this.total += total - issues.length;
  }

  /** Where the collector stands, for `rewind`. */
  mark(): { issues: number; total: number } {
    return { issues: this.issues.length, total: this.total };
  }

  /**
   * Forgets the issues added since `mark`: a reader that gives up on a file and reads it again
   * another way must not report its rows twice.
   * @example
   * const mark = issues.mark(); // … read, give up …
   * issues.rewind(mark);
   */
  rewind(mark: { issues: number; total: number }): void {
    this.issues.length = mark.issues;
    this.total = mark.total;
  }

  get empty(): boolean {
    return this.total === 0;
  }

  /** Throws a DataDirError when any issue was collected. */
  throwIfAny(): void {
    if (this.total > 0) throw new DataDirError('invalid-data', this.issues, this.total);
  }
}
