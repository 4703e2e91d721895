/** What `test/global-setup.ts` hands to every test file through vitest's `provide`/`inject`. */
export type TestDbInfo =
  | {
      /** A PostgreSQL server: each test file clones `template` (migrated) into its own database. */
      mode: 'server';
      adminUrl: string;
      template: string;
    }
  | {
      /** No server reachable: each test file gets its own embedded PGlite in a temp folder. */
      mode: 'embedded';
    };

declare module 'vitest' {
  export interface ProvidedContext {
    evgTestDb: TestDbInfo;
  }
}
