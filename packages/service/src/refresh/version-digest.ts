import { createHash } from 'node:crypto';
import type { FineCell, MeasureDefinition } from '@evg/effects';
import type { MaterialisedTable } from '../repositories/effect-versions.ts';

/** What a data version publishes: equal digests mean readers would see the same figures. */
export interface VersionContent {
  asOf: string;
  measures: readonly MeasureDefinition[];
  fineCells: readonly FineCell[];
  tables: readonly MaterialisedTable[];
}

/**
 * A SHA-256 digest of a data version's content that does not depend on the order in which
 * persons were read: cells are sorted and every object is written with its keys sorted (a
 * fine cell's duration histogram gets its keys in the order durations were first met).
 *
 * @example
 * versionDigest({ asOf: '2026-10-31', measures, fineCells, tables }); // '9f2c…' (64 hex digits)
 */
export function versionDigest(content: VersionContent): string {
  const hash = createHash('sha256');
  hash.update(canonicalJson({ asOf: content.asOf, measures: content.measures }));
  for (const line of content.fineCells.map(canonicalJson).sort()) hash.update(`\n${line}`);
  for (const table of [...content.tables].sort((a, b) => compare(a.grouping, b.grouping))) {
    hash.update(`\n#${table.grouping}`);
    for (const line of table.cells.map(canonicalJson).sort()) hash.update(`\n${line}`);
  }
  return hash.digest('hex');
}

/** JSON with every object's keys in sorted order; `undefined` members are left out, as JSON does. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => compare(a, b))
      .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
