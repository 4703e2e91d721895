import { z } from 'zod';
import { adminResourceRoutes } from '../../../../../http/admin-resource-routes.ts';
import { providerInputSchema } from '../../../../../http/schemas/admin.ts';
import { providerSchema } from '../../../../../http/schemas/catalog.ts';
import { idParam } from '../../../../../http/schemas/common.ts';
import { deleteProvider, saveProvider } from '../../../../../repositories/catalog-admin.ts';

export default adminResourceRoutes({
  path: '/:id',
  params: z.object({ id: idParam }),
  body: providerInputSchema,
  entity: providerSchema,
  put: { summary: 'Create or replace a provider', operationId: 'putProvider' },
  delete: { summary: 'Delete a provider without offers', operationId: 'deleteProvider' },
  toEntity: (params, body) => ({ providerId: params.id, ...body }),
  save: saveProvider,
  remove: (db, params) => deleteProvider(db, params.id),
  notFound: (params) => `Leverandøren '${params.id}' findes ikke.`,
});
