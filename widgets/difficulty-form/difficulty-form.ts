import { html, nothing, type TemplateResult } from 'lit';
import { isAbort } from '../internal/api-client.ts';
import { PlElement } from '../internal/base-element.ts';
import { ContactCreation } from '../internal/contact-creation.ts';
import { createdPanel, problemBox, formSection } from '../internal/contact-form-templates.ts';
import { contactFormStyles } from '../internal/contact-form.styles.ts';
import { describeProblem } from '../internal/i18n.ts';
import { baseStyles } from '../internal/styles.ts';
import type { Agency, ContactSummary, Page } from '../internal/types.ts';
import { difficultyFormStyles } from './difficulty-form.styles.ts';
import { reportFields } from './difficulty-form.templates.ts';
import {
  issueErrors,
  MAX_RELATED_CONTACTS,
  readReportForm,
  type ReportError,
  type ReportField,
} from './read-difficulty.ts';
import { serverErrorText } from '../internal/server-field-errors.ts';

/** How many of the journalist's latest contacts are offered to link (the API's page limit). */
const RELATED_OFFERED = 100;

/**
 * @summary A journalist reports a difficulty (an obstacle while reporting, information refused) to a province's
 * press-management department: the province, the agency concerned if any, a subject, what happened, and any of
 * their own contacts it is about. The department reviews it, may refer it to the agency, and resolves it; the
 * journalist follows it among their contacts (`pl-my-contacts`, `pl-contact`).
 *
 * @event pl-contact-created - The report was accepted; `event.contact` is the new contact.
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
export class PlDifficultyForm extends PlElement {
  static override styles = [baseStyles, contactFormStyles, difficultyFormStyles];
  static override properties = { provinceId: { attribute: 'province-id', reflect: true } };

  /** The province to preselect (its id), e.g. on a province's own portal. */
  declare provinceId: string;

  #agencies: Agency[] | undefined;
  #contacts: ContactSummary[] | undefined;
  #loadError: unknown;
  #chosenProvince: string | undefined;
  #descriptionLength = 0;
  /** Sending the report: one Idempotency-Key per filled-in form, so a retry never sends it twice. */
  #creation = new ContactCreation<ReportField, ReportError>(this, {
    api: () => this.api,
    focus: (selector) => this.focusAfterRender(selector),
    issueErrors,
    focusTarget: (field) => (field === 'relatedContactIds' ? '[name="relatedContactIds"]' : `#${field}`),
  });

  constructor() {
    super();
    this.provinceId = '';
  }

  get #province(): string {
    return this.#chosenProvince ?? this.provinceId;
  }

  protected override credentialsChanged(): void {
    // Another person signed in: start from a clean form.
    this.#contacts = this.#loadError = undefined;
    this.#creation.clear();
    this.requestUpdate();
    if (this.hasCredentials) void this.#load();
  }

  async #load(): Promise<void> {
    try {
      const collator = new Intl.Collator('vi');
      const [agencies, page] = await Promise.all([
        this.api.agencies(),
        this.api.get<Page<ContactSummary>>('/contacts', { query: { limit: RELATED_OFFERED } }),
      ]);
      this.#agencies = [...agencies].sort((a, b) => collator.compare(a.name, b.name));
      this.#contacts = page.items;
    } catch (error) {
      if (!isAbort(error)) this.#loadError = error;
    }
    this.requestUpdate();
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    await this.#creation.submit(
      form,
      () => readReportForm(form),
      () => (this.#descriptionLength = 0),
    );
  }

  #errorText(e: ReportError | undefined): string | undefined {
    if (!e) return undefined;
    const v = this.t.validation;
    switch (e.kind) {
      case 'choose':
        return v.choose;
      case 'required':
        return v.required;
      case 'tooMany':
        return this.t.report.tooMany(MAX_RELATED_CONTACTS);
      case 'length':
        return v.length(e.limit.min, e.limit.max);
      case 'server':
        return serverErrorText(e, this.locale, v.refused);
    }
  }

  #renderForm(): TemplateResult {
    const t = this.t;
    const creation = this.#creation;
    const errors: Partial<Record<ReportField, string>> = {};
    for (const [field, e] of Object.entries(creation.errors))
      errors[field as ReportField] = this.#errorText(e);
    return html`<form
      part="form"
      novalidate
      data-testid="difficulty-form"
      @submit=${this.#submit}
      @input=${creation.onEdit}
      @change=${creation.onEdit}
    >
      ${reportFields({
        t,
        locale: this.locale,
        errors,
        agencies: this.#agencies,
        provinceId: this.#province,
        contacts: this.#contacts,
        descriptionLength: this.#descriptionLength,
        onProvince: (id) => ((this.#chosenProvince = id), this.requestUpdate()),
        onDescription: (n) => ((this.#descriptionLength = n), this.requestUpdate()),
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
          ${creation.submitting ? t.report.submitting : t.report.submit}
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
    const created = this.#creation.created;
    if (!created) return this.#renderForm();
    const w = t.report;
    return createdPanel(
      created,
      t,
      this.locale,
      {
        created: w.created,
        clock: 'first_response',
        dueLabel: w.acknowledgeBy,
        another: w.another,
        anotherTestId: 'new-report',
      },
      () => this.#creation.another('#provinceId'),
    );
  }

  protected override render(): TemplateResult {
    const { errors, submitting, created } = this.#creation;
    return formSection(
      this.t.report,
      { submitting, created, hasErrors: Object.keys(errors).length > 0 },
      this.t.validation.summary,
      this.#body(),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-difficulty-form': PlDifficultyForm;
  }
}
