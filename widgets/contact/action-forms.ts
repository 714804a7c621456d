/**
 * @module
 * Renders one form per action the API allows (see `action-fields.ts` for what each takes), each in a
 * disclosure so the person sees the list of what they may do and opens the one they need.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { DeclineGround } from '../../domain/vocabulary.ts';
import type { TokenProvider } from '../internal/api-client.ts';
import { formatDateTime, formatSlot, GROUND_LABELS, type Locale, type Messages } from '../internal/i18n.ts';
import { renderFilePicker, type PendingFile } from '../internal/attachment-files.ts';
import { actionLabel, agencyLabel, clockLabel, fieldLabel } from '../internal/templates.ts';
import type { Agency, ContactAction, ContactView, Member, Spokesperson } from '../internal/types.ts';
import { ACTION_FIELDS, DANGER_ACTIONS, type FieldErrorKind, type FieldSpec } from './action-fields.ts';

export interface ActionContext {
  contact: ContactView;
  members: Member[] | undefined;
  agencies: Agency[] | undefined;
  t: Messages;
  locale: Locale;
  /** Keyed `action.field`. */
  errors: Record<string, FieldErrorKind>;
  busy: ContactAction | undefined;
  /** The agency's spokespersons, to choose a meeting's host from. */
  hosts: Spokesperson[] | undefined;
  /** Credentials for the nested slot pickers (they read the working-day calendar). */
  auth: { apiBase: string; token: string | null; tokenProvider: TokenProvider | undefined };
  /** The files chosen for each action's file picker, kept by the element until the action succeeds. */
  files: {
    of: (action: ContactAction) => readonly PendingFile[];
    add: (action: ContactAction, files: readonly File[]) => void;
    remove: (action: ContactAction, index: number) => void;
  };
}

interface Option {
  value: string;
  label: string;
  gloss?: string;
}

function optionsFor(action: ContactAction, spec: FieldSpec, ctx: ActionContext): Option[] {
  const { t, contact } = ctx;
  if (spec.name === 'assigneeSub') {
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
  if (action === 'refer') {
    // The API refers only within the department's province (or to a central agency), never to itself.
    return (ctx.agencies ?? [])
      .filter(
        (a) => a.id !== contact.agencyId && (a.provinceId === null || a.provinceId === contact.provinceId),
      )
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
          label: c.dueAt
            ? `${clockLabel(c.name, t, contact.kind)} (${formatDateTime(c.dueAt, ctx.locale)})`
            : clockLabel(c.name, t, contact.kind),
        }))
    );
  }
  if (spec.name === 'slot') {
    const slots = contact.kind === 'appointment' ? (contact.proposal?.slots ?? []) : [];
    return slots.map((s, i) => ({ value: String(i), label: formatSlot(s, ctx.locale) }));
  }
  if (spec.name === 'hostId') {
    return (ctx.hosts ?? []).map((h) => ({ value: h.id, label: `${h.fullName} — ${h.title}` }));
  }
  if (spec.name === 'held') {
    return [
      { value: 'true', label: t.appt.yes },
      { value: 'false', label: t.appt.no },
    ];
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

/** The option chosen at first: the agency the journalist named, for a referral. */
function initialChoice(action: ContactAction, ctx: ActionContext): string {
  const c = ctx.contact;
  return action === 'refer' && c.kind === 'difficulty_report' ? (c.involvedAgencyId ?? '') : '';
}

function errorText(kind: FieldErrorKind, spec: FieldSpec, t: Messages): string {
  if (kind === 'required') return t.validation.required;
  if (kind === 'choose') return t.validation.choose;
  if (kind === 'tooLong') return t.validation.tooLong(spec.max);
  if (kind === 'range') return t.validation.range(spec.min ?? 0, spec.max);
  return t.validation.invalid;
}

function renderField(action: ContactAction, spec: FieldSpec, ctx: ActionContext): TemplateResult {
  const { t } = ctx;
  const id = `${action}-${spec.name}`;
  const kind = ctx.errors[`${action}.${spec.name}`];
  const errId = `${id}-error`;
  const error = kind ? html`<p class="field-error" id=${errId}>${errorText(kind, spec, t)}</p>` : nothing;
  const label = html`${fieldLabel(spec.label, t, ctx.contact.kind)}${spec.required ? nothing : html` <span class="hint">${t.common.optional}</span>`}`;
  const invalid = kind ? 'true' : 'false';
  const describedBy = kind ? errId : nothing;
  if (spec.kind === 'slots') {
    return html`<pl-slot-picker
        data-testid="${action}-slots"
        .apiBase=${ctx.auth.apiBase}
        .token=${ctx.auth.token}
        .tokenProvider=${ctx.auth.tokenProvider}
      ></pl-slot-picker
      >${error}`;
  }
  if (spec.kind === 'files') {
    return renderFilePicker({
      id,
      label: fieldLabel(spec.label, t, ctx.contact.kind),
      files: ctx.files.of(action),
      t,
      add: (files) => ctx.files.add(action, files),
      remove: (index) => ctx.files.remove(action, index),
      testId: `${action}-files`,
    });
  }
  if (spec.kind === 'radio') {
    return html`<fieldset class="field" aria-describedby=${describedBy}>
      <legend>${label}</legend>
      ${optionsFor(action, spec, ctx).map(
        (o) =>
          html`<label class="choice">
            <input
              type="radio"
              name=${spec.name}
              value=${o.value}
              aria-invalid=${invalid}
              data-testid="${action}-${spec.name}-${o.value}"
            />
            <span lang=${spec.name === 'ground' ? 'vi' : ctx.locale}
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
          ${optionsFor(action, spec, ctx).map(
            (o) =>
              html`<option value=${o.value} ?selected=${o.value === initialChoice(action, ctx)}>
                ${o.label}
              </option>`,
          )}
        </select>`
      : spec.kind === 'input'
        ? html`<input
            id=${id}
            name=${spec.name}
            maxlength=${spec.max}
            autocomplete="off"
            aria-invalid=${invalid}
            aria-describedby=${describedBy}
            .defaultValue=${action === 'accept' && ctx.contact.kind === 'appointment' ? (ctx.contact.proposal?.place ?? '') : ''}
          />`
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
              .defaultValue=${action === 'submit_answer' && ctx.contact.kind === 'information_request' ? (ctx.contact.draftAnswer ?? '') : ''}
            ></textarea>`;
  return html`<div class="field"><label for=${id}>${label}</label>${control}${error}</div>`;
}

/** The form for one action, in a disclosure (`part="action"`, `data-action`); `open` for the primary action. */
export function renderActionForm(
  action: ContactAction,
  ctx: ActionContext,
  open: boolean,
  onSubmit: (event: SubmitEvent, action: ContactAction) => void,
): TemplateResult {
  const label = actionLabel(action, ctx.t, ctx.contact.kind);
  const busy = ctx.busy === action;
  return html`<details class="action" part="action" data-action=${action} ?open=${open}>
    <summary data-testid="action-toggle-${action}">${label}</summary>
    <form
      novalidate
      data-action=${action}
      data-testid="action-form-${action}"
      aria-label=${label}
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
        ${label}
      </button>
    </form>
  </details>`;
}
