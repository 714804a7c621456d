/**
 * @module
 * The input each action takes, as Zod schemas. The API validates requests with them (and documents them in
 * OpenAPI); the workflow's Update validators validate again, because an Update can come from anywhere.
 */
import { z } from 'zod';
import { isValidSpan, type Span } from '../calendar/index.ts';
import { DECLINE_GROUNDS, type Action } from '../vocabulary.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const note = z.string().trim().max(2000).optional();

export const actionPayloadSchemas = {
  assign: z.object({ assigneeSub: text(200), assigneeName: text(200), note }),
  request_clarification: z.object({ question: text(4000) }),
  clarify: z.object({ text: text(8000) }),
  submit_answer: z.object({ text: text(20000) }),
  approve_answer: z.object({ note }),
  return_answer: z.object({ reason: text(4000) }),
  acknowledge: z.object({ note }),
  follow_up: z.object({ question: text(8000) }),
  decline: z.object({ ground: z.enum(DECLINE_GROUNDS), explanation: text(4000) }),
  forward: z.object({ toAgencyId: text(100), note: text(4000) }),
  withdraw: z.object({ reason: z.string().trim().max(2000).optional() }),
  extend: z.object({
    clock: z.enum(['first_response', 'answer']).default('answer'),
    span: z.custom<Span>((value) => isValidSpan(value as Span), 'invalid span'),
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
