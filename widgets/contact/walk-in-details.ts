/**
 * @module
 * The read-only parts of a walk-in visit: when the reporter came, who they are (a journalist of the registry, or
 * as they introduced themselves), who received them, what was discussed, and the result once recorded.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime } from '../internal/i18n.ts';
import type { Visitor, WalkInView } from '../internal/types.ts';
import { fact, hostText, renderResult } from './appointment-details.ts';
import type { DetailContext } from './contact-details.ts';

function visitorText(v: Visitor, ctx: DetailContext): TemplateResult {
  return html`<span data-journalist-id=${v.journalistId ?? nothing}
      >${v.fullName} — ${v.pressOrganisation}, ${ctx.t.walkIn.card(v.pressCardNumber)}</span
    >${v.journalistId ? nothing : html` <span class="hint" data-testid="visitor-unregistered">(${ctx.t.walkIn.notInRegistry})</span>`}`;
}

/** The body of a walk-in visit (between the header and the actions). */
export function renderWalkIn(c: WalkInView, ctx: DetailContext): TemplateResult {
  const { t, locale } = ctx;
  const w = t.walkIn;
  return html`<section class="block visit" part="visit" data-testid="visit">
      <h4>${w.visit}</h4>
      <dl class="pairs">
        ${fact(w.visitedAt, html`<time datetime=${new Date(c.visitedAt).toISOString()}>${formatDateTime(c.visitedAt, locale)}</time>`, 'visited-at')}
        ${fact(w.visitor, visitorText(c.visitor, ctx), 'visitor')}
        ${fact(t.field.host, hostText(c.host), 'visit-host')}
      </dl>
    </section>
    <section class="block">
      <h4>${w.content}</h4>
      <p class="text" data-testid="visit-content">${c.content}</p>
    </section>
    ${c.result ? renderResult(c.result, ctx) : nothing}`;
}
