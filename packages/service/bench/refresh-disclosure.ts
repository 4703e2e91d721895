// Benchmark of issue 9, deliverable 6, inside the refresh (not run in CI): what the disclosure
// publication costs in `evg refresh`, beside exact figures, on a database already imported.
//
//   DATABASE_URL=postgres://… EVG_DISCLOSURE_KEY=… node --conditions=@evg/source --import tsx \
//     packages/service/bench/refresh-disclosure.ts [--runs 1]
//
// Times, in one process on the same data, the refresh's two computing phases with and without
// the disclosure step: the person pass over COPY (with record keys: SipHash of every enrollment
// and survey answer id, summed into cell keys; exact: none) and the aggregation of the seven
// stored groupings from the fine cells (published: suppression and cell key perturbation;
// exact: neither). Wall time and this process's CPU time (user + system) per phase. Writing
// the cells and the swap are not part of it (`evg refresh --verbose` times those).
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { aggregateCells, type Catalog, type EngineConfig, type FineCell } from '@evg/effects';
import { createDb } from '../src/db/create-db.ts';
import { engineMeasures } from '../src/measures/measure-definition.ts';
import { accumulateRange } from '../src/refresh/accumulate-range.ts';
import { STANDARD_GROUPINGS } from '../src/refresh/standard-groupings.ts';
import { listBenefitTypes } from '../src/repositories/code-lists-read.ts';
import { latestBenefitCutOff } from '../src/repositories/import-batches.ts';
import { listCustomMeasures } from '../src/repositories/measures.ts';
import { listOffers } from '../src/repositories/offers-read.ts';
import { listComplaints } from '../src/repositories/person-records.ts';
import { listProviders } from '../src/repositories/providers-read.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '1' } } });
const databaseUrl = process.env.DATABASE_URL;
const disclosureKey = process.env.EVG_DISCLOSURE_KEY;
if (!databaseUrl || !disclosureKey) throw new Error('set DATABASE_URL and EVG_DISCLOSURE_KEY');
const out = (line: string) => process.stdout.write(`${line}\n`);

async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
}
const s = (seconds: number) => `${seconds.toFixed(1)} s`;

const handle = await createDb({ databaseUrl, maxConnections: 2 });
try {
  const db = handle.db;
  const imported = await latestBenefitCutOff(db);
  if (!imported) throw new Error('no imported benefit periods with a cut-off');
  const [benefitTypes, offers, providers, custom, complaints] = await Promise.all([
    listBenefitTypes(db),
    listOffers(db),
    listProviders(db),
    listCustomMeasures(db),
    listComplaints(db),
  ]);
  const catalog: Catalog = { benefitTypes, offers, providers };
  const base: EngineConfig = { asOf: imported.asOf, catalog, measures: engineMeasures(custom) };
  const variants: { name: string; config: EngineConfig }[] = [
    { name: 'published', config: { ...base, disclosureKey } },
    { name: 'exact', config: { ...base, exact: true } },
  ];
  out(
    `asOf ${imported.asOf}; load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  out('| run | variant | person pass wall (CPU) | 7 groupings aggregated wall (CPU) | fine cells | cells |');
  out('| --: | ------- | ---------------------: | --------------------------------: | ---------: | ----: |');
  for (let run = 1; run <= Number(values.runs); run++) {
    for (const { name, config } of run % 2 === 1 ? variants : [...variants].reverse()) {
      const pass = await timed(async () => {
        const range = { after: null, upTo: null };
        const { accumulator } = await accumulateRange(db, config, range, { chunkSize: 2000, useCopy: true });
        for (const complaint of complaints) accumulator.addComplaint(complaint);
        return accumulator.fineCells();
      });
      const fineCells: FineCell[] = pass.value;
      const tables = await timed(() =>
        STANDARD_GROUPINGS.map((g) =>
          aggregateCells(
            { ...config, groupBy: g.groupBy, periodUnit: g.periodUnit ?? 'halfYear' },
            fineCells,
          ),
        ),
      );
      const cells = tables.value.reduce((n, t) => n + t.length, 0);
      out(
        `| ${run} | ${name} | ${s(pass.wall)} (${s(pass.cpu)}) | ${s(tables.wall)} (${s(tables.cpu)}) | ${fineCells.length} | ${cells} |`,
      );
    }
  }
  out(
    `load average at end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await handle.close();
}
