/**
 * @module
 * One form per action the API allows, described as data: the fields each action takes (mirroring
 * `domain/information-request/payloads.ts`), how to render them, validate them in the page's language, and turn
 * them into the JSON body of `POST /contacts/{id}/actions/{action}`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { DeclineGround } from '../../domain/vocabulary.ts';
import { formatDateTime, GROUND_LABELS, type Locale, type Messages } from '../internal/i18n.ts';
import { agencyLabel, fieldText } from '../internal/templates.ts';
import type { Agency, ContactView, InformationRequestAction, Member } from '../internal/types.ts';

export type FieldErrorKind = 'required' | 'choose' | 'tooLong' | 'range' | 'invalid';
type Label = keyof Messages['field'];

interface FieldSpec {
  name: string;
  label: Label;
  kind: 'textarea' | 'select' | 'radio' | 'number';
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

export const ACTION_FIELDS: Record<InformationRequestAction, FieldSpec[]> = {
  assign: [
    {
      name: 'assigneeSub',
      label: 'assignee',
      kind: 'select',
      required: true,
      max: 200,
      placeholder: 'chooseMember',
    },
    note,
  ],
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
};

/** Display order: the step that moves the case forward first, the exits last. The first one shown is open. */
export const ACTION_ORDER: InformationRequestAction[] = [
  'submit_answer',
  'approve_answer',
  'clarify',
  'acknowledge',
  'assign',
  'return_answer',
  'request_clarification',
  'follow_up',
  'forward',
  'extend',
  'remind',
  'decline',
  'withdraw',
];
export const DANGER_ACTIONS: InformationRequestAction[] = ['decline', 'withdraw'];

export interface ActionContext {
  contact: ContactView;
  members: Member[] | undefined;
  agencies: Agency[] | undefined;
  t: Messages;
  locale: Locale;
  /** Keyed `action.field`. */
  errors: Record<string, FieldErrorKind>;
  busy: InformationRequestAction | undefined;
}

interface Option {
  value: string;
  label: string;
  gloss?: string;
}

function optionsFor(action: InformationRequestAction, spec: FieldSpec, ctx: ActionContext): Option[] {
  const { t, contact } = ctx;
  if (action === 'assign') {
    return (ctx.members ?? []).map((m) => ({
      value: m.sub,
      label: `${m.name} — ${m.title ?? t.role[m.role] ?? m.role}`,
    }));
  }
  if (action === 'forward') {
    return (ctx.agencies ?? [])
      .filter((a) => a.id !== contact.agencyId)
      .map((a) => ({ value: a.id, label: agencyLabel(a, ctx.locale) }));
  }
  if (action === 'extend') {
    return contact.clocks
      .filter((c) => c.stoppedAt === null && !c.paused)
      .map((c) => ({
        value: c.name,
        label: c.dueAt ? `${t.clock[c.name]} (${formatDateTime(c.dueAt, ctx.locale)})` : t.clock[c.name],
      }));
  }
  if (spec.name === 'ground') {
    return (Object.keys(GROUND_LABELS) as DeclineGround[]).map((g) => ({
      value: g,
      label: GROUND_LABELS[g],
      gloss: t.groundGloss[g],
    }));
  }
  return [];
}

function errorText(kind: FieldErrorKind, spec: FieldSpec, t: Messages): string {
  if (kind === 'required') return t.validation.required;
  if (kind === 'choose') return t.validation.choose;
  if (kind === 'tooLong') return t.validation.tooLong(spec.max);
  if (kind === 'range') return t.validation.range(spec.min ?? 0, spec.max);
  return t.validation.invalid;
}

function renderField(action: InformationRequestAction, spec: FieldSpec, ctx: ActionContext): TemplateResult {
  const { t } = ctx;
  const id = `${action}-${spec.name}`;
  const kind = ctx.errors[`${action}.${spec.name}`];
  const errId = `${id}-error`;
  const error = kind ? html`<p class="field-error" id=${errId}>${errorText(kind, spec, t)}</p>` : nothing;
  const label = html`${t.field[spec.label]}${spec.required ? nothing : html` <span class="hint">${t.common.optional}</span>`}`;
  const invalid = kind ? 'true' : 'false';
  const describedBy = kind ? errId : nothing;
  if (spec.kind === 'radio') {
    return html`<fieldset class="field" aria-describedby=${describedBy}>
      <legend>${label}</legend>
      ${optionsFor(action, spec, ctx).map(
        (o) =>
          html`<label class="choice">
            <input type="radio" name=${spec.name} value=${o.value} aria-invalid=${invalid} />
            <span lang="vi"
              >${o.label}${o.gloss ? html`<span class="hint gloss" lang="en">${o.gloss}</span>` : nothing}</span
            >
          </label>`,
      )}
      ${error}
    </fieldset>`;
  }
  const control =
    spec.kind === 'select'
      ? html`<select id=${id} name=${spec.name} aria-invalid=${invalid} aria-describedby=${describedBy}>
          ${spec.placeholder ? html`<option value="">${t.field[spec.placeholder]}</option>` : nothing}
          ${optionsFor(action, spec, ctx).map((o) => html`<option value=${o.value}>${o.label}</option>`)}
        </select>`
      : spec.kind === 'number'
        ? html`<input
            id=${id}
            name=${spec.name}
            type="number"
            inputmode="numeric"
            step="1"
            min=${spec.min ?? 0}
            max=${spec.max}
            aria-invalid=${invalid}
            aria-describedby=${describedBy}
          />`
        : html`<textarea
            id=${id}
            name=${spec.name}
            rows=${spec.max > 4000 ? 8 : 3}
            maxlength=${spec.max}
            aria-invalid=${invalid}
            aria-describedby=${describedBy}
            .defaultValue=${action === 'submit_answer' ? (ctx.contact.draftAnswer ?? '') : ''}
          ></textarea>`;
  return html`<div class="field"><label for=${id}>${label}</label>${control}${error}</div>`;
}

/** The form for one action, in a disclosure (`part="action"`, `data-action`); `open` for the primary action. */
export function renderActionForm(
  action: InformationRequestAction,
  ctx: ActionContext,
  open: boolean,
  onSubmit: (event: SubmitEvent, action: InformationRequestAction) => void,
): TemplateResult {
  const { t } = ctx;
  const busy = ctx.busy === action;
  return html`<details class="action" part="action" data-action=${action} ?open=${open}>
    <summary data-testid="action-toggle-${action}">${t.action[action]}</summary>
    <form
      novalidate
      data-action=${action}
      data-testid="action-form-${action}"
      aria-label=${t.action[action]}
      @submit=${(e: SubmitEvent) => onSubmit(e, action)}
    >
      ${ACTION_FIELDS[action].map((spec) => renderField(action, spec, ctx))}
      <button
        type="submit"
        class="btn ${DANGER_ACTIONS.includes(action) ? 'danger' : ''}"
        part="action-button"
        data-testid="submit-${action}"
        ?disabled=${ctx.busy !== undefined}
        aria-busy=${busy ? 'true' : 'false'}
      >
        ${t.action[action]}
      </button>
    </form>
  </details>`;
}

/** Validates a submitted action form and builds its JSON body; `errors` is empty when `payload` is set. */
export function readActionForm(
  action: InformationRequestAction,
  data: FormData,
  ctx: Pick<ActionContext, 'members'>,
): { payload?: Record<string, unknown>; errors: Record<string, FieldErrorKind> } {
  const values: Record<string, string> = {};
  const errors: Record<string, FieldErrorKind> = {};
  for (const spec of ACTION_FIELDS[action]) {
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
  if (action === 'extend') {
    const span = { unit: 'working_days', amount: Number(values['amount']) };
    return { payload: { clock: values['clock'], span, reason: values['reason'] }, errors };
  }
  return { payload: values, errors };
}
