import { html, nothing, type TemplateResult } from 'lit';
import { PlContactCreatedEvent } from '../events/contact-created.ts';
import { ApiProblem, isAbort } from '../internal/api-client.ts';
import { PlElement } from '../internal/base-element.ts';
import { contactFormStyles } from '../internal/contact-form.styles.ts';
import { baseStyles } from '../internal/styles.ts';
import { describeProblem } from '../internal/i18n.ts';
import { agencyOptions, newIdempotencyKey } from '../internal/templates.ts';
import type { Agency, ContactKind, ContactView, Me } from '../internal/types.ts';
import type { PlSlotPicker } from '../slot-picker/slot-picker.ts';
import { appointmentFields, kindChoice, mayRequestInformation } from './appointment-fields.ts';
import { LIMITS, readContactForm, type Errors, type Field } from './read-form.ts';
import { createdPanel, eligibilityNotice, problemBox } from './request-form.templates.ts';
import { requestFormStyles } from './request-form.styles.ts';

/**
 * @summary A journalist's contact with an agency: an online information request (resident reporters of the
 * agency's province: a subject and a question) or a work appointment proposal (any journalist: subject,
 * questions, format, participants and one to five meeting times on working days within office hours).
 * Reporters who may not send an information request are offered the appointment only, and told why.
 *
 * @event pl-contact-created - The request was accepted; `event.contact` is the new contact.
 *
 * @csspart base - The wrapping section.
 * @csspart heading - The heading.
 * @csspart form - The form.
 * @csspart submit-button - The send button.
 * @csspart success - The confirmation shown after sending.
 * @csspart status - The status badge in the confirmation.
 * @csspart error - The error box.
 *
 * @cssproperty --pl-color-primary - Buttons and accents.
 * @cssproperty --pl-font-family - Font stack (inherits a Vietnamese-capable default).
 * @cssproperty --pl-radius - Corner radius of controls.
 */
export class PlRequestForm extends PlElement {
  static override styles = [baseStyles, contactFormStyles, requestFormStyles];
  static override properties = { agencyId: { attribute: 'agency-id', reflect: true } };

  /** The agency to preselect (its id), e.g. on an agency's own page. */
  declare agencyId: string;

  #agencies: Agency[] | undefined;
  #agenciesError: unknown;
  #me: Me | undefined;
  #errors: Errors = {};
  #lengths = { subject: 0, question: 0, questions: 0 };
  /** The kind chosen; undefined until the person chooses (then the default follows eligibility). */
  #chosenKind: ContactKind | undefined;
  #selectedAgency = '';
  #submitting = false;
  #problem: unknown;
  #created: ContactView | undefined;
  /** The key of the last attempt, reused when the same request is retried after no answer. */
  #attempt: { key: string; fingerprint: string } | undefined;

  constructor() {
    super();
    this.agencyId = '';
  }

  protected override credentialsChanged(): void {
    // Another person signed in: start from a clean form.
    this.#created = this.#problem = this.#attempt = this.#me = this.#chosenKind = undefined;
    if (!this.hasCredentials) return;
    void this.#loadAgencies();
    this.api.get<Me>('/me').then(
      (me) => ((this.#me = me), this.requestUpdate()),
      () => undefined, // Only used for an early hint; the submission itself is authoritative.
    );
  }

  async #loadAgencies(): Promise<void> {
    this.#agenciesError = undefined;
    try {
      const collator = new Intl.Collator('vi');
      this.#agencies = [...(await this.api.agencies())].sort((a, b) => collator.compare(a.name, b.name));
    } catch (error) {
      if (!isAbort(error)) this.#agenciesError = error;
    }
    this.requestUpdate();
  }

  get #agency(): Agency | undefined {
    return this.#agencies?.find((a) => a.id === (this.#selectedAgency || this.agencyId));
  }

  /** May send an information request to the chosen agency (before `/me` is known: assume so). */
  get #irAllowed(): boolean {
    return !this.#me || mayRequestInformation(this.#me, this.#agency);
  }

  /** The kind in force: the person's choice if still allowed, else what they may send. */
  get #kind(): ContactKind {
    if (!this.#irAllowed) return 'appointment';
    return this.#chosenKind ?? 'information_request';
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.#submitting) return;
    const form = event.currentTarget as HTMLFormElement;
    const { body, errors } = readContactForm(this.#kind, form);
    this.#errors = errors;
    this.#problem = undefined;
    const invalid = Object.keys(this.#errors)[0];
    const picker = this.renderRoot.querySelector<PlSlotPicker>('pl-slot-picker');
    // Its code loads when the form first shows it: a submit in the moment before it arrives waits for it.
    if (picker && !customElements.get('pl-slot-picker')) await customElements.whenDefined('pl-slot-picker');
    if (invalid) {
      picker?.check();
      this.requestUpdate();
      await this.focusAfterRender(`[name="${invalid}"]`);
      return;
    }
    if (picker) {
      if (!picker.check()) return this.requestUpdate();
      body['proposedSlots'] = picker.value;
    }
    const fingerprint = JSON.stringify(body);
    if (this.#attempt?.fingerprint !== fingerprint) this.#attempt = { key: newIdempotencyKey(), fingerprint };
    this.#submitting = true;
    this.requestUpdate();
    try {
      const contact = await this.api.post<ContactView>('/contacts', body, {
        headers: { 'idempotency-key': this.#attempt.key },
      });
      this.#created = contact;
      this.#attempt = undefined;
      this.#lengths = { subject: 0, question: 0, questions: 0 };
      form.reset();
      picker?.reset();
      this.emit(new PlContactCreatedEvent(contact));
      this.#submitting = false;
      this.requestUpdate();
      await this.focusAfterRender('#created');
    } catch (error) {
      // Without an answer the request may or may not have been stored: keep the key so a retry is deduplicated.
      if (!(error instanceof ApiProblem && error.retryable)) this.#attempt = undefined;
      if (error instanceof ApiProblem) picker?.showIssues(error.issues, 'proposedSlots');
      this.#problem = error;
      this.#submitting = false;
      this.requestUpdate();
      await this.focusAfterRender('#problem');
    }
  }

  #another(): void {
    this.#created = undefined;
    this.requestUpdate();
    void this.focusAfterRender('[name="agencyId"]');
  }

  #onInput(event: InputEvent): void {
    const target = event.target as HTMLInputElement | HTMLTextAreaElement;
    if (target.name === 'subject' || target.name === 'question' || target.name === 'questions') {
      this.#lengths[target.name] = target.value.trim().length;
      this.requestUpdate();
    } else if (target.name === 'agencyId') {
      this.#selectedAgency = target.value;
      this.requestUpdate();
    }
  }

  #errorText(field: Field): string {
    return this.#errors[field] === 'choose' || field === 'agencyId' || field === 'format'
      ? this.t.validation.choose
      : this.t.validation.length(LIMITS[field].min, LIMITS[field].max);
  }

  #errorFor(field: Field): TemplateResult | typeof nothing {
    if (!this.#errors[field]) return nothing;
    const text = this.#errorText(field);
    return html`<p class="field-error" id="${field}-error" data-testid="${field}-error">${text}</p>`;
  }

  #describedBy(field: Field, hint: string): string | typeof nothing {
    return [hint, this.#errors[field] ? `${field}-error` : ''].filter(Boolean).join(' ') || nothing;
  }

  /** The words that differ between the two kinds: heading, intro, the send button. */
  get #texts() {
    const t = this.t;
    return (this.#created?.kind ?? this.#kind) === 'appointment'
      ? {
          heading: t.appt.heading,
          intro: t.appt.intro,
          submit: t.appt.submit,
          submitting: t.appt.submitting,
          created: t.appt.created,
        }
      : t.form;
  }

  #renderForm(): TemplateResult {
    const t = this.t;
    const kind = this.#kind;
    const texts = this.#texts;
    const loading = this.hasCredentials && !this.#agencies && !this.#agenciesError;
    return html`<form
      part="form"
      novalidate
      data-testid="request-form"
      @submit=${this.#submit}
      @input=${this.#onInput}
    >
      <div class="field">
        <label for="agency">${t.field.agency}</label>
        <select
          id="agency"
          name="agencyId"
          required
          data-testid="agency"
          aria-invalid=${!!this.#errors.agencyId}
          aria-describedby=${this.#describedBy('agencyId', '')}
          ?disabled=${loading}
        >
          <option value="">${loading ? t.common.loading : t.field.chooseAgency}</option>
          ${agencyOptions(this.#agencies ?? [], this.agencyId, t, this.locale)}
        </select>
        ${this.#errorFor('agencyId')}
        ${this.#agenciesError ? html`<p class="field-error">${describeProblem(this.#agenciesError, t)}</p>` : nothing}
      </div>
      <div class="field">
        <label for="subject">${t.field.subject}</label>
        <input
          id="subject"
          name="subject"
          required
          minlength=${LIMITS.subject.min}
          maxlength=${LIMITS.subject.max}
          autocomplete="off"
          data-testid="subject"
          aria-invalid=${!!this.#errors.subject}
          aria-describedby=${this.#describedBy('subject', 'subject-hint')}
        />
        <p class="hint" id="subject-hint">${t.field.subjectHint}</p>
        ${this.#errorFor('subject')}
      </div>
      ${kindChoice(t, kind, this.#irAllowed, (k) => ((this.#chosenKind = k), (this.#errors = {}), this.requestUpdate()))}
      ${
        kind === 'appointment'
          ? appointmentFields({
              t,
              apiBase: this.apiBase,
              token: this.token,
              tokenProvider: this.tokenProvider,
              errors: Object.fromEntries(
                (['questions', 'format', 'participants'] as const)
                  .filter((f) => this.#errors[f])
                  .map((f) => [f, this.#errorText(f)]),
              ),
              questionsLength: this.#lengths.questions,
            })
          : this.#questionField()
      }
      ${this.#problem ? problemBox(this.#problem, t) : nothing}
      <div class="actions">
        <button
          type="submit"
          class="btn"
          part="submit-button"
          data-testid="submit"
          ?disabled=${this.#submitting}
        >
          ${this.#submitting ? texts.submitting : texts.submit}
        </button>
      </div>
    </form>`;
  }

  #questionField(): TemplateResult {
    const t = this.t;
    return html`<div class="field">
      <label for="question">${t.field.question}</label>
      <textarea
        id="question"
        name="question"
        required
        minlength=${LIMITS.question.min}
        maxlength=${LIMITS.question.max}
        rows="8"
        data-testid="question"
        aria-invalid=${!!this.#errors.question}
        aria-describedby=${this.#describedBy('question', 'question-hint')}
      ></textarea>
      <p class="hint" id="question-hint">${t.field.questionHint}</p>
      <p class="hint counter" aria-hidden="true">
        ${t.common.chars(this.#lengths.question, LIMITS.question.max)}
      </p>
      ${this.#errorFor('question')}
    </div>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const summary = Object.keys(this.#errors).length ? t.validation.summary : '';
    const texts = this.#texts;
    return html`<section part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${texts.heading}</h2>
      <p class="hint">${texts.intro}</p>
      ${this.hasCredentials ? eligibilityNotice(this.#me, t) : html`<div class="alert"><p>${t.common.signInRequired}</p></div>`}
      <p class="status-line sr-only" role="status" aria-live="polite" data-testid="form-status">
        ${this.#submitting ? texts.submitting : this.#created ? texts.created : summary}
      </p>
      ${this.#created ? createdPanel(this.#created, t, this.locale, () => this.#another()) : this.#renderForm()}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-request-form': PlRequestForm;
  }
}
