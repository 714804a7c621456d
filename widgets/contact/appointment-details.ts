/**
 * @module
 * The read-only parts of a work appointment: what the journalist wants to discuss, how, with whom; the times on
 * the table; the agreed meeting (with "add to calendar"); the result; a cancellation; and links to the contact
 * it was forwarded to or from.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { renderFileLinks } from '../internal/attachment-files.ts';
import { formatDateTime, formatSlot } from '../internal/i18n.ts';
import type { AppointmentView, ContactView, HostRef, MeetingResult } from '../internal/types.ts';
import type { DetailContext } from './contact-details.ts';

export interface AppointmentHandlers {
  /** Open the linked contact `id` (forwarded to or from). */
  open: (id: string) => void;
  /** Download the meeting as an `.ics` file. */
  addToCalendar: () => void;
}

export const hostText = (h: HostRef) => (h.title ? `${h.name} — ${h.title}` : h.name);

export function fact(label: string, value: unknown, testid: string): TemplateResult {
  return html`<div>
    <dt>${label}</dt>
    <dd data-testid=${testid}>${value}</dd>
  </div>`;
}

function renderProposal(c: AppointmentView, ctx: DetailContext): TemplateResult | typeof nothing {
  const p = c.proposal;
  // Once a meeting is agreed the proposal is history; it shows again when someone reschedules.
  if (!p || (c.meeting && c.status !== 'submitted' && c.status !== 'awaiting_journalist')) return nothing;
  const { t, locale } = ctx;
  const a = t.appt;
  return html`<section class="block proposal" part="proposal" data-testid="proposal" data-by=${p.by}>
    <h4>${a.proposal}</h4>
    <p class="muted">${a.proposedBy[p.by]} · ${formatDateTime(p.at, locale)}</p>
    <ol class="slots">
      ${p.slots.map((s) => html`<li data-testid="proposal-slot">${formatSlot(s, locale)}</li>`)}
    </ol>
    <dl class="pairs">
      ${p.place ? fact(t.field.place, p.place, 'proposal-place') : nothing}
      ${p.host ? fact(t.field.host, hostText(p.host), 'proposal-host') : nothing}
      ${p.note ? fact(t.field.note, p.note, 'proposal-note') : nothing}
      ${p.reason ? fact(t.field.reason, p.reason, 'proposal-reason') : nothing}
    </dl>
  </section>`;
}

function linkButton(id: string, ctx: DetailContext, h: AppointmentHandlers): TemplateResult {
  return html`<button type="button" class="link" data-testid="open-linked" @click=${() => h.open(id)}>
    ${ctx.t.appt.openContact(id)}
  </button>`;
}

/** Forwarded to / from another agency, with a link to the other contact when there is one (both kinds). */
export function renderForwarding(c: ContactView, ctx: DetailContext, h: AppointmentHandlers): TemplateResult {
  const { t } = ctx;
  const to = c.forwardedTo;
  const from = c.forwardedFrom;
  return html`${
    to
      ? html`<section class="block" data-testid="forwarded">
          <h4>${t.contact.forwardedTo}</h4>
          <p><strong>${ctx.agencyName(to.agencyId)}</strong></p>
          ${to.note ? html`<p class="text">${to.note}</p>` : nothing}
          ${to.contactId ? linkButton(to.contactId, ctx, h) : nothing}
        </section>`
      : nothing
  }${
    from
      ? html`<section class="block" data-testid="forwarded-from">
          <h4>${t.appt.forwardedFrom}</h4>
          <p><strong>${ctx.agencyName(from.agencyId)}</strong></p>
          ${from.contactId ? linkButton(from.contactId, ctx, h) : nothing}
        </section>`
      : nothing
  }`;
}

/** What the agency recorded after a meeting or a walk-in visit (`part="result"`). */
export function renderResult(r: MeetingResult, { t, locale, download }: DetailContext): TemplateResult {
  const a = t.appt;
  return html`<section class="block answer" part="result" data-testid="result" data-held=${r.held}>
    <h4>${a.result}: ${r.held ? a.held : a.notHeld}</h4>
    ${r.reason ? html`<p class="text" data-testid="result-reason">${r.reason}</p>` : nothing}
    <p class="text" data-testid="result-summary">${r.summary}</p>
    <p><strong>${t.field.informationProvided}:</strong></p>
    <p class="text" data-testid="result-information">${r.informationProvided}</p>
    ${renderFileLinks(r.attachments, t, download, 'result-attachments')}
    <p class="muted">${a.recordedBy(r.recordedBy.name, formatDateTime(r.recordedAt, locale))}</p>
  </section>`;
}

/** The body of an appointment (between the header and the actions). */
export function renderAppointment(
  c: AppointmentView,
  ctx: DetailContext,
  h: AppointmentHandlers,
): TemplateResult {
  const { t, locale } = ctx;
  const a = t.appt;
  const m = c.meeting;
  const r = c.result;
  return html`<section class="block">
      <h4>${a.questions}</h4>
      <p class="text" data-testid="questions">${c.questions}</p>
    </section>
    <dl class="pairs">
      ${fact(a.format, a.formats[c.format] ?? c.format, 'format')}
      ${c.participants ? fact(a.participants, c.participants, 'participants') : nothing}
    </dl>
    ${
      m
        ? html`<section class="block meeting" part="meeting" data-testid="meeting">
            <h4>${a.meeting}</h4>
            <dl class="pairs">
              ${fact(a.time, formatSlot(m.slot, locale), 'meeting-time')}
              ${fact(t.field.place, m.place, 'meeting-place')}
              ${fact(t.field.host, hostText(m.host), 'meeting-host')}
            </dl>
            <p class="muted">${a.agreedAt}: ${formatDateTime(m.agreedAt, locale)}</p>
            <button
              type="button"
              class="btn secondary"
              part="calendar-button"
              data-testid="add-to-calendar"
              @click=${h.addToCalendar}
            >
              ${a.addToCalendar}
            </button>
          </section>`
        : nothing
    }
    ${renderProposal(c, ctx)} ${r ? renderResult(r, ctx) : nothing}
    ${
      c.cancellation
        ? html`<section class="block declined" data-testid="cancellation">
            <h4>${a.cancelled}</h4>
            <p class="text">${c.cancellation.reason}</p>
            <p class="muted">
              ${a.cancelledBy(c.cancellation.by.name, formatDateTime(c.cancellation.at, locale))}
            </p>
          </section>`
        : nothing
    }`;
}
