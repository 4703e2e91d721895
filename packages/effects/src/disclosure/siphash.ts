/**
 * SipHash-2-4 (Aumasson & Bernstein, 2012) on 32-bit halves: a keyed pseudo-random function,
 * fast on short inputs such as record ids. Written out here because the engine must stay pure
 * and portable, and HMAC-SHA256 through node:crypto costs several µs a call (tens of seconds
 * for the record keys of a national year); this takes well under a microsecond.
 *
 * Checked against the reference implementation's test vectors (test/disclosure/siphash.test.ts).
 */

/** A SipHash key: 16 bytes, read as two little-endian 64-bit words, as four 32-bit halves. */
export interface SipKey {
  k0lo: number;
  k0hi: number;
  k1lo: number;
  k1hi: number;
}

/**
 * @example sipKeyOf(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]))
 */
export function sipKeyOf(bytes: Uint8Array): SipKey {
  if (bytes.length !== 16) throw new RangeError('a SipHash key has 16 bytes');
  return { k0lo: word(bytes, 0), k0hi: word(bytes, 4), k1lo: word(bytes, 8), k1hi: word(bytes, 12) };
}

function word(bytes: Uint8Array, i: number): number {
  return (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
}

// The state v0..v3 as [lo, hi] pairs: v0 = s[0], s[1]; v1 = s[2], s[3]; v2 = s[4], s[5]; v3 = s[6], s[7].
// One shared array: the hash is synchronous, so no two calls ever use it at once.
const s = new Uint32Array(8);

/** a += b for 64-bit words at indices a and b of the state. */
function add(a: number, b: number): void {
  const lo = s[a]! + s[b]!;
  s[a + 1] = s[a + 1]! + s[b + 1]! + (lo > 0xffffffff ? 1 : 0);
  s[a] = lo;
}

/** v = rotl(v, r) for 0 < r < 32, then v ^= w. */
function rotateXor(v: number, r: number, w: number): void {
  const lo = s[v]!;
  const hi = s[v + 1]!;
  s[v + 1] = ((hi << r) | (lo >>> (32 - r))) ^ s[w + 1]!;
  s[v] = ((lo << r) | (hi >>> (32 - r))) ^ s[w]!;
}

/** v = rotl(v, 32): the halves swap. */
function swap(v: number): void {
  const lo = s[v]!;
  s[v] = s[v + 1]!;
  s[v + 1] = lo;
}

function sipRound(): void {
  add(0, 2);
  rotateXor(2, 13, 0);
  swap(0);
  add(4, 6);
  rotateXor(6, 16, 4);
  add(0, 6);
  rotateXor(6, 21, 0);
  add(4, 2);
  rotateXor(2, 17, 4);
  swap(4);
}

/**
 * The 64-bit SipHash-2-4 of `data[0..length)`; returns its low 32 bits (the high ones in
 * `sipHash24.high` after the call, for tests against the reference vectors).
 * @example sipHash24(sipKeyOf(bytes0to15), new Uint8Array(0), 0) // 0xdd0e0e31 (vector 0: 0x726fdb47dd0e0e31)
 */
export function sipHash24(key: SipKey, data: Uint8Array, length: number): number {
  s[0] = key.k0lo ^ 0x70736575;
  s[1] = key.k0hi ^ 0x736f6d65;
  s[2] = key.k1lo ^ 0x6e646f6d;
  s[3] = key.k1hi ^ 0x646f7261;
  s[4] = key.k0lo ^ 0x6e657261;
  s[5] = key.k0hi ^ 0x6c796765;
  s[6] = key.k1lo ^ 0x79746573;
  s[7] = key.k1hi ^ 0x74656462;
  const blocks = length >>> 3;
  for (let b = 0; b <= blocks; b++) {
    const i = b << 3;
    let mlo: number;
    let mhi: number;
    if (b < blocks) {
      mlo = word(data, i);
      mhi = word(data, i + 4);
    } else {
      // The last block: the remaining bytes, and the length's low byte in the top byte.
      mlo = 0;
      mhi = (length & 0xff) << 24;
      for (let j = 0; j < (length & 7); j++) {
        if (j < 4) mlo |= data[i + j]! << (8 * j);
        else mhi |= data[i + j]! << (8 * (j - 4));
      }
    }
    s[6] = s[6]! ^ mlo;
    s[7] = s[7]! ^ mhi;
    sipRound();
    sipRound();
    s[0] = s[0]! ^ mlo;
    s[1] = s[1]! ^ mhi;
  }
  s[4] = s[4]! ^ 0xff;
  for (let r = 0; r < 4; r++) sipRound();
  sipHash24.high = (s[1]! ^ s[3]! ^ s[5]! ^ s[7]!) >>> 0;
  return (s[0]! ^ s[2]! ^ s[4]! ^ s[6]!) >>> 0;
}
sipHash24.high = 0;
