/**
 * Turns an OpenAPI 3.1 document into fast-check arbitraries of HTTP requests, so the fuzz tests
 * cover every operation the app documents, including ones added after the tests were written.
 * Each parameter gets values drawn from its schema (enums, bounds, dates) and from the hostile
 * catalogue; requests also carry unknown and repeated parameters, odd headers and bodies.
 */
import fc from 'fast-check';
import { BAD_DATES, GOOD_DATES, hostileString, NUMBER_STRINGS } from './hostile-values.ts';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
}

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: Record<string, string[]>[];
  responses?: Record<string, unknown>;
}

export interface OpenApiDocument {
  paths: Record<string, Partial<Record<string, OpenApiOperation>>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path template, e.g. `/v1/offers/{id}`. */
  path: string;
  operation: OpenApiOperation;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every documented operation, in document order. */
export function endpointsOf(doc: OpenApiDocument): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) endpoints.push({ method: method.toUpperCase() as Endpoint['method'], path, operation });
    }
  }
  return endpoints;
}

function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop() ?? '';
    return resolve(doc, doc.components?.schemas?.[name]);
  }
  return schema;
}

/** Plausible and boundary values for a schema, as the strings a query or path would carry. */
export function schemaValues(doc: OpenApiDocument, raw: JsonSchema | undefined): fc.Arbitrary<string> {
  const schema = resolve(doc, raw);
  const options: fc.Arbitrary<string>[] = [];
  const alternatives = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  if (alternatives.length > 0) options.push(...alternatives.map((s) => schemaValues(doc, s)));
  const enumValues = schema.enum ?? (schema.const !== undefined ? [schema.const] : undefined);
  if (enumValues && enumValues.length > 0) {
    const values = enumValues.map(String);
    options.push(fc.constantFrom(...values));
    options.push(fc.subarray(values, { minLength: 1 }).map((list) => list.join(',')));
    options.push(fc.constantFrom(...values).map((v) => v.toUpperCase() + ' '));
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.includes('integer') || types.includes('number')) {
    const bounds = [schema.minimum, schema.maximum]
      .filter((b): b is number => b !== undefined)
      .flatMap((b) => [b - 1, b, b + 1].map(String));
    options.push(fc.constantFrom(...NUMBER_STRINGS, ...bounds));
    options.push(fc.integer({ min: -1000, max: 100_000 }).map(String));
  }
  if (types.includes('boolean')) options.push(fc.constantFrom('true', 'false', '1', '0', 'TRUE', 'yes', ''));
  if (types.includes('array')) {
    options.push(
      fc.array(schemaValues(doc, schema.items), { minLength: 0, maxLength: 8 }).map((list) => list.join(',')),
    );
  }
  if (schema.format === 'date' || /\\d\{4\}/.test(schema.pattern ?? '')) {
    options.push(fc.constantFrom(...GOOD_DATES, ...BAD_DATES));
  }
  if (schema.maxLength !== undefined) {
    options.push(fc.constant('x'.repeat(schema.maxLength)), fc.constant('x'.repeat(schema.maxLength + 1)));
  }
  options.push(hostileString);
  return fc.oneof(...options);
}

/** encodeURIComponent, after replacing lone surrogates as UTF-8 encoding does (it throws on them). */
const percentEncode = (value: string) => encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));

/** Percent-encodes like a browser, or — sometimes — not at all, as a hand-written client might. */
const encoded = (value: string): fc.Arbitrary<string> =>
  fc.constantFrom(true, true, true, false).map((encode) => (encode ? percentEncode(value) : value));

const HEADER_SAFE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** A header value the HTTP layer can carry (light-my-request refuses CR/LF and code points > 255). */
function headerValue(value: string): string {
  return HEADER_SAFE.test(value) ? value : percentEncode(value);
}

export interface RequestOptions {
  /** Values that reach real rows for path parameters (ids, codes), mixed in with hostile ones. */
  knownPathValues?: Record<string, string[]>;
  /** Keys that may go in the Authorization header (valid ones of each role, revoked ones). */
  apiKeys?: string[];
  /** Bodies for operations that take one, by `METHOD path`; a generic hostile body otherwise. */
  bodies?: Record<string, fc.Arbitrary<{ contentType: string; payload: string | Buffer }>>;
}

/** Requests for one endpoint: documented parameters with schema and hostile values, extras. */
export function requestArbitrary(doc: OpenApiDocument, endpoint: Endpoint, options: RequestOptions = {}) {
  const parameters = endpoint.operation.parameters ?? [];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const queryParams = parameters.filter((p) => p.in === 'query');

  const pathValues = fc.record(
    Object.fromEntries(
      pathParams.map((p) => {
        const known = options.knownPathValues?.[p.name] ?? [];
        const value =
          known.length > 0
            ? fc.oneof(fc.constantFrom(...known), schemaValues(doc, p.schema))
            : schemaValues(doc, p.schema);
        return [p.name, value.chain(encoded)];
      }),
    ),
  );

  const queryPairs = fc
    .tuple(
      ...queryParams.map((p) =>
        fc.option(
          fc.tuple(fc.constant(p.name), schemaValues(doc, p.schema).chain(encoded), fc.nat({ max: 9 })),
          { nil: undefined, freq: 2 },
        ),
      ),
      fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom('unknown', 'id', '__proto__', 'constructor', 'a[b]', 'x%00'),
            fc.string({ maxLength: 8 }),
          ),
          hostileString.chain(encoded),
        ),
        { maxLength: 2 },
      ),
    )
    .map((parts) => {
      const pairs: string[] = [];
      const extras = parts.pop() as [string, string][];
      for (const part of parts as ([string, string, number] | undefined)[]) {
        if (!part) continue;
        const [name, value, repeat] = part;
        pairs.push(`${name}=${value}`);
        // Now and then the same parameter twice, which querystring parsers turn into an array.
        if (repeat === 0) pairs.push(`${name}=${value}`);
      }
      for (const [name, value] of extras) pairs.push(`${percentEncode(name)}=${value}`);
      return pairs.join('&');
    });

  const keys = options.apiKeys ?? [];
  const authorization = fc.oneof(
    fc.constant(undefined),
    ...(keys.length > 0 ? [fc.constantFrom(...keys).map((k) => `Bearer ${k}`)] : []),
    fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'bearer x', 'Bearer ' + 'k'.repeat(5000)),
    hostileString.map((s) => `Bearer ${headerValue(s)}`),
  );
  const accept = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(
      'application/json',
      'text/csv',
      '*/*',
      'text/html',
      'application/xml',
      'text/csv;q=0.1, application/json;q=0.9',
      'garbage/////',
      '',
    ),
  );
  const extraHeaders = fc.dictionary(
    fc.constantFrom(
      'x-request-id',
      'if-none-match',
      'if-modified-since',
      'accept-encoding',
      'accept-language',
      'range',
      'x-forwarded-for',
      'origin',
    ),
    hostileString.map(headerValue),
    { maxKeys: 2 },
  );

  const bodyKey = `${endpoint.method} ${endpoint.path}`;
  const takesBody = endpoint.method !== 'GET' && endpoint.method !== 'DELETE';
  const body = takesBody ? (options.bodies?.[bodyKey] ?? genericBody) : fc.constant(undefined);

  return fc
    .record({ pathValues, query: queryPairs, authorization, accept, extraHeaders, body })
    .map((r): FuzzRequest => {
      let url = endpoint.path;
      for (const [name, value] of Object.entries(r.pathValues)) url = url.replace(`{${name}}`, value);
      if (r.query) url += `?${r.query}`;
      const headers: Record<string, string> = { ...r.extraHeaders };
      if (r.authorization !== undefined) headers.authorization = r.authorization;
      if (r.accept !== undefined) headers.accept = r.accept;
      const request: FuzzRequest = { method: endpoint.method, url, headers };
      if (r.body) {
        headers['content-type'] = r.body.contentType;
        request.payload = r.body.payload;
      }
      return request;
    });
}

/** A body for an operation with no specific generator: JSON of every shape, broken JSON, bytes. */
export const genericBody: fc.Arbitrary<{ contentType: string; payload: string | Buffer }> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ contentType: 'application/json', payload: JSON.stringify(v) })),
  fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat()).map(([v, cut]) => {
    const text = JSON.stringify(v);
    return { contentType: 'application/json', payload: text.slice(0, cut % (text.length + 1)) };
  }),
  fc.record({ name: hostileString, description: hostileString, role: hostileString }).map((v) => ({
    contentType: 'application/json',
    payload: JSON.stringify(v),
  })),
  fc
    .uint8Array({ maxLength: 64 })
    .map((bytes) => ({ contentType: 'application/json', payload: Buffer.from(bytes) })),
  fc
    .constantFrom(
      '{"__proto__":{"admin":true}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '[',
      '{',
      'null',
      '""',
    )
    .map((payload) => ({ contentType: 'application/json', payload })),
  fc
    .constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
      'text/csv',
    )
    .chain((contentType) => hostileString.map((payload) => ({ contentType, payload }))),
);
