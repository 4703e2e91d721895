import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServedModel } from '../read-model/served-model.ts';
import { searchOffers } from '../read-model/offer-search.ts';
import { resolvePeriod } from '../read-model/period-query.ts';
import { searchOfferIds } from '../repositories/offers-read.ts';
import { figuresMeta } from './figures-meta.ts';
import { toOfferFilters, toOfferSummary } from './offer-views.ts';
import { sendOfferWorkbook } from './offers-export.ts';
import { sentReply } from './sent-reply.ts';
import type { OfferSearchQuery } from './schemas/offer-search.ts';

/**
 * The answer of `GET /v1/offers`: the free text matched in PostgreSQL (Danish stemming lives
 * there), every other filter, the sort and the page on the read model of the data version served
 * now, the items as summaries. `format=xlsx` sends every match as a workbook instead.
 */
export async function answerOfferSearch(
  app: FastifyInstance,
  request: { query: OfferSearchQuery; url: string; readModel: ServedModel },
  reply: FastifyReply,
) {
  const { query } = request;
  const { q, sort, limit, offset, format } = query;
  const period = resolvePeriod(query);
  const textMatches = q === undefined ? undefined : await searchOfferIds(app.readDb, q);
  const model = request.readModel;
  // The measures of the model, not of start-up: one defined since filters and sorts through
  // `min=` and `sort` (its `min<Key>` parameter exists from the next start).
  const filters = toOfferFilters(
    query,
    model.measures.map((measure) => measure.key),
    textMatches,
  );
  const scope = query.targetGroup ?? null;
  const views = await model.offerViews(period, scope ?? undefined);
  if (format === 'xlsx') {
    const all = searchOffers(views, filters, sort, Math.max(views.length, 1), 0);
    // Built where the read model lives (its worker thread): the event loop sends the bytes.
    const ids = all.items.map((view) => view.offer.offerId);
    const workbook = await model.offersWorkbook(period, scope, ids, request.url);
    // A buffer bypasses the serializer; the type provider only knows serialised bodies.
    return sentReply(sendOfferWorkbook(reply, workbook, model.version?.id));
  }
  const result = searchOffers(views, filters, sort, limit, offset);
  return {
    ...result,
    items: result.items.map((view) => toOfferSummary(model, view)),
    limit,
    offset,
    period: period ?? null,
    ...figuresMeta(model),
    scope: { targetGroups: scope },
  };
}
