import { html, nothing, type TemplateResult } from 'lit';
import { isAbort, toProblem } from '../internal/api-client.ts';
import { PlElement } from '../internal/base-element.ts';
import { ContactCreation, type ReadForm } from '../internal/contact-creation.ts';
import { describedBy, fieldError } from '../internal/contact-form-templates.ts';
import { contactFormStyles } from '../internal/contact-form.styles.ts';
import { baseStyles } from '../internal/styles.ts';
import { describeProblem } from '../internal/i18n.ts';
import { agencyOptions } from '../internal/templates.ts';
import type { Agency, ContactKind, Me } from '../internal/types.ts';
import type { PlSlotPicker } from '../slot-picker/slot-picker.ts';
import { appointmentFields, kindChoice, mayRequestInformation } from './appointment-fields.ts';
import { issueErrors, LIMITS, readContactForm, type Field, type FieldError } from './read-form.ts';
import { createdPanel, eligibilityNotice, problemBox } from './request-form.templates.ts';
import { requestFormStyles } from './request-form.styles.ts';
import { serverErrorText } from '../internal/server-field-errors.ts';

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
  /** Whether `/me` has answered (or failed) for the person signed in now; `#meSeq` tells their load apart. */
  #meKnown = false;
  #meSeq = 0;
  #lengths = { subject: 0, question: 0, questions: 0 };
  /** The kind chosen; undefined until the person chooses (then the default follows eligibility). */
  #chosenKind: ContactKind | undefined;
  #selectedAgency = '';
  /** Sending the request: one Idempotency-Key per filled-in form, so a retry never sends it twice. */
  #creation = new ContactCreation<Field, FieldError>(this, {
    api: () => this.api,
    // '' for the proposed times: the slot picker has focused its first wrong time itself (`check()`).
    focus: (selector) => (selector ? this.focusAfterRender(selector) : Promise.resolve()),
    issueErrors,
    focusTarget: (field) => (field === 'proposedSlots' ? '' : `[name="${field}"]`),
  });

  constructor() {
    super();
    this.agencyId = '';
  }

  protected override credentialsChanged(): void {
    // Another person signed in: start from a clean form.
    this.#me = this.#chosenKind = undefined;
    this.#meKnown = false;
    this.#creation.clear();
    if (!this.hasCredentials) return;
    void this.#loadAgencies();
    void this.#loadMe();
  }

  async #loadMe(): Promise<void> {
    const seq = ++this.#meSeq;
    let me: Me | undefined;
    try {
      me = await this.api.get<Me>('/me');
    } catch {
      // Then the form offers the information request; the API has the last word when it is sent.
    }
    if (seq !== this.#meSeq) return;
    this.#me = me;
    this.#meKnown = true;
    this.requestUpdate();
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

  /** May send an information request to the chosen agency (before or without `/me`: assume so). */
  get #irAllowed(): boolean {
    return !this.#me || mayRequestInformation(this.#me, this.#agency);
  }

  /**
   * Whether the kind in force is settled: `/me` says who may send an information request and the agencies say
   * where a preset agency is. Until then the kind's fields are disabled (they keep their place, so the page does
   * not jump), so nothing typed in the question box is lost when the kind turns out to be an appointment (the two
   * kinds ask in different boxes). Signed out, nothing loads: the form shows as for an information request.
   */
  get #kindKnown(): boolean {
    if (!this.hasCredentials) return true;
    return this.#meKnown && (this.#agencies !== undefined || this.#agenciesError !== undefined);
  }

  /** The kind in force: the person's choice if still allowed, else what they may send. */
  get #kind(): ContactKind {
    if (!this.#irAllowed) return 'appointment';
    return this.#chosenKind ?? 'information_request';
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.#kindKnown) return;
    const form = event.currentTarget as HTMLFormElement;
    const picker = this.renderRoot.querySelector<PlSlotPicker>('pl-slot-picker');
    // Its code loads when the form first shows it: a submit in the moment before it arrives waits for it.
    if (picker && !customElements.get('pl-slot-picker')) await customElements.whenDefined('pl-slot-picker');
    const creation = this.#creation;
    await creation.submit(
      form,
      () => this.#read(form, picker),
      () => {
        this.#lengths = { subject: 0, question: 0, questions: 0 };
        picker?.reset();
      },
    );
    // The API's reasons for refusing proposed times go on their rows.
    if (creation.problem) picker?.showIssues(toProblem(creation.problem).issues, 'proposedSlots');
  }

  /** The body for the kind in force, with the slot picker's times (it shows what is wrong with them itself). */
  #read(form: HTMLFormElement, picker: PlSlotPicker | null): ReadForm<Field, FieldError> {
    const { body, errors } = readContactForm(this.#kind, form);
    if (picker?.check()) body['proposedSlots'] = picker.value;
    else if (picker) errors.proposedSlots = { kind: 'picker' };
    return { body, errors };
  }

  #onInput(event: InputEvent): void {
    this.#creation.onEdit(event);
    const target = event.target as HTMLInputElement | HTMLTextAreaElement;
    if (target.name === 'subject' || target.name === 'question' || target.name === 'questions') {
      this.#lengths[target.name] = target.value.trim().length;
      this.requestUpdate();
    } else if (target.name === 'agencyId') {
      this.#selectedAgency = target.value;
      this.requestUpdate();
    }
  }

  #errorText(field: Exclude<Field, 'proposedSlots'>): string | undefined {
    const e = this.#creation.errors[field];
    if (!e) return undefined;
    const v = this.t.validation;
    // A schema's refusal of a text whose length was checked here is the text policy's, whose usual cause is a
    // hidden character pasted from another document.
    if (e.kind === 'server')
      return serverErrorText(
        e,
        this.locale,
        field === 'agencyId' || field === 'format' ? v.choose : v.hiddenCharacter,
      );
    if (e.kind === 'choose' || field === 'agencyId' || field === 'format') return v.choose;
    return v.length(LIMITS[field].min, LIMITS[field].max);
  }

  /** The words that differ between the two kinds: heading, intro, the send button. */
  get #texts() {
    const t = this.t;
    return (this.#creation.created?.kind ?? this.#kind) === 'appointment'
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
    const creation = this.#creation;
    const texts = this.#texts;
    const loading = this.hasCredentials && !this.#agencies && !this.#agenciesError;
    const known = this.#kindKnown;
    const agencyError = this.#errorText('agencyId');
    const subjectError = this.#errorText('subject');
    return html`<form
      part="form"
      novalidate
      data-testid="request-form"
      @submit=${this.#submit}
      @input=${this.#onInput}
      @change=${creation.onEdit}
    >
      <div class="field">
        <label for="agency">${t.field.agency}</label>
        <select
          id="agency"
          name="agencyId"
          required
          data-testid="agency"
          aria-invalid=${!!agencyError}
          aria-describedby=${describedBy('agencyId', '', agencyError)}
          ?disabled=${loading}
        >
          <option value="">${loading ? t.common.loading : t.field.chooseAgency}</option>
          ${agencyOptions(this.#agencies ?? [], this.agencyId, t, this.locale)}
        </select>
        ${fieldError('agencyId', agencyError)}
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
          aria-invalid=${!!subjectError}
          aria-describedby=${describedBy('subject', 'subject-hint', subjectError)}
        />
        <p class="hint" id="subject-hint">${t.field.subjectHint}</p>
        ${fieldError('subject', subjectError)}
      </div>
      <fieldset class="kind-fields" ?disabled=${!known}>${this.#kindFields()}</fieldset>
      ${creation.problem ? problemBox(creation.problem, t) : nothing}
      <div class="actions">
        <button
          type="submit"
          class="btn"
          part="submit-button"
          data-testid="submit"
          ?disabled=${creation.submitting || !known}
        >
          ${creation.submitting ? texts.submitting : texts.submit}
        </button>
        ${known ? nothing : html`<span class="hint" data-testid="kind-loading">${t.common.loading}</span>`}
      </div>
    </form>`;
  }

  /** The choice of kind and the fields of the kind in force. */
  #kindFields(): TemplateResult {
    const t = this.t;
    const kind = this.#kind;
    const choose = (k: ContactKind) => {
      this.#chosenKind = k;
      this.#creation.errors = {};
      this.requestUpdate();
    };
    return html`${kindChoice(t, kind, this.#irAllowed, choose)}
    ${
      kind === 'appointment'
        ? appointmentFields({
            t,
            apiBase: this.apiBase,
            token: this.token,
            tokenProvider: this.tokenProvider,
            errors: {
              questions: this.#errorText('questions'),
              format: this.#errorText('format'),
              participants: this.#errorText('participants'),
            },
            questionsLength: this.#lengths.questions,
          })
        : this.#questionField()
    }`;
  }

  #questionField(): TemplateResult {
    const t = this.t;
    const error = this.#errorText('question');
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
        aria-invalid=${!!error}
        aria-describedby=${describedBy('question', 'question-hint', error)}
      ></textarea>
      <p class="hint" id="question-hint">${t.field.questionHint}</p>
      <p class="hint counter" aria-hidden="true">
        ${t.common.chars(this.#lengths.question, LIMITS.question.max)}
      </p>
      ${fieldError('question', error)}
    </div>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const { errors, submitting, created } = this.#creation;
    const summary = Object.keys(errors).length ? t.validation.summary : '';
    const texts = this.#texts;
    return html`<section part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${texts.heading}</h2>
      <p class="hint">${texts.intro}</p>
      ${this.hasCredentials ? eligibilityNotice(this.#me, t) : html`<div class="alert"><p>${t.common.signInRequired}</p></div>`}
      <p class="status-line sr-only" role="status" aria-live="polite" data-testid="form-status">
        ${submitting ? texts.submitting : created ? texts.created : summary}
      </p>
      ${
        created
          ? createdPanel(created, t, this.locale, () => this.#creation.another('[name="agencyId"]'))
          : this.#renderForm()
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-request-form': PlRequestForm;
  }
}
