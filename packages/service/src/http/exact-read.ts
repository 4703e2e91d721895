import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isJsonObject } from '../narrow.ts';
import { recordExactRead } from '../repositories/exact-reads.ts';

/**
 * Exact figures are for the data owner (measures.md §4): the caller needs role analyst (or
 * admin), and the read is recorded (who, when, what) before anything is computed.
 */
export async function auditExactRead(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  const key = await app.authorize(request, 'analyst');
  await recordExactRead(app.db, {
    keyId: key.id,
    keyName: key.name,
    method: request.method,
    path: request.routeOptions.url ?? request.url.split('?')[0] ?? '',
    query: isJsonObject(request.query) ? { ...request.query } : {},
  });
}
