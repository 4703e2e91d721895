import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'data/**',
      'coverage/**',
      '.bench/**',
      '**/dist/**',
      'packages/service/src/web/static/vendor/**',
      // Generated from openapi/openapi.json by openapi-typescript (a test checks it is current).
      'packages/client/src/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        structuredClone: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        AbortController: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
        queueMicrotask: 'readonly',
        setImmediate: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['packages/service/src/web/static/**/*.js'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        location: 'readonly',
        history: 'readonly',
        navigator: 'readonly',
        localStorage: 'readonly',
        HTMLElement: 'readonly',
        Event: 'readonly',
        CustomEvent: 'readonly',
        URLSearchParams: 'readonly',
        Intl: 'readonly',
      },
    },
  },
  // The layers (README "Layout"), enforced rather than remembered.
  {
    files: ['packages/effects/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/service/**', '@evg/service', '@evg/service/*'],
              message: 'The core knows nothing of the service.',
            },
            {
              regex: '^(node:)?(fs|fs/promises|net|http|https|child_process|worker_threads)$',
              message: 'The core does no I/O.',
            },
            { regex: '^(pg|kysely|fastify|@fastify/.*)$', message: 'The core has no database and no HTTP.' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/service/src/routes/**/*.ts', 'packages/service/src/http/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(pg|kysely|pg-copy-streams|@electric-sql/pglite.*)$',
              message: 'SQL lives in the data layer (db/, repositories/); routes pass a Db (db/database.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/service/src/web/static/**/*.js'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./', message: 'The web client imports nothing outside web/static.' }] },
      ],
    },
  },
  {
    // One source of configuration (config.ts): the environment is read there and handed down.
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/service/src/config.ts', 'packages/service/src/cli/main.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in config.ts and pass it down.' },
      ],
    },
  },
);
