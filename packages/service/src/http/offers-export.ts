import type { FastifyReply } from 'fastify';
import type { DateRange, MeasureDefinition } from '@evg/effects';
import type { NamedCatalog } from '../spreadsheet/catalog-names.ts';
import { aboutFigures } from '../spreadsheet/about-figures.ts';
import { offerTable, type OfferLine } from '../spreadsheet/offer-table.ts';
import { tableXlsx, XLSX_MEDIA_TYPE } from '../spreadsheet/xlsx-writer.ts';
import { namesOf } from './export-names.ts';
import { figuresMeta, type FiguresSource } from './figures-meta.ts';

/** What a search workbook needs of a read model (a `ReadModel` in its worker thread). */
export interface OfferWorkbookSource extends FiguresSource {
  measures: readonly MeasureDefinition[];
  snapshot: NamedCatalog;
}

/**
 * The offers of a search as an xlsx workbook, in the search's sort order. Built where the read
 * model lives (its worker thread), so the event loop only sends the bytes.
 *
 * @example
 *   const xlsx = await offerWorkbook(lines, model, { period: undefined, scope: null, request: '/v1/offers?format=xlsx' });
 */
export function offerWorkbook(
  lines: readonly OfferLine[],
  model: OfferWorkbookSource,
  context: { period: DateRange | undefined; scope: readonly string[] | null; request: string },
): Promise<Buffer> {
  return tableXlsx({
    sheet: 'Tilbud',
    table: offerTable(lines, model.measures, namesOf(model)),
    about: aboutFigures({ version: model.version, ...figuresMeta(model), ...context }),
  });
}

/** Sends a search workbook built by `offerWorkbook`. */
export function sendOfferWorkbook(
  reply: FastifyReply,
  workbook: Uint8Array,
  dataVersion: number | undefined,
): FastifyReply {
  return reply
    .type(XLSX_MEDIA_TYPE)
    .header('content-disposition', `attachment; filename="evg-tilbud-v${dataVersion ?? 0}.xlsx"`)
    .send(Buffer.from(workbook.buffer, workbook.byteOffset, workbook.byteLength));
}
