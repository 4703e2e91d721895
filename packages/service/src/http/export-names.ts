import type { ReadModel } from '../read-model/read-model.ts';
import { catalogNames, type CatalogNames } from '../spreadsheet/catalog-names.ts';

const byModel = new WeakMap<ReadModel, CatalogNames>();

/** The catalogue names of a read model, built once per model (it never changes in place). */
export function namesOf(model: ReadModel): CatalogNames {
  let names = byModel.get(model);
  if (!names) {
    names = catalogNames(model.snapshot);
    byModel.set(model, names);
  }
  return names;
}
