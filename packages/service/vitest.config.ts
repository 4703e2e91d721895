import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'service',
    include: ['test/**/*.test.ts'],
    setupFiles: ['../../vitest.fail-on-console.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
