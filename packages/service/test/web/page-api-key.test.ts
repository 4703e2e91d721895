import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, SKIP_NOTE, startBrowserApp, type BrowserApp } from './support/browser-app.ts';

// With EVG_READ_REQUIRES_KEY=true every read endpoint answers 401 without a key.
describe.skipIf(!browserAvailable())(`asking for an API key when reads need one${SKIP_NOTE}`, () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp({ EVG_READ_REQUIRES_KEY: 'true' });
  });
  afterAll(() => b?.close());

  it('asks for the key, sends it as a bearer token and keeps it for the tab only', async () => {
    const page = await b.newPage();
    const authorizations: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/v1/'))
        authorizations.push(request.headers().authorization ?? '');
    });
    await page.goto('/?tg=jobparat');
    const field = page.getByLabel('API-nøgle', { exact: true });
    await field.waitFor();
    await expect(page.getByRole('heading', { name: 'API-nøgle påkrævet' }).isVisible()).resolves.toBe(true);
    // The form takes focus so a keyboard user can type at once.
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('api-key');
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);

    await field.fill(b.testApp.keys.caseworker);
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.locator('table.results').waitFor();
    expect(authorizations).toContain(`Bearer ${b.testApp.keys.caseworker}`);
    await expect(page.evaluate("sessionStorage.getItem('evg.apiKey')")).resolves.toBe(
      b.testApp.keys.caseworker,
    );
    // Never in the URL, where it would end up in bookmarks and logs.
    expect(page.url()).not.toContain(b.testApp.keys.caseworker);

    // A reload in the same tab goes straight to the results.
    await page.reload();
    await page.locator('table.results').waitFor();
  });

  it('says so when the key is rejected and asks again', async () => {
    const page = await b.newPage();
    await page.goto('/');
    await page.getByLabel('API-nøgle', { exact: true }).fill('evg_not-a-real-key');
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'Nøglen blev afvist' }).textContent(),
    ).resolves.toContain('Nøglen blev afvist. Tjek den, og prøv igen.');
    await page.getByLabel('API-nøgle', { exact: true }).fill(b.testApp.keys.caseworker);
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.locator('#search-form').waitFor();
  });
});
