import { defineProject } from 'vitest/config';

export default defineProject({
  // The service's tests run @evg/effects from its TypeScript sources (the "@evg/source" export
  // condition), so no build is needed before `npm test`.
  ssr: { resolve: { conditions: ['@evg/source', 'module', 'node', 'development|production'] } },
  test: {
    name: 'service',
    include: ['test/**/*.test.ts'],
    setupFiles: ['../../vitest.fail-on-console.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
