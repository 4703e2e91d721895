import { z } from 'zod';
import { adminResourceRoutes } from '../../../../../http/admin-resource-routes.ts';
import { offerInputSchema } from '../../../../../http/schemas/admin.ts';
import { offerSchema } from '../../../../../http/schemas/catalog.ts';
import { idParam } from '../../../../../http/schemas/common.ts';
import { deleteOffer, saveOffer } from '../../../../../repositories/catalog-admin.ts';

export default adminResourceRoutes({
  path: '/:id',
  params: z.object({ id: idParam }),
  body: offerInputSchema,
  entity: offerSchema,
  put: { summary: 'Create or replace an offer', operationId: 'putOffer' },
  delete: { summary: 'Delete an offer', operationId: 'deleteOffer' },
  toEntity: (params, body) => ({ offerId: params.id, ...body }),
  save: saveOffer,
  remove: (db, params) => deleteOffer(db, params.id),
  notFound: (params) => `Tilbuddet '${params.id}' findes ikke.`,
});
