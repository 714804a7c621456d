/**
 * @module
 * The result of a meeting with a journalist — held or not (and why), what was discussed, the information and
 * documents provided — as the agency records it after a work appointment or a walk-in visit. One input and one
 * shape, so `record_result` takes the same body in every kind that has it.
 */
import { z } from 'zod';
import { attachedFiles, attachmentIdsInput, type AttachmentRef } from '../attachments/refs.ts';
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
    /** The minutes and documents of the meeting, among the contact's uploads. */
    attachmentIds: attachmentIdsInput,
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
  /** The minutes and documents (absent on results recorded without files). */
  attachments?: AttachmentRef[] | undefined;
}

/** The result as recorded by `by` at `now`, with the files the input names. */
export function meetingResult(
  p: MeetingResultInput,
  by: PersonRef,
  now: number,
  files?: readonly AttachmentRef[],
): MeetingResult {
  const attachments = attachedFiles(p.attachmentIds, files);
  return {
    held: p.held,
    reason: p.reason,
    summary: p.summary,
    informationProvided: p.informationProvided,
    recordedAt: now,
    recordedBy: { sub: by.sub, name: by.name },
    ...(attachments ? { attachments } : {}),
  };
}

/** The timeline entry of a recorded result: the summary as its text, the rest as data. */
export const meetingResultEntry = (p: MeetingResultInput) => ({
  text: p.summary,
  data: {
    held: p.held,
    reason: p.reason,
    informationProvided: p.informationProvided,
    ...(p.attachmentIds?.length ? { attachmentIds: p.attachmentIds } : {}),
  },
});

/** The result in a view (absent fields as null, no files as an empty list). */
export const meetingResultView = (r: MeetingResult | undefined) =>
  r ? { ...r, reason: r.reason ?? null, attachments: r.attachments ?? [] } : null;

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
    // The files are checked by the validator, so that applying the action never throws in the workflow.
    guard: (_s, p, ctx) => void attachedFiles(p.attachmentIds, ctx.attachments),
    apply: (s, a, p, ctx, now) => ({
      state: {
        ...s,
        status: p.held ? 'completed' : 'not_held',
        clocks: stopAll(s, now),
        result: meetingResult(p, a, now, ctx.attachments),
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
