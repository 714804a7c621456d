/**
 * @module
 * The difficulty report as a contact kind (SPEC.md C2.4). A journalist reports an obstacle to the province's
 * press-management department; the department acknowledges it (`submitted`/`reopened` → `under_review`), may
 * refer it to an agency that must respond (`referred` → back `under_review`), and resolves it (`resolved`).
 * The journalist may reopen a resolution once; a resolution left alone closes itself after `auto_close`.
 *
 * Clocks (see `REPORT_CLOCKS`): the department's acknowledgement runs from submission and again from a
 * reopening; its resolution runs from each acknowledgement and keeps running while the report is referred
 * (the department stays answerable for the outcome; `extend` moves it when an agency needs longer); the
 * referred agency's response runs from each referral.
 */
import { z } from 'zod';
import { startClock, stopClock } from '../deadlines/clock.ts';
import type { RuleName } from '../deadlines/rules.ts';
import { InvalidInputError } from '../errors.ts';
import { noteInput, withdrawAction } from '../contact/common-actions.ts';
import { defineAction, defineContactKind, type ActionContext } from '../contact/define.ts';
import type { TimelineEntry } from '../contact/state.ts';
import { stopAll, supervisionActions } from '../contact/supervision.ts';
import { autoCloseTimer } from '../contact/timers.ts';
import { owner } from '../contact/who.ts';
import { identifier, longText } from '../text/policy.ts';
import type { ClockName } from '../vocabulary.ts';
import { DIFFICULTY_REPORT_LIMITS as LIMITS } from './opening.ts';
import { department, referredAgency, toAgency, toDepartment, toJournalist } from './parties.ts';
import {
  currentReferral,
  DIFFICULTY_REPORT_CLOCKS,
  DIFFICULTY_REPORT_OPEN,
  DIFFICULTY_REPORT_STATUSES,
  DIFFICULTY_REPORT_TERMINAL,
  REPORT_CLOCKS,
  type DifficultyReportState,
  type NewDifficultyReport,
} from './state.ts';
import { difficultyReportViewFields } from './view.ts';

type St = DifficultyReportState;

/** The rules a report keeps from its opening: its clocks start later than it opens (and start again). */
const KEPT_RULES: readonly RuleName[] = [...DIFFICULTY_REPORT_CLOCKS, 'auto_close'];

/** Stops `name` if it runs. */
function stopped(clocks: St['clocks'], name: ClockName, now: number): St['clocks'] {
  const clock = clocks[name];
  return clock ? { ...clocks, [name]: stopClock(clock, now) } : clocks;
}

/**
 * (Re)starts `name` at `now` under the rule the report opened with. A clock that starts again replaces the
 * earlier one (as a follow-up restarts an answer): the timeline keeps when each stopped.
 */
function started(s: St, clocks: St['clocks'], name: ClockName, now: number): St['clocks'] {
  const rule = s.rules?.[name];
  return rule ? { ...clocks, [name]: startClock(name, rule, now) } : clocks;
}

/** An optional note, as every kind's acknowledging actions take. */
export const acknowledgeReportInput = noteInput;
export const referInput = z.object({
  toAgencyId: identifier(100),
  note: longText(LIMITS.referralNote),
});
export const respondInput = z.object({ text: longText(LIMITS.response) });
export const resolveInput = z.object({ resolution: longText(LIMITS.resolution) });
export const reopenInput = z.object({ reason: longText(LIMITS.reopenReason) });

/**
 * The registry's agency is the one the input names, is not the department itself, and belongs to the
 * department's province or to no province (a central agency): a department has no say over another province.
 */
function assertReferable(s: St, toAgencyId: string, ctx: ActionContext): void {
  const agency = ctx.toAgency;
  const problem =
    agency?.id !== toAgencyId
      ? 'unknown agency'
      : toAgencyId === s.agencyId
        ? 'the department cannot refer a report to itself'
        : agency.provinceId !== undefined && agency.provinceId !== s.provinceId
          ? 'an agency of another province'
          : undefined;
  if (problem)
    throw InvalidInputError.because('Refer the report to another agency of the province.', [
      { path: 'toAgencyId', message: problem },
    ]);
}

const supervision = supervisionActions<St>({
  open: DIFFICULTY_REPORT_OPEN,
  clocks: DIFFICULTY_REPORT_CLOCKS,
  closedStatus: 'closed',
});
const withdrawal = withdrawAction<St>(DIFFICULTY_REPORT_OPEN, 'withdrawn');

const actions = {
  acknowledge_report: defineAction<St, typeof acknowledgeReportInput>({
    input: acknowledgeReportInput,
    from: ['submitted', 'reopened'],
    who: department,
    apply: (s, a, p, _ctx, now) => {
      const acknowledged = stopped(s.clocks, REPORT_CLOCKS.acknowledge, now);
      // Whoever acknowledges handles the report unless someone already does: warnings then reach a person,
      // and head or supervisor can `reassign` it.
      const assignee = s.assignee ?? { sub: a.sub, name: a.name };
      return {
        state: {
          ...s,
          status: 'under_review',
          assignee,
          clocks: started(s, acknowledged, REPORT_CLOCKS.resolve, now),
        },
        entry: { text: p.note, data: { assignee } },
        notifications: [toJournalist(s, 'report_acknowledged', 'Sở đã tiếp nhận phản ánh của bạn')],
      };
    },
  }),
  refer: defineAction<St, typeof referInput>({
    input: referInput,
    from: ['under_review'],
    who: department,
    needs: ['toAgency'],
    guard: (s, p, ctx) => assertReferable(s, p.toAgencyId, ctx),
    apply: (s, a, p, ctx, now) => {
      const name = ctx.toAgency!.name;
      const referral = { agencyId: p.toAgencyId, agencyName: name, note: p.note, at: now, by: ref(a) };
      return {
        state: {
          ...s,
          status: 'referred',
          referrals: [...s.referrals, referral],
          // Every agency it was ever referred to keeps reading it (the visibility rule and the projection).
          alsoVisibleTo: [...new Set([...(s.alsoVisibleTo ?? []), p.toAgencyId])],
          clocks: started(s, s.clocks, REPORT_CLOCKS.referral, now),
        },
        entry: { text: p.note, data: { toAgencyId: p.toAgencyId, toAgencyName: name } },
        notifications: [
          toAgency(s, p.toAgencyId, 'referred', 'Sở đề nghị cơ quan xử lý phản ánh của nhà báo'),
          toJournalist(s, 'referred', `Phản ánh đã được chuyển đến ${name} để xử lý`),
        ],
      };
    },
  }),
  respond: defineAction<St, typeof respondInput>({
    input: respondInput,
    from: ['referred'],
    who: referredAgency,
    apply: (s, a, p, _ctx, now) => {
      const response = { text: p.text, at: now, by: ref(a) };
      const referrals = s.referrals.map((r, i) => (i === s.referrals.length - 1 ? { ...r, response } : r));
      return {
        state: {
          ...s,
          status: 'under_review',
          referrals,
          clocks: stopped(s.clocks, REPORT_CLOCKS.referral, now),
        },
        entry: { text: p.text, data: { agencyId: currentReferral(s)!.agencyId } },
        notifications: [
          toDepartment(s, 'referral_response', `${currentReferral(s)!.agencyName} đã trả lời về phản ánh`),
        ],
      };
    },
  }),
  resolve: defineAction<St, typeof resolveInput>({
    input: resolveInput,
    from: ['under_review', 'referred'],
    who: department,
    apply: (s, a, p, _ctx, now) => {
      const pending = s.status === 'referred' ? currentReferral(s) : undefined;
      return {
        state: {
          ...s,
          status: 'resolved',
          resolution: { text: p.resolution, at: now, by: ref(a) },
          clocks: stopAll(s, now),
        },
        entry: { text: p.resolution },
        notifications: [
          toJournalist(s, 'resolved', 'Sở đã giải quyết phản ánh của bạn'),
          // An agency still asked to respond learns it need not.
          ...(pending
            ? [toAgency(s, pending.agencyId, 'resolved', 'Sở đã giải quyết phản ánh, không cần trả lời thêm')]
            : []),
        ],
      };
    },
  }),
  reopen: defineAction<St, typeof reopenInput>({
    input: reopenInput,
    from: ['resolved'],
    who: owner,
    actsAs: 'journalist',
    // Once only: a second disagreement goes to a complaint, not round the same loop (hidden, then 409).
    when: (s) => s.reopen === undefined,
    apply: (s, _a, p, _ctx, now) => ({
      state: {
        ...s,
        status: 'reopened',
        reopen: { reason: p.reason, at: now },
        clocks: started(s, s.clocks, REPORT_CLOCKS.acknowledge, now),
      },
      entry: { text: p.reason },
      notifications: [toDepartment(s, 'reopened', 'Nhà báo đề nghị xem xét lại phản ánh')],
    }),
  }),
  withdraw: {
    ...withdrawal,
    // The shared effect, told to the department and to an agency still asked to respond (the shared action
    // tells the contact's agency staff, which for a report are not who handles it).
    apply: (s, a, p, ctx, now) => {
      const pending = s.status === 'referred' ? currentReferral(s) : undefined;
      return {
        ...withdrawal.apply(s, a, p, ctx, now),
        notifications: [
          toDepartment(s, 'withdrawn', 'Nhà báo rút phản ánh'),
          ...(pending ? [toAgency(s, pending.agencyId, 'withdrawn', 'Nhà báo rút phản ánh')] : []),
        ],
      };
    },
  } satisfies typeof withdrawal,
  extend: supervision.extend,
  remind: {
    ...supervision.remind,
    // A reminder (đôn đốc) goes to an agency that owes the department a response; reminding the department
    // itself, which its supervisors are, means nothing.
    from: ['referred'],
    apply: (s, a, p, ctx, now) => ({
      ...supervision.remind.apply(s, a, p, ctx, now),
      notifications: [
        toAgency(s, currentReferral(s)!.agencyId, 'reminder', 'Sở đôn đốc trả lời phản ánh', ['agency_head']),
      ],
    }),
  } satisfies typeof supervision.remind,
  reassign: supervision.reassign,
  close: supervision.close,
};

function ref(a: { sub: string; name: string }) {
  return { sub: a.sub, name: a.name };
}

/** A resolution the journalist neither reopens nor withdraws from closes itself after `auto_close`. */
const autoClose = autoCloseTimer<St>({
  statuses: ['resolved'],
  since: (s) => s.resolution?.at,
  closed: 'closed',
  text: 'Phản ánh đã tự đóng vì không có đề nghị xem xét lại',
});

export const difficultyReportKind = defineContactKind<St, NewDifficultyReport>({
  kind: 'difficulty_report',
  workflowType: 'difficultyReportWorkflow',
  idPrefix: 'KN',
  label: { vi: 'Phản ánh khó khăn', en: 'Difficulty report' },
  statuses: DIFFICULTY_REPORT_STATUSES,
  terminal: DIFFICULTY_REPORT_TERMINAL,
  open: DIFFICULTY_REPORT_OPEN,
  clocks: DIFFICULTY_REPORT_CLOCKS,
  actions,
  timers: [autoClose],
  openContact(input) {
    const rules: St['rules'] = {};
    for (const name of KEPT_RULES) if (input.rules[name]) rules[name] = input.rules[name];
    const acknowledge = input.rules[REPORT_CLOCKS.acknowledge];
    const clocks: St['clocks'] = acknowledge
      ? { [REPORT_CLOCKS.acknowledge]: startClock(REPORT_CLOCKS.acknowledge, acknowledge, input.submittedAt) }
      : {};
    // The API checked shape and number; a link to the report itself or a repeated one is dropped, not fatal.
    const relatedContactIds = [...new Set(input.relatedContactIds ?? [])].filter(
      (id) => id !== input.contactId,
    );
    const entry: TimelineEntry = {
      seq: 1,
      at: input.submittedAt,
      type: 'submitted',
      actor: { ...input.journalist, role: 'journalist' },
      text: input.description,
      data: {
        ...(input.involvedAgencyId ? { involvedAgencyId: input.involvedAgencyId } : {}),
        ...(relatedContactIds.length ? { relatedContactIds } : {}),
      },
    };
    const state: St = {
      contactId: input.contactId,
      kind: 'difficulty_report',
      agencyId: input.agencyId,
      provinceId: input.provinceId,
      journalist: input.journalist,
      subject: input.subject,
      description: input.description,
      involvedAgencyId: input.involvedAgencyId,
      relatedContactIds,
      referrals: [],
      status: 'submitted',
      clocks,
      timeline: [entry],
      submittedAt: input.submittedAt,
      updatedAt: input.submittedAt,
      calendar: input.calendar,
      rules,
      ...(input.forwardedFrom ? { forwardedFrom: input.forwardedFrom } : {}),
    };
    return {
      state,
      entry,
      notifications: [
        {
          recipient: { kind: 'province_supervisors', provinceId: input.provinceId },
          type: 'new_difficulty_report',
          text: `Phản ánh khó khăn mới của nhà báo: ${input.subject}`,
        },
      ],
    };
  },
  // Reports are never forwarded (the department refers instead); this only satisfies the toolkit's shape.
  reopenAt: (s, core) => ({
    ...core,
    provinceId: core.provinceId ?? s.provinceId,
    description: s.description,
    involvedAgencyId: s.involvedAgencyId,
    relatedContactIds: s.relatedContactIds,
  }),
  searchText: (s) => `${s.subject} ${s.description}`,
  viewFields: difficultyReportViewFields,
  clockHolder(s, clock) {
    if (clock === REPORT_CLOCKS.acknowledge) return { deadline: 'hạn tiếp nhận phản ánh' };
    if (clock === REPORT_CLOCKS.resolve) return { deadline: 'hạn giải quyết phản ánh' };
    // The referred agency answers for its response, not the department that referred it.
    const referral = currentReferral(s);
    return referral ? { deadline: 'hạn trả lời Sở về phản ánh', agencyId: referral.agencyId } : undefined;
  },
});
