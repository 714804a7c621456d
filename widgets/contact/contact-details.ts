/**
 * @module
 * The read-only parts of a contact: header, facts, deadlines, answer, decline, forward and timeline.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { DeclineGround } from '../../domain/vocabulary.ts';
import { renderFileLinks, type AttachmentRef } from '../internal/attachment-files.ts';
import { toProblem } from '../internal/api-client.ts';
import {
  describeProblem,
  formatDateTime,
  formatSlot,
  GROUND_LABELS,
  type Locale,
  type Messages,
} from '../internal/i18n.ts';
import {
  actionLabel,
  clockLabel,
  deadlineBadges,
  kindBadge,
  kindWords,
  statusBadge,
} from '../internal/templates.ts';
import type { ClockView, ContactAction, ContactKind, ContactView, TimelineEntry } from '../internal/types.ts';
import { renderAppointment, renderForwarding, type AppointmentHandlers } from './appointment-details.ts';
import { renderDifficultyReport } from './difficulty-report-details.ts';
import { renderWalkIn } from './walk-in-details.ts';

/** What the contact's status region says after an action or a live change. */
export type Message =
  | { kind: 'success'; action: ContactAction; contactKind: ContactKind }
  | { kind: 'info'; text: string }
  | { kind: 'error'; error: unknown }
  | { kind: 'updated' }
  /**
   * An action on another contact whose answer came after the person opened this one (`error` when it failed):
   * it names that contact, so it is not taken for this one's.
   */
  | {
      kind: 'elsewhere';
      contactId: string;
      action: ContactAction;
      contactKind: ContactKind;
      error?: unknown;
    };

export function renderMessage(m: Message | undefined, t: Messages): TemplateResult | typeof nothing {
  if (!m) return nothing;
  if (m.kind === 'elsewhere') return renderElsewhere(m, t);
  if (m.kind === 'error') {
    return html`<div class="alert error" part="error" data-testid="action-error">
      <p>${describeProblem(m.error, t)}</p>
    </div>`;
  }
  const text =
    m.kind === 'success'
      ? t.contact.done(actionLabel(m.action, t, m.contactKind))
      : m.kind === 'info'
        ? m.text
        : t.common.updated;
  return html`<div class="alert success" data-testid="action-success"><p>${text}</p></div>`;
}

/** An action's outcome on the contact it names, which is no longer the one shown. */
function renderElsewhere(m: Extract<Message, { kind: 'elsewhere' }>, t: Messages): TemplateResult {
  const label = actionLabel(m.action, t, m.contactKind);
  if (m.error === undefined) {
    return html`<div class="alert success" data-testid="elsewhere-done" data-contact-id=${m.contactId}>
      <p>${t.contact.elsewhereDone(label, m.contactId)}</p>
    </div>`;
  }
  return html`<div
    class="alert error"
    part="error"
    data-testid="elsewhere-error"
    data-contact-id=${m.contactId}
  >
    <p>${t.contact.elsewhereFailed(label, m.contactId)}</p>
    <p>
      ${
        // The usual conflict text says the contact was reloaded: true of the one shown, not of this one.
        toProblem(m.error).status === 409 ? t.contact.elsewhereConflict : describeProblem(m.error, t)
      }
    </p>
  </div>`;
}

export interface DetailContext {
  t: Messages;
  locale: Locale;
  agencyName: (id: string) => string;
  kind: ContactKind;
  /** Saves one of the contact's files. */
  download: (file: AttachmentRef) => void;
}

const time = (ms: number, locale: Locale) =>
  html`<time datetime=${new Date(ms).toISOString()}>${formatDateTime(ms, locale)}</time>`;

function groundLabel(ground: string, t: Messages): TemplateResult {
  const g = ground as DeclineGround;
  return GROUND_LABELS[g]
    ? html`<span lang="vi">${GROUND_LABELS[g]}</span
        >${t.groundGloss[g] ? html` <span class="hint">(${t.groundGloss[g]})</span>` : nothing}`
    : html`${ground}`;
}

function renderClock(c: ClockView, ctx: DetailContext): TemplateResult {
  const { t, locale } = ctx;
  let state: TemplateResult;
  if (c.stoppedAt !== null)
    state = html`<span class="badge">${t.badge.stopped}</span> ${time(c.stoppedAt, locale)}`;
  else if (c.paused)
    state = html`<span class="badge paused" data-testid="clock-paused">${t.badge.paused}</span>`;
  else if (c.dueAt !== null)
    state = html`${time(c.dueAt, locale)}
    ${c.overdue ? html`<span class="badge overdue">${t.badge.overdue}</span>` : nothing}`;
  else state = html`<span class="muted">${t.badge.noDue}</span>`;
  return html`<li data-clock=${c.name} data-paused=${c.paused ? 'true' : 'false'}>
    <span class="clock-name">${clockLabel(c.name, t, ctx.kind)}:</span> ${state}
  </li>`;
}

export function renderHeader(c: ContactView, ctx: DetailContext): TemplateResult {
  const { t, locale } = ctx;
  return html`<header class="head">
      <h3 id="subject" part="heading" tabindex="-1" data-testid="subject">${c.subject}</h3>
      <div class="badges">
        ${kindBadge(c.kind, t)} ${statusBadge(c.status, t, c.kind)} ${deadlineBadges(c, t, locale)}
      </div>
      <p class="muted ref">${c.id}</p>
    </header>
    <dl class="facts" part="facts">
      <div>
        <dt>${t.contact.reporter}</dt>
        <dd data-testid="reporter">${c.journalist.name}</dd>
      </div>
      <div>
        <dt>${c.kind === 'difficulty_report' ? t.report.receivedBy : t.contact.agency}</dt>
        <dd>${ctx.agencyName(c.agencyId)}</dd>
      </div>
      <div>
        <dt>${t.contact.assignee}</dt>
        <dd data-testid="assignee">${c.assignee?.name ?? t.list.unassigned}</dd>
      </div>
      <div>
        <dt>${c.kind === 'walk_in' ? t.walkIn.recordedAt : t.contact.submittedAt}</dt>
        <dd>${time(c.submittedAt, locale)}</dd>
      </div>
    </dl>`;
}

function renderInformationRequest(c: ContactView, ctx: DetailContext): TemplateResult | typeof nothing {
  if (c.kind !== 'information_request') return nothing;
  const { t, locale } = ctx;
  return html`<section class="block">
      <h4>${t.contact.question}</h4>
      <p class="text" data-testid="question">${c.question}</p>
    </section>
    ${
      c.answer
        ? html`<section class="block answer" part="answer" data-testid="answer">
            <h4>${t.contact.answer}</h4>
            <p class="text">${c.answer.text}</p>
            ${renderFileLinks(c.answer.attachments, t, ctx.download, 'answer-attachments')}
            <p class="muted">
              ${t.contact.approvedBy(c.answer.approvedBy.name, formatDateTime(c.answer.at, locale))}
            </p>
          </section>`
        : c.draftAnswer
          ? html`<section class="block draft" part="draft" data-testid="draft">
              <h4>${t.contact.draft}</h4>
              <p class="text">${c.draftAnswer}</p>
              ${renderFileLinks(c.draftAttachments, t, ctx.download, 'draft-attachments')}
            </section>`
          : nothing
    }`;
}

export function renderBody(c: ContactView, ctx: DetailContext, h: AppointmentHandlers): TemplateResult {
  const { t, locale } = ctx;
  const kindBody =
    c.kind === 'appointment'
      ? renderAppointment(c, ctx, h)
      : c.kind === 'walk_in'
        ? renderWalkIn(c, ctx)
        : c.kind === 'difficulty_report'
          ? renderDifficultyReport(c, ctx, h)
          : renderInformationRequest(c, ctx);
  return html`${kindBody}
  ${
    c.clocks.length
      ? html`<section class="block" data-testid="clocks">
          <h4>${t.contact.deadlines}</h4>
          <ul class="clocks">
            ${c.clocks.map((clock) => renderClock(clock, ctx))}
          </ul>
        </section>`
      : nothing
  }
  ${
    c.decline
      ? html`<section class="block declined" data-testid="decline">
          <h4>${t.contact.decline}</h4>
          <p>${groundLabel(c.decline.ground, t)}</p>
          <p class="text">${c.decline.explanation}</p>
        </section>`
      : nothing
  }
  ${renderForwarding(c, ctx, h)}
  ${
    c.closure
      ? html`<section class="block" data-testid="closure">
          <h4>${t.appt.closed}</h4>
          <p class="text">${c.closure.reason}</p>
          <p class="muted">${c.closure.by.name} · ${formatDateTime(c.closure.at, locale)}</p>
        </section>`
      : nothing
  }`;
}

function entryDetails(e: TimelineEntry, ctx: DetailContext): unknown[] {
  const { t, locale } = ctx;
  const d = e.data ?? {};
  const out: unknown[] = [];
  const assignee = d['assignee'] as { name?: string } | undefined;
  if (assignee?.name) out.push(t.contact.assignedTo(assignee.name));
  if (typeof d['ground'] === 'string') out.push(groundLabel(d['ground'], t));
  if (typeof d['toAgencyId'] === 'string')
    out.push(typeof d['toAgencyName'] === 'string' ? d['toAgencyName'] : ctx.agencyName(d['toAgencyId']));
  if (d['clockPaused']) out.push(t.contact.pausedClock);
  const slots = Array.isArray(d['slots']) ? (d['slots'] as unknown[]) : d['slot'] ? [d['slot']] : [];
  for (const s of slots) {
    const slot = s as { start?: unknown; end?: unknown };
    if (typeof slot.start === 'number' && typeof slot.end === 'number')
      out.push(formatSlot({ start: slot.start, end: slot.end }, locale));
  }
  if (typeof d['place'] === 'string') out.push(d['place']);
  const host = d['host'] as { name?: string } | undefined;
  if (host?.name) out.push(`${t.field.host}: ${host.name}`);
  const moved = d['dueMoved'] as { clock?: ClockView['name']; to?: number } | undefined;
  if (moved?.clock && typeof moved.to === 'number')
    out.push(t.contact.dueMoved(clockLabel(moved.clock, t, ctx.kind), formatDateTime(moved.to, locale)));
  const files = d['attachmentIds'];
  if (Array.isArray(files) && files.length) out.push(t.contact.files(files.length));
  const clock = d['clock'];
  if (!e.actor && typeof clock === 'string' && clock in t.clock)
    out.push(clockLabel(clock as ClockView['name'], t, ctx.kind));
  return out;
}

export function renderTimeline(entries: TimelineEntry[], ctx: DetailContext): TemplateResult {
  const { t, locale } = ctx;
  return html`<section class="block" part="timeline" data-testid="timeline">
    <h4>${t.contact.timeline}</h4>
    <ol class="timeline">
      ${entries.map((e) => {
        const details = entryDetails(e, ctx);
        return html`<li data-type=${e.type} data-seq=${e.seq}>
          <div class="entry-head">
            <strong>${kindWords(t, ctx.kind)?.timeline[e.type] ?? t.timeline[e.type] ?? e.type}</strong>
            <span class="muted"
              >${time(e.at, locale)} ·
              ${
                e.actor
                  ? html`${e.actor.name}${e.actor.role ? html` (${t.role[e.actor.role]})` : nothing}`
                  : t.common.system
              }</span
            >
          </div>
          ${details.length ? html`<p class="entry-data">${details.map((x, i) => html`${i ? ' · ' : ''}${x}`)}</p>` : nothing}
          ${e.text && e.type !== 'submitted' ? html`<p class="text">${e.text}</p>` : nothing}
        </li>`;
      })}
    </ol>
  </section>`;
}
