/**
 * @module
 * Renders one form per action the API allows (see `action-fields.ts` for what each takes), each in a
 * disclosure so the person sees the list of what they may do and opens the one they need.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { DeclineGround } from '../../domain/vocabulary.ts';
import { formatDateTime, GROUND_LABELS, type Locale, type Messages } from '../internal/i18n.ts';
import { agencyLabel } from '../internal/templates.ts';
import type { Agency, ContactView, InformationRequestAction, Member } from '../internal/types.ts';
import { ACTION_FIELDS, DANGER_ACTIONS, type FieldErrorKind, type FieldSpec } from './action-fields.ts';

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
    return (
      contact.clocks
        .filter((c) => c.stoppedAt === null && !c.paused)
        // The answer clock first: it is the one usually extended (and the API's default).
        .sort((a, b) => (a.name === 'answer' ? -1 : b.name === 'answer' ? 1 : 0))
        .map((c) => ({
          value: c.name,
          label: c.dueAt ? `${t.clock[c.name]} (${formatDateTime(c.dueAt, ctx.locale)})` : t.clock[c.name],
        }))
    );
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
