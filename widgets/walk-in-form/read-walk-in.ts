/**
 * @module
 * What `pl-walk-in-form` sends: the JSON body of `POST /contacts` for a walk-in visit, read from the form and
 * checked against the API's rules first (lengths, a journalist chosen or described, a visit time that is not in
 * the future, a host chosen), so the clerk sees what to fix before anything is sent; and the API's own
 * `issues` mapped back to the fields they name. No `lit` import.
 */
import { FIELD_LIMITS, type TextLimit } from '../../domain/contact/field-limits.ts';
import { WALK_IN_MAX_AGE_DAYS } from '../../domain/walk-in/state.ts';
import type { ProblemIssue } from '../internal/api-client.ts';
import { serverFieldErrors, type ServerFieldError } from '../internal/server-field-errors.ts';
import { fieldText } from '../internal/templates.ts';
import { vnParts } from '../internal/work-calendar.ts';

export type WalkInField =
  | 'journalistId'
  | 'fullName'
  | 'pressOrganisation'
  | 'pressCardNumber'
  | 'visitedAt'
  | 'subject'
  | 'content'
  | 'hostId';

/** What is wrong with a field: a client-side rule, or the API's own sentence (`server`). */
export type WalkInError =
  | { kind: 'choose' | 'required' | 'future' | 'tooOld' }
  | { kind: 'length'; limit: TextLimit }
  | ServerFieldError;

export type WalkInErrors = Partial<Record<WalkInField, WalkInError>>;

/** Whether the visitor is picked from the registry or described as they introduced themselves. */
export type VisitorMode = 'registered' | 'unregistered';

/** Text limits the API applies, from the domain's one table (a press card number as the registry takes it). */
export const WALK_IN_LIMITS = {
  subject: FIELD_LIMITS.subject,
  content: FIELD_LIMITS.visitContent,
  fullName: FIELD_LIMITS.personName,
  pressOrganisation: FIELD_LIMITS.pressOrganisation,
  pressCardNumber: FIELD_LIMITS.pressCardNumber,
} as const satisfies Record<string, Required<TextLimit>>;

type TextField = keyof typeof WALK_IN_LIMITS;

/** How far back the API lets a visit be recorded (an older one belongs in a report), in days. */
export const MAX_AGE_DAYS = WALK_IN_MAX_AGE_DAYS;

/** A datetime-local value (`2026-12-02T09:30`, Vietnam time) as epoch ms; NaN when it is not one. */
export function parseVnLocal(value: string): number {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? Date.parse(`${value}:00+07:00`) : Number.NaN;
}

/** `epochMs` as a datetime-local value in Vietnam time, to the minute. */
export function vnLocalValue(epochMs: number): string {
  const { date, time } = vnParts(epochMs);
  return `${date}T${time}`;
}

/** Counted as the API counts: a line break is one character (the form sends CRLF). */
const length = (value: string) => value.replace(/\r\n?/g, '\n').length;

/**
 * The body of `POST /contacts` for the visit in `form`, and what is wrong with it. `now` is the instant the
 * visit may not be later than; `agencyId` the clerk's agency.
 */
export function readWalkInForm(
  form: HTMLFormElement,
  mode: VisitorMode,
  agencyId: string,
  now: number,
): { body: Record<string, unknown>; errors: WalkInErrors } {
  const data = new FormData(form);
  const errors: WalkInErrors = {};
  const text = (f: TextField): string => {
    const value = fieldText(data, f);
    const limit = WALK_IN_LIMITS[f];
    if (!value) errors[f] = { kind: 'required' };
    else if (length(value) < limit.min || length(value) > limit.max) errors[f] = { kind: 'length', limit };
    return value;
  };
  const visitor: Record<string, unknown> = {};
  if (mode === 'registered') {
    visitor['journalistId'] = fieldText(data, 'journalistId');
    if (!visitor['journalistId']) errors.journalistId = { kind: 'choose' };
  } else {
    visitor['journalist'] = {
      fullName: text('fullName'),
      pressOrganisation: text('pressOrganisation'),
      pressCardNumber: text('pressCardNumber'),
    };
  }
  const visitedAt = parseVnLocal(fieldText(data, 'visitedAt'));
  if (Number.isNaN(visitedAt)) errors.visitedAt = { kind: 'required' };
  else if (visitedAt > now) errors.visitedAt = { kind: 'future' };
  else if (visitedAt < now - MAX_AGE_DAYS * 86_400_000) errors.visitedAt = { kind: 'tooOld' };
  const hostId = fieldText(data, 'hostId');
  if (!hostId) errors.hostId = { kind: 'choose' };
  const body = {
    kind: 'walk_in',
    agencyId,
    ...visitor,
    visitedAt,
    subject: text('subject'),
    content: text('content'),
    hostId,
  };
  return { body, errors };
}

const ISSUE_FIELDS: Record<string, WalkInField> = {
  journalistId: 'journalistId',
  journalist: 'fullName',
  'journalist.fullName': 'fullName',
  'journalist.pressOrganisation': 'pressOrganisation',
  'journalist.pressCardNumber': 'pressCardNumber',
  visitedAt: 'visitedAt',
  subject: 'subject',
  content: 'content',
  hostId: 'hostId',
};

/**
 * The API's `issues` (422, or a refusal naming a field) as errors beside the fields they name; issues naming no
 * field of the form are left to the problem box.
 */
export function issueErrors(issues: readonly ProblemIssue[]): WalkInErrors {
  return serverFieldErrors(issues, ISSUE_FIELDS);
}
