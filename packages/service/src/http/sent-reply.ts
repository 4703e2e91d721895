import type { FastifyReply } from 'fastify';

/**
 * What a route handler returns once it has sent a body the serializer never sees (bytes or a
 * stream): the reply itself, as Fastify wants it returned.
 *
 * @example return sentReply(sendOfferWorkbook(reply, workbook, version));
 */
export function sentReply(reply: FastifyReply): never {
  // The zod type provider types a handler's return by the response schema's JSON only.
  return reply as never;
}

/**
 * Sends a body the serializer never sees (a stream, bytes, or none at all for a 304) and
 * returns what the handler returns: `send` is typed by the response schema's JSON only.
 *
 * @example return sendUnserialized(reply, tableCsvStream(table, 'rfc4180'));
 */
export function sendUnserialized(
  reply: FastifyReply,
  body: NodeJS.ReadableStream | Uint8Array | undefined,
): never {
  return sentReply(reply.send(body));
}
