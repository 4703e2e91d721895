import { describe, expect, it } from 'vitest';
import { looksLikeCpr } from '../../src/schemas/cpr.ts';

describe('looksLikeCpr', () => {
  it('recognises ten digits and DDMMYY-XXXX', () => {
    expect(looksLikeCpr('0101901234')).toBe(true);
    expect(looksLikeCpr('010190-1234')).toBe(true);
    expect(looksLikeCpr(' 3112991234 ')).toBe(true);
  });

  it('lets pseudonyms through', () => {
    for (const id of ['P0000001', '123456789', '12345678901', '0101901234a', 'a3f9c2', '01019-01234']) {
      expect(looksLikeCpr(id)).toBe(false);
    }
  });
});
