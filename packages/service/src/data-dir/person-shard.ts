import { hashBytes } from '@evg/effects';

/**
 * Which shard of a parallel `evg effects` run a person belongs to: a hash of the person id's
 * bytes, so every row of a person, in any file and any order, lands in the same shard, and
 * each shard can tell its own rows without asking the others.
 */
export interface PersonShard {
  /** 0 … count − 1. Shard 0 also reports the problems that belong to no person (a header, a bad row). */
  index: number;
  count: number;
}

/** The whole data set as one shard. */
export const ONE_SHARD: PersonShard = { index: 0, count: 1 };

/**
 * The shard of the person id in `bytes[start, end)`: ByteInterner's hash, but its high bits:
 * the interner picks slots by the low bits, which must stay evenly spread within a shard.
 *
 * @example
 * shardOfBytes(Buffer.from('P0000001'), 0, 8, 2); // 0 or 1, the same in every file
 */
export function shardOfBytes(bytes: Uint8Array, start: number, end: number, count: number): number {
  if (count === 1) return 0;
  return Math.floor(((hashBytes(bytes, start, end) >>> 0) / 2 ** 32) * count);
}

/**
 * The shard of a person id given as text (a record of the string path): the same as
 * `shardOfBytes` on its UTF-8 bytes.
 *
 * @example
 * shardOfId('P0000001', 2) === shardOfBytes(Buffer.from('P0000001'), 0, 8, 2); // true
 */
export function shardOfId(personId: string, count: number): number {
  if (count === 1) return 0;
  const bytes = Buffer.from(personId, 'utf8');
  return shardOfBytes(bytes, 0, bytes.length, count);
}
