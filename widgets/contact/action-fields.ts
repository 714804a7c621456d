/**
 * @module
 * The fields each action takes (the table is in `field-specs.ts`, with the API's limits): how to validate a
 * submitted form and turn it into the JSON body of `POST /contacts/{id}/actions/{action}`.
 */
import type { ProblemIssue } from '../internal/api-client.ts';
import { fieldText } from '../internal/templates.ts';
import type { ContactAction, Member } from '../internal/types.ts';
import { ACTION_FIELDS, fieldError, type FieldErrorKind } from './field-specs.ts';

export { ACTION_FIELDS, type FieldErrorKind, type FieldSpec, type Label } from './field-specs.ts';

/** Display order: the step that moves the case forward first, the exits last. The first one shown is open. */
export const ACTION_ORDER: ContactAction[] = [
  'acknowledge_report',
  'respond',
  'resolve',
  'refer',
  'reopen',
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
    // Read from the slot picker and the file picker by the caller.
    if (spec.kind === 'slots' || spec.kind === 'files') continue;
    const value = fieldText(data, spec.name);
    const key = `${action}.${spec.name}`;
    if (!value) {
      if (spec.required)
        errors[key] = spec.kind === 'select' || spec.kind === 'radio' ? 'choose' : 'required';
      continue;
    }
    const error = fieldError(spec, value);
    if (error) errors[key] = error;
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
