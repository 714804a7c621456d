/**
 * @module
 * One visibility rule for contacts, used by the domain (views, Update validators), the list query and the
 * live stream: a contact is seen by its journalist, by its agency's staff, and by the supervisors of its
 * province. `contactScope` gives the same rule as data, for a database query.
 */
import { AGENCY_ROLES, hasAnyRole, type Actor } from '../actor.ts';
import { oversightScope } from '../supervision/scope.ts';
import type { TimelineEntry } from './state.ts';

/** The fields of a contact the rule reads (a state or a projection row). */
export interface Visible {
  journalistSub: string;
  agencyId: string;
  provinceId?: string | null | undefined;
  /** Other agencies that see it (a difficulty report's referred agencies); not from the agency side. */
  alsoVisibleTo?: readonly string[] | null | undefined;
}

/**
 * What `actor` may see, as data: contacts matching any member (`allProvinces`: every contact). Empty when
 * they see none.
 */
export interface ContactScope {
  journalistSub?: string | undefined;
  agencyId?: string | undefined;
  provinceId?: string | undefined;
  /** National overseers (the Ministry's press administrator, a central auditor) see every province. */
  allProvinces?: boolean | undefined;
}

export function contactScope(actor: Actor): ContactScope {
  const oversight = oversightScope(actor);
  return {
    journalistSub: actor.roles.includes('journalist') ? actor.sub : undefined,
    agencyId: actor.agencyId && hasAnyRole(actor, AGENCY_ROLES) ? actor.agencyId : undefined,
    // Province administrators manage the registry, not contacts: they oversee statistics only.
    provinceId:
      oversight?.kind === 'province' && hasAnyRole(actor, ['supervisor', 'auditor'])
        ? oversight.provinceId
        : undefined,
    allProvinces: oversight?.kind === 'all' ? true : undefined,
  };
}

export function hasContactScope(scope: ContactScope): boolean {
  return Boolean(scope.journalistSub || scope.agencyId || scope.provinceId || scope.allProvinces);
}

/** Whether `actor` may see the contact. */
export function maySeeContact(actor: Actor, contact: Visible): boolean {
  const scope = contactScope(actor);
  return (
    scope.allProvinces === true ||
    (scope.journalistSub !== undefined && scope.journalistSub === contact.journalistSub) ||
    (scope.agencyId !== undefined && scope.agencyId === contact.agencyId) ||
    (scope.agencyId !== undefined && (contact.alsoVisibleTo ?? []).includes(scope.agencyId)) ||
    (scope.provinceId !== undefined && scope.provinceId === (contact.provinceId ?? undefined))
  );
}

/** The fields the rule reads, from a contact's state. */
export const visibleOf = (state: {
  journalist: { sub: string };
  agencyId: string;
  provinceId?: string | undefined;
  alsoVisibleTo?: string[] | undefined;
}): Visible => ({
  journalistSub: state.journalist.sub,
  agencyId: state.agencyId,
  provinceId: state.provinceId,
  alsoVisibleTo: state.alsoVisibleTo,
});

/** Whether `actor` sees the contact from the agency's side (its staff and supervisors): internal steps too. */
export function seesAgencySide(actor: Actor, contact: Visible): boolean {
  const scope = contactScope(actor);
  return (
    scope.allProvinces === true ||
    (scope.agencyId !== undefined && scope.agencyId === contact.agencyId) ||
    (scope.provinceId !== undefined && scope.provinceId === (contact.provinceId ?? undefined))
  );
}

/**
 * Entry types that only the agency side reads, for entries recorded before entries carried an `audience`:
 * drafts, returned drafts, supervisors' reminders, and the health of the contact's side effects.
 */
const AGENCY_ONLY_TYPES: readonly string[] = [
  'submit_answer',
  'return_answer',
  'remind',
  'activity_failed',
  'activity_recovered',
];

/** Whether a timeline entry is for the agency side only. */
export function isAgencyOnly(entry: Pick<TimelineEntry, 'type' | 'audience'>): boolean {
  return entry.audience === 'agency' || AGENCY_ONLY_TYPES.includes(entry.type);
}

/** Entry types whose text is a note for colleagues (the clerk's assignment note), not for the journalist. */
const INTERNAL_TEXT_TYPES: readonly string[] = ['assign', 'reassign'];

/**
 * The entry as a reader sees it: the agency side sees it whole; others see public entries only, and never
 * the internal note an agency action carries — e.g. the clerk's assignment note.
 */
export function entryFor(entry: TimelineEntry, agencySide: boolean): TimelineEntry | undefined {
  if (agencySide) return entry;
  if (isAgencyOnly(entry)) return undefined;
  if (INTERNAL_TEXT_TYPES.includes(entry.type) && entry.text !== undefined) {
    const { text: _text, ...rest } = entry;
    return rest;
  }
  return entry;
}
