import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import {
  effectCsvColumns,
  toCsvRecord,
  type EffectRow,
  type GroupKey,
  type MeasureDefinition,
} from '@evg/effects';

/**
 * An effect table as a CSV stream: RFC 4180, header row, the columns of `evg effects --format
 * csv`, null as an empty field, booleans as `true`/`false` (as in the data contract).
 *
 * @example
 *   reply.type('text/csv').send(effectsCsvStream(rows, ['offer'], DEFAULT_MEASURES));
 */
export function effectsCsvStream(
  rows: readonly EffectRow[],
  groupBy: readonly GroupKey[],
  measures: readonly MeasureDefinition[],
): Readable {
  const columns = effectCsvColumns(groupBy, measures);
  const stringifier = stringify({
    header: true,
    columns,
    record_delimiter: '\r\n',
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
  // Rows go through one at a time so large tables never sit in memory as one string.
  return Readable.from(rows.map((row) => toCsvRecord(row))).pipe(stringifier);
}
