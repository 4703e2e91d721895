import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  recordApiCalls,
  SKIP_NOTE,
  startBrowserApp,
  type BrowserApp,
} from './support/browser-app.ts';

/** `GET /v1/offers/{id}` → a pattern matching `GET /v1/offers/T1`. */
function operationPattern(method: string, path: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  const source = path
    .split(/\{[^}]+\}/)
    .map(escape)
    .join('[^/]+');
  return new RegExp(`^${method.toUpperCase()} ${source}$`);
}

describe.skipIf(!browserAvailable())(`the page uses the public API only${SKIP_NOTE}`, () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  it('calls nothing but documented read endpoints through a whole visit', async () => {
    const openapi = (await (await fetch(`${b.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(openapi.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => operationPattern(method, path)),
    );

    const page = await b.newPage();
    const calls = recordApiCalls(page);
    await page.goto('/?tg=jobparat');
    await page.locator('table.results').waitFor();
    await page.getByRole('checkbox', { name: 'Vælg Rengøring og service til sammenligning' }).check();
    await page.getByRole('checkbox', { name: 'Vælg Lager og truckcertifikat til sammenligning' }).check();
    await page.getByRole('link', { name: 'Sammenlign valgte (2)' }).click();
    await page.locator('table.comparison').waitFor();
    await page.getByRole('link', { name: 'Rengøring og service' }).click();
    await page.locator('svg.trend-chart').waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'About the offer' }).waitFor();

    expect(calls.length).toBeGreaterThan(5);
    const undocumented = calls.filter((call) => !documented.some((pattern) => pattern.test(call)));
    expect(undocumented).toEqual([]);
    expect(calls.every((call) => call.startsWith('GET '))).toBe(true);
    expect(new Set(calls.map((call) => call.split(' ')[1]))).toEqual(
      new Set([
        '/v1/target-groups',
        '/v1/industries',
        '/v1/packages',
        '/v1/providers',
        // The half-years of the period filter: `groupBy=period`, one small row per half-year.
        '/v1/effects',
        // The outcome measures with their labels (those the municipality defined, too).
        '/v1/measures',
        '/v1/offers',
        '/v1/target-groups/jobparat/profile',
        '/v1/compare',
        '/v1/offers/T1',
      ]),
    );
  });
});
