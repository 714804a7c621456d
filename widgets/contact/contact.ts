import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { PlActionCompletedEvent } from '../events/action-completed.ts';
import { PlContactSelectEvent } from '../events/contact-select.ts';
import { toProblem } from '../internal/api-client.ts';
import { attachmentIdsOf, type AttachmentRef, type PendingFile } from '../internal/attachment-files.ts';
import { saveBlob } from '../internal/download.ts';
import { PlElement } from '../internal/base-element.ts';
import { fileStyles } from '../internal/file-styles.ts';
import { baseStyles } from '../internal/styles.ts';
import type { StreamMessage } from '../internal/stream.ts';
import { agencyName, errorAlert } from '../internal/templates.ts';
import type { Agency, ContactAction, ContactView, Member, Spokesperson } from '../internal/types.ts';
import type { PlSlotPicker } from '../slot-picker/slot-picker.ts';
import {
  ACTION_FIELDS,
  ACTION_ORDER,
  DANGER_ACTIONS,
  issueErrors,
  readActionForm,
  type FieldErrorKind,
} from './action-fields.ts';
import { renderActionForm, type ActionContext } from './action-forms.ts';
import {
  renderBody,
  renderHeader,
  renderMessage,
  renderTimeline,
  type DetailContext,
  type Message,
} from './contact-details.ts';
import { contactStyles } from './contact.styles.ts';
import './thread.ts';

/**
 * @summary One press contact: what was asked, by whom, its status, deadlines (paused clocks shown as paused),
 * escalation, the answer or the draft, the decline ground, the history, and a form for exactly each action the
 * signed-in person may take now. A work appointment shows its questions, format, participants, the times on
 * the table, the agreed meeting (with "add to calendar", an `.ics` file), the result or the cancellation.
 * Follows live changes to the contact.
 *
 * @event pl-action-completed - An action succeeded; `event.contact` is the contact afterwards, `event.action` the action.
 * @event pl-contact-select - The person opened a linked (forwarded) contact (`event.contactId`); unless the host
 * cancels it, this element shows that contact.
 *
 * @csspart base - The article.
 * @csspart heading - The subject heading.
 * @csspart status - The status badge (`data-status` holds the machine value).
 * @csspart overdue-badge - The overdue badge.
 * @csspart escalation-badge - The escalation badge.
 * @csspart facts - The reporter / agency / assignee list.
 * @csspart answer - The approved answer.
 * @csspart kind - The kind badge.
 * @csspart proposal - The appointment times on the table.
 * @csspart meeting - The agreed meeting.
 * @csspart calendar-button - "Add to calendar".
 * @csspart result - The meeting's result.
 * @csspart draft - The draft answer (agency side only).
 * @csspart actions - The actions section.
 * @csspart action - One action's disclosure (`data-action` names the action).
 * @csspart action-button - An action's submit button.
 * @csspart timeline - The history.
 * @csspart thread - The message thread (`pl-contact-thread`).
 * @csspart error - Error boxes.
 *
 * @cssproperty --pl-color-primary - Buttons and accents.
 * @cssproperty --pl-color-danger - Errors, overdue, decline.
 * @cssproperty --pl-font-family - Font stack.
 * @cssproperty --pl-radius - Corner radius.
 */
export class PlContact extends PlElement {
  static override styles = [baseStyles, fileStyles, contactStyles];
  static override properties = { contactId: { attribute: 'contact-id', reflect: true } };

  /** The contact to show (its business id, e.g. `YC-7KQ2M9TXAB`). */
  declare contactId: string;

  #contact: ContactView | undefined;
  #loadError: unknown;
  #loadSeq = 0;
  #agencies: Agency[] | undefined;
  #members = new Map<string, Member[]>();
  #hosts = new Map<string, Spokesperson[]>();
  #errors: Record<string, FieldErrorKind> = {};
  /** The action on its way, and the contact it is for (the person may open another one meanwhile). */
  #busy: { contactId: string; action: ContactAction } | undefined;
  #message: Message | undefined;
  /** Files chosen in each action's picker (a draft answer's documents start there), until it succeeds. */
  #actionFiles = new Map<ContactAction, PendingFile[]>();
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #meetingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.contactId = '';
  }

  /** The contact as last loaded (read-only snapshot). */
  get contact(): ContactView | undefined {
    return this.#contact;
  }

  /** Reloads the contact from the API. */
  reload(): Promise<void> {
    return this.#load();
  }

  protected override credentialsChanged(): void {
    // Someone else signed in: what the last person did or typed wrong is not theirs.
    this.#message = undefined;
    this.#errors = {};
    void this.#load();
  }

  protected override updated(changed: PropertyValues): void {
    const credentials = ['apiBase', 'token', 'tokenProvider'].some((p) => changed.has(p));
    super.updated(changed);
    if (changed.has('contactId') && !credentials) void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#refreshTimer);
    clearTimeout(this.#meetingTimer);
  }

  protected override onStreamMessage(m: StreamMessage): void {
    const last = this.#contact?.timeline.at(-1)?.seq ?? 0;
    const mine = m.event !== 'reconnected' && m.data.contactId === this.contactId;
    if (m.event === 'reconnected' || (m.event === 'contact' && mine && m.data.seq > last)) {
      clearTimeout(this.#refreshTimer);
      this.#refreshTimer = setTimeout(() => void this.#load(true), 250);
    }
  }

  async #load(fromStream = false): Promise<void> {
    if (!this.contactId || !this.hasCredentials) return;
    const seq = ++this.#loadSeq;
    const id = this.contactId;
    if (this.#contact?.id !== id) {
      this.#contact = undefined;
      this.#message = undefined;
      this.#errors = {};
      this.#actionFiles.clear();
    }
    this.#loadError = undefined;
    this.requestUpdate();
    try {
      const before = this.#contact;
      const contact = await this.api.get<ContactView>(`/contacts/${encodeURIComponent(id)}`);
      if (seq !== this.#loadSeq) return;
      this.#contact = contact;
      if (fromStream && before && before.status !== contact.status && !this.#message)
        this.#message = { kind: 'updated' };
      this.#prepare(contact);
    } catch (error) {
      if (seq === this.#loadSeq) this.#loadError = error;
    }
    this.requestUpdate();
  }

  /** Loads what the allowed actions' forms need: agency names, members to assign to, hosts to choose. */
  #prepare(contact: ContactView): void {
    // What may be done changes when the meeting starts (its result can be recorded), and no event says so.
    clearTimeout(this.#meetingTimer);
    const start =
      contact.kind === 'appointment' && contact.status === 'scheduled'
        ? contact.meeting?.slot.start
        : undefined;
    const wait = start === undefined ? -1 : start - Date.now() + 1_000;
    if (wait > 0 && wait < 86_400_000) this.#meetingTimer = setTimeout(() => void this.#load(true), wait);
    if (!this.#agencies) {
      this.api.agencies().then(
        (agencies) => ((this.#agencies = agencies), this.requestUpdate()),
        () => undefined, // Names fall back to ids; the forward form then offers nothing to pick.
      );
    }
    const agency = encodeURIComponent(contact.agencyId);
    const needsHost = contact.allowedActions.some((a) => a === 'accept' || a === 'propose_time');
    if (needsHost && !this.#hosts.has(contact.agencyId)) {
      this.#hosts.set(contact.agencyId, []);
      this.api.get<{ items: Spokesperson[] }>(`/spokespersons?agencyId=${agency}`).then(
        (page) => (this.#hosts.set(contact.agencyId, page.items), this.requestUpdate()),
        (error: unknown) => (
          this.#hosts.delete(contact.agencyId),
          (this.#message = { kind: 'error', error }),
          this.requestUpdate()
        ),
      );
    }
    const needsMembers = contact.allowedActions.some((a) => a === 'assign' || a === 'reassign');
    if (needsMembers && !this.#members.has(contact.agencyId)) {
      this.api.get<{ items: Member[] }>(`/agencies/${agency}/members`).then(
        (page) => (this.#members.set(contact.agencyId, page.items), this.requestUpdate()),
        (error: unknown) => ((this.#message = { kind: 'error', error }), this.requestUpdate()),
      );
    }
  }

  async #submit(event: SubmitEvent, action: ContactAction): Promise<void> {
    event.preventDefault();
    const contact = this.#contact;
    if (!contact || this.#busy?.contactId === contact.id) return;
    const form = event.currentTarget as HTMLFormElement;
    const { payload, errors } = readActionForm(action, new FormData(form), {
      members: this.#members.get(contact.agencyId),
    });
    this.#errors = errors;
    this.#message = undefined;
    const picker = form.querySelector<PlSlotPicker>('pl-slot-picker');
    // Its code loads when the form first shows it: a submit in the moment before it arrives waits for it.
    if (picker && !customElements.get('pl-slot-picker')) await customElements.whenDefined('pl-slot-picker');
    const slotsOk = picker ? picker.check() : true;
    if (payload && picker) payload['slots'] = picker.value;
    const invalid = Object.keys(errors)[0];
    if (!slotsOk && !invalid) return this.requestUpdate();
    if (!payload || invalid) {
      this.requestUpdate();
      await this.focusAfterRender(`form[data-action="${action}"] [name="${invalid?.split('.')[1] ?? ''}"]`);
      return;
    }
    const busy = { contactId: contact.id, action };
    this.#busy = busy;
    this.requestUpdate();
    const shown = await this.#send(contact, action, payload, form, picker);
    // Another action sent since (on the contact opened meanwhile) is still on its way.
    if (this.#busy === busy) this.#busy = undefined;
    this.requestUpdate();
    // Focus stays where the person is working now if they moved on to another contact.
    if (shown) await this.focusAfterRender('#message');
  }

  /**
   * Sends `action` on `contact` and shows the outcome; returns false when the person had opened another contact
   * before the answer came. That contact's panel then shows neither this answer nor its errors (its forms may be
   * the same elements), only a notice naming `contact`; hosts still hear of a success, to refresh their lists.
   */
  async #send(
    contact: ContactView,
    action: ContactAction,
    payload: Record<string, unknown>,
    form: HTMLFormElement,
    picker: PlSlotPicker | null,
  ): Promise<boolean> {
    const elsewhere = {
      kind: 'elsewhere',
      contactId: contact.id,
      action,
      contactKind: contact.kind,
    } as const;
    try {
      const attachmentIds = ACTION_FIELDS[action].some((f) => f.kind === 'files')
        ? await this.#uploadFiles(contact.id, action)
        : [];
      if (attachmentIds.length) payload['attachmentIds'] = attachmentIds;
      const next = await this.api.post<ContactView>(
        `/contacts/${encodeURIComponent(contact.id)}/actions/${action}`,
        payload,
      );
      const shown = this.#shows(contact.id);
      if (shown) {
        this.#contact = next;
        form.reset();
        picker?.reset();
        this.#actionFiles.delete(action);
        this.#message = { kind: 'success', action, contactKind: next.kind };
        this.#prepare(next);
      } else {
        this.#message = elsewhere;
      }
      this.emit(new PlActionCompletedEvent(next, action));
      return shown;
    } catch (error) {
      if (!this.#shows(contact.id)) {
        this.#message = { ...elsewhere, error };
        return false;
      }
      const p = toProblem(error);
      this.#message = { kind: 'error', error };
      // Someone else moved the case on: show what it is now.
      if (p.status === 409 || p.status === 404) void this.#load();
      this.#errors = issueErrors(action, p.issues);
      picker?.showIssues(p.issues, 'slots');
      return true;
    }
  }

  /** Whether the contact `id` is still the one shown (the host may have set another `contact-id`). */
  #shows(id: string): boolean {
    return this.contactId === id;
  }

  /** The files of an action's picker, as the ids to send: the chosen ones uploaded first (each once). */
  #uploadFiles(contactId: string, action: ContactAction): Promise<string[]> {
    const pending = this.#filesOf(action);
    return attachmentIdsOf(this.api, contactId, pending, (index, stored) => {
      pending[index] = { stored };
      // Not into the picker of a contact opened meanwhile: these files belong to `contactId`.
      if (this.#shows(contactId)) this.#actionFiles.set(action, [...pending]);
    });
  }

  /** The picker's files; a draft answer's documents are offered again with its text. */
  #filesOf(action: ContactAction): PendingFile[] {
    const c = this.#contact;
    if (!this.#actionFiles.has(action)) {
      const draft =
        action === 'submit_answer' && c?.kind === 'information_request' ? (c.draftAttachments ?? []) : [];
      this.#actionFiles.set(
        action,
        draft.map((stored) => ({ stored })),
      );
    }
    return this.#actionFiles.get(action)!;
  }

  #pickerContext(): ActionContext['files'] {
    return {
      of: (action) => this.#filesOf(action),
      add: (action, files) => {
        this.#actionFiles.set(action, [...this.#filesOf(action), ...files.map((file) => ({ file }))]);
        this.requestUpdate();
      },
      remove: (action, index) => {
        this.#actionFiles.set(
          action,
          this.#filesOf(action).filter((_, i) => i !== index),
        );
        this.requestUpdate();
        void this.focusAfterRender(`#${action}-attachmentIds`);
      },
    };
  }

  /** Saves one of the contact's files (fetched with the bearer token, which a link cannot carry). */
  async #download(file: AttachmentRef): Promise<void> {
    const c = this.#contact;
    if (!c) return;
    try {
      const { blob, fileName } = await this.api.download(
        `/contacts/${encodeURIComponent(c.id)}/attachments/${encodeURIComponent(file.id)}`,
      );
      saveBlob(blob, fileName ?? file.name, this.renderRoot);
    } catch (error) {
      this.#message = { kind: 'error', error };
      this.requestUpdate();
    }
  }

  /** Opens a linked contact here, unless the host takes it (cancelling `pl-contact-select`). */
  #open(id: string): void {
    if (this.emit(new PlContactSelectEvent(id))) this.contactId = id;
  }

  /** The meeting as an `.ics` file: fetched with the bearer token (a link cannot carry it), then saved. */
  async #addToCalendar(): Promise<void> {
    const c = this.#contact;
    if (!c) return;
    try {
      const { blob, fileName } = await this.api.download(
        `/contacts/${encodeURIComponent(c.id)}/calendar.ics`,
      );
      saveBlob(blob, fileName ?? `${c.id}.ics`, this.renderRoot);
      this.#message = { kind: 'info', text: this.t.appt.downloaded };
    } catch (error) {
      this.#message = { kind: 'error', error };
    }
    this.requestUpdate();
  }

  #renderActions(c: ContactView, ctx: DetailContext): TemplateResult {
    const actions = ACTION_ORDER.filter((a) => c.allowedActions.includes(a));
    // The step that moves the case on starts open; a destructive one never does.
    const primary = actions.find((a) => !DANGER_ACTIONS.includes(a));
    const formCtx = {
      ...ctx,
      contact: c,
      members: this.#members.get(c.agencyId),
      agencies: this.#agencies,
      errors: this.#errors,
      busy: this.#busy?.contactId === c.id ? this.#busy.action : undefined,
      hosts: this.#hosts.get(c.agencyId),
      auth: { apiBase: this.apiBase, token: this.token, tokenProvider: this.tokenProvider },
      files: this.#pickerContext(),
    };
    return html`<section
      class="actions"
      part="actions"
      aria-labelledby="actions-heading"
      data-testid="actions"
    >
      <h4 id="actions-heading">${this.t.contact.actions}</h4>
      ${
        actions.length
          ? repeat(
              actions,
              (a) => a,
              (a) => renderActionForm(a, formCtx, a === primary, (e, action) => void this.#submit(e, action)),
            )
          : html`<p class="muted" data-testid="no-actions">${this.t.contact.noActions}</p>`
      }
    </section>`;
  }

  /** The contact's messages (`pl-contact-thread`, same credentials). */
  #renderThread(c: ContactView): TemplateResult {
    return html`<pl-contact-thread
      part="thread"
      contact-id=${c.id}
      .apiBase=${this.apiBase}
      .token=${this.token}
      .tokenProvider=${this.tokenProvider}
    ></pl-contact-thread>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    if (!this.hasCredentials) return html`<div class="alert"><p>${t.common.signInRequired}</p></div>`;
    const c = this.#contact;
    const agencies = this.#agencies;
    const ctx: DetailContext = {
      t,
      locale: this.locale,
      agencyName: (id) => agencyName(agencies, id, this.locale),
      kind: c?.kind ?? 'information_request',
      download: (file) => void this.#download(file),
    };
    const handlers = {
      open: (id: string) => this.#open(id),
      addToCalendar: () => void this.#addToCalendar(),
    };
    return html`<article
      part="base"
      aria-labelledby="subject"
      data-testid="contact"
      data-contact-id=${c?.id ?? nothing}
      data-status=${c?.status ?? nothing}
    >
      ${c ? html`${renderHeader(c, ctx)}${renderBody(c, ctx, handlers)}` : nothing}
      <div id="message" class="message" role="status" aria-live="polite" tabindex="-1" data-testid="message">
        ${!c && !this.#loadError && this.contactId ? html`<p>${t.common.loading}</p>` : nothing}${renderMessage(this.#message, t)}
      </div>
      ${this.#loadError ? errorAlert(this.#loadError, t, () => void this.#load()) : nothing}
      ${c ? html`${this.#renderActions(c, ctx)}${this.#renderThread(c)}${renderTimeline(c.timeline, ctx)}` : nothing}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-contact': PlContact;
  }
}
