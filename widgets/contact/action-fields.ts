/**
 * @module
 * The fields each action takes, as data mirroring the API's action bodies (both kinds): which to render,
 * how to validate them in the page's language, and how to turn a submitted form into the JSON body of
 * `POST /contacts/{id}/actions/{action}`.
 */
import type { Messages } from '../internal/i18n.ts';
import type { ProblemIssue } from '../internal/api-client.ts';
import { fieldText } from '../internal/templates.ts';
import type { ContactAction, Member } from '../internal/types.ts';

export type FieldErrorKind = 'required' | 'choose' | 'tooLong' | 'range' | 'invalid';
export type Label = keyof Messages['field'];

export interface FieldSpec {
  name: string;
  label: Label;
  /** `slots`: a `pl-slot-picker`; `input`: one line of text. */
  kind: 'textarea' | 'select' | 'radio' | 'number' | 'input' | 'slots';
  required: boolean;
  max: number;
  min?: number;
  placeholder?: Label;
}

const text = (name: string, label: Label, max: number, required = true): FieldSpec => ({
  name,
  label,
  kind: 'textarea',
  required,
  max,
});
const note = text('note', 'note', 2000, false);
const reason = text('reason', 'reason', 2000);
const slot: FieldSpec = { name: 'slot', label: 'slot', kind: 'radio', required: true, max: 2 };
const slots: FieldSpec = { name: 'slots', label: 'slot', kind: 'slots', required: true, max: 5 };
const place: FieldSpec = { name: 'place', label: 'place', kind: 'input', required: true, max: 500 };
const host: FieldSpec = {
  name: 'hostId',
  label: 'host',
  kind: 'select',
  required: true,
  max: 100,
  placeholder: 'chooseHost',
};
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
  request_clarification: [text('question', 'clarificationQuestion', 4000)],
  clarify: [text('text', 'clarifyText', 8000)],
  submit_answer: [text('text', 'answerText', 20000)],
  approve_answer: [note],
  return_answer: [text('reason', 'returnReason', 4000)],
  acknowledge: [note],
  follow_up: [text('question', 'followUpQuestion', 8000)],
  decline: [
    { name: 'ground', label: 'ground', kind: 'radio', required: true, max: 100 },
    text('explanation', 'explanation', 4000),
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
    text('note', 'forwardNote', 4000),
  ],
  withdraw: [text('reason', 'withdrawReason', 2000, false)],
  extend: [
    { name: 'clock', label: 'clock', kind: 'select', required: true, max: 50 },
    { name: 'amount', label: 'amount', kind: 'number', required: true, min: 1, max: 60 },
    text('reason', 'extendReason', 4000),
  ],
  remind: [text('message', 'reminder', 4000)],
  accept: [slot, place, host],
  propose_time: [slots, place, host, text('note', 'proposalNote', 2000, false)],
  confirm: [slot],
  reschedule: [slots, reason],
  cancel: [reason],
  record_result: [
    { name: 'held', label: 'held', kind: 'radio', required: true, max: 5 },
    text('reason', 'notHeldReason', 2000, false),
    text('summary', 'summary', 8000),
    text('informationProvided', 'informationProvided', 8000),
  ],
  reassign: [member, reason],
  close: [reason],
};

/** Display order: the step that moves the case forward first, the exits last. The first one shown is open. */
export const ACTION_ORDER: ContactAction[] = [
  'confirm',
  'accept',
  'record_result',
  'submit_answer',
  'approve_answer',
  'clarify',
  'acknowledge',
  'assign',
  'return_answer',
  'request_clarification',
  'follow_up',
  'propose_time',
  'reschedule',
  'forward',
  'extend',
  'remind',
  'reassign',
  'decline',
  'cancel',
  'withdraw',
  'close',
];
export const DANGER_ACTIONS: ContactAction[] = ['decline', 'withdraw', 'cancel', 'close'];

/** Validates a submitted action form and builds its JSON body; `errors` is empty when `payload` is set. */
export function readActionForm(
  action: ContactAction,
  data: FormData,
  ctx: { members: Member[] | undefined },
): { payload?: Record<string, unknown>; errors: Record<string, FieldErrorKind> } {
  const values: Record<string, string> = {};
  const errors: Record<string, FieldErrorKind> = {};
  for (const spec of ACTION_FIELDS[action]) {
    if (spec.kind === 'slots') continue; // Read from the slot picker by the caller.
    const value = fieldText(data, spec.name);
    const key = `${action}.${spec.name}`;
    if (!value) {
      if (spec.required)
        errors[key] = spec.kind === 'select' || spec.kind === 'radio' ? 'choose' : 'required';
      continue;
    }
    if (spec.kind === 'number') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < (spec.min ?? 0) || n > spec.max) errors[key] = 'range';
    } else if (value.length > spec.max) {
      errors[key] = 'tooLong';
    }
    values[spec.name] = value;
  }
  if (action === 'record_result' && values['held'] === 'false' && !values['reason'])
    errors['record_result.reason'] = 'required';
  if (Object.keys(errors).length) return { errors };
  if (action === 'assign') {
    const member = ctx.members?.find((m) => m.sub === values['assigneeSub']);
    if (!member) return { errors: { 'assign.assigneeSub': 'choose' } };
    return {
      payload: {
        assigneeSub: member.sub,
        assigneeName: member.name,
        ...(values['note'] ? { note: values['note'] } : {}),
      },
      errors,
    };
  }
  if (action === 'accept' || action === 'confirm')
    return { payload: { ...values, slot: Number(values['slot']) }, errors };
  if (action === 'record_result') return { payload: { ...values, held: values['held'] === 'true' }, errors };
  if (action === 'extend') {
    const span = { unit: 'working_days', amount: Number(values['amount']) };
    return { payload: { clock: values['clock'], span, reason: values['reason'] }, errors };
  }
  return { payload: values, errors };
}

/** Marks the fields a 422 problem names (`issues[].path`), so the person sees where to look. */
export function issueErrors(
  action: ContactAction,
  issues: readonly ProblemIssue[],
): Record<string, FieldErrorKind> {
  const errors: Record<string, FieldErrorKind> = {};
  for (const issue of issues) {
    const top = issue.path.split('.')[0] ?? '';
    const field = top === 'span' ? 'amount' : top;
    if (ACTION_FIELDS[action].some((f) => f.name === field)) errors[`${action}.${field}`] = 'invalid';
  }
  return errors;
}
