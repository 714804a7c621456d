/**
 * @module
 * The result of a meeting with a journalist — held or not (and why), what was discussed, the information and
 * documents provided — as the agency records it after a work appointment or a walk-in visit. One input and one
 * shape, so `record_result` takes the same body in every kind that has it.
 */
import { z } from 'zod';
import { longText, optionalLongText } from '../text/policy.ts';
import { noteInput } from './common-actions.ts';
import { defineAction } from './define.ts';
import { FIELD_LIMITS } from './field-limits.ts';
import type { NotificationIntent } from './notifications.ts';
import type { AnyContactState, PersonRef } from './state.ts';
import { stopAll } from './supervision.ts';
import { agencyMember, owner } from './who.ts';

export const meetingResultInput = z
  .object({
    held: z.boolean(),
    reason: optionalLongText(FIELD_LIMITS.notHeldReason),
    summary: longText(FIELD_LIMITS.summary),
    informationProvided: longText(FIELD_LIMITS.informationProvided),
  })
  .refine((r) => r.held || (r.reason !== undefined && r.reason.length > 0), {
    message: 'say why the meeting was not held',
    path: ['reason'],
  });

export type MeetingResultInput = z.output<typeof meetingResultInput>;

export interface MeetingResult {
  held: boolean;
  reason?: string | undefined;
  summary: string;
  informationProvided: string;
  recordedAt: number;
  recordedBy: PersonRef;
}

/** The result as recorded by `by` at `now`. */
export const meetingResult = (p: MeetingResultInput, by: PersonRef, now: number): MeetingResult => ({
  held: p.held,
  reason: p.reason,
  summary: p.summary,
  informationProvided: p.informationProvided,
  recordedAt: now,
  recordedBy: { sub: by.sub, name: by.name },
});

/** The timeline entry of a recorded result: the summary as its text, the rest as data. */
export const meetingResultEntry = (p: MeetingResultInput) => ({
  text: p.summary,
  data: { held: p.held, reason: p.reason, informationProvided: p.informationProvided },
});

/** The result in a view (absent fields as null). */
export const meetingResultView = (r: MeetingResult | undefined) =>
  r ? { ...r, reason: r.reason ?? null } : null;

/** A kind whose meetings end in a recorded result, then the journalist's acknowledgement. */
type WithResult = AnyContactState & { result?: MeetingResult | undefined };

/**
 * `record_result`: the agency records the result; the contact is `completed` (held) or `not_held`, and its
 * clocks stop. `tell` says whom to notify.
 */
export function recordResultAction<St extends WithResult>(options: {
  from: readonly St['status'][];
  when?: ((state: St, now: number) => boolean) | undefined;
  tell: (state: St) => NotificationIntent[];
}) {
  return defineAction<St, typeof meetingResultInput>({
    input: meetingResultInput,
    from: options.from,
    who: agencyMember,
    ...(options.when ? { when: options.when } : {}),
    apply: (s, a, p, _ctx, now) => ({
      state: {
        ...s,
        status: p.held ? 'completed' : 'not_held',
        clocks: stopAll(s, now),
        result: meetingResult(p, a, now),
      },
      entry: meetingResultEntry(p),
      notifications: options.tell(s),
    }),
  });
}

/** `acknowledge`: the journalist confirms the recorded result (with an optional note), and the contact closes. */
export function acknowledgeResultAction<St extends WithResult>(tell: (state: St) => NotificationIntent[]) {
  return defineAction<St, typeof noteInput>({
    input: noteInput,
    from: ['completed', 'not_held'] as St['status'][],
    who: owner,
    actsAs: 'journalist',
    apply: (s, _a, p) => ({
      state: { ...s, status: 'closed' },
      entry: { text: p.note },
      notifications: tell(s),
    }),
  });
}
