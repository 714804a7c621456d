/**
 * @module
 * The walk-in visit record as a contact kind (SPEC.md C2.3; the Quảng Bình seed: "in case reporters come to
 * register to work directly and are accepted to work immediately, the agencies are responsible for updating the
 * reporter's registration, content and work results").
 *
 * Agency staff open it after the visit with who came, when, about what and who received them: a `draft`. Its one
 * clock, `record_result`, runs from the visit: the agency records what the visit gave (held or not, summary,
 * information and documents provided) within the rule, and the ladder of C3 applies as for every clock. The
 * journalist, when they have an account, sees the record and acknowledges it; a record nobody acknowledges closes
 * itself after the `auto_close` rule. Walk-ins are never forwarded: the visit already happened where it happened.
 */
import { startClock } from '../deadlines/clock.ts';
import { assignAction } from '../contact/common-actions.ts';
import { defineContactKind } from '../contact/define.ts';
import { acknowledgeResultAction, meetingResultView, recordResultAction } from '../contact/meeting-result.ts';
import { agencyRoles, person, type NotificationIntent } from '../contact/notifications.ts';
import type { TimelineEntry } from '../contact/state.ts';
import { supervisionActions } from '../contact/supervision.ts';
import { autoCloseTimer } from '../contact/timers.ts';
import type { Role } from '../vocabulary.ts';
import {
  NO_ACCOUNT,
  WALK_IN_STATUSES,
  type NewWalkIn,
  type WalkInState,
  type WalkInStatus,
} from './state.ts';

type St = WalkInState;

export const WALK_IN_OPEN: readonly WalkInStatus[] = ['draft'];
export const WALK_IN_TERMINAL: readonly WalkInStatus[] = ['closed'];

const STAFF: Role[] = ['agency_staff', 'spokesperson', 'agency_head'];

/** The journalist hears of the record only when they have an account to hear it with. */
const toJournalist = (s: St, type: NotificationIntent['type'], what: string): NotificationIntent[] =>
  s.journalist.sub === NO_ACCOUNT
    ? []
    : [{ recipient: person(s.journalist.sub), type, text: `${what}: ${s.subject}` }];

const actions = {
  assign: assignAction<St>(WALK_IN_OPEN, undefined),
  record_result: recordResultAction<St>({
    from: ['draft'],
    tell: (s) => toJournalist(s, 'result_recorded', 'Cơ quan đã cập nhật kết quả làm việc'),
  }),
  acknowledge: acknowledgeResultAction<St>((s) => [
    {
      recipient: person(s.assignee?.sub ?? s.recordedBy.sub),
      type: 'acknowledged',
      text: `Nhà báo đã xác nhận kết quả làm việc: ${s.subject}`,
    },
  ]),
  ...supervisionActions<St>({ open: WALK_IN_OPEN, clocks: ['record_result'], closedStatus: 'closed' }),
};

/** A record the journalist never acknowledges closes itself after the `auto_close` rule. */
const autoClose = autoCloseTimer<St>({
  statuses: ['completed', 'not_held'],
  since: (s) => s.result?.recordedAt,
  closed: 'closed',
  text: 'Hồ sơ làm việc trực tiếp đã tự đóng',
});

export const walkInKind = defineContactKind<St, NewWalkIn>({
  kind: 'walk_in',
  workflowType: 'walkInWorkflow',
  idPrefix: 'TT',
  label: { vi: 'Làm việc trực tiếp', en: 'Walk-in visit' },
  statuses: WALK_IN_STATUSES,
  terminal: WALK_IN_TERMINAL,
  open: WALK_IN_OPEN,
  clocks: ['record_result'],
  actions,
  timers: [autoClose],
  openContact(input) {
    const clocks: St['clocks'] = {};
    // Counted from the visit, as an appointment's record clock is counted from the meeting's start.
    if (input.rules.record_result)
      clocks.record_result = startClock('record_result', input.rules.record_result, input.visitedAt);
    const entry: TimelineEntry = {
      seq: 1,
      at: input.submittedAt,
      type: 'submitted',
      actor: input.recordedBy,
      text: input.content,
      data: { visitedAt: input.visitedAt, host: input.host, visitor: input.visitor },
    };
    const { record_result, auto_close } = input.rules;
    const state: St = {
      contactId: input.contactId,
      kind: 'walk_in',
      agencyId: input.agencyId,
      provinceId: input.provinceId,
      journalist: input.journalist,
      subject: input.subject,
      status: 'draft',
      clocks,
      timeline: [entry],
      submittedAt: input.submittedAt,
      updatedAt: input.submittedAt,
      calendar: input.calendar,
      rules: {
        ...(record_result ? { record_result } : {}),
        ...(auto_close ? { auto_close } : {}),
      },
      visitedAt: input.visitedAt,
      content: input.content,
      host: input.host,
      visitor: input.visitor,
      recordedBy: input.recordedBy,
    };
    return {
      state,
      entry,
      notifications: [
        // The agency's other staff see new work in their inbox; the journalist learns the visit is on record.
        {
          recipient: agencyRoles(input.agencyId, STAFF),
          type: 'walk_in_recorded',
          text: `Ghi nhận làm việc trực tiếp: ${input.subject}`,
        },
        ...toJournalist(state, 'walk_in_recorded', 'Cơ quan đã ghi nhận buổi làm việc trực tiếp'),
      ],
    };
  },
  reopenAt: () => {
    throw new Error('Walk-in records are never forwarded.');
  },
  searchText: (s) =>
    `${s.subject} ${s.content} ${s.visitor.fullName} ${s.visitor.pressOrganisation} ${s.visitor.pressCardNumber} ${s.host.name}`,
  viewFields: (s) => ({
    visitedAt: s.visitedAt,
    content: s.content,
    host: s.host,
    visitor: s.visitor,
    recordedBy: { sub: s.recordedBy.sub, name: s.recordedBy.name },
    result: meetingResultView(s.result),
  }),
});
