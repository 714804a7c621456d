/**
 * @module
 * Deadline timers of an information request: which clock event comes next, and what happens when it fires
 * (SPEC.md C3 escalation ladder). Escalation never blocks action: it only records and notifies.
 */
import { dueAt, markClockEvent, nextClockEvent, type ClockEvent } from '../deadlines/clock.ts';
import type { ClockName } from '../vocabulary.ts';
import { agencyRoles, person, type NotificationIntent } from './notifications.ts';
import { isTerminal, type InformationRequestState, type TimelineEntry } from './state.ts';
import type { Transition } from './machine.ts';

/** The earliest pending clock event, or `undefined` when nothing is left to wait for. */
export function nextTimer(state: InformationRequestState): ClockEvent | undefined {
  if (isTerminal(state)) return undefined;
  let next: ClockEvent | undefined;
  for (const clock of Object.values(state.clocks)) {
    const event = nextClockEvent(clock, state.calendar);
    if (event && (!next || event.at < next.at)) next = event;
  }
  return next;
}

const CLOCK_LABEL: Record<ClockName, string> = { first_response: 'phản hồi đầu tiên', answer: 'trả lời' };

function notificationFor(state: InformationRequestState, event: ClockEvent): NotificationIntent {
  const what = `hạn ${CLOCK_LABEL[event.clock]}: ${state.subject}`;
  switch (event.kind) {
    case 'warning':
      return {
        recipient: state.assignee
          ? person(state.assignee.sub)
          : agencyRoles(state.agencyId, ['agency_staff', 'spokesperson']),
        type: 'deadline_warning',
        text: `Sắp đến ${what}`,
      };
    case 'overdue':
      return {
        recipient: agencyRoles(state.agencyId, ['agency_head']),
        type: 'overdue',
        text: `Quá ${what}`,
      };
    case 'escalated':
      return state.provinceId
        ? {
            recipient: { kind: 'province_supervisors', provinceId: state.provinceId },
            type: 'escalated',
            text: `Chuyển Sở theo dõi — quá ${what}`,
          }
        : {
            recipient: agencyRoles(state.agencyId, ['agency_head']),
            type: 'escalated',
            text: `Quá hạn kéo dài — ${what}`,
          };
  }
}

/**
 * Fires the earliest clock event if it is due at or before `now`. One at a time on purpose: the workflow
 * assigns the result to its state synchronously, so an Update handled while the projection activity runs is
 * never overwritten by a stale batch.
 */
export function fireNextTimer(state: InformationRequestState, now: number): Transition | undefined {
  const event = nextTimer(state);
  const clock = event ? state.clocks[event.clock] : undefined;
  if (!event || !clock || event.at > now) return undefined;
  const entry: TimelineEntry = {
    seq: state.timeline.length + 1,
    at: now,
    type: event.kind,
    data: { clock: event.clock, dueAt: dueAt(clock, state.calendar), scheduledFor: event.at },
  };
  const next: InformationRequestState = {
    ...state,
    clocks: { ...state.clocks, [event.clock]: markClockEvent(clock, event) },
    timeline: [...state.timeline, entry],
    updatedAt: now,
  };
  return { state: next, entry, notifications: [notificationFor(next, event)] };
}
