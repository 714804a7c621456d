/**
 * @module
 * Actions several kinds share with the same input and effect: assign, decline with a Press Law ground,
 * forward to the competent agency, withdraw. Each kind chooses the statuses they apply from.
 */
import { z } from 'zod';
import { InvalidInputError } from '../errors.ts';
import { identifier, longText, optionalLongText } from '../text/policy.ts';
import { stopClock } from '../deadlines/clock.ts';
import { DECLINE_GROUNDS, type ClockName, type DeclineGround, type Role } from '../vocabulary.ts';
import { defineAction } from './define.ts';
import { FIELD_LIMITS } from './field-limits.ts';
import { agencyRoles, person } from './notifications.ts';
import type { AnyContactState } from './state.ts';
import { stopAll } from './supervision.ts';
import { agencyMember, approver, owner } from './who.ts';

const STAFF_TO_TELL: Role[] = ['agency_staff', 'spokesperson', 'agency_head'];

export const assignInput = z.object({
  assigneeSub: identifier(200),
  /** Ignored: the name comes from the registry. Accepted so that older clients keep working. */
  assigneeName: z.string().max(200).optional(),
  note: optionalLongText(FIELD_LIMITS.note),
});

/** Assign an officer of the agency (the API resolves them in the registry: `context.assignee`). */
export function assignAction<St extends AnyContactState>(
  from: readonly St['status'][],
  to: St['status'] | undefined,
  /** Clocks an assignment satisfies (an information request's first response). */
  stops: readonly ClockName[] = [],
) {
  return defineAction<St, typeof assignInput>({
    input: assignInput,
    from,
    who: agencyMember,
    needs: ['assignee'],
    apply: (s, _a, p, ctx, now) => {
      const assignee = { sub: ctx.assignee!.sub, name: ctx.assignee!.name };
      const clocks = { ...s.clocks };
      for (const name of stops) if (clocks[name]) clocks[name] = stopClock(clocks[name], now);
      return {
        state: { ...s, status: to ?? s.status, assignee, clocks },
        entry: { text: p.note, data: { assignee } },
        notifications: [
          { recipient: person(assignee.sub), type: 'assigned', text: `Bạn được giao xử lý: ${s.subject}` },
        ],
      };
    },
  });
}

export const declineInput = z.object({
  ground: z.enum(DECLINE_GROUNDS),
  explanation: longText(FIELD_LIMITS.explanation),
});

/** Decline with a ground of Press Law Art. 38(2) and an explanation. */
export function declineAction<
  St extends AnyContactState & { decline?: { ground: DeclineGround; explanation: string } | undefined },
>(from: readonly St['status'][], declined: St['status']) {
  return defineAction<St, typeof declineInput>({
    input: declineInput,
    from,
    who: approver,
    apply: (s, _a, p, _ctx, now) => ({
      state: {
        ...s,
        status: declined,
        decline: { ground: p.ground, explanation: p.explanation },
        clocks: stopAll(s, now),
      },
      entry: { text: p.explanation, data: { ground: p.ground } },
      notifications: [
        { recipient: person(s.journalist.sub), type: 'declined', text: `Cơ quan từ chối: ${s.subject}` },
      ],
    }),
  });
}

export const forwardInput = z.object({
  toAgencyId: identifier(100),
  note: longText(FIELD_LIMITS.forwardNote),
});

/** The id of the contact a forward opens: derived from the original, so a replayed forward opens the same. */
export const forwardedContactId = (state: AnyContactState): string => `${state.contactId}-F`;

/**
 * Forward to the competent agency: the contact ends `forwarded` and the workflow opens a contact of the same
 * kind there ({@link forwardedContactId}), linked both ways. The API checks the agency exists and is active.
 */
export function forwardAction<St extends AnyContactState>(
  from: readonly St['status'][],
  forwarded: St['status'],
) {
  return defineAction<St, typeof forwardInput>({
    input: forwardInput,
    from,
    who: agencyMember,
    needs: ['toAgency'],
    guard: (s, p, ctx) => {
      if (p.toAgencyId === s.agencyId || ctx.toAgency?.id !== p.toAgencyId)
        throw InvalidInputError.because('Forward to another, existing agency.', [
          { path: 'toAgencyId', message: 'must be another active agency' },
        ]);
    },
    apply: (s, _a, p, ctx, now) => {
      const contactId = forwardedContactId(s);
      const forwardedTo = { agencyId: p.toAgencyId, contactId, note: p.note };
      return {
        state: { ...s, status: forwarded, forwardedTo, clocks: stopAll(s, now) },
        entry: {
          text: p.note,
          data: { toAgencyId: p.toAgencyId, toAgencyName: ctx.toAgency!.name, contactId },
        },
        notifications: [
          {
            recipient: person(s.journalist.sub),
            type: 'forwarded',
            text: `Đã chuyển đến ${ctx.toAgency!.name}: ${s.subject}`,
          },
        ],
      };
    },
  });
}

export const withdrawInput = z.object({ reason: optionalLongText(FIELD_LIMITS.withdrawReason) });

/** The journalist withdraws the contact. */
export function withdrawAction<St extends AnyContactState>(
  from: readonly St['status'][],
  withdrawn: St['status'],
) {
  return defineAction<St, typeof withdrawInput>({
    input: withdrawInput,
    from,
    who: owner,
    actsAs: 'journalist',
    apply: (s, _a, p, _ctx, now) => ({
      state: { ...s, status: withdrawn, clocks: stopAll(s, now) },
      entry: { text: p.reason },
      notifications: [
        {
          recipient: agencyRoles(s.agencyId, STAFF_TO_TELL),
          type: 'withdrawn',
          text: `Nhà báo rút đề nghị: ${s.subject}`,
        },
      ],
    }),
  });
}

export const noteInput = z.object({ note: optionalLongText(FIELD_LIMITS.note) });
