/**
 * @module
 * The add / edit / end form of `pl-rules-admin`: its values as the inputs hold them, reading them into a
 * {@link DeadlineRule}, the checks the browser can make (shape, amounts, end before start, overlap with the
 * scope's other rules — the server's `invalid_input` and `overlapping_rules`), and placing the server's 422
 * issues (`items.N.field`). Whether a change rewrites the past (`rule_rewrites_past`) depends on what is stored
 * and on the server's today, so it is left to the server, whose message is shown at the field it names.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Span } from '../../domain/calendar/span.ts';
import { isValidSpan } from '../../domain/calendar/span.ts';
import type { DeadlineRule } from '../../domain/deadlines/rules.ts';
import { CONTACT_KINDS, RULE_NAMES } from '../../domain/vocabulary.ts';
import type { ProblemIssue } from '../internal/api-client.ts';
import type { Locale, Messages } from '../internal/i18n.ts';

/** The kinds and what their rules time, as the API takes them. */
export const KINDS = CONTACT_KINDS;
export const CLOCKS = RULE_NAMES;
export const UNITS = ['working_days', 'calendar_days', 'hours', 'duration'] as const;
export type Unit = (typeof UNITS)[number];

export const FIELDS = [
  'kind',
  'clock',
  'span',
  'warnBefore',
  'grace',
  'extensionLimit',
  'effectiveFrom',
  'effectiveTo',
] as const;
export type RuleField = (typeof FIELDS)[number];

/** A message for a field: the browser's own, or the server's (with its English, if any). */
export type FieldErrors = Partial<Record<RuleField, { vi: string; en?: string | undefined }>>;

export type FormMode = { mode: 'add' } | { mode: 'edit'; index: number } | { mode: 'end'; index: number };

/** What the inputs hold (strings, as typed). */
export interface RuleValues {
  kind: string;
  clock: string;
  spanUnit: Unit;
  span: string;
  warnUnit: Unit;
  warnBefore: string;
  graceUnit: Unit;
  grace: string;
  extensionLimit: string;
  effectiveFrom: string;
  effectiveTo: string;
}

const amountOf = (s: Span): string => (s.unit === 'duration' ? s.iso : String(s.amount));

export function emptyValues(today: string): RuleValues {
  return {
    kind: 'information_request',
    clock: 'answer',
    spanUnit: 'working_days',
    span: '',
    warnUnit: 'hours',
    warnBefore: '24',
    graceUnit: 'working_days',
    grace: '1',
    extensionLimit: '',
    effectiveFrom: today,
    effectiveTo: '',
  };
}

export function valuesOf(rule: DeadlineRule): RuleValues {
  return {
    kind: rule.kind,
    clock: rule.clock,
    spanUnit: rule.span.unit,
    span: amountOf(rule.span),
    warnUnit: rule.warnBefore.unit,
    warnBefore: amountOf(rule.warnBefore),
    graceUnit: rule.grace.unit,
    grace: amountOf(rule.grace),
    extensionLimit: rule.extensionLimit ? amountOf(rule.extensionLimit) : '',
    effectiveFrom: rule.effectiveFrom,
    effectiveTo: rule.effectiveTo ?? '',
  };
}

/** The values of the form's inputs. */
export function readForm(form: HTMLFormElement): RuleValues {
  const data = new FormData(form);
  const s = (name: string) => {
    const v = data.get(name);
    return typeof v === 'string' ? v.trim() : '';
  };
  const unit = (name: string): Unit => {
    const v = s(name);
    return (UNITS as readonly string[]).includes(v) ? (v as Unit) : 'working_days';
  };
  return {
    kind: s('kind'),
    clock: s('clock'),
    spanUnit: unit('spanUnit'),
    span: s('span'),
    warnUnit: unit('warnUnit'),
    warnBefore: s('warnBefore'),
    graceUnit: unit('graceUnit'),
    grace: s('grace'),
    extensionLimit: s('extensionLimit'),
    effectiveFrom: s('effectiveFrom'),
    effectiveTo: s('effectiveTo'),
  };
}

function spanFrom(unit: Unit, text: string): Span | undefined {
  const span: unknown =
    unit === 'duration' ? { unit, iso: text } : { unit, amount: text === '' ? NaN : Number(text) };
  return isValidSpan(span) ? span : undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The rule the values describe, or the errors that keep it from being one. `others` are the scope's other
 * rules (the overlap check); `number(i)` is how row `i` is named to the person (1-based in the table).
 */
export function toRule(
  v: RuleValues,
  others: readonly { rule: DeadlineRule; index: number }[],
  t: Messages,
  provinceId: string | null,
): { rule?: DeadlineRule; errors: FieldErrors } {
  const r = t.rules;
  const errors: FieldErrors = {};
  const need = (field: RuleField, unit: Unit, text: string, min: number): Span | undefined => {
    if (text === '') {
      errors[field] = { vi: t.validation.required };
      return undefined;
    }
    const span = spanFrom(unit, text);
    const tooSmall = span && span.unit !== 'duration' && span.amount < min;
    if (!span || tooSmall) errors[field] = { vi: unit === 'duration' ? r.isoDuration : r.wholeNumber(min) };
    return tooSmall ? undefined : span;
  };
  if (!(KINDS as readonly string[]).includes(v.kind)) errors.kind = { vi: t.validation.choose };
  if (!(CLOCKS as readonly string[]).includes(v.clock)) errors.clock = { vi: t.validation.choose };
  const span = need('span', v.spanUnit, v.span, 1);
  const warnBefore = need('warnBefore', v.warnUnit, v.warnBefore, 0);
  const grace = need('grace', v.graceUnit, v.grace, 0);
  const extensionLimit =
    v.extensionLimit === '' ? undefined : need('extensionLimit', v.spanUnit, v.extensionLimit, 1);
  if (!DATE.test(v.effectiveFrom)) errors.effectiveFrom = { vi: t.validation.required };
  if (v.effectiveTo !== '' && !DATE.test(v.effectiveTo)) errors.effectiveTo = { vi: t.validation.invalid };
  else if (v.effectiveTo !== '' && v.effectiveTo < v.effectiveFrom)
    errors.effectiveTo = { vi: r.endBeforeStart };
  if (Object.keys(errors).length || !span || !warnBefore || !grace) return { errors };
  const rule: DeadlineRule = {
    kind: v.kind as DeadlineRule['kind'],
    clock: v.clock as DeadlineRule['clock'],
    span,
    warnBefore,
    grace,
    effectiveFrom: v.effectiveFrom,
    ...(v.effectiveTo ? { effectiveTo: v.effectiveTo } : {}),
    ...(provinceId ? { provinceId } : {}),
    ...(extensionLimit ? { extensionLimit } : {}),
  };
  const clash = others.find(
    ({ rule: o }) =>
      o.kind === rule.kind &&
      o.clock === rule.clock &&
      !(o.effectiveTo !== undefined && o.effectiveTo < rule.effectiveFrom) &&
      !(rule.effectiveTo !== undefined && rule.effectiveTo < o.effectiveFrom),
  );
  if (clash) return { errors: { effectiveFrom: { vi: r.overlap(clash.index + 1) } } };
  return { rule, errors };
}

/**
 * The server's issues, by item: `items.N.field` at that field, `items.N` and `items` for the rule as a whole
 * (index -1 for the list itself).
 */
export function placeIssues(
  issues: readonly ProblemIssue[],
): Map<number, { fields: FieldErrors; other: ProblemIssue[] }> {
  const placed = new Map<number, { fields: FieldErrors; other: ProblemIssue[] }>();
  for (const issue of issues) {
    const m = /^items(?:[./](\d+)(?:[./](\w+))?)?/.exec(issue.path);
    const index = m?.[1] !== undefined ? Number(m[1]) : -1;
    let entry = placed.get(index);
    if (!entry) placed.set(index, (entry = { fields: {}, other: [] }));
    const field = m?.[2];
    if (field && (FIELDS as readonly string[]).includes(field))
      entry.fields[field as RuleField] ??= { vi: issue.message, en: issue.messageEn };
    else entry.other.push(issue);
  }
  return placed;
}

export const errorText = (e: { vi: string; en?: string | undefined }, locale: Locale): string =>
  (locale === 'en' && e.en) || e.vi;

export interface FormView {
  t: Messages;
  locale: Locale;
  mode: FormMode;
  values: RuleValues;
  errors: FieldErrors;
  /** Messages that name no field (the rule as a whole, or another rule). */
  general: string[];
  saving: boolean;
  onUnitChange: (field: 'spanUnit' | 'warnUnit' | 'graceUnit', unit: Unit) => void;
  onSubmit: (form: HTMLFormElement) => void;
  onCancel: () => void;
}

function describedBy(field: RuleField, errors: FieldErrors): string | typeof nothing {
  return errors[field] ? `${field}-error` : nothing;
}

function fieldError(field: RuleField, v: FormView): TemplateResult | typeof nothing {
  const e = v.errors[field];
  return e
    ? html`<p class="field-error" id="${field}-error" data-testid="field-error" data-field=${field}>
        ${errorText(e, v.locale)}
      </p>`
    : nothing;
}

/** An amount and its unit, as a fieldset (the span, the warning lead, the grace). */
function spanFieldset(
  field: 'span' | 'warnBefore' | 'grace',
  unitField: 'spanUnit' | 'warnUnit' | 'graceUnit',
  legend: string,
  v: FormView,
  locked: boolean,
): TemplateResult {
  const r = v.t.rules;
  const unit = v.values[unitField];
  return html`<fieldset class="span-field" ?disabled=${locked}>
    <legend>${legend}</legend>
    <div class="pair">
      <div class="field">
        <label for=${field}>${unit === 'duration' ? r.duration : r.amount}</label>
        <input
          id=${field}
          name=${field}
          inputmode=${unit === 'duration' ? 'text' : 'decimal'}
          .value=${v.values[field]}
          aria-invalid=${v.errors[field] ? 'true' : 'false'}
          aria-describedby=${describedBy(field, v.errors)}
          data-testid="rule-${field}"
        />
      </div>
      <div class="field">
        <label for=${unitField}>${r.unit}</label>
        <select
          id=${unitField}
          name=${unitField}
          data-testid="rule-${unitField}"
          @change=${(e: Event) => v.onUnitChange(unitField, (e.target as HTMLSelectElement).value as Unit)}
        >
          ${UNITS.map((u) => html`<option value=${u} ?selected=${u === unit}>${r.units[u]}</option>`)}
        </select>
      </div>
    </div>
    ${fieldError(field, v)}
  </fieldset>`;
}

function dateField(field: 'effectiveFrom' | 'effectiveTo', v: FormView, locked: boolean): TemplateResult {
  return html`<div class="field">
    <label for=${field}
      >${v.t.rules[field]}
      ${field === 'effectiveTo' ? html`<span class="hint">${v.t.common.optional}</span>` : nothing}</label
    >
    <input
      type="date"
      id=${field}
      name=${field}
      .value=${v.values[field]}
      ?readonly=${locked}
      ?required=${field === 'effectiveFrom'}
      aria-invalid=${v.errors[field] ? 'true' : 'false'}
      aria-describedby=${describedBy(field, v.errors)}
      data-testid="rule-${field}"
    />
    ${fieldError(field, v)}
  </div>`;
}

/** The form; in `end` mode only the end date may change (the rest is shown, disabled, for context). */
export function renderRuleForm(v: FormView): TemplateResult {
  const r = v.t.rules;
  const locked = v.mode.mode === 'end';
  const title = v.mode.mode === 'add' ? r.formAdd : v.mode.mode === 'edit' ? r.formEdit : r.formEnd;
  const select = (field: 'kind' | 'clock', options: readonly string[], labels: Record<string, string>) =>
    html`<div class="field">
      <label for=${field}>${r[field]}</label>
      <select id=${field} name=${field} ?disabled=${locked} data-testid="rule-${field}">
        ${options.map((o) => html`<option value=${o} ?selected=${o === v.values[field]}>${labels[o] ?? o}</option>`)}
      </select>
      ${fieldError(field, v)}
    </div>`;
  return html`<form
    class="rule-form"
    part="form"
    novalidate
    aria-labelledby="rule-form-heading"
    data-testid="rule-form"
    data-mode=${v.mode.mode}
    @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      v.onSubmit(e.target as HTMLFormElement);
    }}
  >
    <h3 id="rule-form-heading" tabindex="-1">${title}</h3>
    ${locked ? html`<p class="hint">${r.endHint}</p>` : nothing}
    ${
      v.general.length
        ? html`<div class="alert error" role="alert" data-testid="form-error">
            ${v.general.map((m) => html`<p>${m}</p>`)}
          </div>`
        : nothing
    }
    <div class="grid">
      ${select('kind', KINDS, v.t.kind)} ${select('clock', CLOCKS, r.clocks)}
      ${spanFieldset('span', 'spanUnit', r.span, v, locked)}
      ${spanFieldset('warnBefore', 'warnUnit', r.warnBefore, v, locked)}
      ${spanFieldset('grace', 'graceUnit', r.grace, v, locked)}
      <div class="field">
        <label for="extensionLimit"
          >${r.extensionLimit} (${r.units[v.values.spanUnit]})
          <span class="hint">${v.t.common.optional}</span></label
        >
        <input
          id="extensionLimit"
          name="extensionLimit"
          inputmode="decimal"
          .value=${v.values.extensionLimit}
          ?disabled=${locked}
          aria-invalid=${v.errors.extensionLimit ? 'true' : 'false'}
          aria-describedby=${describedBy('extensionLimit', v.errors)}
          data-testid="rule-extensionLimit"
        />
        ${fieldError('extensionLimit', v)}
      </div>
      ${dateField('effectiveFrom', v, locked)} ${dateField('effectiveTo', v, false)}
    </div>
    <div class="form-actions">
      <button type="submit" class="btn" part="save-button" data-testid="rule-save" ?disabled=${v.saving}>
        ${v.saving ? r.saving : r.save}
      </button>
      <button type="button" class="btn secondary" data-testid="rule-cancel" @click=${v.onCancel}>
        ${r.cancel}
      </button>
    </div>
  </form>`;
}
