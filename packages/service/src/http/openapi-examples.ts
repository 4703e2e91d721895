/**
 * Examples on every operation of the OpenAPI document: each response body and each request body
 * gets one, in its media type, so tools that show or mock operations (Swagger UI, Redoc, Prism)
 * show figures that agree across operations: they all come from the example world
 * (schemas/example-world.ts). fastify-type-provider-zod does not carry media-type examples from
 * the route schemas into the document, so they are added to the generated document here.
 */
import { isJsonObject, isOwnKey } from '../narrow.ts';
import {
  INTERNAL_DETAIL,
  invalidFieldsDetail,
  PROBLEM_KINDS,
  problemBody,
  type ProblemCode,
  type ProblemLocation,
} from './problem.ts';
import { exampleEffectTable, exampleOffer, exampleProvider } from './schemas/example-world.ts';

type Json = Record<string, unknown>;

/** An operation's parameter, as far as a problem example names it. */
interface Parameter {
  name: string;
  in: ProblemLocation;
}

const { offerId: _offerId, ...offerWrite } = exampleOffer;
const { providerId: _providerId, ...providerWrite } = exampleProvider;

/**
 * Examples the schemas cannot give: lists of a concept, and request bodies. Every other body's
 * example is its schema's (a schema with an id has one; the OpenAPI test checks it).
 */
const OPERATION_EXAMPLES: Record<string, { request?: unknown; responses?: Record<string, unknown> }> = {
  listTargetGroups: {
    responses: {
      200: [
        { code: 'aktivitetsparat', name: 'Aktivitetsparat' },
        { code: 'jobparat', name: 'Jobparat' },
      ],
    },
  },
  listIndustries: {
    responses: {
      200: [
        { code: 'it', name: 'IT og telekommunikation' },
        { code: 'rengoering', name: 'Rengøring' },
        { code: 'transport', name: 'Transport og logistik' },
      ],
    },
  },
  listPackages: { responses: { 200: [{ code: 'jobpakke', name: 'Jobpakke' }] } },
  getEffects: { responses: { 200: exampleEffectTable } },
  putOffer: { request: offerWrite },
  putProvider: { request: providerWrite },
  putCodeListEntry: { request: { name: 'Jobparat' } },
  createApiKey: { request: { name: 'Power BI', role: 'bi' } },
};

/** The example of a schema: its own, its `$ref`'s, or a one-item list of its items' example. */
function schemaExample(schema: unknown, schemas: Json, depth = 0): unknown {
  if (!isJsonObject(schema) || depth > 5) return undefined;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (typeof schema.$ref === 'string') {
    return schemaExample(schemas[schema.$ref.split('/').pop()!], schemas, depth + 1);
  }
  if (schema.type === 'array') {
    const item = schemaExample(schema.items, schemas, depth + 1);
    return item === undefined ? undefined : [item];
  }
  return undefined;
}

function problemCode(status: number): ProblemCode {
  const codes = Object.keys(PROBLEM_KINDS).filter((code) => isOwnKey(PROBLEM_KINDS, code));
  return codes.find((code) => PROBLEM_KINDS[code].status === status) ?? 'internal';
}

function isParameter(value: unknown): value is Parameter {
  return (
    isJsonObject(value) &&
    typeof value.name === 'string' &&
    (value.in === 'query' || value.in === 'path' || value.in === 'header')
  );
}

/** Every operation of the document's paths with its name (`GET /v1/offers`). */
function* operationsOf(document: object): Generator<[string, Json]> {
  const paths = 'paths' in document && isJsonObject(document.paths) ? document.paths : {};
  for (const [path, operations] of Object.entries(paths)) {
    if (!isJsonObject(operations)) continue;
    for (const [method, operation] of Object.entries(operations)) {
      // A path's own fields (`parameters`, `summary`) are not operations.
      if (isJsonObject(operation)) yield [`${method.toUpperCase()} ${path}`, operation];
    }
  }
}

/** The media types of a request or response (its `content`), each by its type. */
function mediaTypesOf(body: unknown): [string, Json][] {
  if (!isJsonObject(body) || !isJsonObject(body.content)) return [];
  return Object.entries(body.content).filter((entry): entry is [string, Json] => isJsonObject(entry[1]));
}

/** A Danish detail of each kind of problem, as the service words it (see http/problem.ts). */
const EXAMPLE_DETAILS: { [C in ProblemCode]: string } = {
  validation: invalidFieldsDetail(1),
  unauthorized: 'Send en API-nøgle: Authorization: Bearer <nøgle>.',
  forbidden: 'Kræver rollen admin; nøglen har rollen bi.',
  'not-found': "Tilbuddet 'T-404' findes ikke.",
  'method-not-allowed': 'Metoden er ikke tilladt her.',
  'not-acceptable': 'Formatet kan ikke leveres.',
  conflict: "Leverandøren 'L-01' har stadig tilbud og kan ikke slettes.",
  'payload-too-large': 'Indholdet er større end importgrænsen på 104857600 bytes (EVG_BODY_LIMIT).',
  'unsupported-media-type': 'Send text/csv eller application/x-ndjson.',
  'invalid-records': '1 række er ugyldig; intet er gemt (import 42).',
  'table-too-large': 'Tabellen ville få 250000 rækker; grænsen er 100000. Vælg færre grupperinger.',
  'rate-limited': 'Højst 600 forespørgsler pr. minut; prøv igen om 42 sekunder.',
  internal: INTERNAL_DETAIL,
  unavailable: 'Databasen svarer ikke.',
};

/** A problem for a documented error status, with a detail as the service words it. */
function problemExample(status: number, operation: Json) {
  const code = problemCode(status);
  if (code !== 'validation') return problemBody(code, EXAMPLE_DETAILS[code]);
  const parameters = Array.isArray(operation.parameters) ? operation.parameters.filter(isParameter) : [];
  const parameter = parameters.find((p) => p.in === 'query') ?? parameters[0];
  const field = parameter
    ? { in: parameter.in, name: parameter.name, message: 'Invalid value' }
    : { in: 'body' as const, name: 'name', message: 'Required' };
  return problemBody(code, EXAMPLE_DETAILS.validation, [field]);
}

/**
 * The document with an `example` on every request and response body of every operation (the
 * document is changed in place: pass a copy, as oneSchemaPerConcept gives).
 * Throws, naming the operation, when one cannot be given: a new operation must bring its
 * example (a schema example, or an entry in OPERATION_EXAMPLES).
 *
 * @example
 *   const document = withOperationExamples(app.swagger());
 *   document.paths['/v1/offers'].get.responses[200].content['application/json'].example.total; // 3
 */
export function withOperationExamples<T extends object>(document: T): T {
  const components = 'components' in document && isJsonObject(document.components) ? document.components : {};
  const schemas = isJsonObject(components.schemas) ? components.schemas : {};
  for (const [name, operation] of operationsOf(document)) {
    const operationId = typeof operation.operationId === 'string' ? operation.operationId : '';
    const given = OPERATION_EXAMPLES[operationId] ?? {};
    for (const [type, media] of mediaTypesOf(operation.requestBody)) {
      const example = given.request ?? schemaExample(media.schema, schemas);
      if (example === undefined) throw new Error(`OpenAPI: no example for the ${type} body of ${name}`);
      media.example = example;
    }
    for (const [status, response] of Object.entries(
      isJsonObject(operation.responses) ? operation.responses : {},
    )) {
      for (const [type, media] of mediaTypesOf(response)) {
        const example =
          type === 'application/problem+json'
            ? problemExample(Number(status), operation)
            : type === 'application/json' && given.responses && status in given.responses
              ? given.responses[status]
              : schemaExample(media.schema, schemas);
        if (example === undefined) {
          throw new Error(`OpenAPI: no example for the ${status} ${type} answer of ${name}`);
        }
        media.example = example;
      }
    }
  }
  return document;
}
