import { z } from 'zod';
import { adminResourceRoutes } from '../../../../../http/admin-resource-routes.ts';
import { codeListInputSchema, codeListNameSchema } from '../../../../../http/schemas/admin.ts';
import { codeListEntrySchema } from '../../../../../http/schemas/catalog.ts';
import { idParam } from '../../../../../http/schemas/common.ts';
import { deleteCodeListEntry, saveCodeListEntry } from '../../../../../repositories/catalog-admin.ts';
import type { CodeListTableName } from '../../../../../repositories/code-lists-read.ts';

const tableOf = (list: z.output<typeof codeListNameSchema>): CodeListTableName =>
  list === 'target-groups' ? 'target_groups' : list;

export default adminResourceRoutes({
  path: '/:list/:code',
  params: z.object({ list: codeListNameSchema, code: idParam }),
  body: codeListInputSchema,
  entity: codeListEntrySchema,
  put: { summary: 'Create or rename a code list entry', operationId: 'putCodeListEntry' },
  delete: { summary: 'Delete an unused code list entry', operationId: 'deleteCodeListEntry' },
  toEntity: (params, body) => ({ code: params.code, name: body.name }),
  save: (db, entry, params) => saveCodeListEntry(db, tableOf(params.list), entry),
  remove: (db, params) => deleteCodeListEntry(db, tableOf(params.list), params.code),
  notFound: (params) => `Koden '${params.code}' findes ikke i ${params.list}.`,
});
