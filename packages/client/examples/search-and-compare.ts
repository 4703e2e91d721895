import { createEvgClient, type Comparison, type OfferSummary } from '@evg/client';

/**
 * The three offers with the best 3-month effect for one target group, and how the second and
 * third compare with the first: every figure over that target group only.
 */
export async function searchAndCompare(
  baseUrl: string,
  targetGroup: string,
  apiKey?: string,
): Promise<{ offers: OfferSummary[]; comparison: Comparison }> {
  const evg = createEvgClient({ baseUrl, apiKey });

  // Search by target group: `targetGroup` is a list (sent as jobparat,aktivitetsparat), `limit` a number.
  const search = await evg.GET('/v1/offers', {
    params: { query: { targetGroup: [targetGroup], sort: '-effect3m', limit: 3 } },
  });
  if (search.error) throw new Error(`Søgningen fejlede: ${search.error.title}`);
  const offers = search.data.items;

  // Compare the three: the first is the reference, the others get a difference per measure.
  const compare = await evg.GET('/v1/compare', {
    params: { query: { ids: offers.map((item) => item.offer.offerId), targetGroup: [targetGroup] } },
  });
  if (compare.error) throw new Error(`Sammenligningen fejlede: ${compare.error.title}`);
  return { offers, comparison: compare.data };
}
