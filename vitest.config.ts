import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/effects', 'packages/client', 'packages/service'],
  },
});
