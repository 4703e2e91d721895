import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generatedTypes } from '../scripts/generated-types.mjs';

const file = (path: string) => readFile(new URL(`../${path}`, import.meta.url), 'utf8');

describe('@evg/client files', () => {
  it('has types generated from the committed openapi/openapi.json (run `npm run openapi`)', async () => {
    expect(await file('src/generated/openapi.ts')).toBe(await generatedTypes());
  });

  it("shows in its README exactly the example the client's test runs", async () => {
    const example = await file('examples/search-and-compare.ts');
    expect(await file('README.md')).toContain('```ts\n' + example + '```\n');
  });
});
