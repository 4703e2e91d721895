// The byte-level building blocks of the columnar reader agree with the string rules they stand
// in for: the interner with a Map of strings, dayOfBytes with isIsoDate and parseDay, and
// surelyNotCprBytes never clears a value looksLikeCpr flags.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteInterner } from '../../src/columnar/byte-interner.ts';
import { dayOfBytes, NOT_A_DAY, surelyNotCprBytes } from '../../src/columnar/csv-bytes.ts';
import { parseDay } from '../../src/day.ts';
import { isIsoDate } from '../../src/schemas/iso-date.ts';
import { looksLikeCpr } from '../../src/schemas/cpr.ts';

const encoder = new TextEncoder();

describe('ByteInterner', () => {
  it('gives every distinct byte string one dense id, in order of first sight, whatever the order', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 3000 }), (values) => {
        const interner = new ByteInterner();
        const expected = new Map<string, number>();
        for (const value of values) {
          // Each value padded inside a larger buffer: offsets must be honoured.
          const bytes = encoder.encode(`#${value}#`);
          const id = interner.intern(bytes, 1, bytes.length - 1);
          if (!expected.has(value)) expected.set(value, expected.size);
          expect(id).toBe(expected.get(value));
        }
        expect(interner.size).toBe(expected.size);
        for (const [value, id] of expected) {
          expect(new TextDecoder().decode(interner.bytesOf(id))).toBe(value);
          const bytes = encoder.encode(value);
          expect(interner.lookup(bytes, 0, bytes.length)).toBe(id);
        }
        const absent = encoder.encode('\u0000never interned');
        expect(interner.lookup(absent, 0, absent.length)).toBe(-1);
      }),
      { numRuns: 50 },
    );
  });
});

describe('dayOfBytes', () => {
  it('accepts exactly what isIsoDate accepts, with parseDay day numbers', () => {
    const nearDates = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(
        ([y, m, d]) =>
          `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      );
    fc.assert(
      fc.property(fc.oneof(nearDates, fc.string({ maxLength: 11 })), (text) => {
        const bytes = encoder.encode(text);
        const day = dayOfBytes(bytes, 0, bytes.length);
        if (isIsoDate(text)) expect(day).toBe(parseDay(text));
        else expect(day).toBe(NOT_A_DAY);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('surelyNotCprBytes', () => {
  it('never clears a CPR-like value', () => {
    const digitsAndSeparators = fc
      .array(fc.constantFrom('0', '1', '9', '-', ' ', '.', 'P', '/', '–'), { maxLength: 16 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.oneof(digitsAndSeparators, fc.string({ maxLength: 16 })), (text) => {
        const bytes = encoder.encode(text);
        if (surelyNotCprBytes(bytes, 0, bytes.length)) expect(looksLikeCpr(text)).toBe(false);
      }),
      { numRuns: 3000 },
    );
    expect(surelyNotCprBytes(encoder.encode('P0000001'), 0, 8)).toBe(true);
    expect(surelyNotCprBytes(encoder.encode('0101901234'), 0, 10)).toBe(false);
  });
});
