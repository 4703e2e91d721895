import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'service',
    include: ['test/**/*.test.ts'],
    setupFiles: ['../../vitest.fail-on-console.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
