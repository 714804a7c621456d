/**
 * @module
 * Who oversees which contacts (SPEC.md C4, issue 8 "Roles"): the press-management department's supervisors
 * act within their province; a read-only `auditor` sees what a supervisor sees and acts on nothing; the
 * Ministry's press administrator (a central administrator) and a central auditor see every province.
 *
 * Reading and acting are separate questions on purpose: `oversightScope` answers "what may I look at"
 * (board, statistics, reports, contact details); acting stays with the action rules (`who.ts`), which name
 * supervisors only, so an auditor is refused every action without a special case.
 */
import { hasAnyRole, type Actor } from '../actor.ts';
import type { Role } from '../vocabulary.ts';

/** Roles that oversee a province's contacts: they read the board, statistics and reports. */
export const OVERSIGHT_ROLES: readonly Role[] = ['supervisor', 'auditor', 'admin'];

/** Every province, or one. */
export type OversightScope = { kind: 'all' } | { kind: 'province'; provinceId: string };

/** A person of a central agency (the Ministry), whose authority is not tied to one province. */
function isCentral(actor: Actor): boolean {
  return actor.agencyId !== undefined && actor.agencyLevel === 'central' && actor.provinceId === undefined;
}

/**
 * What `actor` may oversee: every province (a central administrator or a central auditor), their own
 * province (a supervisor, an auditor or an administrator of a provincial agency), or nothing (`undefined`).
 */
export function oversightScope(actor: Actor): OversightScope | undefined {
  if (isCentral(actor) && hasAnyRole(actor, ['admin', 'auditor'])) return { kind: 'all' };
  if (hasAnyRole(actor, OVERSIGHT_ROLES) && actor.provinceId)
    return { kind: 'province', provinceId: actor.provinceId };
  return undefined;
}

/** Why a requested province is refused. */
export type ProvinceRefusal = 'not_overseer' | 'province_required' | 'outside_your_province';

/**
 * The province `actor` reads when asking for `requested`: their own (when they name none or their own), any
 * for national overseers (who must name one when `requireForNational`), else a refusal code.
 */
export function overseenProvince(
  actor: Actor,
  requested: string | undefined,
  options: { requireForNational: boolean },
): { ok: true; provinceId: string | undefined } | { ok: false; code: ProvinceRefusal } {
  const scope = oversightScope(actor);
  if (!scope) return { ok: false, code: 'not_overseer' };
  if (scope.kind === 'all') {
    if (requested === undefined && options.requireForNational)
      return { ok: false, code: 'province_required' };
    return { ok: true, provinceId: requested };
  }
  if (requested !== undefined && requested !== scope.provinceId)
    return { ok: false, code: 'outside_your_province' };
  return { ok: true, provinceId: scope.provinceId };
}

/** Whether `actor` may see the contacts of `provinceId` as an overseer (read-only for auditors). */
export function overseesProvince(actor: Actor, provinceId: string | null | undefined): boolean {
  const scope = oversightScope(actor);
  if (!scope) return false;
  return scope.kind === 'all' || (provinceId !== null && provinceId === scope.provinceId);
}
