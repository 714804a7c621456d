/**
 * @module
 * The result of a meeting with a journalist — held or not (and why), what was discussed, the information and
 * documents provided — as the agency records it after a work appointment or a walk-in visit. One input and one
 * shape, so `record_result` takes the same body in every kind that has it.
 */
import { z } from 'zod';
import { longText, optionalLongText } from '../text/policy.ts';
import { FIELD_LIMITS } from './field-limits.ts';
import type { PersonRef } from './state.ts';

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
