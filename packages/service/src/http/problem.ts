/**
 * RFC 9457 problem details: the one error shape of the API. Each kind of problem has a stable
 * code, a stable `type` URI and an HTTP status; clients branch on `type`, never on `detail`.
 *
 * Language policy, the one place it is stated (README "The REST API" points here):
 * - `title` and `detail` are for people and are Danish, as the rest of the service's
 *   user-facing text. `detail` says what was wrong in this request (a name or limit, never a
 *   person id or CPR-like value); where the web page shows a problem, its English switch shows
 *   the English title of the `type` (web/static/i18n.js, `problem.<code>`) and the Danish
 *   detail marked `lang="da"`.
 * - `errors[].name` is the parameter or field as sent; `errors[].message` is the technical rule
 *   in English, worded as the data contract, the zod schemas and the `evg` CLI word it, so a
 *   row's message reads the same in `evg import` and `POST /v1/imports`.
 * - The `type` URIs and codes below never change with the wording.
 */

export const PROBLEM_BASE = 'https://evg.kk.dk/problems/';

export const PROBLEM_KINDS = {
  validation: { status: 400, title: 'Ugyldig forespørgsel' },
  unauthorized: { status: 401, title: 'Manglende eller ugyldig API-nøgle' },
  forbidden: { status: 403, title: 'API-nøglen har ikke adgang' },
  'not-found': { status: 404, title: 'Findes ikke' },
  'method-not-allowed': { status: 405, title: 'Metoden er ikke tilladt' },
  'not-acceptable': { status: 406, title: 'Formatet kan ikke leveres' },
  conflict: { status: 409, title: 'Konflikt' },
  'payload-too-large': { status: 413, title: 'Forespørgslen er for stor' },
  'unsupported-media-type': { status: 415, title: 'Ikke understøttet indholdstype' },
  'invalid-records': { status: 422, title: 'Ugyldige poster' },
  'table-too-large': { status: 422, title: 'Tabellen er for stor' },
  'rate-limited': { status: 429, title: 'For mange forespørgsler' },
  internal: { status: 500, title: 'Intern fejl' },
  unavailable: { status: 503, title: 'Tjenesten er ikke klar' },
} as const;

export type ProblemCode = keyof typeof PROBLEM_KINDS;

/** Where an invalid value was found. */
export type ProblemLocation = 'query' | 'body' | 'path' | 'header';

export interface FieldError {
  in: ProblemLocation;
  /** Parameter or field name; nested body fields as a dotted path, rows as `line 12: field`. */
  name: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

/**
 * An error a route or plugin throws on purpose; the error handler turns it into problem+json.
 *
 * @example
 *   throw new ProblemError('not-found', `Tilbuddet '${id}' findes ikke.`);
 */
export class ProblemError extends Error {
  readonly status: number;

  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = 'ProblemError';
    this.status = PROBLEM_KINDS[code].status;
  }
}

/** The detail of every 500: nothing internal is sent; the log has it under the request id. */
export const INTERNAL_DETAIL = 'Der skete en intern fejl. Fejlen er logget med forespørgslens id.';

/** The detail of a validation problem with `count` invalid fields (listed in `errors`). */
export function invalidFieldsDetail(count: number): string {
  return count === 1
    ? 'Forespørgslen har 1 ugyldigt felt (se errors).'
    : `Forespørgslen har ${count} ugyldige felter (se errors).`;
}

/** The body for a problem of `code`, e.g. `problemBody('not-found', 'Tilbuddet findes ikke.')`. */
export function problemBody(code: ProblemCode, detail: string, errors?: FieldError[]): Problem {
  const kind = PROBLEM_KINDS[code];
  return {
    type: PROBLEM_BASE + code,
    title: kind.title,
    status: kind.status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}
