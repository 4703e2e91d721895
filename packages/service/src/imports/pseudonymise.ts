import { createHmac } from 'node:crypto';
import { canonicalPersonId, looksLikeCpr } from '@evg/effects';
import { ImportError } from './import-error.ts';

/** Replaces a CPR-like person id by its pseudonym; other ids pass unchanged. */
export type Pseudonymiser = (personId: string) => string;

/**
 * The pseudonymiser of the data contract: a CPR-like id (any separator, an optional `CPR`
 * label) becomes the hex HMAC-SHA256 of its ten digits under the server's secret, so the same person gets
 * the same pseudonym in every import and the CPR number cannot be recovered without the key.
 *
 * @example
 * const pseudonymise = createPseudonymiser(process.env.EVG_PSEUDONYM_KEY);
 * pseudonymise('010190-1234'); // '5f1c…' (64 hex digits), same as pseudonymise('0101901234')
 */
export function createPseudonymiser(secretKey: string | undefined): Pseudonymiser {
  if (!secretKey) {
    throw new ImportError(
      'pseudonym-key-missing',
      'pseudonymisation needs the server secret EVG_PSEUDONYM_KEY, which is not set',
    );
  }
  return (personId) => {
    if (!looksLikeCpr(personId)) return personId;
    // Every spelling of one CPR number (`010190-1234`, `CPR 010190 1234`) gets one pseudonym.
    return createHmac('sha256', secretKey).update(canonicalPersonId(personId), 'utf8').digest('hex');
  };
}
