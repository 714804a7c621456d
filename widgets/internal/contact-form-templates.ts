/**
 * @module
 * Blocks shared by the forms that create a contact (`pl-walk-in-form`, `pl-difficulty-form`): a field's error
 * and its `aria-describedby`, the error box after a failed send and the confirmation after a successful one.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { toProblem } from './api-client.ts';
import { describeProblem, formatDateTime, type Locale, type Messages } from './i18n.ts';
import { statusBadge } from './templates.ts';
import type { ClockName, ContactView } from './types.ts';

/** The error sentence under `field` (id `<field>-error`), if any. */
export function fieldError(field: string, text: string | undefined): TemplateResult | typeof nothing {
  return text
    ? html`<p class="field-error" id="${field}-error" data-testid="${field}-error">${text}</p>`
    : nothing;
}

/** `aria-describedby` for `field`: its hint (an id, may be empty) and its error, if any. */
export function describedBy(field: string, hint: string, error: string | undefined): string | typeof nothing {
  return [hint, error ? `${field}-error` : ''].filter(Boolean).join(' ') || nothing;
}

/** Why sending failed: the API's own sentence for a refusal (in the page's language), else ours. */
export function problemBox(problem: unknown, t: Messages, locale: Locale): TemplateResult {
  const p = toProblem(problem);
  const refused = p.status >= 400 && p.status < 500 && p.detail;
  const text = refused ? (locale === 'en' && p.detailEn) || p.detail : describeProblem(problem, t);
  return html`<div
    class="alert error"
    id="problem"
    part="error"
    role="alert"
    tabindex="-1"
    data-testid="error"
  >
    <p>${text}</p>
  </div>`;
}

/** The words and deadline of a confirmation, which differ from form to form. */
export interface CreatedPanelTexts {
  /** The sentence saying the contact was created. */
  created: string;
  /** The clock whose deadline is shown (the nearest deadline if the contact has no such clock), and its label. */
  clock: ClockName;
  dueLabel: string;
  /** The button for a new, empty form: its words and `data-testid`. */
  another: string;
  anotherTestId: string;
}

/** The confirmation after sending: reference, status, a deadline, and a button for another one. */
export function createdPanel(
  c: ContactView,
  t: Messages,
  locale: Locale,
  texts: CreatedPanelTexts,
  onAnother: () => void,
): TemplateResult {
  const due = c.clocks.find((k) => k.name === texts.clock)?.dueAt ?? c.dueAt;
  return html`<div
    class="alert success created"
    id="created"
    part="success"
    data-testid="created"
    tabindex="-1"
  >
    <p><strong>${texts.created}</strong></p>
    <dl>
      <dt>${t.form.contactId}</dt>
      <dd data-testid="contact-id">${c.id}</dd>
      <dt>${t.form.status}</dt>
      <dd>${statusBadge(c.status, t, c.kind)}</dd>
      ${
        due !== null
          ? html`<dt>${texts.dueLabel}</dt>
              <dd>${formatDateTime(due, locale)}</dd>`
          : nothing
      }
    </dl>
    <button type="button" class="btn secondary" data-testid=${texts.anotherTestId} @click=${onAnother}>
      ${texts.another}
    </button>
  </div>`;
}

/**
 * The form's section: its heading and introduction, a polite status line for screen readers (sending, sent,
 * or that fields need fixing), and the body.
 */
export function formSection(
  texts: { heading: string; intro: string; submitting: string; created: string },
  state: { submitting: boolean; created: unknown; hasErrors: boolean },
  validationSummary: string,
  body: TemplateResult,
): TemplateResult {
  const status = state.submitting
    ? texts.submitting
    : state.created
      ? texts.created
      : state.hasErrors
        ? validationSummary
        : '';
  return html`<section part="base" aria-labelledby="heading">
    <h2 id="heading" part="heading">${texts.heading}</h2>
    <p class="hint">${texts.intro}</p>
    <p class="sr-only" role="status" aria-live="polite" data-testid="form-status">${status}</p>
    ${body}
  </section>`;
}
