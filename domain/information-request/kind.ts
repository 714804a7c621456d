/**
 * @module
 * The information request as a contact kind (SPEC.md C2.1): a resident reporter asks, the agency assigns,
 * drafts, approves and answers; the reporter acknowledges or follows up; an answer left alone closes itself
 * after the `auto_close` rule.
 */
import { z } from 'zod';
import { attachedFiles, attachmentIdsInput } from '../attachments/refs.ts';
import { dueAt, pauseClock, resumeClock, startClock, stopClock, type Clock } from '../deadlines/clock.ts';
import {
  assignAction,
  declineAction,
  forwardAction,
  noteInput,
  withdrawAction,
} from '../contact/common-actions.ts';
import { defineAction, defineContactKind } from '../contact/define.ts';
import { FIELD_LIMITS } from '../contact/field-limits.ts';
import { agencyRoles, person, type NotificationIntent } from '../contact/notifications.ts';
import type { TimelineEntry } from '../contact/state.ts';
import { stopAll, supervisionActions } from '../contact/supervision.ts';
import { autoCloseTimer } from '../contact/timers.ts';
import { agencyMember, approver, assigneeOrApprover, owner } from '../contact/who.ts';
import { longText } from '../text/policy.ts';
import { INFORMATION_REQUEST_STATUSES, type ClockName, type Role } from '../vocabulary.ts';
import {
  OPEN_STATUSES,
  TERMINAL_STATUSES,
  type InformationRequestState,
  type NewInformationRequest,
} from './state.ts';

type St = InformationRequestState;

const STAFF_TO_TELL: Role[] = ['agency_staff', 'spokesperson', 'agency_head'];
const APPROVERS: Role[] = ['spokesperson', 'agency_head'];

const mapClocks = (s: St, names: ClockName[], f: (c: Clock) => Clock) => {
  const clocks = { ...s.clocks };
  for (const name of names) {
    const clock = clocks[name];
    if (clock) clocks[name] = f(clock);
  }
  return clocks;
};
const stop = (s: St, now: number, names: ClockName[]) => mapClocks(s, names, (c) => stopClock(c, now));
const toJournalist = (s: St, type: NotificationIntent['type'], what: string): NotificationIntent => ({
  recipient: person(s.journalist.sub),
  type,
  text: `${what}: ${s.subject}`,
});
const tellHandler = (s: St) => (s.assignee ? person(s.assignee.sub) : agencyRoles(s.agencyId, STAFF_TO_TELL));

/** An answer's text, and the documents that go with it (among the contact's uploads). */
const answerInput = z.object({ text: longText(FIELD_LIMITS.answer), attachmentIds: attachmentIdsInput });

const actions = {
  assign: assignAction<St>(['submitted', 'in_progress'], 'in_progress', ['first_response']),
  request_clarification: defineAction<St, z.ZodType<{ question: string }>>({
    input: z.object({ question: longText(FIELD_LIMITS.clarificationQuestion) }),
    from: ['submitted', 'in_progress'],
    who: agencyMember,
    apply: (s, _a, p, _ctx, now) => ({
      state: {
        ...s,
        status: 'awaiting_journalist',
        clocks: mapClocks({ ...s, clocks: stop(s, now, ['first_response']) }, ['answer'], (c) =>
          pauseClock(c, now, 'request_clarification'),
        ),
      },
      entry: { text: p.question, data: { clockPaused: 'answer' } },
      notifications: [toJournalist(s, 'clarification_requested', 'Cơ quan đề nghị làm rõ yêu cầu')],
    }),
  }),
  clarify: defineAction<St, z.ZodType<{ text: string }>>({
    input: z.object({ text: longText(FIELD_LIMITS.clarification) }),
    from: ['awaiting_journalist'],
    who: owner,
    actsAs: 'journalist',
    apply: (s, _a, p, _ctx, now) => {
      // A paused clock has no due date: `from` is the one in force before the pause (the open pause left out).
      const closed = s.clocks.answer && {
        ...s.clocks.answer,
        pauses: s.clocks.answer.pauses.filter((x) => x.to !== undefined),
      };
      const before = closed ? dueAt(closed, s.calendar) : undefined;
      const clocks = mapClocks(s, ['answer'], (c) => resumeClock(c, now));
      const after = clocks.answer ? dueAt(clocks.answer, s.calendar) : undefined;
      return {
        state: { ...s, status: s.assignee ? 'in_progress' : 'submitted', clocks },
        entry: {
          text: p.text,
          data: {
            clockResumed: 'answer',
            dueMoved: { clock: 'answer', from: before, to: after, reason: 'clarification' },
          },
        },
        notifications: [
          { recipient: tellHandler(s), type: 'clarified', text: `Phóng viên đã làm rõ: ${s.subject}` },
        ],
      };
    },
  }),
  submit_answer: defineAction<St, typeof answerInput>({
    input: answerInput,
    from: ['in_progress'],
    who: assigneeOrApprover,
    audience: 'agency',
    guard: (_s, p, ctx) => void attachedFiles(p.attachmentIds, ctx.attachments),
    apply: (s, a, p, ctx, now) => {
      const attachments = attachedFiles(p.attachmentIds, ctx.attachments);
      return {
        state: {
          ...s,
          status: 'pending_approval',
          draftAnswer: { text: p.text, bySub: a.sub, at: now, ...(attachments ? { attachments } : {}) },
        },
        entry: { text: p.text, ...(attachments ? { data: { attachmentIds: p.attachmentIds } } : {}) },
        notifications: [
          {
            recipient: agencyRoles(s.agencyId, APPROVERS),
            type: 'answer_submitted',
            text: `Dự thảo trả lời chờ duyệt: ${s.subject}`,
          },
        ],
      };
    },
  }),
  approve_answer: defineAction<St, typeof noteInput>({
    input: noteInput,
    from: ['pending_approval'],
    who: approver,
    apply: (s, a, p, _ctx, now) => ({
      state: {
        ...s,
        status: 'answered',
        answer: {
          text: s.draftAnswer?.text ?? '',
          approvedBy: { sub: a.sub, name: a.name },
          at: now,
          // The documents go out with the answer they were drafted with.
          ...(s.draftAnswer?.attachments ? { attachments: s.draftAnswer.attachments } : {}),
        },
        clocks: stopAll(s, now),
      },
      entry: { text: p.note, data: { answer: s.draftAnswer?.text } },
      notifications: [toJournalist(s, 'answered', 'Cơ quan đã trả lời yêu cầu')],
    }),
  }),
  return_answer: defineAction<St, z.ZodType<{ reason: string }>>({
    input: z.object({ reason: longText(FIELD_LIMITS.reason) }),
    from: ['pending_approval'],
    who: approver,
    audience: 'agency',
    apply: (s, _a, p) => ({
      state: { ...s, status: 'in_progress' },
      entry: { text: p.reason },
      notifications: s.draftAnswer
        ? [
            {
              recipient: person(s.draftAnswer.bySub),
              type: 'answer_returned',
              text: `Dự thảo bị trả lại: ${s.subject}`,
            },
          ]
        : [],
    }),
  }),
  acknowledge: defineAction<St, typeof noteInput>({
    input: noteInput,
    from: ['answered'],
    who: owner,
    actsAs: 'journalist',
    apply: (s, _a, p) => ({ state: { ...s, status: 'closed' }, entry: { text: p.note }, notifications: [] }),
  }),
  follow_up: defineAction<St, z.ZodType<{ question: string }>>({
    input: z.object({ question: longText(FIELD_LIMITS.followUpQuestion) }),
    from: ['answered'],
    who: owner,
    actsAs: 'journalist',
    apply: (s, _a, p, _ctx, now) => {
      const rule = s.clocks.answer?.rule;
      const clocks = rule ? { ...s.clocks, answer: startClock('answer', rule, now) } : s.clocks;
      return {
        state: { ...s, status: s.assignee ? 'in_progress' : 'submitted', clocks },
        entry: { text: p.question, data: { clockRestarted: 'answer' } },
        notifications: [
          { recipient: tellHandler(s), type: 'follow_up', text: `Phóng viên hỏi thêm: ${s.subject}` },
        ],
      };
    },
  }),
  decline: declineAction<St>(
    ['submitted', 'in_progress', 'awaiting_journalist', 'pending_approval'],
    'declined',
  ),
  forward: forwardAction<St>(['submitted', 'in_progress'], 'forwarded'),
  withdraw: withdrawAction<St>(OPEN_STATUSES, 'withdrawn'),
  ...supervisionActions<St>({
    open: OPEN_STATUSES,
    clocks: ['answer', 'first_response'],
    closedStatus: 'closed',
  }),
};

/** The instant the request was last answered (the latest `approve_answer`). */
function answeredAt(s: St): number | undefined {
  return s.timeline.findLast((e: TimelineEntry) => e.type === 'approve_answer')?.at;
}

/**
 * An answered request that the reporter neither acknowledges nor follows up closes itself after the
 * `auto_close` rule; one timer per answer (a follow-up and a new answer start a new one).
 */
const autoClose = autoCloseTimer<St>({
  statuses: ['answered'],
  since: answeredAt,
  closed: 'closed',
  text: 'Yêu cầu đã tự đóng vì không có phản hồi thêm',
});

export const informationRequestKind = defineContactKind<St, NewInformationRequest>({
  kind: 'information_request',
  workflowType: 'informationRequestWorkflow',
  idPrefix: 'YC',
  label: { vi: 'Yêu cầu cung cấp thông tin', en: 'Information request' },
  statuses: INFORMATION_REQUEST_STATUSES,
  terminal: TERMINAL_STATUSES,
  open: OPEN_STATUSES,
  clocks: ['first_response', 'answer'],
  actions,
  timers: [autoClose],
  openContact(input) {
    const clocks: St['clocks'] = {};
    for (const name of ['first_response', 'answer'] as const) {
      const rule = input.rules[name];
      if (rule) clocks[name] = startClock(name, rule, input.submittedAt);
    }
    const entry: TimelineEntry = {
      seq: 1,
      at: input.submittedAt,
      type: 'submitted',
      actor: { ...input.journalist, role: 'journalist' },
      text: input.question,
      ...(input.forwardedFrom ? { data: { forwardedFrom: input.forwardedFrom } } : {}),
    };
    const state: St = {
      contactId: input.contactId,
      kind: 'information_request',
      agencyId: input.agencyId,
      provinceId: input.provinceId,
      journalist: input.journalist,
      subject: input.subject,
      question: input.question,
      status: 'submitted',
      clocks,
      timeline: [entry],
      submittedAt: input.submittedAt,
      updatedAt: input.submittedAt,
      calendar: input.calendar,
      ...(input.rules.auto_close ? { rules: { auto_close: input.rules.auto_close } } : {}),
      ...(input.forwardedFrom ? { forwardedFrom: input.forwardedFrom } : {}),
    };
    const what = input.forwardedFrom ? 'Yêu cầu được chuyển đến' : 'Yêu cầu cung cấp thông tin mới';
    return {
      state,
      entry,
      notifications: [
        {
          recipient: agencyRoles(input.agencyId, STAFF_TO_TELL),
          type: input.forwardedFrom ? 'forwarded_in' : 'new_request',
          text: `${what}: ${input.subject}`,
        },
      ],
    };
  },
  reopenAt: (s, core) => ({ ...core, question: s.question }),
  searchText: (s) => `${s.subject} ${s.question}`,
  viewFields: (s, agencySide) => ({
    question: s.question,
    draftAnswer: agencySide ? (s.draftAnswer?.text ?? null) : null,
    draftAttachments: agencySide ? (s.draftAnswer?.attachments ?? []) : [],
    answer: s.answer ? { ...s.answer, attachments: s.answer.attachments ?? [] } : null,
    decline: s.decline ?? null,
  }),
});
