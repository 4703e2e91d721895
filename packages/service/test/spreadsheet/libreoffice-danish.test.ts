// What a BI analyst with Danish regional settings sees: the exports opened by LibreOffice in a
// da_DK locale. Skipped where LibreOffice is not installed, except in CI, where .ci/run
// installs it and this must run.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app/test-app.ts';
import { readXlsx, type XlsxCell } from '../support/read-xlsx.ts';
import { roundFor } from '../../src/spreadsheet/table.ts';

const run = promisify(execFile);
const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((path) => existsSync(path));
const mustRun = process.env.CI === 'true';

let t: TestApp;
let dir: string;
let json: { offerId: string; effect3m: { rate: number | null }; companyShare: { ciLow: number | null } }[];

/** Runs LibreOffice headless in a Danish locale with a profile of its own. */
async function soffice(args: string[]): Promise<void> {
  await run(
    SOFFICE!,
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      ...args,
    ],
    { cwd: dir, timeout: 180_000, env: { ...process.env, LANG: 'da_DK.UTF-8', LC_ALL: 'da_DK.UTF-8' } },
  );
}

async function fetchTo(url: string, file: string): Promise<void> {
  const response = await t.app.inject(url);
  expect(response.statusCode, url).toBe(200);
  await writeFile(join(dir, file), response.rawPayload);
}

/** A CSV file as LibreOffice imports it with `separator` (59 = `;`, 44 = `,`), UTF-8, then saved as xlsx. */
async function openCsv(file: string, separator: number): Promise<XlsxCell[][]> {
  await soffice([
    '--convert-to',
    'xlsx',
    '--infilter=CSV:' + separator + ',34,76,1',
    '--outdir',
    'opened',
    file,
  ]);
  const sheets = readXlsx(await readFile(join(dir, 'opened', file.replace(/\.csv$/, '.xlsx'))));
  return Object.values(sheets)[0]!;
}

const column = (rows: XlsxCell[][], heading: string): XlsxCell[] => {
  const index = rows[0]!.findIndex((cell) => cell.value === heading);
  expect(index, heading).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((row) => row[index] ?? { value: null, format: 'General' });
};

describe.skipIf(!SOFFICE && !mustRun)('exports opened by LibreOffice in a Danish locale', () => {
  beforeAll(async () => {
    if (!SOFFICE)
      throw new Error('LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc-nogui');
    t = await createTestApp();
    dir = await mkdtemp(join(tmpdir(), 'evg-libreoffice-'));
    json = (await t.app.inject('/v1/effects?groupBy=offer')).json();
    await fetchTo('/v1/effects?groupBy=offer&csvDialect=excel-da', 'da.csv');
    await fetchTo('/v1/effects?groupBy=offer&format=csv', 'plain.csv');
    await fetchTo('/v1/effects?groupBy=offer&format=xlsx', 'effekter.xlsx');
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(
    'reads every figure of the excel-da CSV as the number it is (0.628 stays 0,628)',
    { timeout: 300_000 },
    async () => {
      const rows = await openCsv('da.csv', 59);
      expect(rows[0]!.map((cell) => cell.value).slice(0, 3)).toEqual(['offerId', 'offerName', 'effect3m_n']);
      const rates = column(rows, 'effect3m_rate');
      const ciLows = column(rows, 'companyShare_ciLow');
      expect(column(rows, 'offerId').map((cell) => cell.value)).toEqual(json.map((row) => row.offerId));
      json.forEach((row, i) => {
        const rate = row.effect3m.rate;
        expect(rates[i]!.value).toBe(rate === null ? null : roundFor('share', rate));
        const ciLow = row.companyShare.ciLow;
        expect(ciLows[i]!.value).toBe(ciLow === null ? null : roundFor('share', ciLow));
      });
      expect(rates.filter((cell) => typeof cell.value === 'number').length).toBeGreaterThan(0);
    },
  );

  it(
    '(control) the plain RFC 4180 CSV is misread there, which is why the dialect exists',
    { timeout: 300_000 },
    async () => {
      const rows = await openCsv('plain.csv', 44);
      const rates = column(rows, 'effect3m_rate');
      const misread = json.filter(
        (row, i) => row.effect3m.rate !== null && rates[i]!.value !== roundFor('share', row.effect3m.rate),
      );
      expect(misread.length).toBeGreaterThan(0);
    },
  );

  it(
    'shows the xlsx shares as Danish percentages, e.g. 62,8 %, never 628',
    { timeout: 300_000 },
    async () => {
      // Field 9 = true: save cell contents as shown, i.e. what the analyst sees on screen.
      await soffice([
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,-1',
        '--outdir',
        'shown',
        'effekter.xlsx',
      ]);
      const files = await readdir(join(dir, 'shown'));
      const read = async (sheet: string) =>
        parse(
          await readFile(
            join(
              dir,
              'shown',
              files.find((f) => f.endsWith(`-${sheet}.csv`))!,
            ),
            'utf8',
          ),
          {
            delimiter: ';',
            relax_column_count: true,
          },
        ) as string[][];
      const [header, ...rows] = await read('Effekter');
      const rate = header!.indexOf('3 mdr. effekt: andel');
      expect(rate).toBeGreaterThan(0);
      json.forEach((row, i) => {
        const shown = rows[i]![rate]!;
        if (row.effect3m.rate === null) return expect(shown).toBe('');
        expect(shown).toMatch(/^\d{1,3},\d ?%$/);
        const value = Number(shown.replace(/ ?%$/, '').replace(',', '.')) / 100;
        expect(Math.abs(value - row.effect3m.rate)).toBeLessThanOrEqual(0.0005 + 1e-9);
      });
      const about = Object.fromEntries((await read('Om data')).map(([label, value]) => [label, value]));
      expect(about['Data til og med']).toBe('2026-10-31');
      expect(about.Diskretionsgrænse).toMatch(/^\d+$/);
    },
  );
});
