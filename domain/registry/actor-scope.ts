/**
 * @module
 * Where a signed-in person's authority comes from: the registry, never the token alone and never the
 * absence of data. A token names the person's agency (`agency_id`); that agency must exist in the registry,
 * be in force on the day, and have a province unless it is central. The person's province and level are then
 * copied from the agency, so "central administrator" means "administrator of an agency the registry records
 * as central" (the Ministry), not "administrator whose token named nothing we know" (issue 6, defect 3).
 *
 * Roles that act for an agency (staff, spokesperson, head, supervisor, admin) need one: a token carrying such
 * a role without `agency_id` is refused rather than given a scope. Journalists need no agency.
 *
 * @example
 * const result = resolveActor(identity, agencyOrNull, toLocalDate(now));
 * if (!result.ok) throw ForbiddenError.because(result.code, result.message);
 */
import type { Actor } from '../actor.ts';
import type { LocalDate } from '../calendar/index.ts';
import type { AgencyLevel, Role } from '../vocabulary.ts';

/** What a token says about a person, before the registry is consulted. */
export type TokenIdentity = Omit<Actor, 'provinceId' | 'agencyLevel'>;

/** The facts of an agency that decide a person's scope, as the registry has them now. */
export interface RegisteredAgency {
  id: string;
  level: AgencyLevel;
  provinceId: string | null;
  /** First day the agency exists. */
  validFrom: LocalDate;
  /** Set when the agency was dissolved or merged into another; it no longer exists from that day. */
  dissolvedOn: LocalDate | null;
  mergedIntoId: string | null;
}

/** Roles that only make sense for someone working in an agency. */
export const AGENCY_BOUND_ROLES: readonly Role[] = [
  'agency_staff',
  'spokesperson',
  'agency_head',
  'supervisor',
  'auditor',
  'admin',
];

export type ScopeRefusalCode =
  'unknown_agency' | 'agency_dissolved' | 'agency_required' | 'agency_without_province';

export type ScopeResolution =
  { ok: true; actor: Actor } | { ok: false; code: ScopeRefusalCode; message: string };

const refuse = (code: ScopeRefusalCode, message: string): ScopeResolution => ({ ok: false, code, message });

/**
 * The actor a verified token stands for, or why it is refused. `agency` is the registry's row for
 * `identity.agencyId` (null when the token names none or the registry has no such agency); `today` is the
 * local date in Vietnam.
 */
export function resolveActor(
  identity: TokenIdentity,
  agency: RegisteredAgency | null,
  today: LocalDate,
): ScopeResolution {
  if (identity.agencyId === undefined) {
    const bound = identity.roles.filter((r) => AGENCY_BOUND_ROLES.includes(r));
    if (bound.length > 0)
      return refuse(
        'agency_required',
        `The roles ${bound.join(', ')} act for an agency, but the token names none (agency_id).`,
      );
    return { ok: true, actor: { ...identity } };
  }
  if (!agency || agency.id !== identity.agencyId)
    return refuse('unknown_agency', `The registry has no agency '${identity.agencyId}'.`);
  if (agency.validFrom > today)
    return refuse('unknown_agency', `The agency '${agency.id}' exists only from ${agency.validFrom}.`);
  // A merger recorded ahead of its date leaves the agency in force until that day.
  const gone = agency.dissolvedOn !== null ? agency.dissolvedOn <= today : agency.mergedIntoId !== null;
  if (gone) {
    const into = agency.mergedIntoId ? ` into '${agency.mergedIntoId}'` : '';
    return refuse(
      'agency_dissolved',
      `The agency '${agency.id}' was dissolved or merged${into}${agency.dissolvedOn ? ` on ${agency.dissolvedOn}` : ''}.`,
    );
  }
  // A provincial or commune agency without a province would otherwise look central wherever code asks
  // "has the actor a province?"; refuse until an administrator repairs the register.
  if (agency.level !== 'central' && !agency.provinceId)
    return refuse(
      'agency_without_province',
      `The agency '${agency.id}' is not central but the registry gives it no province.`,
    );
  return {
    ok: true,
    actor: { ...identity, agencyLevel: agency.level, provinceId: agency.provinceId ?? undefined },
  };
}
