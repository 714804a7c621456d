/**
 * @module
 * The fields each action takes, as data mirroring the API's action bodies (both kinds): which to render and
 * with which limits. Text limits come from the domain's one table (`domain/contact/field-limits.ts`), which
 * the API's schemas read too; a unit test parses each field at its limit with the action's schema. No `lit`
 * import, so that test can load it.
 */
import {
  EXTENSION_LIMITS,
  FIELD_LIMITS,
  MAX_FILES_PER_STEP,
  type TextLimit,
} from '../../domain/contact/field-limits.ts';
import type { ContactAction } from '../internal/types.ts';
import type { Messages } from '../internal/messages-vi.ts';

export type FieldErrorKind = 'required' | 'choose' | 'tooLong' | 'range' | 'invalid';
export type Label = keyof Messages['field'];

export interface FieldSpec {
  name: string;
  label: Label;
  /** `slots`: a `pl-slot-picker`; `input`: one line of text; `files`: a file picker (`max` files). */
  kind: 'textarea' | 'select' | 'radio' | 'number' | 'input' | 'slots' | 'files';
  required: boolean;
  max: number;
  min?: number;
  placeholder?: Label;
}

const text = (name: string, label: Label, limit: TextLimit, required = true): FieldSpec => ({
  name,
  label,
  kind: 'textarea',
  required,
  max: limit.max,
  ...(limit.min !== undefined ? { min: limit.min } : {}),
});
/**
 * A difficulty report's own text limits, as `DIFFICULTY_REPORT_LIMITS` in `domain/difficulty-report/opening.ts`
 * sets them (not imported: that module brings the API's schema library into the bundle). Move to
 * `FIELD_LIMITS` with the domain's table once it joins it.
 */
export const REPORT_LIMITS = {
  description: { min: 10, max: 8000 },
  referralNote: FIELD_LIMITS.forwardNote,
  response: { max: 8000 },
  resolution: { max: 8000 },
  reopenReason: FIELD_LIMITS.reason,
} as const satisfies Record<string, TextLimit>;

const note = text('note', 'note', FIELD_LIMITS.note, false);
const reason = text('reason', 'reason', FIELD_LIMITS.reason);
const slot: FieldSpec = { name: 'slot', label: 'slot', kind: 'radio', required: true, max: 2 };
const slots: FieldSpec = { name: 'slots', label: 'slot', kind: 'slots', required: true, max: 5 };
const place: FieldSpec = { ...text('place', 'place', FIELD_LIMITS.place), kind: 'input' };
const host: FieldSpec = {
  name: 'hostId',
  label: 'host',
  kind: 'select',
  required: true,
  max: 100,
  placeholder: 'chooseHost',
};
/** The step's files, sent as `attachmentIds` once uploaded. */
const files = (label: Label): FieldSpec => ({
  name: 'attachmentIds',
  label,
  kind: 'files',
  required: false,
  max: MAX_FILES_PER_STEP,
});
const member: FieldSpec = {
  name: 'assigneeSub',
  label: 'assignee',
  kind: 'select',
  required: true,
  max: 200,
  placeholder: 'chooseMember',
};

export const ACTION_FIELDS: Record<ContactAction, FieldSpec[]> = {
  assign: [member, note],
  request_clarification: [text('question', 'clarificationQuestion', FIELD_LIMITS.clarificationQuestion)],
  clarify: [text('text', 'clarifyText', FIELD_LIMITS.clarification)],
  submit_answer: [text('text', 'answerText', FIELD_LIMITS.answer), files('answerFiles')],
  approve_answer: [note],
  return_answer: [text('reason', 'returnReason', FIELD_LIMITS.reason)],
  acknowledge: [note],
  follow_up: [text('question', 'followUpQuestion', FIELD_LIMITS.followUpQuestion)],
  decline: [
    { name: 'ground', label: 'ground', kind: 'radio', required: true, max: 100 },
    text('explanation', 'explanation', FIELD_LIMITS.explanation),
  ],
  forward: [
    {
      name: 'toAgencyId',
      label: 'toAgency',
      kind: 'select',
      required: true,
      max: 100,
      placeholder: 'chooseAgency',
    },
    text('note', 'forwardNote', FIELD_LIMITS.forwardNote),
  ],
  withdraw: [text('reason', 'withdrawReason', FIELD_LIMITS.withdrawReason, false)],
  extend: [
    { name: 'clock', label: 'clock', kind: 'select', required: true, max: 50 },
    // The form extends in working days (no unit selector): the API's limit for that unit.
    {
      name: 'amount',
      label: 'amount',
      kind: 'number',
      required: true,
      min: 1,
      max: EXTENSION_LIMITS.working_days,
    },
    text('reason', 'extendReason', FIELD_LIMITS.reason),
  ],
  remind: [text('message', 'reminder', FIELD_LIMITS.reminder)],
  accept: [slot, place, host],
  propose_time: [slots, place, host, text('note', 'proposalNote', FIELD_LIMITS.note, false)],
  confirm: [slot],
  reschedule: [slots, reason],
  cancel: [reason],
  record_result: [
    { name: 'held', label: 'held', kind: 'radio', required: true, max: 5 },
    text('reason', 'notHeldReason', FIELD_LIMITS.notHeldReason, false),
    text('summary', 'summary', FIELD_LIMITS.summary),
    text('informationProvided', 'informationProvided', FIELD_LIMITS.informationProvided),
    files('minutes'),
  ],
  reassign: [member, reason],
  close: [reason],
  acknowledge_report: [note],
  refer: [
    {
      name: 'toAgencyId',
      label: 'referAgency',
      kind: 'select',
      required: true,
      max: 100,
      placeholder: 'chooseAgency',
    },
    text('note', 'referNote', REPORT_LIMITS.referralNote),
  ],
  respond: [text('text', 'responseText', REPORT_LIMITS.response)],
  resolve: [text('resolution', 'resolution', REPORT_LIMITS.resolution)],
  reopen: [text('reason', 'reopenReason', REPORT_LIMITS.reopenReason)],
};

/** A text's length as the API counts it: long text's line breaks are one character (a form sends CRLF). */
export const textLength = (value: string): number => value.replace(/\r\n?/g, '\n').length;

/**
 * What is wrong with a filled-in field (`value` trimmed and NFC, as the form reads it), or `undefined`.
 * Text shorter than its `min` is `invalid`: the API would refuse it.
 */
export function fieldError(spec: FieldSpec, value: string): FieldErrorKind | undefined {
  if (spec.kind === 'number') {
    const n = Number(value);
    return Number.isInteger(n) && n >= (spec.min ?? 0) && n <= spec.max ? undefined : 'range';
  }
  const length = textLength(value);
  if (length > spec.max) return 'tooLong';
  if (spec.min !== undefined && length < spec.min) return 'invalid';
  return undefined;
}
