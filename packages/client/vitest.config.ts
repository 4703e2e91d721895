import { defineProject } from 'vitest/config';

export default defineProject({
  // The tests run the client and the service from their TypeScript sources (the "@evg/source"
  // export condition), and use the service's test databases (its global setup).
  ssr: { resolve: { conditions: ['@evg/source', 'module', 'node', 'development|production'] } },
  test: {
    name: 'client',
    include: ['test/**/*.test.ts'],
    setupFiles: ['../../vitest.fail-on-console.ts'],
    globalSetup: ['../service/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
