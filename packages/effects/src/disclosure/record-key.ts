/**
 * Record keys of the cell key method (measures.md §4): a 32-bit unsigned integer per record,
 * from a keyed pseudo-random function (SipHash-2-4) of the record's kind and id under the
 * installation's disclosure secret. Fixed once a record exists: the same id under the same
 * secret always gets the same key, in every process, worker and pass.
 */
import { sipHash24, sipKeyOf, type SipKey } from './siphash.ts';
import { EffectsError } from '../errors.ts';

/** The kinds of records that carry a key: every count the EVG publishes is a count of these. */
export type KeyedRecordKind = 'enrollment' | 'surveyResponse' | 'complaint';

/** The shortest disclosure secret accepted: 16 characters (a generated one has 64 hex digits). */
export const MIN_DISCLOSURE_KEY_LENGTH = 16;

const encoder = new TextEncoder();
let buffer = new Uint8Array(256);

/** UTF-8 of `text` into the shared buffer; returns the byte length. ASCII without the encoder. */
function encode(text: string): number {
  if (buffer.length < text.length * 3) buffer = new Uint8Array(text.length * 3);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return encoder.encodeInto(text, buffer).written;
    buffer[i] = code;
  }
  return text.length;
}

// Two fixed SipHash keys turn a secret of any length into the 128-bit key (a PRF as KDF: the
// secret is random, not a password, so no stretching is needed).
const DERIVE_LOW = sipKeyOf(encoder.encode('EVG record keys '));
const DERIVE_HIGH = sipKeyOf(encoder.encode('EVG cell keys v1'));

function deriveKey(secret: string): SipKey {
  const length = encode(secret);
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, sipHash24(DERIVE_LOW, buffer, length), true);
  view.setUint32(4, sipHash24.high, true);
  view.setUint32(8, sipHash24(DERIVE_HIGH, buffer, length), true);
  view.setUint32(12, sipHash24.high, true);
  return sipKeyOf(bytes);
}

/** A function from (kind, id) to the record's key under one secret. */
export type RecordKeyer = (kind: KeyedRecordKind, id: string) => number;

/**
 * Throws invalid-config when the secret is shorter than MIN_DISCLOSURE_KEY_LENGTH.
 * @example
 * const recordKey = recordKeyer(process.env.EVG_DISCLOSURE_KEY);
 * recordKey('enrollment', 'E-000123') // a number in [0, 2^32)
 */
export function recordKeyer(secret: string): RecordKeyer {
  if (typeof secret !== 'string' || secret.length < MIN_DISCLOSURE_KEY_LENGTH) {
    throw new EffectsError(
      'invalid-config',
      `disclosureKey must be a secret of at least ${MIN_DISCLOSURE_KEY_LENGTH} characters`,
    );
  }
  const key = deriveKey(secret);
  return (kind, id) => {
    const length = encode(`${kind}:${id}`);
    return sipHash24(key, buffer, length);
  };
}
