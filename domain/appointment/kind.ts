/**
 * @module
 * The work appointment as a contact kind (SPEC.md C2.2): a journalist proposes slots; the agency accepts one
 * (with a place and a host), proposes others, declines with a legal ground, or forwards; either side may
 * reschedule or cancel; after the meeting the agency records its result and the journalist acknowledges.
 *
 * Clocks: `first_response` — the agency answers a proposal (again after the journalist reschedules);
 * `record_result` — counted from the meeting's start. Lifecycle timers: the host's reminder the working day
 * before the meeting, and the automatic close of a record nobody acknowledges.
 */
import { z } from 'zod';
import { openingOfPreviousWorkingDay, toLocalDate } from '../calendar/index.ts';
import { startClock, stopClock } from '../deadlines/clock.ts';
import { InvalidInputError } from '../errors.ts';
import { assignAction, declineAction, forwardAction, withdrawAction } from '../contact/common-actions.ts';
import {
  defineAction,
  defineContactKind,
  type ActionContext,
  type KindTimer,
  type Who,
} from '../contact/define.ts';
import { FIELD_LIMITS } from '../contact/field-limits.ts';
import { acknowledgeResultAction, meetingResultView, recordResultAction } from '../contact/meeting-result.ts';
import { agencyRoles, person, type NotificationIntent } from '../contact/notifications.ts';
import { appendEntry, type TimelineEntry } from '../contact/state.ts';
import { stopAll, supervisionActions } from '../contact/supervision.ts';
import { autoCloseTimer } from '../contact/timers.ts';
import { agencyMember, either, owner } from '../contact/who.ts';
import { longText, optionalLongText, plainText } from '../text/policy.ts';
import type { Role } from '../vocabulary.ts';
import { assertSlots, chosenSlot, slotChoiceInput, slotsInput, type SlotChoice } from './slots.ts';
import {
  APPOINTMENT_STATUSES,
  type AppointmentState,
  type AppointmentStatus,
  type Host,
  type NewAppointment,
  type Slot,
} from './state.ts';

type St = AppointmentState;

export const APPOINTMENT_OPEN: readonly AppointmentStatus[] = [
  'submitted',
  'awaiting_journalist',
  'scheduled',
];
export const APPOINTMENT_TERMINAL: readonly AppointmentStatus[] = [
  'closed',
  'declined',
  'forwarded',
  'cancelled',
  'withdrawn',
];

const STAFF: Role[] = ['agency_staff', 'spokesperson', 'agency_head'];
const place = plainText(FIELD_LIMITS.place);
const reason = longText(FIELD_LIMITS.reason);

const toJournalist = (s: St, type: NotificationIntent['type'], what: string): NotificationIntent => ({
  recipient: person(s.journalist.sub),
  type,
  text: `${what}: ${s.subject}`,
});
const toAgency = (s: St, type: NotificationIntent['type'], what: string): NotificationIntent => ({
  recipient: s.assignee ? person(s.assignee.sub) : agencyRoles(s.agencyId, STAFF),
  type,
  text: `${what}: ${s.subject}`,
});

const hostOf = (ctx: ActionContext): Host => ({
  id: ctx.host!.id,
  name: ctx.host!.name,
  ...(ctx.host!.title ? { title: ctx.host!.title } : {}),
});

/** The registry's host is the one the input names. */
function assertHost(hostId: string, ctx: ActionContext): void {
  if (ctx.host?.id !== hostId)
    throw InvalidInputError.because('The host is not one the registry knows for this agency.', [
      { path: 'hostId', message: 'unknown host' },
    ]);
}

/** The slot a choice names among those on the table, or a 422. */
function pick(s: St, choice: SlotChoice, now: number): Slot {
  const slot = chosenSlot(s.proposal.slots, choice);
  if (!slot)
    throw InvalidInputError.because('Choose one of the proposed times.', [
      { path: 'slot', message: 'not one of the proposed times' },
    ]);
  if (slot.start <= now)
    throw InvalidInputError.because('That time has passed; propose another.', [
      { path: 'slot', message: 'in the past' },
    ]);
  return slot;
}

/** The agreed meeting: its record clock starts at the meeting's start; the agency's answer clock stops. */
function schedule(s: St, slot: Slot, where: string, host: Host, now: number): St {
  const clocks = { ...s.clocks };
  if (clocks.first_response) clocks.first_response = stopClock(clocks.first_response, now);
  const rule = s.rules?.record_result;
  if (rule) clocks.record_result = startClock('record_result', rule, slot.start);
  return { ...s, status: 'scheduled', clocks, meeting: { slot, place: where, host, agreedAt: now } };
}

/** The meeting no longer holds (rescheduled or cancelled): its record clock goes, the version rises. */
function unschedule(s: St): Pick<St, 'clocks' | 'sequence'> {
  const { record_result: _dropped, ...clocks } = s.clocks;
  return { clocks, sequence: s.meeting ? s.sequence + 1 : s.sequence };
}

const meetingBegun = (s: St, now: number) => s.meeting !== undefined && now >= s.meeting.slot.start;

const proposalFrom =
  (by: 'journalist' | 'agency'): ((s: St) => boolean) =>
  (s) =>
    s.proposal.by === by;

const acceptInput = z.object({ slot: slotChoiceInput, place, hostId: z.string().min(1).max(64) });
const proposeInput = z.object({
  slots: slotsInput,
  place,
  hostId: z.string().min(1).max(64),
  note: optionalLongText(FIELD_LIMITS.note),
});
const confirmInput = z.object({ slot: slotChoiceInput });
const rescheduleInput = z.object({ slots: slotsInput, reason });
const journalistOrAgency: Who<St> = either(owner, agencyMember);

const actions = {
  assign: assignAction<St>(APPOINTMENT_OPEN, undefined),
  accept: defineAction<St, typeof acceptInput>({
    input: acceptInput,
    from: ['submitted'],
    who: agencyMember,
    when: proposalFrom('journalist'),
    needs: ['host'],
    guard: (s, p, ctx, now) => {
      assertHost(p.hostId, ctx);
      pick(s, p.slot, now);
    },
    apply: (s, _a, p, ctx, now) => {
      const slot = pick(s, p.slot, now);
      return {
        state: schedule(s, slot, p.place, hostOf(ctx), now),
        entry: { data: { slot, place: p.place, host: hostOf(ctx) } },
        notifications: [toJournalist(s, 'accepted', 'Cơ quan đã nhận lịch làm việc')],
      };
    },
  }),
  propose_time: defineAction<St, typeof proposeInput>({
    input: proposeInput,
    from: ['submitted'],
    who: agencyMember,
    needs: ['host'],
    guard: (s, p, ctx, now) => {
      assertHost(p.hostId, ctx);
      assertSlots(s.calendar, p.slots, now);
    },
    apply: (s, _a, p, ctx, now) => ({
      state: {
        ...s,
        status: 'awaiting_journalist',
        proposal: { by: 'agency', slots: p.slots, place: p.place, host: hostOf(ctx), note: p.note, at: now },
        clocks: s.clocks.first_response
          ? { ...s.clocks, first_response: stopClock(s.clocks.first_response, now) }
          : s.clocks,
      },
      entry: { text: p.note, data: { slots: p.slots, place: p.place, host: hostOf(ctx) } },
      notifications: [toJournalist(s, 'time_proposed', 'Cơ quan đề xuất thời gian khác')],
    }),
  }),
  confirm: defineAction<St, typeof confirmInput>({
    input: confirmInput,
    from: ['awaiting_journalist'],
    who: owner,
    actsAs: 'journalist',
    when: proposalFrom('agency'),
    guard: (s, p, _ctx, now) => void pick(s, p.slot, now),
    apply: (s, _a, p, _ctx, now) => {
      const slot = pick(s, p.slot, now);
      const where = s.proposal.place ?? s.meeting?.place ?? '';
      const host = s.proposal.host ?? s.meeting!.host;
      return {
        state: schedule(s, slot, where, host, now),
        entry: { data: { slot, place: where, host } },
        notifications: [toAgency(s, 'confirmed', 'Nhà báo đã xác nhận lịch làm việc')],
      };
    },
  }),
  reschedule: defineAction<St, typeof rescheduleInput>({
    input: rescheduleInput,
    // From an agreed meeting (either side), or — by the journalist — instead of any of the agency's times.
    from: ['scheduled', 'awaiting_journalist'],
    who: (s, a) => (s.status === 'scheduled' ? journalistOrAgency(s, a) : owner(s, a)),
    actsAs: 'journalist',
    // Before the meeting begins; afterwards its result (held or not) is recorded instead.
    when: (s, now) => !meetingBegun(s, now),
    guard: (s, p, _ctx, now) => assertSlots(s.calendar, p.slots, now),
    apply: (s, a, p, _ctx, now) => {
      const byJournalist = a.sub === s.journalist.sub && a.roles.includes('journalist');
      const { clocks, sequence } = unschedule(s);
      const rule = s.clocks.first_response?.rule ?? s.rules?.first_response;
      const base = { ...s, clocks, sequence, meeting: undefined };
      const state: St = byJournalist
        ? {
            ...base,
            status: 'submitted',
            proposal: { by: 'journalist', slots: p.slots, reason: p.reason, at: now },
            // The agency answers the new times within the same rule as a first proposal.
            clocks: rule ? { ...clocks, first_response: startClock('first_response', rule, now) } : clocks,
          }
        : {
            ...base,
            status: 'awaiting_journalist',
            proposal: {
              by: 'agency',
              slots: p.slots,
              place: s.meeting?.place,
              host: s.meeting?.host,
              reason: p.reason,
              at: now,
            },
          };
      return {
        state,
        entry: { text: p.reason, data: { slots: p.slots, previous: s.meeting?.slot, sequence } },
        notifications: [
          byJournalist
            ? toAgency(s, 'rescheduled', 'Nhà báo đề nghị đổi lịch')
            : toJournalist(s, 'rescheduled', 'Cơ quan đề nghị đổi lịch'),
        ],
      };
    },
  }),
  cancel: defineAction<St, z.ZodType<{ reason: string }>>({
    input: z.object({ reason }),
    from: APPOINTMENT_OPEN,
    who: journalistOrAgency,
    when: (s, now) => !meetingBegun(s, now),
    actsAs: 'journalist',
    apply: (s, a, p, _ctx, now) => {
      const byJournalist = a.sub === s.journalist.sub && a.roles.includes('journalist');
      return {
        state: {
          ...s,
          status: 'cancelled',
          clocks: stopAll(s, now),
          sequence: s.meeting ? s.sequence + 1 : s.sequence,
          cancellation: { reason: p.reason, by: { sub: a.sub, name: a.name }, at: now },
        },
        entry: { text: p.reason },
        notifications: [
          byJournalist
            ? toAgency(s, 'cancelled', 'Nhà báo huỷ lịch làm việc')
            : toJournalist(s, 'cancelled', 'Cơ quan huỷ lịch làm việc'),
        ],
      };
    },
  }),
  record_result: recordResultAction<St>({
    from: ['scheduled'],
    when: meetingBegun,
    tell: (s) => [toJournalist(s, 'result_recorded', 'Cơ quan đã cập nhật kết quả làm việc')],
  }),
  acknowledge: acknowledgeResultAction<St>((s) => [
    toAgency(s, 'acknowledged', 'Nhà báo đã xác nhận kết quả làm việc'),
  ]),
  decline: declineAction<St>(['submitted', 'awaiting_journalist'], 'declined'),
  forward: forwardAction<St>(['submitted'], 'forwarded'),
  withdraw: withdrawAction<St>(['submitted', 'awaiting_journalist'], 'withdrawn'),
  ...supervisionActions<St>({
    open: APPOINTMENT_OPEN,
    clocks: ['first_response', 'record_result'],
    closedStatus: 'closed',
  }),
};

/** The host and the agency are reminded at the opening of the working day before the meeting. */
const meetingReminder: KindTimer<St> = {
  next(s) {
    if (s.status !== 'scheduled' || !s.meeting) return undefined;
    const day = toLocalDate(s.meeting.slot.start);
    return {
      name: `meeting_reminder:${s.sequence}:${s.meeting.slot.start}`,
      at: Math.min(openingOfPreviousWorkingDay(s.calendar, day), s.meeting.slot.start),
    };
  },
  fire(s, _name, now) {
    const m = s.meeting!;
    const recipients: NotificationIntent[] = [
      {
        recipient: agencyRoles(s.agencyId, ['spokesperson', 'agency_head']),
        type: 'meeting_reminder',
        text: `Nhắc lịch làm việc với nhà báo (${m.host.name}): ${s.subject}`,
      },
    ];
    if (s.assignee)
      recipients.push({
        recipient: person(s.assignee.sub),
        type: 'meeting_reminder',
        text: `Nhắc lịch: ${s.subject}`,
      });
    return appendEntry(
      s,
      { at: now, type: 'meeting_reminder', audience: 'agency', data: { slot: m.slot, host: m.host } },
      recipients,
    );
  },
};

/** A meeting record that the journalist never acknowledges closes itself after the `auto_close` rule. */
const autoClose = autoCloseTimer<St>({
  statuses: ['completed', 'not_held'],
  since: (s) => s.result?.recordedAt,
  closed: 'closed',
  text: 'Hồ sơ làm việc đã tự đóng',
});

export const appointmentKind = defineContactKind<St, NewAppointment>({
  kind: 'appointment',
  workflowType: 'appointmentWorkflow',
  idPrefix: 'LV',
  label: { vi: 'Đề nghị làm việc', en: 'Work appointment' },
  statuses: APPOINTMENT_STATUSES,
  terminal: APPOINTMENT_TERMINAL,
  open: APPOINTMENT_OPEN,
  clocks: ['first_response', 'record_result'],
  actions,
  timers: [meetingReminder, autoClose],
  openContact(input) {
    const clocks: St['clocks'] = {};
    if (input.rules.first_response)
      clocks.first_response = startClock('first_response', input.rules.first_response, input.submittedAt);
    const entry: TimelineEntry = {
      seq: 1,
      at: input.submittedAt,
      type: 'submitted',
      actor: { ...input.journalist, role: 'journalist' },
      text: input.questions,
      data: {
        slots: input.proposedSlots,
        format: input.format,
        ...(input.forwardedFrom ? { forwardedFrom: input.forwardedFrom } : {}),
      },
    };
    const { record_result, auto_close } = input.rules;
    const state: St = {
      contactId: input.contactId,
      kind: 'appointment',
      agencyId: input.agencyId,
      provinceId: input.provinceId,
      journalist: input.journalist,
      subject: input.subject,
      questions: input.questions,
      format: input.format,
      participants: input.participants,
      proposal: { by: 'journalist', slots: input.proposedSlots, at: input.submittedAt },
      sequence: 0,
      status: 'submitted',
      clocks,
      timeline: [entry],
      submittedAt: input.submittedAt,
      updatedAt: input.submittedAt,
      calendar: input.calendar,
      rules: {
        ...(record_result ? { record_result } : {}),
        ...(auto_close ? { auto_close } : {}),
        ...(input.rules.first_response ? { first_response: input.rules.first_response } : {}),
      },
      ...(input.forwardedFrom ? { forwardedFrom: input.forwardedFrom } : {}),
    };
    const what = input.forwardedFrom ? 'Đề nghị làm việc được chuyển đến' : 'Đề nghị làm việc mới';
    return {
      state,
      entry,
      notifications: [
        {
          recipient: agencyRoles(input.agencyId, STAFF),
          type: input.forwardedFrom ? 'forwarded_in' : 'new_appointment',
          text: `${what}: ${input.subject}`,
        },
      ],
    };
  },
  reopenAt: (s, core) => ({
    ...core,
    questions: s.questions,
    format: s.format,
    participants: s.participants,
    proposedSlots: s.proposal.by === 'journalist' ? s.proposal.slots : [],
  }),
  searchText: (s) => `${s.subject} ${s.questions} ${s.participants ?? ''}`,
  viewFields: (s) => ({
    questions: s.questions,
    format: s.format,
    participants: s.participants ?? null,
    proposal: {
      by: s.proposal.by,
      slots: s.proposal.slots,
      place: s.proposal.place ?? null,
      host: s.proposal.host ?? null,
      note: s.proposal.note ?? null,
      reason: s.proposal.reason ?? null,
      at: s.proposal.at,
    },
    meeting: s.meeting ?? null,
    sequence: s.sequence,
    result: meetingResultView(s.result),
    decline: s.decline ?? null,
    cancellation: s.cancellation ?? null,
    nextMeetingAt: s.status === 'scheduled' && s.meeting ? s.meeting.slot.start : null,
  }),
  nextMeetingAt: (s) => (s.status === 'scheduled' && s.meeting ? s.meeting.slot.start : null),
});
