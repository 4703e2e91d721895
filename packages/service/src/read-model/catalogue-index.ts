import type { Offer, Provider, Supervision } from '@evg/effects';
import type { Snapshot } from './snapshot.ts';

/**
 * A snapshot's catalogue indexed for serving: offers and providers in id order (the order of
 * every table the read model builds, so the event loop's views line up with the rows its host
 * answers), by id, and each offer's latest supervision. Built the same way for the model that
 * holds the fine cells (`ReadModel`) and for the one the event loop serves (`ServedModel`).
 *
 * @example
 * const index = indexCatalogue(snapshot);
 * index.offersById.get('OF1')?.name;
 */
export interface CatalogueIndex {
  offers: readonly Offer[];
  providers: readonly Provider[];
  offersById: ReadonlyMap<string, Offer>;
  providersById: ReadonlyMap<string, Provider>;
  supervisionByOffer: ReadonlyMap<string, Supervision>;
}

export function indexCatalogue(
  catalogue: Pick<Snapshot, 'offers' | 'providers' | 'latestSupervisions'>,
): CatalogueIndex {
  const offers = [...catalogue.offers].sort((a, b) => a.offerId.localeCompare(b.offerId));
  const providers = [...catalogue.providers].sort((a, b) => a.providerId.localeCompare(b.providerId));
  return {
    offers,
    providers,
    offersById: new Map(offers.map((offer) => [offer.offerId, offer])),
    providersById: new Map(providers.map((provider) => [provider.providerId, provider])),
    supervisionByOffer: new Map(catalogue.latestSupervisions.map((s) => [s.offerId, s])),
  };
}
