import { z } from 'zod';

/** Control characters (NUL above all) are never meaningful in a parameter and PostgreSQL refuses NUL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;
export const text = (max: number) =>
  z.string().min(1).max(max).regex(NO_CONTROL_CHARS, 'must not contain control characters');

/** Comma-separated list parameter: `?targetGroup=a,b`; empty items are an error, not ignored. */
export const csvList = () =>
  z
    .string()
    .max(2000)
    .transform((value) => value.split(',').map((part) => part.trim()))
    .pipe(
      z
        .array(
          z
            .string()
            .min(1, 'empty item in list')
            .max(100)
            .regex(NO_CONTROL_CHARS, 'must not contain control characters'),
        )
        .min(1),
    );

/** Comma-separated list of fixed values. */
export const csvEnumList = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(2000)
    .transform((value) => value.split(',').map((part) => part.trim()))
    .pipe(z.array(z.enum(values)).min(1));

/** A number in a query string. */
export const queryNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, 'must be a number')
    .transform(Number)
    .pipe(z.number().min(min).max(max));

export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const queryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');

export const periodParams = {
  period: z
    .string()
    .max(20)
    .optional()
    .describe('A period: `2026`, `2026H1`, `2026Q3` or a month `2026-03`. Default: all time.'),
  from: z
    .string()
    .max(20)
    .optional()
    .describe('Start: first day of a month (`2026-01-01`) or a period name.'),
  to: z.string().max(20).optional().describe('End: last day of a month (`2026-06-30`) or a period name.'),
};

export const idParam = text(100);

/** Read endpoints: open by default (EVG_READ_REQUIRES_KEY closes them), so a key is optional. */
export const readSecurity: { [scheme: string]: string[] }[] = [{}, { apiKey: [] }];

/**
 * Every response carrying statistics says which data they are for and how they were protected
 * (measures.md §4; the web page's footnote says the same in words).
 */
export const figuresMetaFields = {
  dataVersion: z.number().int().nullable().describe('The data version (refresh) the figures come from.'),
  asOf: z
    .string()
    .nullable()
    .describe('Data cut-off: the figures use records up to and including this day ("Data til og med").'),
  minCellSize: z
    .number()
    .int()
    .describe(
      'Disclosure threshold: a figure over fewer than this many citizens (exact count) is suppressed (null, `suppressed: true`). Nothing else is ever hidden.',
    ),
  maxPerturbation: z
    .number()
    .int()
    .describe(
      'Every published count (n, x, started, pending, …) is the exact count changed by at most this much (cell key method), so that no combination of tables, filters or periods gives back a small count; rates and intervals are computed from the published counts. 0 for exact figures.',
    ),
};

/** Which enrollments the figures of a search or comparison are over. */
export const scopeSchema = z
  .object({
    targetGroups: z
      .array(z.string())
      .nullable()
      .describe('The target groups the figures are computed over; null = all target groups.'),
  })
  .meta({ id: 'FigureScope' });
