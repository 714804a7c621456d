/**
 * @module
 * What `pl-request-form` sends: the JSON body of `POST /contacts` for the kind in force, read from the form and
 * checked against the API's limits first, so the person sees what to fix before anything is sent. The proposed
 * times come from the slot picker, which checks them itself.
 */
import { FIELD_LIMITS } from '../../domain/contact/field-limits.ts';
import { fieldText } from '../internal/templates.ts';
import type { ContactKind } from '../internal/types.ts';

export type Field = 'agencyId' | 'subject' | 'question' | 'questions' | 'format' | 'participants';
export type Errors = Partial<Record<Field, 'choose' | 'length'>>;

/** Text lengths the API accepts (its own table); participants are optional, so may be empty. */
export const LIMITS = {
  subject: FIELD_LIMITS.subject,
  question: FIELD_LIMITS.question,
  questions: FIELD_LIMITS.questions,
  participants: { min: 0, max: FIELD_LIMITS.participants.max },
} as const;

function validate(body: Record<string, string>, fields: readonly (keyof typeof LIMITS)[]): Errors {
  const errors: Errors = {};
  if (!body['agencyId']) errors.agencyId = 'choose';
  if (fields.includes('questions') && !body['format']) errors.format = 'choose';
  for (const f of ['subject', ...fields] as const) {
    // Counted as the API counts: a line break is one character (the form sends CRLF).
    const n = (body[f] ?? '').replace(/\r\n?/g, '\n').length;
    if (n < LIMITS[f].min || n > LIMITS[f].max) errors[f] = 'length';
  }
  return errors;
}

/** The body for `kind` (without the appointment's `proposedSlots`), and what is wrong with it. */
export function readContactForm(
  kind: ContactKind,
  form: HTMLFormElement,
): { body: Record<string, unknown>; errors: Errors } {
  const data = new FormData(form);
  const common = { agencyId: fieldText(data, 'agencyId'), subject: fieldText(data, 'subject') };
  if (kind === 'information_request') {
    const body = { ...common, question: fieldText(data, 'question') };
    return { body: { kind, ...body }, errors: validate(body, ['question']) };
  }
  const body = {
    ...common,
    questions: fieldText(data, 'questions'),
    format: fieldText(data, 'format'),
    participants: fieldText(data, 'participants'),
  };
  const errors = validate(body, ['questions', 'participants']);
  const { participants, ...rest } = body;
  return { body: { kind, ...rest, ...(participants ? { participants } : {}) }, errors };
}
