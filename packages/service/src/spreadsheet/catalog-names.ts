import type { CodeListEntry, Offer, Provider } from '@evg/effects';

/** Names to put beside ids and codes in exports; null where the catalogue has none. */
export interface CatalogNames {
  offer(offerId: string): string | null;
  provider(providerId: string): string | null;
  targetGroup(code: string): string | null;
  industry(code: string): string | null;
  package(code: string): string | null;
}

/** The parts of a catalogue that carry names; a code list may be missing (a data directory). */
export interface NamedCatalog {
  offers: readonly Offer[];
  providers: readonly Provider[];
  targetGroups?: readonly CodeListEntry[] | null;
  industries?: readonly CodeListEntry[] | null;
  packages?: readonly CodeListEntry[] | null;
}

/**
 * The data contract's packages are a fixed list; a data directory has no packages file, so the
 * CLI names them from here (the same names the initial migration stores).
 */
export const PACKAGE_NAMES: readonly CodeListEntry[] = [
  { code: 'jobpakke', name: 'Jobpakke' },
  { code: 'uddannelsespakke', name: 'Uddannelsespakke' },
  { code: 'motivationspakke', name: 'Motivationspakke' },
  { code: 'sygedagpengepakke', name: 'Sygedagpengepakke' },
  { code: 'mentorpakke', name: 'Mentorpakke' },
  { code: 'aktiv_stoettepakke', name: 'Aktiv støttepakke' },
];

function lookup<T>(
  entries: readonly T[] | null | undefined,
  key: (entry: T) => string,
  name: (entry: T) => string | null,
) {
  const byKey = new Map((entries ?? []).map((entry) => [key(entry), name(entry)]));
  return (value: string): string | null => byKey.get(value) ?? null;
}

/**
 * Name look-ups over a catalogue, built once per catalogue.
 * @example catalogNames({ offers, providers, packages: PACKAGE_NAMES }).package('jobpakke') // 'Jobpakke'
 */
export function catalogNames(catalog: NamedCatalog): CatalogNames {
  const code = (entry: CodeListEntry) => entry.code;
  const name = (entry: CodeListEntry) => entry.name;
  return {
    offer: lookup(
      catalog.offers,
      (o) => o.offerId,
      (o) => o.name,
    ),
    provider: lookup(
      catalog.providers,
      (p) => p.providerId,
      (p) => p.name,
    ),
    targetGroup: lookup(catalog.targetGroups, code, name),
    industry: lookup(catalog.industries, code, name),
    package: lookup(catalog.packages ?? PACKAGE_NAMES, code, name),
  };
}
