import { html, nothing, type TemplateResult } from 'lit';
import { PlContactCreatedEvent } from '../events/contact-created.ts';
import { isAbort, toProblem } from '../internal/api-client.ts';
import { PlElement } from '../internal/base-element.ts';
import { describeProblem } from '../internal/i18n.ts';
import { baseStyles } from '../internal/styles.ts';
import { newIdempotencyKey } from '../internal/templates.ts';
import type { Agency, ContactSummary, ContactView, Page } from '../internal/types.ts';
import { difficultyFormStyles } from './difficulty-form.styles.ts';
import { createdPanel, reportFields } from './difficulty-form.templates.ts';
import {
  issueErrors,
  MAX_RELATED_CONTACTS,
  readReportForm,
  type ReportError,
  type ReportErrors,
  type ReportField,
} from './read-difficulty.ts';

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
  static override styles = [baseStyles, difficultyFormStyles];
  static override properties = { provinceId: { attribute: 'province-id', reflect: true } };

  /** The province to preselect (its id), e.g. on a province's own portal. */
  declare provinceId: string;

  #agencies: Agency[] | undefined;
  #contacts: ContactSummary[] | undefined;
  #loadError: unknown;
  #chosenProvince: string | undefined;
  #errors: ReportErrors = {};
  #descriptionLength = 0;
  #submitting = false;
  #problem: unknown;
  #created: ContactView | undefined;
  /** One key per filled-in form, kept for every retry of it, so a retry never sends the report twice. */
  #key: string | undefined;

  constructor() {
    super();
    this.provinceId = '';
  }

  get #province(): string {
    return this.#chosenProvince ?? this.provinceId;
  }

  protected override credentialsChanged(): void {
    // Another person signed in: start from a clean form.
    this.#contacts = this.#loadError = this.#created = this.#problem = this.#key = undefined;
    this.#errors = {};
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
    if (this.#submitting) return;
    const form = event.currentTarget as HTMLFormElement;
    const { body, errors } = readReportForm(form);
    this.#errors = errors;
    this.#problem = undefined;
    const invalid = Object.keys(errors)[0] as ReportField | undefined;
    if (invalid) {
      this.requestUpdate();
      await this.focusAfterRender(this.#focusTarget(invalid));
      return;
    }
    this.#key ??= newIdempotencyKey();
    this.#submitting = true;
    this.requestUpdate();
    try {
      const contact = await this.api.post<ContactView>('/contacts', body, {
        headers: { 'idempotency-key': this.#key },
      });
      this.#created = contact;
      form.reset();
      this.#key = undefined;
      this.#errors = {};
      this.#descriptionLength = 0;
      this.emit(new PlContactCreatedEvent(contact));
      this.#submitting = false;
      this.requestUpdate();
      await this.focusAfterRender('#created');
    } catch (error) {
      const p = toProblem(error);
      // This key named another report already (the form was changed after a lost answer): the next send is new.
      if (p.code === 'idempotency_key_reused') this.#key = undefined;
      this.#errors = issueErrors(p.issues);
      this.#problem = error;
      this.#submitting = false;
      this.requestUpdate();
      const field = Object.keys(this.#errors)[0] as ReportField | undefined;
      await this.focusAfterRender(field ? this.#focusTarget(field) : '#problem');
    }
  }

  /** A field the journalist changes loses its error (the rest stay until the next send). */
  #onEdit(event: Event): void {
    const name = (event.target as HTMLInputElement).name as ReportField;
    if (!this.#errors[name]) return;
    const { [name]: _fixed, ...rest } = this.#errors;
    this.#errors = rest;
    this.requestUpdate();
  }

  #focusTarget(field: ReportField): string {
    return field === 'relatedContactIds' ? '[name="relatedContactIds"]' : `#${field}`;
  }

  #another(): void {
    this.#created = undefined;
    this.requestUpdate();
    void this.focusAfterRender('#provinceId');
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
        return (this.locale === 'en' && e.messageEn) || e.message;
    }
  }

  #problemBox(): TemplateResult {
    const p = toProblem(this.#problem);
    const refused = p.status >= 400 && p.status < 500 && p.detail;
    const text = refused
      ? (this.locale === 'en' && p.detailEn) || p.detail
      : describeProblem(this.#problem, this.t);
    return html`<div
      class="alert error"
      id="problem"
      part="error"
      role="alert"
      tabindex="-1"
      data-testid="error"
    >
      <p>${text}</p>
    </div>`;
  }

  #renderForm(): TemplateResult {
    const t = this.t;
    const errors: Partial<Record<ReportField, string>> = {};
    for (const [field, e] of Object.entries(this.#errors)) errors[field as ReportField] = this.#errorText(e);
    return html`<form
      part="form"
      novalidate
      data-testid="difficulty-form"
      @submit=${this.#submit}
      @input=${this.#onEdit}
      @change=${this.#onEdit}
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
      ${this.#problem ? this.#problemBox() : nothing}
      <div class="actions">
        <button
          type="submit"
          class="btn"
          part="submit-button"
          data-testid="submit"
          ?disabled=${this.#submitting}
        >
          ${this.#submitting ? t.report.submitting : t.report.submit}
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
    return this.#created
      ? createdPanel(this.#created, t, this.locale, () => this.#another())
      : this.#renderForm();
  }

  protected override render(): TemplateResult {
    const w = this.t.report;
    const summary = Object.keys(this.#errors).length ? this.t.validation.summary : '';
    return html`<section part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${w.heading}</h2>
      <p class="hint">${w.intro}</p>
      <p class="sr-only" role="status" aria-live="polite" data-testid="form-status">
        ${this.#submitting ? w.submitting : this.#created ? w.created : summary}
      </p>
      ${this.#body()}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-difficulty-form': PlDifficultyForm;
  }
}
