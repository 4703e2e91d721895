import { describe, expect, it } from 'vitest';
import { sipHash24, sipKeyOf } from '../../src/disclosure/siphash.ts';

// Test vectors of the SipHash reference implementation (vectors.h): key 00 01 … 0f, message
// 00 01 … (n − 1), the 64-bit output as little-endian bytes.
const VECTORS: Record<number, string> = {
  0: '310e0edd47db6f72',
  1: 'fd67dc93c539f874',
  7: '37d1018bf50002ab',
  8: '6224939a79f5f593',
  15: 'e545be4961ca29a1',
  63: '724506eb4c328a95',
};

function hex(low: number, high: number): string {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setUint32(0, low, true);
  new DataView(bytes.buffer).setUint32(4, high, true);
  return Buffer.from(bytes).toString('hex');
}

describe('SipHash-2-4', () => {
  const key = sipKeyOf(Uint8Array.from({ length: 16 }, (_, i) => i));
  for (const [length, expected] of Object.entries(VECTORS)) {
    it(`matches the reference vector for ${length} bytes`, () => {
      const n = Number(length);
      const data = Uint8Array.from({ length: n + 5 }, (_, i) => i);
      const low = sipHash24(key, data, n);
      expect(hex(low, sipHash24.high)).toBe(expected);
    });
  }

  it('rejects a key that is not 16 bytes', () => {
    expect(() => sipKeyOf(new Uint8Array(8))).toThrow(RangeError);
  });
});
