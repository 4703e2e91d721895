import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  INTERNAL_DETAIL,
  invalidFieldsDetail,
  PROBLEM_KINDS,
  problemBody,
  ProblemError,
  type FieldError,
  type ProblemCode,
  type ProblemLocation,
} from '../../http/problem.ts';
import { redactCpr } from '../../http/redact-cpr.ts';
import { PeriodError } from '../../read-model/period-query.ts';

const LOCATIONS: Record<string, ProblemLocation> = {
  querystring: 'query',
  body: 'body',
  params: 'path',
  headers: 'header',
};

/** Fastify's own client errors (bad JSON, body too large, ...) by status. */
const STATUS_CODES: Record<number, ProblemCode> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'invalid-records',
  429: 'rate-limited',
  503: 'unavailable',
};

/** Fastify's own client errors in Danish (its messages are English), by Fastify error code. */
const FRAMEWORK_DETAILS: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'Indholdet er ikke gyldig JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Indholdet er tomt, men content-type er application/json.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Indholdets størrelse passer ikke med Content-Length.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Indholdet er større, end tjenesten tager imod.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Tjenesten læser ikke denne content-type her.',
};

function fieldErrors(
  error: FastifyError & { validation: NonNullable<FastifyError['validation']> },
): FieldError[] {
  const where = LOCATIONS[error.validationContext ?? ''] ?? 'body';
  return error.validation.flatMap((issue) => {
    const keys = issue.params.keys;
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      return keys.map((key) => ({
        in: where,
        name: String(key),
        message: `Unknown ${where} parameter '${String(key)}'.`,
      }));
    }
    const path = issue.instancePath.replace(/^\//, '');
    // Parameters are named as sent (`targetGroup`, not `targetGroup.1`); body fields by their path.
    const name = (where === 'body' ? path.replaceAll('/', '.') : path.split('/')[0]) || where;
    return [{ in: where, name, message: issue.message ?? 'invalid' }];
  });
}

/**
 * Sends one problem+json answer; the one place the API writes an error body, so the one place
 * its text is CPR-redacted (a detail or field name may quote what the client sent).
 */
export function sendProblem(
  reply: FastifyReply,
  code: ProblemCode,
  detail: string,
  errors?: FieldError[],
): FastifyReply {
  const body = problemBody(
    code,
    redactCpr(detail),
    errors?.map((error) => ({ ...error, name: redactCpr(error.name), message: redactCpr(error.message) })),
  );
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}

/**
 * The API's one error handler: every error becomes RFC 9457 problem+json. Validation errors
 * list every invalid field; 5xx answers never carry internal details (they are logged with the
 * request id instead).
 */
async function problemHandler(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = fieldErrors(error);
      return sendProblem(reply, 'validation', invalidFieldsDetail(errors.length), errors);
    }
    if (error instanceof ProblemError) {
      if (error.headers) reply.headers(error.headers);
      return sendProblem(reply, error.code, error.detail, error.errors);
    }
    if (error instanceof PeriodError) {
      return sendProblem(reply, 'validation', `Perioden i ${error.parameter} kan ikke bruges (se errors).`, [
        { in: 'query', name: error.parameter, message: error.message },
      ]);
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    const code = STATUS_CODES[status];
    if (status < 500 && code) {
      request.log.info({ code: error.code, status }, 'client error');
      const detail = FRAMEWORK_DETAILS[error.code] ?? `${PROBLEM_KINDS[code].title}.`;
      return sendProblem(reply, code, detail);
    }
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, 'internal', INTERNAL_DETAIL);
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 'not-found', `Adressen ${request.method} ${request.url.split('?')[0]} findes ikke.`),
  );
}

export default fp(problemHandler, { name: 'problem-handler', fastify: '5.x' });
