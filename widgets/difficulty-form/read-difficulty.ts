/**
 * @module
 * What `pl-difficulty-form` sends: the JSON body of `POST /contacts` for a difficulty report, read from the form
 * and checked against the API's rules first (lengths, a province chosen, at most so many related contacts), so
 * the journalist sees what to fix before anything is sent; and the API's own `issues` mapped back to the fields
 * they name. No `lit` import.
 */
import { FIELD_LIMITS, type TextLimit } from '../../domain/contact/field-limits.ts';
import { MAX_RELATED_CONTACTS } from '../../domain/difficulty-report/state.ts';
import { REPORT_LIMITS } from '../contact/field-specs.ts';
import type { ProblemIssue } from '../internal/api-client.ts';
import { sameNames, serverFieldErrors, type ServerFieldError } from '../internal/server-field-errors.ts';
import { fieldText } from '../internal/templates.ts';

export { MAX_RELATED_CONTACTS };

export type ReportField = 'provinceId' | 'agencyId' | 'subject' | 'description' | 'relatedContactIds';

/** What is wrong with a field: a client-side rule, or the API's own sentence (`server`). */
export type ReportError =
  | { kind: 'choose' | 'required' | 'tooMany' }
  | { kind: 'length'; limit: Required<TextLimit> }
  | ServerFieldError;

export type ReportErrors = Partial<Record<ReportField, ReportError>>;

/** Text limits the API applies (the subject as every contact's, the description as the kind's). */
export const FORM_LIMITS = {
  subject: FIELD_LIMITS.subject,
  description: REPORT_LIMITS.description,
} as const satisfies Record<string, Required<TextLimit>>;

/** Counted as the API counts: a line break is one character (the form sends CRLF). */
const length = (value: string) => value.replace(/\r\n?/g, '\n').length;

/** The body of `POST /contacts` for the report in `form`, and what is wrong with it. */
export function readReportForm(form: HTMLFormElement): {
  body: Record<string, unknown>;
  errors: ReportErrors;
} {
  const data = new FormData(form);
  const errors: ReportErrors = {};
  const text = (f: keyof typeof FORM_LIMITS): string => {
    const value = fieldText(data, f);
    const limit = FORM_LIMITS[f];
    if (!value) errors[f] = { kind: 'required' };
    else if (length(value) < limit.min || length(value) > limit.max) errors[f] = { kind: 'length', limit };
    return value;
  };
  const provinceId = fieldText(data, 'provinceId');
  if (!provinceId) errors.provinceId = { kind: 'choose' };
  const agencyId = fieldText(data, 'agencyId');
  const related = data.getAll('relatedContactIds').filter((v): v is string => typeof v === 'string');
  if (related.length > MAX_RELATED_CONTACTS) errors.relatedContactIds = { kind: 'tooMany' };
  const body = {
    kind: 'difficulty_report',
    provinceId,
    ...(agencyId ? { agencyId } : {}),
    subject: text('subject'),
    description: text('description'),
    ...(related.length ? { relatedContactIds: related } : {}),
  };
  return { body, errors };
}

const ISSUE_FIELDS = sameNames<ReportField>([
  'provinceId',
  'agencyId',
  'subject',
  'description',
  'relatedContactIds',
]);

/**
 * The API's `issues` (422, or a refusal naming a field) as errors beside the fields they name
 * (`relatedContactIds.2` names the list); issues naming no field of the form are left to the problem box.
 */
export function issueErrors(issues: readonly ProblemIssue[]): ReportErrors {
  return serverFieldErrors(issues, ISSUE_FIELDS);
}
