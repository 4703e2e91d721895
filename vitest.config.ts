import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/effects', 'packages/client', 'packages/service'],
    // Most test time is spent waiting on other processes (PostgreSQL, browsers, LibreOffice,
    // child `evg` commands), so one test file per core leaves the cores idle; vitest's default on
    // a 2-core machine is a single worker. Capped: every service test file holds a few database
    // connections of the shared server (max_connections 100).
    maxWorkers: Math.min(availableParallelism() + 1, 4),
  },
});
