import { z } from 'zod';

/** The body of a `format=xlsx` answer, as OpenAPI documents a binary download. */
export const xlsxBodySchema = z.string().meta({
  format: 'binary',
  description: 'An xlsx workbook: the table, then the sheet "Om data" (cut-off, data version, disclosure).',
  examples: ['(binary xlsx workbook)'],
});
