import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('code lists', () => {
  it('lists target groups, industries, packages and benefit types from the database', async () => {
    const get = async (path: string) => {
      const response = await t.app.inject(path);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ code: string }[]>().map((entry) => entry.code);
    };
    expect(await get('/v1/target-groups')).toEqual(['aktivitetsparat', 'jobparat', 'sygedagpenge']);
    expect(await get('/v1/industries')).toEqual(['it', 'rengoering', 'transport']);
    expect(await get('/v1/packages')).toContain('mentorpakke');
    const benefitTypes = (await t.app.inject('/v1/benefit-types')).json();
    expect(benefitTypes).toEqual([
      { code: 'kontanthjaelp', publicSupport: true, name: 'Kontanthjælp' },
      { code: 'su', publicSupport: false, name: 'SU' },
    ]);
  });

  it('lists the outcome measures of the current data version with Danish and English labels', async () => {
    const response = await t.app.inject('/v1/measures');
    expect(response.statusCode, response.body).toBe(200);
    const measures = response.json<{ key: string; label: string; labelEn: string; builtIn: boolean }[]>();
    expect(measures.map((m) => m.key)).toEqual(['effect3m', 'effect7m', 'status1m', 'status3m']);
    expect(measures[0]).toMatchObject({ label: '3 mdr. effekt', labelEn: '3-month effect', builtIn: true });
  });

  it('rejects query parameters the lists do not take', async () => {
    const response = await t.app.inject('/v1/industries?lang=da');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ in: 'query', name: 'lang' }] });
  });
});
