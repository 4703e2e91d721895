import type { FastifyReply } from 'fastify';
import type { DateRange } from '@evg/effects';
import type { OfferView } from '../read-model/read-model.ts';
import type { ServedModel } from '../read-model/served-model.ts';
import { aboutFigures } from '../spreadsheet/about-figures.ts';
import { offerTable } from '../spreadsheet/offer-table.ts';
import { tableXlsx, XLSX_MEDIA_TYPE } from '../spreadsheet/xlsx-writer.ts';
import { namesOf } from './export-names.ts';
import { figuresMeta } from './figures-meta.ts';

/** Sends the offers of a search as an xlsx workbook, in the search's sort order. */
export async function sendOfferWorkbook(
  reply: FastifyReply,
  views: readonly OfferView[],
  model: ServedModel,
  context: { period: DateRange | undefined; scope: readonly string[] | null; request: string },
): Promise<FastifyReply> {
  const workbook = await tableXlsx({
    sheet: 'Tilbud',
    table: offerTable(views, model.measures, namesOf(model)),
    about: aboutFigures({ version: model.version, ...figuresMeta(model), ...context }),
  });
  return reply
    .type(XLSX_MEDIA_TYPE)
    .header('content-disposition', `attachment; filename="evg-tilbud-v${model.version?.id ?? 0}.xlsx"`)
    .send(workbook);
}
