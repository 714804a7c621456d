/**
 * @module
 * The add/edit form of `pl-registry-admin`: its fields (mirroring `POST /spokespersons`), the Decree 09/2017
 * rules checked before sending (the same ones `domain/registry/spokesperson.ts` enforces on the server), the
 * server's 422 `issues` placed at their fields, and the changed-fields-only body of a `PATCH`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ProblemIssue } from '../internal/api-client.ts';
import { describeProblem, type Locale, type Messages } from '../internal/i18n.ts';
import { ROLE_TYPES } from '../internal/registry-templates.ts';
import { fieldText } from '../internal/templates.ts';
import type { Spokesperson, SpokespersonFields, SpokespersonRoleType } from '../internal/types.ts';

export const FIELDS = [
  'fullName',
  'roleType',
  'title',
  'phone',
  'email',
  'topics',
  'termStart',
  'termEnd',
  'documentNumber',
  'documentDate',
  'documentUrl',
  'delegatedById',
  'authorizedCase',
] as const satisfies readonly (keyof SpokespersonFields)[];
export type SpField = (typeof FIELDS)[number];

/** Column sizes of the registry (`db/entities/spokesperson.entity.ts`). */
const MAX: Record<SpField, number> = {
  fullName: 200,
  roleType: 20,
  title: 300,
  phone: 50,
  email: 200,
  topics: 500,
  termStart: 10,
  termEnd: 10,
  documentNumber: 100,
  documentDate: 10,
  documentUrl: 1000,
  delegatedById: 64,
  authorizedCase: 500,
};

type ErrorKind =
  | 'required'
  | 'choose'
  | 'tooLong'
  | 'invalid'
  | 'email'
  | 'phone'
  | 'url'
  | 'reachable'
  | 'termOrder'
  | 'authorizedTerm'
  | 'authorizedDocument'
  | 'delegator';
/** A rule the form checked, or what the server said (`issues[].message`). */
export type FieldError = { kind: ErrorKind } | { server: string; serverEn: string | undefined };
export type FieldErrors = Partial<Record<SpField, FieldError>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The API's rule (`api/routes/spokespersons.ts`). */
const PHONE = /^[+0-9 ().-]{6,30}$/;

/** Reads and checks the form. `errors` is empty when `fields` may be sent. */
export function readSpokespersonForm(data: FormData): { fields: SpokespersonFields; errors: FieldErrors } {
  const str = (name: SpField) => fieldText(data, name);
  const opt = (name: SpField) => str(name) || null;
  const role = str('roleType');
  const roleType = (ROLE_TYPES as readonly string[]).includes(role)
    ? (role as SpokespersonRoleType)
    : 'spokesperson';
  const authorized = roleType === 'authorized';
  const fields: SpokespersonFields = {
    fullName: str('fullName'),
    roleType,
    title: str('title'),
    phone: opt('phone'),
    email: opt('email'),
    topics: opt('topics'),
    termStart: str('termStart'),
    termEnd: opt('termEnd'),
    documentNumber: opt('documentNumber'),
    documentDate: opt('documentDate'),
    documentUrl: opt('documentUrl'),
    // Only an authorized person has a delegator or a case.
    delegatedById: authorized ? opt('delegatedById') : null,
    authorizedCase: authorized ? opt('authorizedCase') : null,
  };
  const errors: FieldErrors = {};
  const fail = (field: SpField, kind: ErrorKind) => (errors[field] ??= { kind });
  if (!role) fail('roleType', 'choose');
  for (const f of ['fullName', 'title', 'termStart'] as const) if (!fields[f]) fail(f, 'required');
  for (const f of FIELDS) if ((fields[f] ?? '').length > MAX[f]) fail(f, 'tooLong');
  for (const f of ['termStart', 'termEnd', 'documentDate'] as const) {
    const v = fields[f];
    if (v && !DATE.test(v)) fail(f, 'invalid');
  }
  if (fields.email && !EMAIL.test(fields.email)) fail('email', 'email');
  if (fields.phone && !PHONE.test(fields.phone)) fail('phone', 'phone');
  if (fields.documentUrl && !/^https?:\/\/\S+$/i.test(fields.documentUrl)) fail('documentUrl', 'url');
  if (!fields.phone && !fields.email) fail('phone', 'reachable');
  if (fields.termEnd && fields.termStart && fields.termEnd < fields.termStart) fail('termEnd', 'termOrder');
  if (authorized) {
    if (!fields.termEnd) fail('termEnd', 'authorizedTerm');
    if (!fields.documentNumber) fail('documentNumber', 'authorizedDocument');
    if (!fields.documentDate) fail('documentDate', 'authorizedDocument');
    if (!fields.delegatedById) fail('delegatedById', 'delegator');
  }
  return { fields, errors };
}

/** The fields that differ from `record`: the body of a `PATCH` (plus `expectedVersion`). */
export function changedFields(fields: SpokespersonFields, record: Spokesperson): Partial<SpokespersonFields> {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) if ((fields[f] ?? null) !== (record[f] ?? null)) out[f] = fields[f];
  return out;
}

/**
 * Places a 422 problem's `issues` at the fields they name (`termEnd`, `body.termEnd`, `/termEnd`); the ones that
 * name no field of the form are returned to be shown above it.
 */
export function placeIssues(issues: readonly ProblemIssue[]): { errors: FieldErrors; other: ProblemIssue[] } {
  const errors: FieldErrors = {};
  const other: ProblemIssue[] = [];
  for (const issue of issues) {
    const segments = issue.path.split(/[./]/).reverse();
    const field = segments.find((s): s is SpField => (FIELDS as readonly string[]).includes(s));
    if (field) errors[field] ??= { server: issue.message, serverEn: issue.messageEn };
    else other.push(issue);
  }
  return { errors, other };
}

export function errorText(error: FieldError, field: SpField, t: Messages, locale: Locale): string {
  if ('server' in error) return (locale === 'en' && error.serverEn) || error.server;
  return error.kind === 'tooLong' ? t.validation.tooLong(MAX[field]) : t.validation[error.kind];
}

export interface SpokespersonFormView {
  t: Messages;
  locale: Locale;
  /** The entry being edited; undefined when adding. */
  record: Spokesperson | undefined;
  /** The role type currently chosen in the form (authorized persons get more fields). */
  roleType: SpokespersonRoleType;
  /** Heads and spokespersons of the agency in office, who may authorize someone. */
  delegators: Spokesperson[];
  errors: FieldErrors;
  /** A failure that belongs to no field (a conflict, the network, issues without a field). */
  problem: unknown;
  /** Issues of a 422 that name no field here. */
  otherIssues: ProblemIssue[];
  conflict: boolean;
  saving: boolean;
  onSubmit: (e: SubmitEvent) => void;
  onCancel: () => void;
  onRoleChange: (roleType: SpokespersonRoleType) => void;
}

const id = (name: SpField) => `sp-${name}`;

function describedBy(v: SpokespersonFormView, name: SpField, hint: boolean): string | typeof nothing {
  return (
    [hint ? `${id(name)}-hint` : '', v.errors[name] ? `${id(name)}-error` : ''].filter(Boolean).join(' ') ||
    nothing
  );
}

function label(v: SpokespersonFormView, name: SpField, required: boolean): TemplateResult {
  return html`<label for=${id(name)}
    >${v.t.person[name]}${required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}</label
  >`;
}

function after(v: SpokespersonFormView, name: SpField, hint?: string): TemplateResult {
  const error = v.errors[name];
  return html`${hint ? html`<p class="hint" id="${id(name)}-hint">${hint}</p>` : nothing}${
    error
      ? html`<p class="field-error" id="${id(name)}-error" data-testid="sp-${name}-error">
          ${errorText(error, name, v.t, v.locale)}
        </p>`
      : nothing
  }`;
}

interface InputOptions {
  type?: 'text' | 'tel' | 'email' | 'date' | 'url';
  required?: boolean;
  autocomplete?: string;
  hint?: string;
  min?: string;
}

function input(v: SpokespersonFormView, name: SpField, o: InputOptions = {}): TemplateResult {
  const value = v.record?.[name] ?? '';
  return html`<div class="field" data-field=${name}>
    ${label(v, name, !!o.required)}
    <input
      id=${id(name)}
      name=${name}
      type=${o.type ?? 'text'}
      .value=${String(value)}
      ?required=${!!o.required}
      maxlength=${MAX[name]}
      min=${o.min ?? nothing}
      autocomplete=${o.autocomplete ?? 'off'}
      aria-invalid=${v.errors[name] ? 'true' : 'false'}
      aria-describedby=${describedBy(v, name, !!o.hint)}
      data-testid="sp-${name}"
    />
    ${after(v, name, o.hint)}
  </div>`;
}

function textarea(v: SpokespersonFormView, name: SpField, hint?: string): TemplateResult {
  return html`<div class="field wide" data-field=${name}>
    ${label(v, name, false)}
    <textarea
      id=${id(name)}
      name=${name}
      rows="2"
      maxlength=${MAX[name]}
      .value=${v.record?.[name] ?? ''}
      aria-invalid=${v.errors[name] ? 'true' : 'false'}
      aria-describedby=${describedBy(v, name, !!hint)}
      data-testid="sp-${name}"
    ></textarea>
    ${after(v, name, hint)}
  </div>`;
}

function roleSelect(v: SpokespersonFormView): TemplateResult {
  return html`<div class="field" data-field="roleType">
    ${label(v, 'roleType', true)}
    <select
      id=${id('roleType')}
      name="roleType"
      required
      aria-invalid=${v.errors.roleType ? 'true' : 'false'}
      aria-describedby=${describedBy(v, 'roleType', false)}
      data-testid="sp-roleType"
      @change=${(e: Event) => v.onRoleChange((e.target as HTMLSelectElement).value as SpokespersonRoleType)}
    >
      ${ROLE_TYPES.map(
        (r) => html`<option value=${r} ?selected=${r === v.roleType}>${v.t.roleType[r]}</option>`,
      )}
    </select>
    ${after(v, 'roleType')}
  </div>`;
}

function delegatorSelect(v: SpokespersonFormView): TemplateResult {
  const current = v.record?.delegatedById ?? '';
  return html`<div class="field" data-field="delegatedById">
    ${label(v, 'delegatedById', true)}
    <select
      id=${id('delegatedById')}
      name="delegatedById"
      required
      aria-invalid=${v.errors.delegatedById ? 'true' : 'false'}
      aria-describedby=${describedBy(v, 'delegatedById', false)}
      data-testid="sp-delegatedById"
    >
      <option value="">${v.t.registry.chooseDelegator}</option>
      ${v.delegators.map(
        (d) =>
          html`<option value=${d.id} ?selected=${d.id === current}>
            ${d.fullName} — ${d.title} (${v.t.roleType[d.roleType]})
          </option>`,
      )}
    </select>
    ${after(v, 'delegatedById')}
  </div>`;
}

export function renderSpokespersonForm(v: SpokespersonFormView): TemplateResult {
  const { t } = v;
  const authorized = v.roleType === 'authorized';
  const heading = v.record ? t.registry.editHeading(v.record.fullName) : t.registry.addHeading;
  return html`<form
    class="sp-form"
    part="form"
    novalidate
    aria-labelledby="sp-form-heading"
    data-testid="spokesperson-form"
    data-mode=${v.record ? 'edit' : 'create'}
    @submit=${v.onSubmit}
  >
    <h3 id="sp-form-heading">${heading}</h3>
    ${
      v.problem
        ? html`<div
            class="alert error"
            id="sp-form-problem"
            part="error"
            role="alert"
            tabindex="-1"
            data-testid="form-problem"
          >
            <p>${v.conflict ? t.registry.conflict : describeProblem(v.problem, t)}</p>
            ${
              v.otherIssues.length
                ? html`<ul>
                    ${v.otherIssues.map((i) => html`<li>${(v.locale === 'en' && i.messageEn) || i.message}</li>`)}
                  </ul>`
                : nothing
            }
          </div>`
        : nothing
    }
    <fieldset>
      <legend>${t.registry.groupPerson}</legend>
      <div class="grid">
        ${input(v, 'fullName', { required: true, autocomplete: 'off' })} ${roleSelect(v)}
        ${input(v, 'title', { required: true })}
      </div>
    </fieldset>
    <fieldset>
      <legend>${t.registry.groupContact}</legend>
      <div class="grid">
        ${input(v, 'phone', { type: 'tel', hint: t.registry.reachableHint })}
        ${input(v, 'email', { type: 'email', hint: t.registry.reachableHint })}
        ${textarea(v, 'topics', t.registry.topicsHint)}
      </div>
    </fieldset>
    <fieldset>
      <legend>${t.registry.groupTerm}</legend>
      <div class="grid">
        ${input(v, 'termStart', { type: 'date', required: true })}
        ${input(v, 'termEnd', { type: 'date', required: authorized })}
        ${input(v, 'documentNumber', { required: authorized })}
        ${input(v, 'documentDate', { type: 'date', required: authorized })}
        ${input(v, 'documentUrl', { type: 'url' })}
      </div>
    </fieldset>
    ${
      authorized
        ? html`<fieldset data-testid="authorization">
            <legend>${t.registry.groupAuthorization}</legend>
            <p class="hint">${t.registry.authorizedHint}</p>
            <div class="grid">
              ${delegatorSelect(v)} ${textarea(v, 'authorizedCase', t.registry.caseHint)}
            </div>
          </fieldset>`
        : nothing
    }
    <div class="actions">
      <button type="submit" class="btn" part="save-button" data-testid="sp-save" ?disabled=${v.saving}>
        ${v.saving ? t.registry.saving : t.registry.save}
      </button>
      <button type="button" class="btn secondary" data-testid="sp-cancel" @click=${v.onCancel}>
        ${t.registry.cancel}
      </button>
    </div>
  </form>`;
}
