import { describe, expect, it } from 'vitest';
import { canonicalPersonId, CPR_REDACTED, looksLikeCpr, redactCpr } from '../../src/schemas/cpr.ts';

/** Spellings of one CPR number seen in registers and spreadsheets. */
const SPELLINGS = [
  '0101901234',
  '010190-1234',
  ' 3112991234 ',
  '050590 1234',
  '060690–1234', // en dash
  '060690—1234', // em dash
  '060690−1234', // minus sign
  '070790/1234',
  '070790.1234',
  '070790 - 1234',
  '080890\t1234',
  'CPR0707901234',
  'cpr-nr. 070790-1234',
  'P0101901234',
  '0101901234a',
  '050590%201234', // as a URL path carries it
  '060690%E2%80%931234',
];

describe('looksLikeCpr', () => {
  it('recognises ten digits with any separator, with or without a label around them', () => {
    for (const spelling of SPELLINGS) expect(looksLikeCpr(spelling), spelling).toBe(true);
  });

  it('lets pseudonyms and other digit runs through', () => {
    for (const id of ['P0000001', '123456789', '12345678901', 'a3f9c2', '01019-01234', '010190--x-1234']) {
      expect(looksLikeCpr(id), id).toBe(false);
    }
  });
});

describe('redactCpr', () => {
  it('masks every CPR-like run in a text and leaves the rest as it was', () => {
    expect(redactCpr("'050590 1234' and 060690–1234 in CPR0707901234.")).toBe(
      `'${CPR_REDACTED}' and ${CPR_REDACTED} in CPR${CPR_REDACTED}.`,
    );
    expect(redactCpr('line 12345678901, 2024-01-01')).toBe('line 12345678901, 2024-01-01');
  });

  it('masks JSON-escaped separators, so a log line is masked as written', () => {
    const line = JSON.stringify({ msg: 'x 080890\t1234 y', n: '090990\u00011234' });
    expect(redactCpr(line)).toBe(JSON.stringify({ msg: `x ${CPR_REDACTED} y`, n: CPR_REDACTED }));
  });
});

describe('canonicalPersonId', () => {
  it('gives every spelling of one CPR number the same ten digits', () => {
    for (const spelling of ['0101901234', '010190-1234', 'CPR 010190 1234', 'cpr-nr.: 010190–1234']) {
      expect(canonicalPersonId(spelling), spelling).toBe('0101901234');
    }
  });
});
