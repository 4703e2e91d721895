import { MAX_PERTURBATION } from '@evg/effects';
import type { DataVersion } from '../read-model/snapshot.ts';

/** What a read model says about its figures (a `ReadModel` or the event loop's `ServedModel`). */
export interface FiguresSource {
  version: DataVersion | null;
  asOf: string | null;
  minCellSize: number;
}

/**
 * What every answer carrying figures says about them: the data version, the data's cut-off
 * (`asOf`: "Data til og med …"), and the disclosure control they were published with.
 * @example { ...figuresMeta(model), items } // { dataVersion: 3, asOf: '2026-10-31', minCellSize: 5, maxPerturbation: 2, items }
 */
export function figuresMeta(model: FiguresSource, exact = false) {
  return {
    dataVersion: model.version?.id ?? null,
    asOf: model.asOf,
    minCellSize: model.minCellSize,
    maxPerturbation: exact ? 0 : MAX_PERTURBATION,
  };
}
