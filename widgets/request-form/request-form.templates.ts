/**
 * @module
 * The parts of `pl-request-form` that only display: the eligibility hint, the confirmation and the error box.
 */
import { html, nothing, type TemplateResult } from 'lit';
import {
  describeProblem,
  formatDateTime,
  suggestsAppointment,
  type Locale,
  type Messages,
} from '../internal/i18n.ts';
import { statusBadge } from '../internal/templates.ts';
import type { ContactView, Me } from '../internal/types.ts';

/** An early hint for people who will not be allowed to send a request (the API has the last word). */
export function eligibilityNotice(me: Me | undefined, t: Messages): TemplateResult | typeof nothing {
  if (!me) return nothing;
  const text = !me.roles.includes('journalist')
    ? t.form.notJournalist
    : me.journalist?.residentProvinces?.length === 0
      ? t.form.notResident
      : undefined;
  return text
    ? html`<div class="alert" data-testid="eligibility-notice">
        <p>${text}</p>
        <p>${t.error.proposeInstead}</p>
      </div>`
    : nothing;
}

/** The confirmation after sending: reference, status, expected answer date. */
export function createdPanel(
  c: ContactView,
  t: Messages,
  locale: Locale,
  onAnother: () => void,
): TemplateResult {
  // "Expected answer by" is the answer clock's deadline; `c.dueAt` is the nearest one (first response).
  // An appointment's first deadline is the agency's response to the proposal.
  const appt = c.kind === 'appointment';
  const answer = c.clocks.find((k) => k.name === (appt ? 'first_response' : 'answer'));
  const due = answer ? answer.dueAt : c.dueAt;
  return html`<div
    class="alert success created"
    id="created"
    part="success"
    data-testid="created"
    tabindex="-1"
  >
    <p><strong>${appt ? t.appt.created : t.form.created}</strong></p>
    <dl>
      <dt>${t.form.contactId}</dt>
      <dd data-testid="contact-id">${c.id}</dd>
      <dt>${t.form.status}</dt>
      <dd>${statusBadge(c.status, t, c.kind)}</dd>
      ${
        due !== null
          ? html`<dt>${appt ? t.appt.respondBy : t.form.dueAt}</dt>
              <dd>${formatDateTime(due, locale)}</dd>`
          : nothing
      }
    </dl>
    <button type="button" class="btn secondary" data-testid="new-request" @click=${onAnother}>
      ${appt ? t.appt.another : t.form.another}
    </button>
  </div>`;
}

/** Why sending failed, with the work-appointment hint for reporters who may not send online requests. */
export function problemBox(problem: unknown, t: Messages): TemplateResult {
  return html`<div
    class="alert error"
    id="problem"
    part="error"
    role="alert"
    tabindex="-1"
    data-testid="error"
  >
    <p>${describeProblem(problem, t)}</p>
    ${suggestsAppointment(problem) ? html`<p data-testid="appointment-hint">${t.error.proposeInstead}</p>` : nothing}
  </div>`;
}
