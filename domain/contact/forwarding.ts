/**
 * @module
 * What a forward opens at the competent agency: a contact of the same kind, its own clocks started under the
 * rules the original ran under, linked back to the original.
 */
import { carriedCalendar } from '../calendar/index.ts';
import type { ContactRules } from '../deadlines/rules.ts';
import { forwardedContactId } from './common-actions.ts';
import type { AnyKind } from './machine.ts';
import type { AnyContactState, NewContactCore } from './state.ts';

/** Every rule a contact runs under: its clocks' rules and its lifecycle rules. */
export function rulesOf(state: AnyContactState): ContactRules {
  const rules: ContactRules = { ...state.rules };
  for (const clock of Object.values(state.clocks)) rules[clock.name] = clock.rule;
  return rules;
}

/** The opening input of the contact that forwarding `state` to `agency` opens at `now`. */
export function forwardedOpening(
  kind: AnyKind,
  state: AnyContactState,
  agency: { id: string; provinceId?: string | undefined },
  now: number,
): unknown {
  const core: NewContactCore = {
    contactId: forwardedContactId(state),
    agencyId: agency.id,
    provinceId: agency.provinceId,
    journalist: state.journalist,
    subject: state.subject,
    submittedAt: now,
    rules: rulesOf(state),
    calendar: state.calendar,
    forwardedFrom: { agencyId: state.agencyId, contactId: state.contactId },
  };
  // The new contact counts on the same calendar version (a contact from before versions passes its years on).
  return { ...(kind.reopenAt(state, core) as object), calendar: carriedCalendar(state.calendar) };
}
