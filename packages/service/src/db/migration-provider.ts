import type { Migration, MigrationProvider } from 'kysely';
import * as initial from '../../../../migrations/2026-11-22-0001-initial.ts';
import * as importAsOf from '../../../../migrations/2026-12-02-0001-import-as-of.ts';
import * as exactReads from '../../../../migrations/2026-12-02-0002-exact-reads.ts';
import * as biCatalogViews from '../../../../migrations/2026-12-02-0003-bi-catalog-views.ts';
import * as measures from '../../../../migrations/2026-12-02-0004-measures.ts';
import * as catalogChanges from '../../../../migrations/2026-12-02-0005-catalog-changes.ts';
import * as bonusRules from '../../../../migrations/2026-12-02-0006-bonus-rules.ts';
import * as bonusRuleChanges from '../../../../migrations/2026-12-02-0007-bonus-rule-changes.ts';
import * as dataVersionDigest from '../../../../migrations/2026-12-03-0001-data-version-digest.ts';
import * as catalogChangesOfRows from '../../../../migrations/2026-12-03-0002-catalog-changes-of-rows.ts';

/**
 * The migrations of the top-level `migrations/` folder, listed statically: a static import
 * works the same under tsx, vitest and any bundler, unlike a directory scan with dynamic
 * import. Add each new migration file here, keyed by its file name.
 */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '2026-11-22-0001-initial': initial,
      '2026-12-02-0001-import-as-of': importAsOf,
      '2026-12-02-0002-exact-reads': exactReads,
      '2026-12-02-0003-bi-catalog-views': biCatalogViews,
      '2026-12-02-0004-measures': measures,
      '2026-12-02-0005-catalog-changes': catalogChanges,
      '2026-12-02-0006-bonus-rules': bonusRules,
      '2026-12-02-0007-bonus-rule-changes': bonusRuleChanges,
      '2026-12-03-0001-data-version-digest': dataVersionDigest,
      '2026-12-03-0002-catalog-changes-of-rows': catalogChangesOfRows,
    };
  },
};
