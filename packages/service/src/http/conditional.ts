import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataVersion } from '../read-model/snapshot.ts';

/**
 * Sets ETag and Last-Modified from the data version (the tables change only when it does) and
 * tells whether the client's copy is still current, in which case the caller answers 304.
 */
export function notModified(
  request: FastifyRequest,
  reply: FastifyReply,
  version: DataVersion | null,
  variant: string,
): boolean {
  const etag = `"v${version?.id ?? 0}-${variant}"`;
  reply.header('etag', etag).header('vary', 'Accept');
  if (version) reply.header('last-modified', version.createdAt.toUTCString());
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
