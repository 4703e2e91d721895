import { mkdir } from 'node:fs/promises';
import { daysFromCivil, parseDay, type RecordKind } from '@evg/effects';
import { createRecordWriter, type RawRow, type RecordWriter } from '../data-dir/record-writer.ts';
import type { DataFormat } from '../data-dir/record-files.ts';
import {
  BENEFIT_TYPES,
  drawOffers,
  INDUSTRIES,
  PROVIDERS,
  TARGET_GROUP_ROWS,
  type SynthOffer,
} from './catalog.ts';
import { isoOf } from './days.ts';
import { PersonGenerator } from './person-generator.ts';
import { Prng } from './prng.ts';

export interface SynthOptions {
  persons: number;
  seed: number;
  out: string;
  format: DataFormat;
  /** Data cut-off: nothing happens after it. ISO date, 2022-03-01 or later (history runs from 2012). */
  asOf: string;
  /** Called every 10,000 persons and at the end. */
  onProgress?: (done: number, total: number) => void;
}

/** Rows written per file. */
export type SynthCounts = Partial<Record<RecordKind, number>>;

/**
 * Writes a synthetic Copenhagen data set in the contract format to `out` (created if needed):
 * every record kind, person-level files sorted by person_id (`P0000001`, ...). Deterministic:
 * the same options give byte-identical files. Memory stays flat: persons are generated and
 * written one at a time.
 *
 * @example
 * await writeSynthData({ persons: 20_000, seed: 1, out: '/tmp/d', format: 'csv', asOf: '2026-10-31' });
 */
export async function writeSynthData(options: SynthOptions): Promise<SynthCounts> {
  const { out, format } = options;
  await mkdir(out, { recursive: true });
  const asOf = parseDay(options.asOf);
  const rng = new Prng(options.seed);
  const offers = drawOffers(rng);
  const counts: SynthCounts = {};
  const writeAll = async (kind: RecordKind, rows: Iterable<RawRow>) => {
    const writer = createRecordWriter(out, kind, format);
    for (const row of rows) await writer.write(row);
    await writer.close();
    counts[kind] = writer.rows;
  };
  await writeAll('benefit_types', BENEFIT_TYPES);
  await writeAll('target_groups', TARGET_GROUP_ROWS);
  await writeAll('industries', INDUSTRIES);
  await writeAll('providers', PROVIDERS);
  await writeAll(
    'offers',
    offers.map((offer) => offer.row),
  );
  await writeAll('supervisions', supervisions(rng, offers, asOf));

  const personKinds = [
    'persons',
    'benefit_periods',
    'enrollments',
    'survey_responses',
    'complaints',
  ] as const;
  const writers = {
    persons: createRecordWriter(out, 'persons', format),
    benefit_periods: createRecordWriter(out, 'benefit_periods', format),
    enrollments: createRecordWriter(out, 'enrollments', format),
    survey_responses: createRecordWriter(out, 'survey_responses', format),
    complaints: createRecordWriter(out, 'complaints', format),
  } satisfies { [K in (typeof personKinds)[number]]: RecordWriter };
  const generator = new PersonGenerator(rng, offers, asOf);
  const width = Math.max(7, String(options.persons).length);
  for (let i = 1; i <= options.persons; i++) {
    const person = generator.generate(`P${String(i).padStart(width, '0')}`);
    const pending = [
      writers.persons.write(person.person),
      ...person.benefitPeriods.map((row) => writers.benefit_periods.write(row)),
      ...person.enrollments.map((row) => writers.enrollments.write(row)),
      ...person.surveyResponses.map((row) => writers.survey_responses.write(row)),
      ...person.complaints.map((row) => writers.complaints.write(row)),
    ];
    for (const flush of pending) if (flush) await flush;
    if (options.onProgress && (i % 10_000 === 0 || i === options.persons))
      options.onProgress(i, options.persons);
  }
  for (const kind of personKinds) {
    await writers[kind].close();
    counts[kind] = writers[kind].rows;
  }
  return counts;
}

/** 1–4 supervision visits per offer; the smiley follows the offer's true quality, loosely. */
function* supervisions(rng: Prng, offers: readonly SynthOffer[], asOf: number) {
  let id = 0;
  const first = daysFromCivil(2022, 1, 1);
  for (const offer of offers) {
    const visits = rng.int(1, 4);
    for (let v = 0; v < visits; v++) {
      const grade = offer.quality + rng.normal() * 0.4;
      const smiley = grade > 0.2 ? 'happy' : grade > -0.35 ? 'neutral' : 'sad';
      yield {
        supervision_id: `S${String(++id).padStart(5, '0')}`,
        offer_id: offer.offerId,
        visited_on: isoOf(rng.int(first, asOf)),
        smiley,
        note: smiley === 'sad' ? 'Mangler ved fremmøderegistrering, opfølgning aftalt' : null,
      };
    }
  }
}
