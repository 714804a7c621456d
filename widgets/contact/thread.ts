/**
 * @module
 * `pl-contact-thread`: a contact's message thread, shown inside `pl-contact`. Messages are not actions: they
 * change no status. Internal notes (agency side only) are marked as such; the composer offers the internal
 * switch only to those the API says may write them (`mayWriteInternal`).
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { toProblem } from '../internal/api-client.ts';
import { uploadAttachment } from '../internal/attachment-files.ts';
import { define } from '../internal/define.ts';
import { saveBlob } from '../internal/download.ts';
import { PlElement } from '../internal/base-element.ts';
import type { StreamMessage } from '../internal/stream.ts';
import { fileStyles } from '../internal/file-styles.ts';
import { baseStyles } from '../internal/styles.ts';
import { errorAlert, fieldText } from '../internal/templates.ts';
import {
  renderComposer,
  renderThreadMessage,
  type ThreadContext,
  type ThreadMessage,
  type ThreadPage,
} from './thread.templates.ts';
import { threadStyles } from './thread.styles.ts';

/**
 * @summary The messages between a contact's journalist and its agency, oldest first, each with its files, and
 * a composer (text, files from a keyboard-accessible picker or dropped on it, and for the agency side an
 * internal-note switch). Follows new messages live.
 *
 * @csspart thread - The section.
 * @csspart message - One message (`data-internal` on internal notes).
 * @csspart internal-badge - The "internal note" mark.
 * @csspart composer - The form.
 * @csspart send-button - Its submit button.
 * @csspart error - Error boxes.
 */
export class PlContactThread extends PlElement {
  static override styles = [baseStyles, fileStyles, threadStyles];
  static override properties = { contactId: { attribute: 'contact-id', reflect: true } };

  /** The contact whose thread to show. */
  declare contactId: string;

  #page: ThreadPage | undefined;
  #loadError: unknown;
  #sendError: unknown;
  #files: File[] = [];
  /** Ids uploaded for the message being sent, kept until it is. */
  #uploaded: string[] = [];
  #busy = false;
  #status = '';
  #textMissing = false;
  #seq = 0;
  #refresh: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.contactId = '';
  }

  protected override credentialsChanged(): void {
    void this.#load();
  }

  protected override updated(changed: PropertyValues): void {
    const credentials = ['apiBase', 'token', 'tokenProvider'].some((p) => changed.has(p));
    super.updated(changed);
    if (changed.has('contactId') && !credentials) {
      this.#page = undefined;
      this.#files = [];
      this.#uploaded = [];
      this.#status = '';
      void this.#load();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#refresh);
  }

  protected override onStreamMessage(m: StreamMessage): void {
    const about =
      m.event === 'reconnected' || (m.event === 'notification' && m.data.contactId === this.contactId);
    if (!about) return;
    clearTimeout(this.#refresh);
    this.#refresh = setTimeout(() => void this.#load(), 200);
  }

  /** Reloads the thread. */
  reload(): Promise<void> {
    return this.#load();
  }

  async #load(): Promise<void> {
    if (!this.contactId || !this.hasCredentials) return;
    const seq = ++this.#seq;
    const path = `/contacts/${encodeURIComponent(this.contactId)}/messages`;
    try {
      const first = await this.api.get<ThreadPage>(path);
      const items = [...first.items];
      let cursor = first.nextCursor;
      while (cursor) {
        const next = await this.api.get<ThreadPage>(path, { query: { cursor } });
        items.push(...next.items);
        cursor = next.nextCursor;
      }
      if (seq !== this.#seq) return;
      this.#page = { ...first, items, nextCursor: null };
      this.#loadError = undefined;
    } catch (error) {
      if (seq === this.#seq) this.#loadError = error;
    }
    this.requestUpdate();
  }

  #add(files: readonly File[]): void {
    this.#files = [...this.#files, ...files];
    this.requestUpdate();
  }

  #remove(index: number): void {
    this.#files = this.#files.filter((_, i) => i !== index);
    this.requestUpdate();
    void this.focusAfterRender('#thread-files');
  }

  async #send(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.#busy) return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = fieldText(data, 'text');
    this.#textMissing = !text;
    this.#sendError = undefined;
    this.#status = '';
    if (!text) {
      this.requestUpdate();
      return this.focusAfterRender('#thread-text');
    }
    this.#busy = true;
    this.requestUpdate();
    try {
      // Files already uploaded stay with the contact if the message then fails; a retry uploads none twice.
      for (const file of [...this.#files]) {
        this.#uploaded.push((await uploadAttachment(this.api, this.contactId, file)).id);
        this.#files = this.#files.filter((f) => f !== file);
      }
      const message = await this.api.post<ThreadMessage>(
        `/contacts/${encodeURIComponent(this.contactId)}/messages`,
        { text, internal: data.get('internal') === 'on', attachmentIds: this.#uploaded },
      );
      this.#uploaded = [];
      form.reset();
      if (this.#page && !this.#page.items.some((m) => m.id === message.id))
        this.#page = { ...this.#page, items: [...this.#page.items, message] };
      this.#status = this.t.thread.sent;
    } catch (error) {
      this.#sendError = error;
      if (toProblem(error).status === 409) void this.#load();
    }
    this.#busy = false;
    this.requestUpdate();
    await this.focusAfterRender(this.#sendError ? '#thread-error' : '#thread-text');
  }

  async #download(contactId: string, id: string, name: string): Promise<void> {
    try {
      const { blob, fileName } = await this.api.download(
        `/contacts/${encodeURIComponent(contactId)}/attachments/${encodeURIComponent(id)}`,
      );
      saveBlob(blob, fileName ?? name, this.renderRoot);
    } catch (error) {
      this.#sendError = error;
      this.requestUpdate();
    }
  }

  #context(): ThreadContext {
    return {
      t: this.t,
      locale: this.locale,
      files: this.#files,
      textMissing: this.#textMissing,
      busy: this.#busy,
      send: (e) => void this.#send(e),
      add: (files) => this.#add(files),
      remove: (i) => this.#remove(i),
      download: (contactId, id, name) => void this.#download(contactId, id, name),
    };
  }

  protected override render(): TemplateResult {
    const t = this.t;
    if (!this.hasCredentials) return html`${nothing}`;
    const page = this.#page;
    const ctx = this.#context();
    return html`<section class="thread" part="thread" aria-labelledby="thread-heading" data-testid="thread">
      <h4 id="thread-heading">${t.thread.heading}</h4>
      ${this.#loadError ? errorAlert(this.#loadError, t, () => void this.#load()) : nothing}
      ${
        page
          ? html`${
              page.items.length
                ? html`<ol class="messages" data-testid="thread-messages">
                    ${repeat(
                      page.items,
                      (m) => m.id,
                      (m) => renderThreadMessage(m, ctx),
                    )}
                  </ol>`
                : html`<p class="muted" data-testid="thread-empty">${t.thread.empty}</p>`
            }
            ${renderComposer(page, ctx)}`
          : !this.#loadError
            ? html`<p>${t.common.loading}</p>`
            : nothing
      }
      <div id="thread-error" tabindex="-1">${this.#sendError ? errorAlert(this.#sendError, t) : nothing}</div>
      <p class="sr-status" role="status" aria-live="polite" data-testid="thread-status">${this.#status}</p>
    </section>`;
  }
}

define('pl-contact-thread', PlContactThread);

declare global {
  interface HTMLElementTagNameMap {
    'pl-contact-thread': PlContactThread;
  }
}
