import type { FastifyReply } from 'fastify';
import type { DateRange, EffectRow, GroupKey } from '@evg/effects';
import type { ReadModel } from '../read-model/read-model.ts';
import { aboutFigures } from '../spreadsheet/about-figures.ts';
import { tableCsvStream, type CsvDialect } from '../spreadsheet/csv-writer.ts';
import { effectTable } from '../spreadsheet/effect-table.ts';
import { tableXlsx, XLSX_MEDIA_TYPE } from '../spreadsheet/xlsx-writer.ts';
import { namesOf } from './export-names.ts';
import { figuresMeta } from './figures-meta.ts';
import { ProblemError } from './problem.ts';

/** How `/v1/effects` answers: JSON rows, CSV in a dialect, or an xlsx workbook. */
export type EffectsOutput = { kind: 'json' } | { kind: 'csv'; dialect: CsvDialect } | { kind: 'xlsx' };

/** CSV when the client asks for it and does not also accept JSON (browsers send *\/*). */
function prefersCsv(accept: string | undefined): boolean {
  return accept !== undefined && accept.includes('text/csv') && !accept.includes('application/json');
}

/**
 * The output a request asks for: `format` first, else `csvDialect` (which means CSV), else the
 * Accept header. A dialect with another format is a contradiction, answered 400.
 */
export function effectsOutput(
  query: { format?: 'json' | 'csv' | 'xlsx'; csvDialect?: CsvDialect },
  accept: string | undefined,
): EffectsOutput {
  const { format, csvDialect } = query;
  if (csvDialect !== undefined && format !== undefined && format !== 'csv')
    throw new ProblemError('validation', `csvDialect gælder kun CSV, ikke format=${format}.`, [
      { in: 'query', name: 'csvDialect', message: `only applies to format=csv, not format=${format}` },
    ]);
  if (format === 'xlsx') return { kind: 'xlsx' };
  if (format === 'csv' || csvDialect !== undefined || (format === undefined && prefersCsv(accept)))
    return { kind: 'csv', dialect: csvDialect ?? 'rfc4180' };
  return { kind: 'json' };
}

/** The ETag variant of an output: each format and dialect is its own representation. */
export function outputVariant(output: EffectsOutput): string {
  return output.kind === 'csv' && output.dialect !== 'rfc4180' ? `csv-${output.dialect}` : output.kind;
}

/**
 * An effect table as CSV (in the dialect asked for) or an xlsx workbook, with names beside ids
 * and rounded figures, as bytes ready to send. `request` is the URL that asked, named in the
 * workbook's "Om data" sheet. Built where the read model lives (its worker thread), so the
 * event loop only sends the bytes.
 *
 * @example
 *   const csv = await effectTableBody({ kind: 'csv', dialect: 'rfc4180' }, table, model, '/v1/effects');
 */
export async function effectTableBody(
  output: Exclude<EffectsOutput, { kind: 'json' }>,
  table: {
    rows: readonly EffectRow[];
    groupBy: readonly GroupKey[];
    period: DateRange | undefined;
    exact: boolean;
  },
  model: ReadModel,
  request: string,
): Promise<Uint8Array> {
  const effects = effectTable(table.rows, table.groupBy, model.measures, namesOf(model));
  if (output.kind === 'csv') {
    const chunks: Buffer[] = [];
    for await (const chunk of tableCsvStream(effects, output.dialect)) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  return tableXlsx({
    sheet: 'Effekter',
    table: effects,
    about: aboutFigures({
      version: model.version,
      ...figuresMeta(model, table.exact),
      period: table.period,
      request,
    }),
  });
}

/** The media type and headers of an effect table body in `output`. */
export function sendEffectBody(
  reply: FastifyReply,
  output: EffectsOutput,
  body: Uint8Array,
  dataVersion: number | undefined,
): FastifyReply {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (output.kind === 'json') return reply.type('application/json; charset=utf-8').send(bytes);
  if (output.kind === 'csv') return reply.type('text/csv; charset=utf-8').send(bytes);
  return reply
    .type(XLSX_MEDIA_TYPE)
    .header('content-disposition', `attachment; filename="evg-effekter-v${dataVersion ?? 0}.xlsx"`)
    .send(bytes);
}
