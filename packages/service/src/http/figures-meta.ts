import { MAX_PERTURBATION } from '@evg/effects';
import type { ReadModel } from '../read-model/read-model.ts';

/**
 * What every answer carrying figures says about them: the data version, the data's cut-off
 * (`asOf`: "Data til og med …"), and the disclosure control they were published with.
 * @example { ...figuresMeta(model), items } // { dataVersion: 3, asOf: '2026-10-31', minCellSize: 5, maxPerturbation: 2, items }
 */
export function figuresMeta(model: ReadModel, exact = false) {
  return {
    dataVersion: model.version?.id ?? null,
    asOf: model.asOf,
    minCellSize: model.minCellSize,
    maxPerturbation: exact ? 0 : MAX_PERTURBATION,
  };
}
