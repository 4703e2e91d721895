/**
 * A small, fully known data directory for the reliability tests: every cell count is chosen by
 * the test (so it knows which cells must be suppressed), and `bulkPeriods` adds benefit periods
 * of persons with no enrollment, to make an import long enough to strike in the middle of.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CellPlan {
  offerId: string;
  targetGroup: string;
  enrollments: number;
}

export interface WorldOptions {
  /** Enrollments per (offer, target group); each by its own person. */
  cells: CellPlan[];
  /** Extra persons, each with benefit periods only: import volume with no effect on cells. */
  bulkPersons?: number;
  /** Benefit periods per bulk person. */
  periodsPerBulkPerson?: number;
  /** Key prefix, so two worlds in one database do not collide. */
  prefix?: string;
}

export const WORLD_OFFERS = [
  {
    offer_id: 'offer-a',
    provider_id: 'prov-1',
    name: 'Rengøring i praksis',
    package: 'jobpakke',
    industries: 'rengoering',
  },
  {
    offer_id: 'offer-b',
    provider_id: 'prov-2',
    name: 'Mentorforløb',
    package: 'mentorpakke',
    industries: 'it',
  },
  {
    offer_id: 'offer-c',
    provider_id: 'prov-1',
    name: 'Lager og logistik',
    package: 'jobpakke',
    industries: 'it',
  },
] as const;

export const WORLD_TARGET_GROUPS = ['jobparat', 'aktivitetsparat', 'sygedagpenge'] as const;

const dayMs = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function csv(columns: string[], rows: (string | number | boolean | null)[][]): string {
  const field = (v: string | number | boolean | null) => {
    if (v === null) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => r.map(field).join(','))].join('\n') + '\n';
}

/**
 * Writes the world as contract CSV files into `dir` and returns the person ids it used.
 *
 * @example
 *   await writeWorld(dir, { cells: [{ offerId: 'offer-a', targetGroup: 'jobparat', enrollments: 20 }] });
 */
export async function writeWorld(dir: string, options: WorldOptions): Promise<{ personIds: string[] }> {
  const prefix = options.prefix ?? 'w';
  await mkdir(dir, { recursive: true });
  const offersInPlan = new Set(options.cells.map((c) => c.offerId));
  const offerTargetGroups = (id: string) =>
    [...new Set(options.cells.filter((c) => c.offerId === id).map((c) => c.targetGroup))].join(';') ||
    'jobparat';

  await writeFile(
    join(dir, 'benefit_types.csv'),
    csv(
      ['code', 'public_support', 'name'],
      [
        ['kontanthjaelp', true, 'Kontanthjælp'],
        ['su', false, 'SU'],
      ],
    ),
  );
  await writeFile(
    join(dir, 'target_groups.csv'),
    csv(
      ['code', 'name'],
      WORLD_TARGET_GROUPS.map((code) => [code, code]),
    ),
  );
  await writeFile(
    join(dir, 'industries.csv'),
    csv(
      ['code', 'name'],
      [
        ['rengoering', 'Rengøring'],
        ['it', 'IT'],
      ],
    ),
  );
  await writeFile(
    join(dir, 'providers.csv'),
    csv(
      ['provider_id', 'name', 'kind'],
      [
        ['prov-1', 'Job & Co', 'external'],
        ['prov-2', 'Kommunens jobcenter', 'internal'],
      ],
    ),
  );
  await writeFile(
    join(dir, 'offers.csv'),
    csv(
      [
        'offer_id',
        'provider_id',
        'name',
        'package',
        'description',
        'target_groups',
        'industries',
        'price_dkk',
        'hours_per_week',
        'duration_weeks',
      ],
      WORLD_OFFERS.filter((o) => offersInPlan.has(o.offer_id) || o.offer_id === 'offer-a').map((o, i) => [
        o.offer_id,
        o.provider_id,
        o.name,
        o.package,
        `${o.name}: et forløb for ledige`,
        offerTargetGroups(o.offer_id),
        o.industries,
        10_000 + i * 5_000,
        20 + i,
        8,
      ]),
    ),
  );

  const persons: (string | number)[][] = [];
  const periods: (string | null)[][] = [];
  const enrollments: (string | boolean | null)[][] = [];
  const surveys: (string | number)[][] = [];
  const base = Date.UTC(2025, 0, 6);
  let n = 0;
  for (const cell of options.cells) {
    for (let i = 0; i < cell.enrollments; i++, n++) {
      const personId = `${prefix}-p${String(n).padStart(6, '0')}`;
      const start = base + (n % 150) * dayMs;
      const end = start + 55 * dayMs;
      persons.push([personId, iso(Date.UTC(1960 + (n % 40), n % 12, 1 + (n % 27)))]);
      periods.push([
        `${prefix}-bp${n}a`,
        personId,
        'kontanthjaelp',
        iso(start - (30 + (n % 400)) * dayMs),
        iso(start - dayMs),
      ]);
      // Every third person is back on benefits right after the course: a failure on effect3m.
      if (n % 3 === 0)
        periods.push([`${prefix}-bp${n}b`, personId, 'kontanthjaelp', iso(end + 10 * dayMs), null]);
      const enrollmentId = `${prefix}-e${n}`;
      enrollments.push([
        enrollmentId,
        personId,
        cell.offerId,
        cell.targetGroup,
        iso(start),
        iso(end),
        n % 4 === 0,
      ]);
      if (n % 2 === 0)
        surveys.push([`${prefix}-s${n}`, enrollmentId, iso(end + dayMs), 1 + (n % 5), 1 + ((n + 2) % 5)]);
    }
  }
  const perBulk = options.periodsPerBulkPerson ?? 4;
  for (let b = 0; b < (options.bulkPersons ?? 0); b++) {
    const personId = `${prefix}-bulk${String(b).padStart(7, '0')}`;
    persons.push([personId, iso(Date.UTC(1970 + (b % 30), b % 12, 1 + (b % 27)))]);
    for (let k = 0; k < perBulk; k++) {
      const start = Date.UTC(2020, 0, 1) + (k * 200 + (b % 50)) * dayMs;
      periods.push([
        `${prefix}-bb${b}-${k}`,
        personId,
        k % 3 === 2 ? 'su' : 'kontanthjaelp',
        iso(start),
        iso(start + 90 * dayMs),
      ]);
    }
  }

  await writeFile(join(dir, 'persons.csv'), csv(['person_id', 'birth_date'], persons));
  await writeFile(
    join(dir, 'benefit_periods.csv'),
    csv(['period_id', 'person_id', 'benefit_type', 'start_date', 'end_date'], periods),
  );
  await writeFile(
    join(dir, 'enrollments.csv'),
    csv(
      [
        'enrollment_id',
        'person_id',
        'offer_id',
        'target_group',
        'start_date',
        'end_date',
        'company_oriented',
      ],
      enrollments,
    ),
  );
  await writeFile(
    join(dir, 'survey_responses.csv'),
    csv(['response_id', 'enrollment_id', 'answered_on', 'satisfaction', 'closer_to_job'], surveys),
  );
  return { personIds: persons.map((p) => String(p[0])) };
}
