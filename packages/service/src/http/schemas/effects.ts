import { GROUP_KEYS } from '@evg/effects';
import { z } from 'zod';
import { CSV_DIALECTS } from '../../spreadsheet/csv-writer.ts';
import { csvEnumList, periodParams, queryBoolean, queryObject } from './common.ts';

export const effectsQuerySchema = queryObject({
  groupBy: csvEnumList(GROUP_KEYS)
    .refine((keys) => new Set(keys).size === keys.length, 'names a grouping key twice')
    .optional()
    .describe(
      `Grouping keys, comma-separated, any of: ${GROUP_KEYS.join(', ')}. Default: one row for everything.`,
    ),
  ...periodParams,
  periodUnit: z
    .enum(['halfYear', 'quarter', 'year'])
    .default('halfYear')
    .describe('Unit of the `period` grouping key.'),
  format: z
    .enum(['json', 'csv', 'xlsx'])
    .optional()
    .describe('Overrides the Accept header. `xlsx`: a workbook with Danish headers and an "Om data" sheet.'),
  csvDialect: z
    .enum(CSV_DIALECTS)
    .optional()
    .describe(
      'CSV dialect (implies CSV): `rfc4180` (default: comma, decimal point) or `excel-da` ' +
        '(semicolon, decimal comma, UTF-8 BOM: opens right in Danish Excel and LibreOffice).',
    ),
  exact: queryBoolean
    .optional()
    .describe(
      'true: exact figures, neither suppressed nor perturbed: for the data owner only (role analyst or admin, 403 otherwise); every such read is recorded (GET /v1/admin/exact-reads) and never cached.',
    ),
});
