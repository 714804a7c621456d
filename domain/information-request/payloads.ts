/**
 * @module
 * The input each action takes, as Zod schemas. The API validates requests with them (and documents them in
 * OpenAPI); the workflow's Update validators validate again, because an Update can come from anywhere.
 */
import { z } from 'zod';
import { isValidSpan, parseIsoDuration, type Span } from '../calendar/index.ts';
import { identifier, longText, optionalLongText, plainText } from '../text/policy.ts';
import { DECLINE_GROUNDS, type Action } from '../vocabulary.ts';

const text = (max: number) => longText({ max });
const note = optionalLongText({ max: 2000 });

/**
 * The most one extension may add to a clock. Decree 09 sets no figure; these keep a due date within the
 * calendar years a contact carries and stop a typing slip (or a hostile number) from moving it by decades.
 */
export const EXTENSION_LIMITS = {
  working_days: 30,
  calendar_days: 45,
  hours: 720,
  durationMs: 45 * 86_400_000,
};

/** A positive extension no larger than {@link EXTENSION_LIMITS}. */
export function isAllowedExtension(span: Span): boolean {
  if (!isValidSpan(span)) return false;
  if (span.unit === 'duration') {
    const ms = parseIsoDuration(span.iso);
    return ms > 0 && ms <= EXTENSION_LIMITS.durationMs;
  }
  return span.amount > 0 && span.amount <= EXTENSION_LIMITS[span.unit];
}

export const actionPayloadSchemas = {
  assign: z.object({ assigneeSub: identifier(200), assigneeName: plainText({ max: 200 }), note }),
  request_clarification: z.object({ question: text(4000) }),
  clarify: z.object({ text: text(8000) }),
  submit_answer: z.object({ text: text(20000) }),
  approve_answer: z.object({ note }),
  return_answer: z.object({ reason: text(4000) }),
  acknowledge: z.object({ note }),
  follow_up: z.object({ question: text(8000) }),
  decline: z.object({ ground: z.enum(DECLINE_GROUNDS), explanation: text(4000) }),
  forward: z.object({ toAgencyId: identifier(100), note: text(4000) }),
  withdraw: z.object({ reason: optionalLongText({ max: 2000 }) }),
  extend: z.object({
    clock: z.enum(['first_response', 'answer']).default('answer'),
    span: z.custom<Span>(
      (value) => isAllowedExtension(value as Span),
      `a positive span of at most ${EXTENSION_LIMITS.working_days} working days, ${EXTENSION_LIMITS.calendar_days} days or ${EXTENSION_LIMITS.hours} hours`,
    ),
    reason: text(4000),
  }),
  remind: z.object({ message: text(4000) }),
} satisfies Partial<Record<Action, z.ZodType>>;

export type InformationRequestAction = keyof typeof actionPayloadSchemas;
export type ActionPayload<A extends InformationRequestAction> = z.output<(typeof actionPayloadSchemas)[A]>;

export const INFORMATION_REQUEST_ACTIONS = Object.keys(actionPayloadSchemas) as InformationRequestAction[];

export function isInformationRequestAction(action: string): action is InformationRequestAction {
  return Object.hasOwn(actionPayloadSchemas, action);
}
