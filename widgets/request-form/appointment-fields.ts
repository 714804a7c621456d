/**
 * @module
 * The parts of `pl-request-form` that depend on the kind of contact: the choice between an information request
 * (resident reporters of the agency's province only) and a work appointment (any journalist), and the
 * appointment's own fields: questions, format, participants and the proposed times.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { TokenProvider } from '../internal/api-client.ts';
import type { Messages } from '../internal/i18n.ts';
import { vnParts } from '../internal/work-calendar.ts';
import { LIMITS } from './read-form.ts';
import type { Agency, ContactKind, MeetingFormat, Me } from '../internal/types.ts';

export const FORMATS: MeetingFormat[] = ['in_person', 'online', 'phone'];

/**
 * Whether `me` may send an information request to `agency`: a journalist with a residency in its province that
 * is valid today. Without a chosen agency, any valid residency. The API has the last word.
 */
export function mayRequestInformation(me: Me | undefined, agency: Agency | undefined): boolean {
  if (!me?.journalist) return false;
  const today = vnParts(Date.now()).date;
  return (me.journalist.residentProvinces ?? []).some(
    (r) =>
      r.validFrom <= today &&
      today <= r.validTo &&
      (!agency || r.provinceId === (agency.provinceId ?? agency.id)),
  );
}

/** The kind choice as radio buttons; the information request is offered only when `irAllowed`. */
export function kindChoice(
  t: Messages,
  kind: ContactKind,
  irAllowed: boolean,
  onChange: (kind: ContactKind) => void,
): TemplateResult {
  const option = (k: ContactKind) =>
    html`<label class="choice">
      <input
        type="radio"
        name="kind"
        value=${k}
        data-testid="kind-${k}"
        .checked=${kind === k}
        @change=${() => onChange(k)}
      />
      <span>${t.kind[k]}</span>
    </label>`;
  return html`<fieldset class="field kinds" data-testid="kind-choice">
    <legend>${t.appt.kindLegend}</legend>
    <div class="choices">${irAllowed ? option('information_request') : nothing}${option('appointment')}</div>
    ${irAllowed ? nothing : html`<p class="hint" data-testid="ir-unavailable">${t.appt.onlyResident}</p>`}
  </fieldset>`;
}

export interface AppointmentFieldsContext {
  t: Messages;
  apiBase: string;
  token: string | null;
  tokenProvider: TokenProvider | undefined;
  /** Field → the error message shown under it. */
  errors: Partial<Record<'questions' | 'format' | 'participants', string>>;
  questionsLength: number;
}

/** Questions, format, participants and the slot picker of a work appointment proposal. */
export function appointmentFields(ctx: AppointmentFieldsContext): TemplateResult {
  const { t, errors } = ctx;
  const err = (f: keyof AppointmentFieldsContext['errors']) =>
    errors[f]
      ? html`<p class="field-error" id="${f}-error" data-testid="${f}-error">${errors[f]}</p>`
      : nothing;
  const describedBy = (f: keyof AppointmentFieldsContext['errors'], hint: string) =>
    [hint, errors[f] ? `${f}-error` : ''].filter(Boolean).join(' ') || nothing;
  return html`<div class="field">
      <label for="questions">${t.appt.questions}</label>
      <textarea
        id="questions"
        name="questions"
        required
        minlength=${LIMITS.questions.min}
        maxlength=${LIMITS.questions.max}
        rows="6"
        data-testid="questions"
        aria-invalid=${!!errors.questions}
        aria-describedby=${describedBy('questions', 'questions-hint')}
      ></textarea>
      <p class="hint" id="questions-hint">${t.field.questionHint}</p>
      <p class="hint counter" aria-hidden="true">
        ${t.common.chars(ctx.questionsLength, LIMITS.questions.max)}
      </p>
      ${err('questions')}
    </div>
    <fieldset class="field" aria-describedby=${describedBy('format', '')}>
      <legend>${t.appt.format}</legend>
      <div class="choices">
        ${FORMATS.map(
          (f, i) =>
            html`<label class="choice">
              <input
                type="radio"
                name="format"
                value=${f}
                data-testid="format-${f}"
                ?checked=${i === 0}
                aria-invalid=${!!errors.format}
              />
              <span>${t.appt.formats[f]}</span>
            </label>`,
        )}
      </div>
      ${err('format')}
    </fieldset>
    <div class="field">
      <label for="participants">${t.appt.participants} <span class="hint">${t.common.optional}</span></label>
      <textarea
        id="participants"
        name="participants"
        maxlength=${LIMITS.participants.max}
        rows="2"
        data-testid="participants"
        aria-invalid=${!!errors.participants}
        aria-describedby=${describedBy('participants', 'participants-hint')}
      ></textarea>
      <p class="hint" id="participants-hint">${t.appt.participantsHint}</p>
      ${err('participants')}
    </div>
    <pl-slot-picker
      data-testid="slot-picker"
      .apiBase=${ctx.apiBase}
      .token=${ctx.token}
      .tokenProvider=${ctx.tokenProvider}
    ></pl-slot-picker>`;
}
