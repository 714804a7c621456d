import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { isAbort } from '../internal/api-client.ts';
import { PlElement } from '../internal/base-element.ts';
import { ContactCreation } from '../internal/contact-creation.ts';
import { createdPanel, problemBox, formSection } from '../internal/contact-form-templates.ts';
import { contactFormStyles } from '../internal/contact-form.styles.ts';
import { describeProblem } from '../internal/i18n.ts';
import { baseStyles } from '../internal/styles.ts';
import type { Journalist, Me, Spokesperson } from '../internal/types.ts';
import { vnParts } from '../internal/work-calendar.ts';
import {
  issueErrors,
  MAX_AGE_DAYS,
  readWalkInForm,
  type VisitorMode,
  type WalkInError,
  type WalkInField,
} from './read-walk-in.ts';
import { visitorFields } from './visitor-fields.ts';
import { visitFields } from './walk-in-form.templates.ts';
import { walkInFormStyles } from './walk-in-form.styles.ts';
import { serverErrorText } from '../internal/server-field-errors.ts';

/** Who may receive a reporter: the agency's head, spokespersons and authorized persons in office. */
const HOST_ROLE_TYPES = ['head', 'spokesperson', 'authorized'];

/**
 * @summary Agency staff record a walk-in visit: a reporter came in person and was received at once. The reporter
 * is found in the journalist registry (by name or press card number) or described as they introduced
 * themselves; then the time of the visit (Vietnam time, not in the future), the subject, what was discussed and
 * who received them. The result is recorded afterwards on the contact (`pl-contact`).
 *
 * @event pl-contact-created - The visit was recorded; `event.contact` is the new contact.
 *
 * @csspart base - The wrapping section.
 * @csspart heading - The heading.
 * @csspart form - The form.
 * @csspart submit-button - The send button.
 * @csspart success - The confirmation shown after recording.
 * @csspart status - The status badge in the confirmation.
 * @csspart error - The error box.
 *
 * @cssproperty --pl-color-primary - Buttons and accents.
 * @cssproperty --pl-font-family - Font stack (inherits a Vietnamese-capable default).
 * @cssproperty --pl-radius - Corner radius of controls.
 */
export class PlWalkInForm extends PlElement {
  static override styles = [baseStyles, contactFormStyles, walkInFormStyles];
  static override properties = { agencyId: { attribute: 'agency-id', reflect: true } };

  /** The agency receiving the reporter (its id); the signed-in person's own agency when empty. */
  declare agencyId: string;

  #me: Me | undefined;
  #hosts: Spokesperson[] | undefined;
  /** The latest load of `/me` and of the hosts: an answer for another person or agency arriving late is dropped. */
  #session = 0;
  #hostsSeq = 0;
  #loadError: unknown;
  #mode: VisitorMode = 'registered';
  #results: Journalist[] | undefined;
  #searching = false;
  #searchError: unknown;
  #searchSeq = 0;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #chosen: Journalist | undefined;
  #contentLength = 0;
  /** Recording the visit: one Idempotency-Key per filled-in form, so a retry never records it twice. */
  #creation = new ContactCreation<WalkInField, WalkInError>(this, {
    api: () => this.api,
    focus: (selector) => this.focusAfterRender(selector),
    issueErrors,
    focusTarget: (field) => this.#focusTarget(field),
  });

  constructor() {
    super();
    this.agencyId = '';
  }

  get #agency(): string {
    return this.agencyId || this.#me?.agencyId || '';
  }

  protected override credentialsChanged(): void {
    // Another person signed in: start from a clean form.
    this.#session++;
    this.#hostsSeq++;
    this.#me = this.#hosts = this.#loadError = undefined;
    this.#results = this.#chosen = this.#searchError = undefined;
    this.#creation.clear();
    this.requestUpdate();
    if (this.hasCredentials) void this.#load();
  }

  protected override updated(changed: PropertyValues): void {
    const auth = ['apiBase', 'token', 'tokenProvider'].some((p) => changed.has(p));
    super.updated(changed);
    // The host may name the agency after the first load, or change it: that agency's hosts, not the last one's.
    if (changed.has('agencyId') && !auth && this.#me) void this.#loadHosts();
  }

  async #load(): Promise<void> {
    const session = this.#session;
    try {
      const me = await this.api.me();
      if (session !== this.#session) return;
      this.#me = me;
    } catch (error) {
      if (session !== this.#session) return;
      if (!isAbort(error)) this.#loadError = error;
      this.requestUpdate();
      return;
    }
    await this.#loadHosts();
  }

  /** Who may receive a reporter at the current agency (none to load without an agency). */
  async #loadHosts(): Promise<void> {
    const seq = ++this.#hostsSeq;
    const agency = this.#agency;
    this.#hosts = this.#loadError = undefined;
    this.requestUpdate();
    if (!agency) return;
    try {
      const page = await this.api.get<{ items: Spokesperson[] }>('/spokespersons', {
        query: { agencyId: agency },
      });
      if (seq !== this.#hostsSeq) return;
      const today = vnParts(Date.now()).date;
      this.#hosts = page.items.filter(
        (s) =>
          HOST_ROLE_TYPES.includes(s.roleType) && s.termStart <= today && (!s.termEnd || today <= s.termEnd),
      );
    } catch (error) {
      if (seq !== this.#hostsSeq) return;
      if (!isAbort(error)) this.#loadError = error;
    }
    this.requestUpdate();
  }

  #queryInput(): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>('[name="journalistQuery"]');
  }

  async #search(): Promise<void> {
    clearTimeout(this.#searchTimer);
    const q = this.#queryInput()?.value.trim().normalize('NFC') ?? '';
    const seq = ++this.#searchSeq;
    if (q.length < 2) {
      this.#results = undefined;
      this.#searching = false;
      this.requestUpdate();
      return;
    }
    this.#searching = true;
    this.#searchError = undefined;
    this.requestUpdate();
    try {
      const page = await this.api.get<{ items: Journalist[] }>('/journalists', { query: { q } });
      if (seq !== this.#searchSeq) return;
      this.#results = page.items;
    } catch (error) {
      if (seq !== this.#searchSeq) return;
      this.#results = undefined;
      this.#searchError = error;
    }
    this.#searching = false;
    this.requestUpdate();
  }

  #onQuery(): void {
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => void this.#search(), 350);
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    await this.#creation.submit(
      form,
      () => readWalkInForm(form, this.#mode, this.#agency, Date.now()),
      () => {
        this.#results = this.#chosen = undefined;
        this.#contentLength = 0;
      },
    );
  }

  #focusTarget(field: WalkInField): string {
    if (field !== 'journalistId') return `[name="${field}"]`;
    return this.#results?.length || this.#chosen ? '[name="journalistId"]' : '[name="journalistQuery"]';
  }

  #errorText(e: WalkInError | undefined): string | undefined {
    if (!e) return undefined;
    const v = this.t.validation;
    switch (e.kind) {
      case 'choose':
        return v.choose;
      case 'required':
        return v.required;
      case 'future':
        return this.t.walkIn.future;
      case 'tooOld':
        return this.t.walkIn.tooOld(MAX_AGE_DAYS);
      case 'length':
        return v.length(e.limit.min ?? 1, e.limit.max);
      case 'server':
        return serverErrorText(e, this.locale, v.refused);
    }
  }

  get #errorTexts(): Partial<Record<WalkInField, string>> {
    const out: Partial<Record<WalkInField, string>> = {};
    for (const [field, e] of Object.entries(this.#creation.errors))
      out[field as WalkInField] = this.#errorText(e);
    return out;
  }

  #renderForm(): TemplateResult {
    const t = this.t;
    const creation = this.#creation;
    const errors = this.#errorTexts;
    return html`<form
      part="form"
      novalidate
      data-testid="walk-in-form"
      @submit=${this.#submit}
      @input=${creation.onEdit}
      @change=${creation.onEdit}
    >
      ${visitorFields({
        t,
        mode: this.#mode,
        results: this.#results,
        searching: this.#searching,
        chosen: this.#chosen,
        searchError: this.#searchError ? describeProblem(this.#searchError, t) : undefined,
        errors,
        onMode: (mode) => ((this.#mode = mode), (creation.errors = {}), this.requestUpdate()),
        onSearch: () => void this.#search(),
        onQuery: () => this.#onQuery(),
        onChoose: (j) => ((this.#chosen = j), this.requestUpdate()),
      })}
      ${visitFields({
        t,
        errors,
        now: Date.now(),
        contentLength: this.#contentLength,
        hosts: this.#hosts,
        loadingHosts: this.hasCredentials && !this.#hosts && !this.#loadError,
        onContent: (length) => ((this.#contentLength = length), this.requestUpdate()),
      })}
      ${creation.problem ? problemBox(creation.problem, t, this.locale) : nothing}
      <div class="actions">
        <button
          type="submit"
          class="btn"
          part="submit-button"
          data-testid="submit"
          ?disabled=${creation.submitting}
        >
          ${creation.submitting ? t.walkIn.submitting : t.walkIn.submit}
        </button>
      </div>
    </form>`;
  }

  #body(): TemplateResult {
    const t = this.t;
    if (!this.hasCredentials) return html`<div class="alert"><p>${t.common.signInRequired}</p></div>`;
    if (this.#loadError)
      return html`<div class="alert error" part="error" role="alert" data-testid="error">
        <p>${describeProblem(this.#loadError, t)}</p>
        <button type="button" class="btn secondary" @click=${() => this.credentialsChanged()}>
          ${t.common.retry}
        </button>
      </div>`;
    if (this.#me && !this.#agency)
      return html`<div class="alert" data-testid="no-agency"><p>${t.walkIn.noAgency}</p></div>`;
    const created = this.#creation.created;
    if (!created) return this.#renderForm();
    const w = t.walkIn;
    return createdPanel(
      created,
      t,
      this.locale,
      {
        created: w.created,
        clock: 'record_result',
        dueLabel: w.recordBy,
        another: w.another,
        anotherTestId: 'new-visit',
      },
      () => this.#creation.another('[name="visitorMode"]'),
    );
  }

  protected override render(): TemplateResult {
    const { errors, submitting, created } = this.#creation;
    return formSection(
      this.t.walkIn,
      { submitting, created, hasErrors: Object.keys(errors).length > 0 },
      this.t.validation.summary,
      this.#body(),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-walk-in-form': PlWalkInForm;
  }
}
