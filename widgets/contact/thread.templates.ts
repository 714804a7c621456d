/**
 * @module
 * The templates of `pl-contact-thread`: a message and the composer. Pure functions of what they show and the
 * element's handlers, so the element keeps state and requests only.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { FIELD_LIMITS } from '../../domain/contact/field-limits.ts';
import { renderFileLinks, renderFilePicker, type AttachmentRef } from '../internal/attachment-files.ts';
import { formatDateTime, type Locale, type Messages } from '../internal/i18n.ts';

/** A message as `GET /contacts/{id}/messages` gives it. */
export interface ThreadMessage {
  id: string;
  contactId: string;
  at: string;
  author: { sub: string; name: string; side: 'journalist' | 'agency' };
  text: string;
  internal: boolean;
  attachments: AttachmentRef[];
}

/** A page of `GET /contacts/{id}/messages`. */
export interface ThreadPage {
  items: ThreadMessage[];
  nextCursor: string | null;
  mayWrite: boolean;
  mayWriteInternal: boolean;
}

/** What the templates read from the element, and its handlers. */
export interface ThreadContext {
  t: Messages;
  locale: Locale;
  /** Files chosen for the next message. */
  files: readonly File[];
  textMissing: boolean;
  busy: boolean;
  send: (event: SubmitEvent) => void;
  /** Adds chosen or dropped files. */
  add: (files: readonly File[]) => void;
  remove: (index: number) => void;
  download: (contactId: string, attachmentId: string, name: string) => void;
}

/** One message: author, side, time, the internal mark, the text and its files. */
export function renderThreadMessage(m: ThreadMessage, ctx: ThreadContext): TemplateResult {
  const t = ctx.t.thread;
  return html`<li
    class="message ${m.author.side} ${m.internal ? 'internal' : ''}"
    part="message"
    data-testid="thread-message"
    data-internal=${m.internal ? 'true' : nothing}
  >
    <p class="meta">
      <strong>${m.author.name}</strong>
      <span class="muted">${m.author.side === 'journalist' ? t.journalist : t.agency}</span>
      <time datetime=${m.at}>${formatDateTime(Date.parse(m.at), ctx.locale)}</time>
      ${
        m.internal
          ? html`<span class="badge internal" part="internal-badge" title=${t.internalHint}
              >${t.internal}</span
            >`
          : nothing
      }
    </p>
    <p class="text">${m.text}</p>
    ${renderFileLinks(m.attachments, ctx.t, (a) => ctx.download(m.contactId, a.id, a.name), 'message-attachments')}
  </li>`;
}

/** The composer, or a read-only line for those who may not write now. */
export function renderComposer(page: ThreadPage, ctx: ThreadContext): TemplateResult {
  const t = ctx.t.thread;
  if (!page.mayWrite) return html`<p class="muted" data-testid="thread-read-only">${t.readOnly}</p>`;
  return html`<form class="composer" part="composer" data-testid="composer" novalidate @submit=${ctx.send}>
    <div class="field">
      <label for="thread-text">${t.text}</label>
      <textarea
        id="thread-text"
        name="text"
        rows="3"
        maxlength=${FIELD_LIMITS.message.max}
        aria-invalid=${ctx.textMissing ? 'true' : 'false'}
        aria-describedby=${ctx.textMissing ? 'thread-text-error' : nothing}
      ></textarea>
      ${ctx.textMissing ? html`<p id="thread-text-error" class="field-error">${t.required}</p>` : nothing}
    </div>
    ${renderFilePicker({
      id: 'thread-files',
      label: t.files,
      files: ctx.files.map((file) => ({ file })),
      t: ctx.t,
      add: ctx.add,
      remove: ctx.remove,
      testId: 'composer-files',
    })}
    ${
      page.mayWriteInternal
        ? html`<label class="check">
            <input type="checkbox" name="internal" data-testid="internal-toggle" />
            ${t.internalToggle}
          </label>`
        : nothing
    }
    <button class="btn" type="submit" part="send-button" ?disabled=${ctx.busy}>
      ${ctx.busy ? t.sending : t.send}
    </button>
  </form>`;
}
