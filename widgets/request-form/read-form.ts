/**
 * @module
 * What `pl-request-form` sends: the JSON body of `POST /contacts` for the kind in force, read from the form and
 * checked against the API's limits first, so the person sees what to fix before anything is sent; and the API's
 * own `issues` mapped back to the fields they name. The proposed times come from the slot picker, which checks
 * them and shows the API's reasons for refusing them itself.
 */
import { FIELD_LIMITS } from '../../domain/contact/field-limits.ts';
import type { ProblemIssue } from '../internal/api-client.ts';
import { sameNames, serverFieldErrors, type ServerFieldError } from '../internal/server-field-errors.ts';
import { fieldText } from '../internal/templates.ts';
import type { ContactKind } from '../internal/types.ts';

/** The form's fields, and the proposed times (`proposedSlots`, the slot picker's). */
export type Field =
  'agencyId' | 'subject' | 'question' | 'questions' | 'format' | 'participants' | 'proposedSlots';

/**
 * What is wrong with a field: a client-side rule, a proposed time the slot picker shows (`picker`), or the API's
 * own sentence (`server`).
 */
export type FieldError = { kind: 'choose' | 'length' | 'picker' } | ServerFieldError;

export type Errors = Partial<Record<Field, FieldError>>;

/** Text lengths the API accepts (its own table); participants are optional, so may be empty. */
export const LIMITS = {
  subject: FIELD_LIMITS.subject,
  question: FIELD_LIMITS.question,
  questions: FIELD_LIMITS.questions,
  participants: { min: 0, max: FIELD_LIMITS.participants.max },
} as const;

function validate(body: Record<string, string>, fields: readonly (keyof typeof LIMITS)[]): Errors {
  const errors: Errors = {};
  if (!body['agencyId']) errors.agencyId = { kind: 'choose' };
  if (fields.includes('questions') && !body['format']) errors.format = { kind: 'choose' };
  for (const f of ['subject', ...fields] as const) {
    // Counted as the API counts: a line break is one character (the form sends CRLF).
    const n = (body[f] ?? '').replace(/\r\n?/g, '\n').length;
    if (n < LIMITS[f].min || n > LIMITS[f].max) errors[f] = { kind: 'length' };
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

/** The form fields the API's issues may name (`proposedSlots` issues go to the slot picker's rows). */
const ISSUE_FIELDS = sameNames<Field>([
  'agencyId',
  'subject',
  'question',
  'questions',
  'format',
  'participants',
]);

/**
 * The API's `issues` (a 422, or a refusal naming a field) as errors beside the fields they name; issues naming
 * no field of the form are left to the error box.
 */
export function issueErrors(issues: readonly ProblemIssue[]): Errors {
  return serverFieldErrors(issues, ISSUE_FIELDS);
}
