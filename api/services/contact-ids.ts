/**
 * @module
 * Business ids for contacts. An information request's id is derived from the caller and their
 * `Idempotency-Key`, so a retried create names the same workflow and can never open a second contact.
 */
import { createHash } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

/** The business id of a contact of `kind` (prefix `YC`, `LV`…) for this caller and Idempotency-Key. */
export function contactId(kind: string, prefix: string, sub: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`${kind}\u0000${sub}\u0000${idempotencyKey}`).digest();
  let id = '';
  for (let i = 0; i < 10; i++) id += ALPHABET[digest[i]! % ALPHABET.length];
  return `${prefix}-${id}`;
}

/** `YC-` + 10 characters; `YC` is "yêu cầu" (request). */
export function informationRequestId(sub: string, idempotencyKey: string): string {
  return contactId('information_request', 'YC', sub, idempotencyKey);
}

/**
 * The Temporal Update id of an action sent with an `Idempotency-Key`: the same person, action and key give the
 * same id, so a retry (after a 503, a lost answer) gets the first attempt's outcome from Temporal instead of
 * acting twice — even after the action finished the contact. Hashed so no key text reaches the history.
 */
export function actionUpdateId(action: string, sub: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`${action}\u0000${sub}\u0000${idempotencyKey}`).digest('hex');
  return `${action}:${digest.slice(0, 32)}`;
}
