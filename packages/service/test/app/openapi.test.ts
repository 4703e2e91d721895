import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateOpenApi } from '../../src/cli/openapi-document.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const COMMITTED = `${ROOT}openapi/openapi.json`;

type Json = Record<string, unknown>;
type Media = { schema?: Json; example?: unknown };
type Operation = {
  operationId: string;
  parameters?: { name: string; in: string; schema: Json }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
};

let generated: Document;
beforeAll(async () => {
  generated = JSON.parse(JSON.stringify(await generateOpenApi())) as Document;
});

/** Every body of every operation: `GET /v1/offers 200 application/json` and its media type. */
function bodies(document: Document): [string, Media][] {
  const found: [string, Media][] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const name = `${method.toUpperCase()} ${path}`;
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {}))
        found.push([`${name} request ${type}`, media]);
      for (const [status, response] of Object.entries(operation.responses))
        for (const [type, media] of Object.entries(response.content ?? {}))
          found.push([`${name} ${status} ${type}`, media]);
    }
  }
  return found;
}

type Example = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- examples are read freely
const exampleOf = (operationId: string, status = '200'): Example => {
  for (const methods of Object.values(generated.paths))
    for (const operation of Object.values(methods))
      if (operation.operationId === operationId)
        return operation.responses[status]!.content!['application/json']!.example as Example;
  throw new Error(`no operation ${operationId}`);
};

describe('OpenAPI document', () => {
  it('is committed exactly as the app generates it (run `npm run openapi` after changing routes)', async () => {
    const committed = JSON.parse(await readFile(COMMITTED, 'utf8')) as Json;
    expect(committed).toEqual(JSON.parse(JSON.stringify(await generateOpenApi())));
  });

  it('documents every response with a schema that has an example', async () => {
    const document = (await generateOpenApi()) as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, Json> };
    };
    const hasExample = (schema: Json | undefined, depth = 0): boolean => {
      if (!schema || depth > 5) return false;
      if (Array.isArray(schema.examples) || schema.example !== undefined) return true;
      if (typeof schema.$ref === 'string')
        return hasExample(document.components.schemas[schema.$ref.split('/').pop()!], depth + 1);
      if (schema.items) return hasExample(schema.items as Json, depth + 1);
      if (schema.type === 'null') return true;
      return false;
    };
    const missing: string[] = [];
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          for (const [type, media] of Object.entries(response.content ?? {})) {
            if (!hasExample(media.schema)) missing.push(`${method.toUpperCase()} ${path} ${status} ${type}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('has one schema per concept: no *Input twin, every component used', () => {
    const names = Object.keys(generated.components.schemas);
    expect(names.filter((name) => name.endsWith('Input'))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['Offer', 'OfferWrite', 'OfferSearchResult', 'Problem']));
    const text = JSON.stringify(generated.paths) + JSON.stringify(generated.components);
    for (const name of names) expect(text, name).toContain(`"#/components/schemas/${name}"`);
  });

  it('types integer, number, boolean and list query parameters as such', () => {
    const search = generated.paths['/v1/offers']!.get!.parameters!;
    const typeOf = (name: string) => search.find((parameter) => parameter.name === name)!.schema;
    expect(typeOf('limit')).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    expect(typeOf('maxPrice')).toMatchObject({ type: 'number' });
    expect(typeOf('minEffect3m')).toMatchObject({ type: 'number', minimum: 0, maximum: 1 });
    expect(typeOf('accessible')).toEqual({ type: 'boolean' });
    expect(typeOf('targetGroup')).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(search.find((parameter) => parameter.name === 'targetGroup')).toMatchObject({
      style: 'form',
      explode: false,
    });
    const effects = generated.paths['/v1/effects']!.get!.parameters!;
    expect(effects.find((parameter) => parameter.name === 'exact')!.schema).toEqual({ type: 'boolean' });
    const imports = generated.paths['/v1/imports/{kind}']!.post!.parameters!;
    expect(imports.find((parameter) => parameter.name === 'pseudonymise')!.schema).toEqual({
      type: 'boolean',
    });
  });

  it('has an example on every request and response body of every operation, valid against its schema', () => {
    // Formats (binary for the spreadsheets) are annotations here: shapes and values are checked.
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const problems: string[] = [];
    for (const [name, media] of bodies(generated)) {
      if (media.example === undefined) {
        problems.push(`${name}: no example`);
        continue;
      }
      const validate = ajv.compile({ ...media.schema, components: generated.components });
      if (!validate(media.example)) problems.push(`${name}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(problems).toEqual([]);
  });

  it('has examples that agree with each other', () => {
    const search = exampleOf('searchOffers');
    const comparison = exampleOf('compareOffers');
    const profile = exampleOf('getOffer');
    const provider = exampleOf('getProvider');
    const providers = exampleOf('listProviders');
    const targetGroup = exampleOf('getTargetGroupProfile');
    const table = exampleOf('getEffects') as Example[];
    const withFigures = [search, comparison, profile, provider, providers, targetGroup];
    for (const example of withFigures) {
      expect(example).toMatchObject({
        dataVersion: 3,
        asOf: '2026-10-31',
        minCellSize: 5,
        maxPerturbation: 2,
      });
    }
    expect(exampleOf('getReady').dataVersion).toBe(3);
    // The search: every matching offer on the page, facets never above the total.
    expect(search.items).toHaveLength(search.total);
    for (const facet of Object.values(search.facets) as { count: number }[][])
      for (const { count } of facet) expect(count).toBeLessThanOrEqual(search.total);
    expect(search.facets.targetGroup).toEqual([{ value: 'jobparat', count: search.total }]);
    const rates = search.items.map((item: Example) => item.effects.effect3m.rate);
    expect(rates).toEqual([...rates].sort((a, b) => b - a)); // sorted by -effect3m
    // The same offers with the same figures in the search, the comparison and the provider.
    const byId = (items: Example[]) =>
      Object.fromEntries(items.map((item) => [item.offer.offerId, item] as const));
    expect(byId(comparison.offers)).toEqual(byId(search.items));
    expect(byId(provider.offers)).toEqual(byId(search.items));
    expect(profile.offer).toEqual(byId(search.items)[profile.offer.offerId].offer);
    expect(profile.effects).toEqual(byId(search.items)[profile.offer.offerId].effects);
    for (const row of table) {
      const { targetGroup: group, ...figures } = row;
      expect(group).toBe('jobparat');
      expect(figures).toEqual(byId(search.items)[row.offerId].effects);
    }
    // Differences are this offer minus the reference.
    for (const { offerId, measures } of comparison.differences) {
      const here = byId(comparison.offers)[offerId].effects.effect3m.rate;
      const there = byId(comparison.offers)[comparison.reference].effects.effect3m.rate;
      expect(measures.effect3m.difference).toBeCloseTo(here - there, 4);
    }
    // Totals: the trend sums to the profile, the offers to the provider and the target group.
    const sum = (rows: Example[], key: string) => rows.reduce((total, row) => total + row[key], 0);
    expect(sum(profile.trend, 'started')).toBe(profile.effects.started);
    const offerRows = search.items.map((item: Example) => item.effects);
    expect(provider.effects.started).toBe(sum(offerRows, 'started'));
    expect(providers.items[0].effects).toEqual(provider.effects);
    expect(providers.items[0].offerCount).toBe(search.total);
    expect(targetGroup.started).toBe(sum(offerRows, 'started'));
    expect(targetGroup.effects.effect3m.x).toBe(
      offerRows.reduce((total: number, row: Example) => total + row.effect3m.x, 0),
    );
    for (const row of [...offerRows, provider.effects, ...profile.trend]) {
      expect(row.effect3m.rate).toBeCloseTo(row.effect3m.x / row.effect3m.n, 12);
      expect(row.active).toBe(row.started - row.completed);
    }
  });

  it('passes redocly lint with no errors', async () => {
    const cli = `${ROOT}node_modules/@redocly/cli/bin/cli.js`;
    const run = promisify(execFile);
    const result = await run(
      process.execPath,
      [cli, 'lint', '--config', `${ROOT}redocly.yaml`, COMMITTED, '--format=summary'],
      {
        cwd: ROOT,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    ).catch((error: { stdout: string; stderr: string }) => error);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/^error\s/m);
    expect(`${result.stdout}${result.stderr}`).toMatch(/valid/);
  }, 60_000);
});
