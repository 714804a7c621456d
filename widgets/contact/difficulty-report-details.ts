/**
 * @module
 * The read-only parts of a difficulty report: what the journalist reported, the agency they named, the contacts
 * they linked (each opens here), the department's latest referral with the agency's response, the resolution
 * and the journalist's request for a review.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime } from '../internal/i18n.ts';
import type { DifficultyReportView } from '../internal/types.ts';
import { fact, type AppointmentHandlers } from './appointment-details.ts';
import type { DetailContext } from './contact-details.ts';

function relatedLinks(c: DifficultyReportView, ctx: DetailContext, h: AppointmentHandlers): TemplateResult {
  return html`<ul class="related" data-testid="related-contacts">
    ${c.relatedContactIds.map(
      (id) =>
        html`<li>
          <button
            type="button"
            class="link"
            data-testid="open-related"
            data-contact-id=${id}
            @click=${() => h.open(id)}
          >
            ${ctx.t.report.openRelated(id)}
          </button>
        </li>`,
    )}
  </ul>`;
}

function renderReferral(c: DifficultyReportView, ctx: DetailContext): TemplateResult | typeof nothing {
  const r = c.referral;
  if (!r) return nothing;
  const { t, locale } = ctx;
  const w = t.report;
  return html`<section
    class="block referral"
    part="referral"
    data-testid="referral"
    data-agency-id=${r.agencyId}
  >
    <h4>${w.referral}: <span data-testid="referral-agency">${r.agencyName}</span></h4>
    <p class="muted">${w.referredBy(r.by.name, formatDateTime(r.at, locale))}</p>
    <p class="text" data-testid="referral-note">${r.note}</p>
    ${c.referralCount > 1 ? html`<p class="hint">${w.referrals(c.referralCount)}</p>` : nothing}
    ${
      r.response
        ? html`<div class="response" data-testid="referral-response">
            <h5>${w.response}</h5>
            <p class="text">${r.response.text}</p>
            <p class="muted">${w.respondedBy(r.response.by.name, formatDateTime(r.response.at, locale))}</p>
          </div>`
        : html`<p class="muted" data-testid="referral-pending">${w.awaitingResponse}</p>`
    }
  </section>`;
}

/** The body of a difficulty report (between the header and the actions). */
export function renderDifficultyReport(
  c: DifficultyReportView,
  ctx: DetailContext,
  h: AppointmentHandlers,
): TemplateResult {
  const { t, locale } = ctx;
  const w = t.report;
  return html`<section class="block">
      <h4>${w.description}</h4>
      <p class="text" data-testid="report-description">${c.description}</p>
      <dl class="pairs">
        ${c.involvedAgencyId ? fact(w.involvedAgency, ctx.agencyName(c.involvedAgencyId), 'involved-agency') : nothing}
        ${c.relatedContactIds.length ? fact(w.related, relatedLinks(c, ctx, h), 'related') : nothing}
      </dl>
    </section>
    ${renderReferral(c, ctx)}
    ${
      c.reopen
        ? html`<section class="block" part="reopen" data-testid="reopen">
            <h4>${w.reopen}</h4>
            <p class="text" data-testid="reopen-reason">${c.reopen.reason}</p>
            <p class="muted">${w.reopenedAt(formatDateTime(c.reopen.at, locale))}</p>
          </section>`
        : nothing
    }
    ${
      c.resolution
        ? html`<section class="block answer" part="resolution" data-testid="resolution">
            <h4>${w.resolution}</h4>
            <p class="text" data-testid="resolution-text">${c.resolution.text}</p>
            <p class="muted">
              ${w.resolvedBy(c.resolution.by.name, formatDateTime(c.resolution.at, locale))}
            </p>
            ${c.reopen ? html`<p class="hint">${w.reopenUsed}</p>` : nothing}
          </section>`
        : nothing
    }`;
}
