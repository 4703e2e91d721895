import { catalogNames, type CatalogNames, type NamedCatalog } from '../spreadsheet/catalog-names.ts';

const byModel = new WeakMap<object, CatalogNames>();

/** The catalogue names of a read model, built once per model (it never changes in place). */
export function namesOf(model: { snapshot: NamedCatalog }): CatalogNames {
  let names = byModel.get(model);
  if (!names) {
    names = catalogNames(model.snapshot);
    byModel.set(model, names);
  }
  return names;
}
