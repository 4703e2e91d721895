/**
 * Typed client of the EVG API for jobcenter systems. The types are generated from the committed
 * OpenAPI document (`src/generated/openapi.ts`); requests go through openapi-fetch, so every
 * path, parameter, body and answer is checked by the TypeScript compiler.
 */
import createFetchClient, { type Client } from 'openapi-fetch';
import type { components, operations, paths } from './generated/openapi.ts';

export type { components, operations, paths };

type Schemas = components['schemas'];

/** An offer (tilbud) as the catalogue describes it. */
export type Offer = Schemas['Offer'];
/** A provider (leverandør). */
export type Provider = Schemas['Provider'];
/** An offer with its provider and effect figures: one item of a search or a comparison. */
export type OfferSummary = Schemas['OfferSummary'];
/** The answer of `GET /v1/offers`. */
export type OfferSearchResult = Schemas['OfferSearchResult'];
/** The answer of `GET /v1/offers/{id}`. */
export type OfferProfile = Schemas['OfferProfile'];
/** The answer of `GET /v1/compare`. */
export type Comparison = Schemas['Comparison'];
/** One cell of an effect table (`GET /v1/effects`), also the figures of every offer. */
export type EffectRow = Schemas['EffectRow'];
/** An outcome measure of a row (e.g. `effect3m`): rate, interval, case-mix adjustment. */
export type OutcomeCell = Schemas['OutcomeCell'];
/** A target group, industry or package with its Danish name. */
export type CodeListEntry = Schemas['CodeListEntry'];
/** An RFC 9457 problem: what every error answer carries. */
export type Problem = Schemas['Problem'];
/** The query parameters of the offer search. */
export type OfferSearchQuery = NonNullable<operations['searchOffers']['parameters']['query']>;

/**
 * The media types the client's answers are typed for: JSON, and problem+json for errors. The
 * spreadsheet exports (`format=csv`/`xlsx`) are files: read them from `response` (with
 * `parseAs: 'blob'` or `'text'`), not from `data`.
 */
export type EvgMediaType = 'application/json' | 'application/problem+json';

/** The client: `GET`, `POST`, `PUT`, `DELETE` on the API's paths, typed from the OpenAPI document. */
export type EvgClient = Client<paths, EvgMediaType>;

export interface EvgClientOptions {
  /** Where the service answers, e.g. `https://evg.kommune.dk`. */
  baseUrl: string;
  /** An API key (`evg keys create`), sent as a bearer token. Reads need none unless the service says so. */
  apiKey?: string;
  /** A fetch of your own (a proxy agent, retries, tests); default: the global fetch. */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

/**
 * A client of the EVG service at `baseUrl`. Lists go out comma-separated (`targetGroup=a,b`),
 * which is what the API's list parameters are (OpenAPI `style: form, explode: false`). Every
 * call answers `{ data, error, response }`: `data` on success, `error` (a {@link Problem}) otherwise.
 *
 * @example
 *   const evg = createEvgClient({ baseUrl: 'https://evg.kommune.dk', apiKey: process.env.EVG_API_KEY });
 *   const { data, error } = await evg.GET('/v1/offers', {
 *     params: { query: { targetGroup: ['jobparat'], sort: '-effect3m', limit: 3 } },
 *   });
 *   if (error) throw new Error(error.title);
 *   data.items.map((item) => item.offer.name);
 */
export function createEvgClient(options: EvgClientOptions): EvgClient {
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`;
  return createFetchClient<paths, EvgMediaType>({
    baseUrl: options.baseUrl,
    headers,
    querySerializer: { array: { style: 'form', explode: false } },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
