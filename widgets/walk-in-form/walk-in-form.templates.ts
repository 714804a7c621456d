/**
 * @module
 * The parts of `pl-walk-in-form` after the visitor: the time of the visit, subject, content and host.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { describedBy, fieldError } from '../internal/contact-form-templates.ts';
import type { Messages } from '../internal/i18n.ts';
import type { Spokesperson } from '../internal/types.ts';
import { MAX_AGE_DAYS, vnLocalValue, WALK_IN_LIMITS, type WalkInField } from './read-walk-in.ts';

export interface VisitFieldsContext {
  t: Messages;
  /** Per field: the sentence shown under it. */
  errors: Partial<Record<WalkInField, string>>;
  /** The latest instant the visit may have started (the field's default and maximum). */
  now: number;
  contentLength: number;
  /** Who may receive a reporter; undefined while loading. */
  hosts: Spokesperson[] | undefined;
  loadingHosts: boolean;
  onContent: (length: number) => void;
}

/** The time of the visit, subject, content and host. */
export function visitFields(ctx: VisitFieldsContext): TemplateResult {
  const { t, errors } = ctx;
  const w = t.walkIn;
  const now = vnLocalValue(ctx.now);
  const aria = (field: WalkInField, hint = '') => ({
    invalid: !!errors[field],
    describedBy: describedBy(field, hint, errors[field]),
  });
  const visited = aria('visitedAt', 'visitedAt-hint');
  const subject = aria('subject', 'subject-hint');
  const content = aria('content', 'content-hint');
  const host = aria('hostId');
  return html`<div class="field">
      <label for="visitedAt">${w.visitedAt}</label>
      <input
        id="visitedAt"
        name="visitedAt"
        type="datetime-local"
        required
        min=${vnLocalValue(ctx.now - MAX_AGE_DAYS * 86_400_000)}
        max=${now}
        .defaultValue=${now}
        data-testid="visitedAt"
        aria-invalid=${visited.invalid}
        aria-describedby=${visited.describedBy}
      />
      <p class="hint" id="visitedAt-hint">${w.visitedAtHint(MAX_AGE_DAYS)}</p>
      ${fieldError('visitedAt', errors.visitedAt)}
    </div>
    <div class="field">
      <label for="subject">${t.field.subject}</label>
      <input
        id="subject"
        name="subject"
        required
        minlength=${WALK_IN_LIMITS.subject.min}
        maxlength=${WALK_IN_LIMITS.subject.max}
        autocomplete="off"
        data-testid="subject"
        aria-invalid=${subject.invalid}
        aria-describedby=${subject.describedBy}
      />
      <p class="hint" id="subject-hint">${t.field.subjectHint}</p>
      ${fieldError('subject', errors.subject)}
    </div>
    <div class="field">
      <label for="content">${w.content}</label>
      <textarea
        id="content"
        name="content"
        required
        rows="6"
        minlength=${WALK_IN_LIMITS.content.min}
        maxlength=${WALK_IN_LIMITS.content.max}
        data-testid="content"
        aria-invalid=${content.invalid}
        aria-describedby=${content.describedBy}
        @input=${(e: InputEvent) => ctx.onContent((e.target as HTMLTextAreaElement).value.trim().length)}
      ></textarea>
      <p class="hint" id="content-hint">${w.contentHint}</p>
      <p class="hint counter" aria-hidden="true">
        ${t.common.chars(ctx.contentLength, WALK_IN_LIMITS.content.max)}
      </p>
      ${fieldError('content', errors.content)}
    </div>
    <div class="field">
      <label for="hostId">${t.field.host}</label>
      <select
        id="hostId"
        name="hostId"
        required
        data-testid="hostId"
        ?disabled=${ctx.loadingHosts}
        aria-invalid=${host.invalid}
        aria-describedby=${host.describedBy}
      >
        <option value="">${ctx.loadingHosts ? t.common.loading : t.field.chooseHost}</option>
        ${(ctx.hosts ?? []).map((h) => html`<option value=${h.id}>${h.fullName} — ${h.title}</option>`)}
      </select>
      ${ctx.hosts?.length === 0 ? html`<p class="hint" data-testid="no-hosts">${w.noHosts}</p>` : nothing}
      ${fieldError('hostId', errors.hostId)}
    </div>`;
}
