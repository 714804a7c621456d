/**
 * @module
 * Press-card verifications: an append-only history per journalist. Every verification is a new record (who,
 * when, how, with what evidence, the result, and the province it was made for); nothing is overwritten, so a
 * supervisor of one province can add their own finding but never replace another province's (issue 6,
 * defect 10). The journalist's current verification is simply the latest record.
 */
import type { Actor } from '../actor.ts';

export const VERIFICATION_METHODS = [
  'press_card_seen',
  'ministry_register',
  'letter_from_press_organisation',
] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** `not_verified`: the card could not be confirmed (expired, revoked, not in the Ministry's register…). */
export const VERIFICATION_RESULTS = ['verified', 'not_verified'] as const;
export type VerificationResult = (typeof VERIFICATION_RESULTS)[number];

export interface VerificationRecord {
  id: number;
  journalistId: string;
  result: VerificationResult;
  method: VerificationMethod;
  documentUrl: string | null;
  note: string | null;
  /** The province the verification was made for; null for a central administrator or a record from before 2026-12. */
  provinceId: string | null;
  /** The verifier's agency; null only for records from before verifications were kept as history. */
  agencyId: string | null;
  verifiedBy: string;
  verifiedByName: string;
  /** Epoch milliseconds. */
  verifiedAt: number;
}

/** The latest record (by time, then by insertion order for records made in the same millisecond), or null. */
export function currentVerification<T extends Pick<VerificationRecord, 'id' | 'verifiedAt'>>(
  records: readonly T[],
): T | null {
  let latest: T | null = null;
  for (const r of records)
    if (
      !latest ||
      r.verifiedAt > latest.verifiedAt ||
      (r.verifiedAt === latest.verifiedAt && r.id > latest.id)
    )
      latest = r;
  return latest;
}

/** The province a new record by `actor` is scoped to: their own, or null for a central administrator. */
export function verificationProvince(actor: Actor): string | null {
  return actor.provinceId ?? null;
}
