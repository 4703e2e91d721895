import { z } from 'zod';

/** Control characters (NUL above all) are never meaningful in a parameter and PostgreSQL refuses NUL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;
export const text = (max: number) =>
  z.string().min(1).max(max).regex(NO_CONTROL_CHARS, 'must not contain control characters');

/*
 * Query parameters arrive as strings. Each helper below converts the string in a preprocess step
 * and validates the converted value, so the OpenAPI document (generated from the schemas' input
 * side, which for a preprocess is the validated type) says what the parameter IS: an integer, a
 * number, a boolean or an array, not "a string matching a pattern". Generated clients then take
 * `limit: 20`, `accessible: true`, `targetGroup: ['jobparat']`. A string that does not convert is
 * left as it is and fails the type check with the helper's message.
 */

const listItem = z
  .string()
  .min(1, 'empty item in list')
  .max(100)
  .regex(NO_CONTROL_CHARS, 'must not contain control characters');

/**
 * `a,b` and a repeated parameter (`?x=a&x=b`, which Fastify hands over as an array) both become
 * `['a', 'b']`; items are trimmed, an empty item is kept so that it is refused, not ignored.
 */
function splitList(value: unknown): unknown {
  if (typeof value === 'string') return value.split(',').map((part) => part.trim());
  if (Array.isArray(value) && value.every((part) => typeof part === 'string'))
    return value.flatMap((part: string) => part.split(',').map((item) => item.trim()));
  return value;
}

/**
 * List parameter of `min`–`max` items (`tooFew`, `tooMany`: the messages): `?targetGroup=a,b` (OpenAPI `style: form, explode: false`, see
 * {@link queryObject}); empty items are an error, not ignored.
 *
 * @example
 *   csvList().parse('jobparat, aktivitetsparat'); // ['jobparat', 'aktivitetsparat']
 */
export const csvList = ({
  min = 1,
  max = 200,
  tooFew,
  tooMany,
}: { min?: number; max?: number; tooFew?: string; tooMany?: string } = {}) =>
  z.preprocess(
    splitList,
    z.array(listItem, { error: 'must be a comma-separated list' }).min(min, tooFew).max(max, tooMany),
  );

/**
 * List parameter of fixed values.
 *
 * @example
 *   csvEnumList(['offer', 'period']).parse('offer,period'); // ['offer', 'period']
 */
export const csvEnumList = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    splitList,
    z.array(z.enum(values), { error: 'must be a comma-separated list' }).min(1).max(50),
  );

const DECIMAL = /^-?\d+(\.\d+)?$/;
const WHOLE = /^\d+$/;

/** A plain decimal string becomes a number; anything else (`1e3`, `0x10`, ``) is left to fail. */
const toNumber = (pattern: RegExp) => (value: unknown) =>
  typeof value === 'string' && pattern.test(value) ? Number(value) : value;

/**
 * A number in a query string: `?maxPrice=18500.5`.
 *
 * @example
 *   queryNumber(0, 1).parse('0.25'); // 0.25
 */
export const queryNumber = (min: number, max: number) =>
  z.preprocess(toNumber(DECIMAL), z.number({ error: 'must be a number' }).min(min).max(max));

/**
 * A whole number in a query string: `?limit=20`.
 *
 * @example
 *   queryInt(1, 100).parse('20'); // 20
 */
export const queryInt = (min: number, max: number) =>
  z.preprocess(toNumber(WHOLE), z.number({ error: 'must be a whole number' }).int().min(min).max(max));

/**
 * `true` or `false` in a query string.
 *
 * @example
 *   queryBoolean.parse('true'); // true
 */
export const queryBoolean = z.preprocess(
  (value) => (value === 'true' ? true : value === 'false' ? false : value),
  z.boolean({ error: 'must be true or false' }),
);

/**
 * The object of a route's query parameters. Lists are sent comma-separated, which OpenAPI calls
 * `style: form, explode: false` (@fastify/swagger copies both from the query object onto every
 * parameter; they change nothing for the parameters that are not lists).
 *
 * @example
 *   queryObject({ limit: queryInt(1, 100).optional() }).parse({ limit: '5' }); // { limit: 5 }
 */
export const queryObject = <const Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape).meta({ style: 'form', explode: false });

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
