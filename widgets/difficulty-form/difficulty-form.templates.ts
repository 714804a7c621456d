/**
 * @module
 * The fields of `pl-difficulty-form`: where it goes, the agency concerned, subject, description, related contacts.
 */
import { html, type TemplateResult } from 'lit';
import { describedBy, fieldError } from '../internal/contact-form-templates.ts';
import type { Locale, Messages } from '../internal/i18n.ts';
import { agencyLabel, agencyOptions } from '../internal/templates.ts';
import type { Agency, ContactSummary } from '../internal/types.ts';
import { FORM_LIMITS, MAX_RELATED_CONTACTS, type ReportField } from './read-difficulty.ts';

export interface ReportFieldsContext {
  t: Messages;
  locale: Locale;
  /** Per field: the sentence shown under it. */
  errors: Partial<Record<ReportField, string>>;
  /** Every agency of the registry; undefined while loading. */
  agencies: Agency[] | undefined;
  /** The province chosen (its id). */
  provinceId: string;
  /** The journalist's own contacts to link; undefined while loading. */
  contacts: ContactSummary[] | undefined;
  descriptionLength: number;
  onProvince: (provinceId: string) => void;
  onDescription: (length: number) => void;
}

/** The press-management departments: one per province that can receive reports. */
export function departments(agencies: readonly Agency[]): Agency[] {
  return agencies.filter((a) => a.kind === 'press_management_department' && a.provinceId !== null);
}

function relatedField(ctx: ReportFieldsContext): TemplateResult {
  const { t, errors } = ctx;
  const w = t.report;
  const contacts = (ctx.contacts ?? []).filter((c) => c.kind !== 'difficulty_report');
  const name = (id: string) =>
    agencyLabel(ctx.agencies?.find((a) => a.id === id) ?? { name: id }, ctx.locale);
  return html`<fieldset
    class="field related"
    aria-describedby=${describedBy('relatedContactIds', 'related-hint', errors.relatedContactIds)}
    data-testid="related"
  >
    <legend>${w.related} <span class="hint">${t.common.optional}</span></legend>
    <p class="hint" id="related-hint">${w.relatedHint(MAX_RELATED_CONTACTS)}</p>
    ${
      !ctx.contacts
        ? html`<p class="hint">${t.common.loading}</p>`
        : contacts.length === 0
          ? html`<p class="hint" data-testid="no-related">${w.noRelated}</p>`
          : contacts.map(
              (c) =>
                html`<label class="choice">
                  <input
                    type="checkbox"
                    name="relatedContactIds"
                    value=${c.id}
                    data-testid="related-${c.id}"
                  />
                  <span>${c.subject} <span class="hint">(${c.id} · ${name(c.agencyId)})</span></span>
                </label>`,
            )
    }
    ${fieldError('relatedContactIds', errors.relatedContactIds)}
  </fieldset>`;
}

/** Every field of the report. */
export function reportFields(ctx: ReportFieldsContext): TemplateResult {
  const { t, errors } = ctx;
  const w = t.report;
  const loading = !ctx.agencies;
  const all = ctx.agencies ?? [];
  // The agencies a department of that province may refer to: its own, and central ones; not itself.
  const involved = all.filter(
    (a) =>
      a.kind !== 'press_management_department' && (a.provinceId === null || a.provinceId === ctx.provinceId),
  );
  return html`<div class="field">
      <label for="provinceId">${w.province}</label>
      <select
        id="provinceId"
        name="provinceId"
        required
        data-testid="provinceId"
        ?disabled=${loading}
        aria-invalid=${!!errors.provinceId}
        aria-describedby=${describedBy('provinceId', '', errors.provinceId)}
        @change=${(e: Event) => ctx.onProvince((e.target as HTMLSelectElement).value)}
      >
        <option value="">${loading ? t.common.loading : w.chooseProvince}</option>
        ${departments(all).map(
          (d) =>
            html`<option value=${d.provinceId ?? ''} ?selected=${d.provinceId === ctx.provinceId}>
              ${agencyLabel(d, ctx.locale)}
            </option>`,
        )}
      </select>
      ${fieldError('provinceId', errors.provinceId)}
    </div>
    <div class="field">
      <label for="agencyId">${w.involvedAgency} <span class="hint">${t.common.optional}</span></label>
      <select
        id="agencyId"
        name="agencyId"
        data-testid="agencyId"
        ?disabled=${loading}
        aria-invalid=${!!errors.agencyId}
        aria-describedby=${describedBy('agencyId', 'agencyId-hint', errors.agencyId)}
      >
        <option value="">${loading ? t.common.loading : w.noAgency}</option>
        ${agencyOptions(involved, '', t, ctx.locale)}
      </select>
      <p class="hint" id="agencyId-hint">${w.involvedAgencyHint}</p>
      ${fieldError('agencyId', errors.agencyId)}
    </div>
    <div class="field">
      <label for="subject">${t.field.subject}</label>
      <input
        id="subject"
        name="subject"
        required
        minlength=${FORM_LIMITS.subject.min}
        maxlength=${FORM_LIMITS.subject.max}
        autocomplete="off"
        data-testid="subject"
        aria-invalid=${!!errors.subject}
        aria-describedby=${describedBy('subject', 'subject-hint', errors.subject)}
      />
      <p class="hint" id="subject-hint">${t.field.subjectHint}</p>
      ${fieldError('subject', errors.subject)}
    </div>
    <div class="field">
      <label for="description">${w.description}</label>
      <textarea
        id="description"
        name="description"
        required
        rows="8"
        minlength=${FORM_LIMITS.description.min}
        maxlength=${FORM_LIMITS.description.max}
        data-testid="description"
        aria-invalid=${!!errors.description}
        aria-describedby=${describedBy('description', 'description-hint', errors.description)}
        @input=${(e: InputEvent) => ctx.onDescription((e.target as HTMLTextAreaElement).value.trim().length)}
      ></textarea>
      <p class="hint" id="description-hint">${w.descriptionHint}</p>
      <p class="hint counter" aria-hidden="true">
        ${t.common.chars(ctx.descriptionLength, FORM_LIMITS.description.max)}
      </p>
      ${fieldError('description', errors.description)}
    </div>
    ${relatedField(ctx)}`;
}
