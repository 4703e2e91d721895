// The disclosure rule (n < minCellSize suppressed) in every output: every read endpoint's JSON,
// the CSV effect tables and the BI SQL views; and an attacker's differencing of two queries.
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorldApp, type WorldApp } from '../support/world-app.ts';

const MIN = 5;
let w: WorldApp;

beforeAll(async () => {
  w = await createWorldApp({
    cells: [
      { offerId: 'offer-a', targetGroup: 'jobparat', enrollments: 40 },
      // The only small sibling of offer-a: exactly what differencing would recover.
      { offerId: 'offer-a', targetGroup: 'aktivitetsparat', enrollments: 3 },
      { offerId: 'offer-b', targetGroup: 'jobparat', enrollments: 12 },
      { offerId: 'offer-c', targetGroup: 'sygedagpenge', enrollments: 4 },
    ],
  });
});
afterAll(() => w?.close());

const COUNT_KEYS = new Set(['started', 'completed', 'active', 'complaints', 'pending']);

/** Every small figure in a JSON answer: a count or an n below the limit, or a suppressed cell with numbers. */
function leaks(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaks(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const found: string[] = [];
  if (record.suppressed === true) {
    // Counts (pending, started, ...) follow the count rule below: 0 may be shown, 1–4 never.
    for (const key of [
      'n',
      'x',
      'rate',
      'ciLow',
      'ciHigh',
      'mean',
      'median',
      'expectedRate',
      'adjustedRate',
      'oe',
    ]) {
      if (typeof record[key] === 'number')
        found.push(`${path}.${key}=${String(record[key])} in a suppressed cell`);
    }
  }
  for (const [key, v] of Object.entries(record)) {
    if (typeof v === 'number' && (key === 'n' || COUNT_KEYS.has(key)) && v > 0 && v < MIN) {
      found.push(`${path}.${key}=${v}`);
    }
    if (typeof v === 'object') found.push(...leaks(v, `${path}.${key}`));
  }
  return found;
}

const READS = [
  '/v1/offers',
  '/v1/offers?targetGroup=aktivitetsparat',
  '/v1/offers?targetGroup=sygedagpenge',
  '/v1/offers/offer-a',
  '/v1/offers/offer-c',
  '/v1/compare?ids=offer-a,offer-b,offer-c',
  '/v1/providers',
  '/v1/providers/prov-1',
  '/v1/target-groups/aktivitetsparat/profile',
  '/v1/target-groups/sygedagpenge/profile',
  '/v1/effects?groupBy=offer',
  '/v1/effects?groupBy=offer,targetGroup',
  '/v1/effects?groupBy=targetGroup',
  '/v1/effects?groupBy=provider,targetGroup',
  '/v1/effects?groupBy=package,targetGroup',
  '/v1/effects?groupBy=offer,targetGroup&period=2025H1',
];

describe('small cells', () => {
  it('are suppressed in every JSON read', async () => {
    for (const url of READS) {
      const response = await w.app.inject(url);
      expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
      expect(leaks(response.json()), url).toEqual([]);
    }
  });

  it('are suppressed in the CSV effect tables', async () => {
    for (const groupBy of ['offer', 'offer,targetGroup', 'targetGroup', 'provider,targetGroup']) {
      const response = await w.app.inject(`/v1/effects?groupBy=${groupBy}&format=csv`);
      expect(response.statusCode).toBe(200);
      const rows = parse(response.body, { columns: true }) as Record<string, string>[];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          const count = /(^|_)(n|started|completed|active|complaints|pending)$/.test(column);
          if (count && value !== '')
            expect(Number(value), `${groupBy} ${column}`).not.toSatisfy((v: number) => v > 0 && v < MIN);
        }
      }
    }
  });

  it('are suppressed in the BI SQL views', async () => {
    const { rows: views } = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.views WHERE table_schema = 'bi'`.execute(
      w.database.db,
    );
    expect(views.length).toBeGreaterThan(0);
    let cells = 0;
    for (const { name } of views) {
      const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(`bi.${name}`)}`.execute(
        w.database.db,
      );
      for (const row of rows) {
        cells++;
        for (const [column, value] of Object.entries(row)) {
          if (
            /(^|_)(n|started|completed|active|complaints|pending)$/.test(column) &&
            typeof value === 'number'
          ) {
            expect(value > 0 && value < MIN, `bi.${name}.${column}=${value}`).toBe(false);
          }
        }
      }
    }
    expect(cells).toBeGreaterThan(0);
  });
});

describe('differencing two queries', () => {
  // offer-a's total over all target groups is shown; without secondary suppression its one
  // large target-group cell would be too, and their difference would be the suppressed cell
  // (3 enrollments).
  it('cannot recover a suppressed count from an offer total minus its visible target groups', async () => {
    const total = (await w.app.inject('/v1/effects?groupBy=offer')).json() as Record<string, unknown>[];
    const parts = (await w.app.inject('/v1/effects?groupBy=offer,targetGroup')).json() as Record<
      string,
      unknown
    >[];
    const offerTotal = total.find((c) => c.offerId === 'offer-a')!;
    const cells = parts.filter((c) => c.offerId === 'offer-a');
    const hidden = cells.filter((c) => c.started === null);
    expect(hidden.length).toBeGreaterThan(0);
    const visibleStarted = cells.reduce((sum, c) => sum + (typeof c.started === 'number' ? c.started : 0), 0);
    const recovered =
      (offerTotal.started as number | null) === null ? null : (offerTotal.started as number) - visibleStarted;
    // Recovered a count between 1 and minCellSize − 1 = the rule was broken.
    expect(recovered === null || recovered === 0 || recovered >= MIN, `recovered ${recovered}`).toBe(true);
  });

  it('cannot recover a suppressed count from an offer total minus its search figures for one target group', async () => {
    const total = (await w.app.inject('/v1/effects?groupBy=offer')).json() as Record<string, unknown>[];
    const search = (await w.app.inject('/v1/offers?targetGroup=jobparat')).json() as {
      items: { offer: { offerId: string }; effects: { started: number | null } }[];
    };
    const offerTotal = total.find((c) => c.offerId === 'offer-a')!.started as number | null;
    const jobparat = search.items.find((item) => item.offer.offerId === 'offer-a')!.effects.started;
    // offer-a has two target groups: total − jobparat would be its aktivitetsparat cell (3).
    const recovered = offerTotal === null || jobparat === null ? null : offerTotal - jobparat;
    expect(recovered === null || recovered === 0 || recovered >= MIN, `recovered ${recovered}`).toBe(true);
  });
});
