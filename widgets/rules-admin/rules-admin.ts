/**
 * @module
 * `pl-rules-admin`: a province's deadline rules (issue 11, ADR 2026-12-02 deadline rules per province) over
 * `GET`/`PUT /deadline-rules?provinceId=`.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { spanToText } from '../../domain/calendar/span.ts';
import type { DeadlineRule } from '../../domain/deadlines/rules.ts';
import { toProblem } from '../internal/api-client.ts';
import { PlElement } from '../internal/base-element.ts';
import { describeProblem } from '../internal/i18n.ts';
import { formatLocalDate, todayInVietnam } from '../internal/registry-templates.ts';
import { baseStyles } from '../internal/styles.ts';
import { errorAlert } from '../internal/templates.ts';
import type { Me } from '../internal/types.ts';
import {
  emptyValues,
  errorText,
  placeIssues,
  readForm,
  renderRuleForm,
  toRule,
  valuesOf,
  type FieldErrors,
  type FormMode,
  type RuleValues,
} from './rule-form.ts';
import { rulesAdminStyles } from './rules-admin.styles.ts';

interface ScopeRules {
  provinceId: string | null;
  items: DeadlineRule[];
  inForce: { rule: DeadlineRule; source: 'province' | 'national' | 'default' }[];
  usage: { kind: string; clock: string; rule: DeadlineRule; openContacts: number; contactIds: string[] }[];
}

/** How many contact ids a usage line names. */
const IDS_SHOWN = 3;

/**
 * @summary The deadline rules of a province (or, for central administrators without `province-id` and without a
 * province of their own, the national default): the rule in force today for each contact kind and deadline with
 * its source (the province's, the national default, the system's) and the open contacts running under each
 * rule; the scope's own rules, which may be added, edited before they take effect, and ended (the past is
 * kept: a rule that has been in force may only be ended). Every change is saved at once (`PUT`); the server's
 * refusals are shown at the field, or the rule, they name.
 *
 * @csspart base - The wrapping section.
 * @csspart in-force - The table of rules in force.
 * @csspart own - The table of the scope's own rules.
 * @csspart form - The add / edit / end form.
 * @csspart save-button - The form's save button.
 * @csspart error - Error boxes.
 *
 * @cssproperty --pl-color-primary - Buttons, the province's badge.
 * @cssproperty --pl-color-danger - Errors.
 */
export class PlRulesAdmin extends PlElement {
  static override styles = [baseStyles, rulesAdminStyles];
  static override properties = { provinceId: { attribute: 'province-id', reflect: true } };

  /** The province whose rules are shown; empty: the signed-in administrator's (`GET /me`), else national. */
  declare provinceId: string;

  #session = 0;
  /** The latest load of the rules: an older one's answer (another province's) arriving late is dropped. */
  #loadSeq = 0;
  #me: Me | undefined;
  #view: ScopeRules | undefined;
  #error: unknown;
  #form: (FormMode & { values: RuleValues }) | undefined;
  #errors: FieldErrors = {};
  #general: string[] = [];
  /** Server issues about rules other than the one in the form, by row. */
  #rowErrors = new Map<number, string[]>();
  #saving = false;
  #status = '';

  constructor() {
    super();
    this.provinceId = '';
  }

  /** The scope's rules, in force and in use, as last loaded. */
  get rules(): ScopeRules | undefined {
    return this.#view;
  }

  reload(): Promise<void> {
    return this.#load();
  }

  get #scope(): string | null {
    return this.provinceId || this.#me?.provinceId || null;
  }

  protected override credentialsChanged(): void {
    this.#session++;
    this.#me = this.#view = this.#error = this.#form = undefined;
    this.#status = '';
    void this.#start();
  }

  protected override updated(changed: PropertyValues): void {
    const auth = ['apiBase', 'token', 'tokenProvider'].some((p) => changed.has(p));
    super.updated(changed);
    if (changed.has('provinceId') && !auth && this.hasUpdated && this.#me) {
      this.#form = this.#view = undefined;
      void this.#load();
    }
  }

  async #start(): Promise<void> {
    if (!this.hasCredentials) return this.requestUpdate();
    const session = this.#session;
    try {
      const me = await this.api.me();
      if (session !== this.#session) return;
      this.#me = me;
    } catch (error) {
      if (session === this.#session) this.#error = error;
      return this.requestUpdate();
    }
    await this.#load();
  }

  async #load(): Promise<void> {
    const session = this.#session;
    const seq = ++this.#loadSeq;
    const current = () => session === this.#session && seq === this.#loadSeq;
    this.#error = undefined;
    this.requestUpdate();
    try {
      const scope = this.#scope;
      const view = await this.api.get<ScopeRules>('/deadline-rules', {
        query: scope ? { provinceId: scope } : {},
      });
      if (!current()) return;
      this.#view = view;
    } catch (error) {
      if (current()) this.#error = error;
    }
    this.requestUpdate();
  }

  #open(mode: FormMode): void {
    const items = this.#view?.items ?? [];
    const rule = mode.mode === 'add' ? undefined : items[mode.index];
    this.#form = { ...mode, values: rule ? valuesOf(rule) : emptyValues(todayInVietnam()) };
    this.#errors = {};
    this.#general = [];
    this.#status = '';
    this.requestUpdate();
    void this.focusAfterRender(mode.mode === 'end' ? '#effectiveTo' : '#rule-form-heading');
  }

  #close(): void {
    this.#form = undefined;
    this.#errors = {};
    this.#general = [];
    this.requestUpdate();
  }

  /** The index of the rule the form is about in the items sent, or -1 when none. */
  #formIndex(items: readonly DeadlineRule[]): number {
    const f = this.#form;
    if (!f) return -1;
    return f.mode === 'add' ? items.length - 1 : f.index;
  }

  async #submit(formEl: HTMLFormElement): Promise<void> {
    const f = this.#form;
    const view = this.#view;
    if (!f || !view) return;
    const current = readForm(formEl);
    const own = view.items;
    let items: DeadlineRule[];
    if (f.mode === 'end') {
      const old = own[f.index]!;
      const { effectiveTo: _end, ...rest } = old;
      const end = current.effectiveTo;
      if (end && end < old.effectiveFrom) {
        this.#errors = { effectiveTo: { vi: this.t.rules.endBeforeStart } };
        return this.#refused();
      }
      items = own.map((r, i) => (i === f.index ? { ...rest, ...(end ? { effectiveTo: end } : {}) } : r));
    } else {
      const others = own.flatMap((rule, index) =>
        f.mode === 'edit' && index === f.index ? [] : [{ rule, index }],
      );
      const { rule, errors } = toRule(current, others, this.t, view.provinceId);
      this.#form = { ...f, values: current };
      if (!rule) {
        this.#errors = errors;
        return this.#refused();
      }
      items = f.mode === 'add' ? [...own, rule] : own.map((r, i) => (i === f.index ? rule : r));
    }
    await this.#save(items, this.t.rules.saved);
  }

  async #remove(index: number): Promise<void> {
    const items = (this.#view?.items ?? []).filter((_, i) => i !== index);
    this.#form = undefined;
    await this.#save(items, this.t.rules.removed);
  }

  async #save(items: DeadlineRule[], done: string): Promise<void> {
    // The province set now, not the one the view names: a rule of another province in `items` is then
    // refused by the server (422) instead of being saved where it does not belong.
    const scope = this.#scope;
    const seq = this.#loadSeq;
    this.#saving = true;
    this.#rowErrors = new Map();
    this.#general = [];
    this.#errors = {};
    this.requestUpdate();
    try {
      const view = await this.api.request<ScopeRules>('PUT', '/deadline-rules', {
        query: scope ? { provinceId: scope } : {},
        body: { items },
      });
      // Another province was asked for meanwhile: its load shows it, not this answer.
      if (seq !== this.#loadSeq) return;
      this.#view = view;
      this.#form = undefined;
      this.#status = done;
    } catch (error) {
      if (seq === this.#loadSeq) this.#placeProblem(error, items);
    } finally {
      this.#saving = false;
      this.requestUpdate();
    }
  }

  #placeProblem(error: unknown, items: readonly DeadlineRule[]): void {
    const problem = toProblem(error);
    const mine = this.#formIndex(items);
    const en = this.locale === 'en';
    for (const [index, { fields, other }] of placeIssues(problem.issues)) {
      const texts = other.map((i) => (en && i.messageEn) || i.message);
      if (index === mine && this.#form) {
        this.#errors = { ...this.#errors, ...fields };
        this.#general.push(...texts);
      } else if (index >= 0 && index < (this.#view?.items.length ?? 0)) {
        const fieldTexts = Object.values(fields).map((e) => errorText(e, this.locale));
        this.#rowErrors.set(index, [...fieldTexts, ...texts]);
        this.#general.push(...fieldTexts, ...texts);
      } else {
        this.#general.push(...texts, ...Object.values(fields).map((e) => errorText(e, this.locale)));
      }
    }
    if (!problem.issues.length) this.#general.push(describeProblem(error, this.t));
    this.#refused();
  }

  #refused(): void {
    this.#status = this.t.rules.refused;
    this.requestUpdate();
    const first = Object.keys(this.#errors)[0];
    void this.focusAfterRender(first ? `#${first}` : '#rule-form-heading');
  }

  #span(rule: DeadlineRule): string {
    return spanToText(rule.span, this.locale);
  }

  #what(rule: DeadlineRule): string {
    return this.t.rules.rowLabel(
      this.t.kind[rule.kind] ?? rule.kind,
      this.t.rules.clocks[rule.clock] ?? rule.clock,
      this.#date(rule.effectiveFrom),
    );
  }

  /** `2026-01-01` as people write it: `01/01/2026`. */
  #date(date: string): string {
    return formatLocalDate(date, this.locale);
  }

  #effective(rule: DeadlineRule): string {
    const r = this.t.rules;
    const from = this.#date(rule.effectiveFrom);
    return rule.effectiveTo ? r.fromTo(from, this.#date(rule.effectiveTo)) : r.from(from);
  }

  #renderUsage(kind: string, clock: string): TemplateResult {
    const r = this.t.rules;
    const lines = (this.#view?.usage ?? []).filter(
      (u) => u.kind === kind && u.clock === clock && u.openContacts > 0,
    );
    if (!lines.length) return html`<span class="muted">${r.noUsage}</span>`;
    return html`<ul class="usage">
      ${lines.map(
        (u) =>
          html`<li data-testid="usage" data-open=${u.openContacts}>
            ${r.usage(u.openContacts, `${this.#span(u.rule)} (${this.#effective(u.rule)})`)}:
            ${u.contactIds.slice(0, IDS_SHOWN).map((id) => html`<code>${id}</code> `)}
            ${u.openContacts > IDS_SHOWN ? r.andMore(u.openContacts - IDS_SHOWN) : nothing}
          </li>`,
      )}
    </ul>`;
  }

  #renderInForce(view: ScopeRules): TemplateResult {
    const r = this.t.rules;
    return html`<h3 id="in-force-heading">${r.inForceHeading}</h3>
      <div class="table-wrap">
        <table part="in-force" data-testid="rules-in-force">
          <caption class="sr-only">
            ${r.inForceCaption}
          </caption>
          <thead>
            <tr>
              <th scope="col">${r.kind}</th>
              <th scope="col">${r.clock}</th>
              <th scope="col">${r.span}</th>
              <th scope="col">${r.effective}</th>
              <th scope="col">${r.source}</th>
              <th scope="col">${r.openContacts}</th>
            </tr>
          </thead>
          <tbody>
            ${view.inForce.map(
              ({ rule, source }) =>
                html`<tr
                  data-testid="in-force-row"
                  data-kind=${rule.kind}
                  data-clock=${rule.clock}
                  data-source=${source}
                >
                  <th scope="row">${this.t.kind[rule.kind] ?? rule.kind}</th>
                  <td>${r.clocks[rule.clock] ?? rule.clock}</td>
                  <td data-testid="span">${this.#span(rule)}</td>
                  <td>${this.#effective(rule)}</td>
                  <td>
                    <span class="badge source" data-source=${source} data-testid="source"
                      >${r.sources[source]}</span
                    >
                  </td>
                  <td>${this.#renderUsage(rule.kind, rule.clock)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  #renderOwnRow(rule: DeadlineRule, index: number, today: string): TemplateResult {
    const r = this.t.rules;
    const state =
      rule.effectiveTo !== undefined && rule.effectiveTo < today
        ? 'past'
        : rule.effectiveFrom > today
          ? 'future'
          : 'current';
    const started = rule.effectiveFrom < today;
    const errors = this.#rowErrors.get(index);
    const what = this.#what(rule);
    return html`<tr
      data-testid="rule-row"
      data-index=${index}
      data-kind=${rule.kind}
      data-clock=${rule.clock}
      data-from=${rule.effectiveFrom}
      data-state=${state}
      aria-invalid=${errors ? 'true' : nothing}
    >
      <td>${index + 1}</td>
      <th scope="row">
        ${this.t.kind[rule.kind] ?? rule.kind}<br /><span class="muted">${r.clocks[rule.clock]}</span>
      </th>
      <td>${this.#span(rule)}</td>
      <td>${spanToText(rule.warnBefore, this.locale)}</td>
      <td>${spanToText(rule.grace, this.locale)}</td>
      <td>${rule.extensionLimit ? spanToText(rule.extensionLimit, this.locale) : '—'}</td>
      <td>
        ${this.#effective(rule)} <span class="badge" data-state=${state}>${r.state[state]}</span>
        ${errors ? html`<p class="field-error" data-testid="row-error" role="note" aria-label=${r.rowError}>${errors.join(' ')}</p>` : nothing}
      </td>
      <td class="row-actions">
        ${
          started
            ? state !== 'past'
              ? html`<button
                  type="button"
                  class="btn secondary small"
                  aria-label=${r.endLabel(what)}
                  data-testid="rule-end"
                  @click=${() => this.#open({ mode: 'end', index })}
                >
                  ${r.end}
                </button>`
              : nothing
            : html`<button
                  type="button"
                  class="btn secondary small"
                  aria-label=${r.editLabel(what)}
                  data-testid="rule-edit"
                  @click=${() => this.#open({ mode: 'edit', index })}
                >
                  ${r.edit}
                </button>
                <button
                  type="button"
                  class="btn secondary small"
                  aria-label=${r.removeLabel(what)}
                  data-testid="rule-remove"
                  ?disabled=${this.#saving}
                  @click=${() => void this.#remove(index)}
                >
                  ${r.remove}
                </button>`
        }
      </td>
    </tr>`;
  }

  #renderOwn(view: ScopeRules): TemplateResult {
    const r = this.t.rules;
    const today = todayInVietnam();
    return html`<h3 id="own-heading">${r.ownHeading}</h3>
      ${
        view.items.length === 0
          ? html`<p class="muted" data-testid="no-own-rules">${r.noOwn}</p>`
          : html`<div class="table-wrap">
              <table part="own" data-testid="own-rules">
                <caption class="sr-only">
                  ${r.ownCaption}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">${r.kind} / ${r.clock}</th>
                    <th scope="col">${r.span}</th>
                    <th scope="col">${r.warnBefore}</th>
                    <th scope="col">${r.grace}</th>
                    <th scope="col">${r.extensionLimit}</th>
                    <th scope="col">${r.effective}</th>
                    <th scope="col">${r.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  ${view.items.map((rule, i) => this.#renderOwnRow(rule, i, today))}
                </tbody>
              </table>
            </div>`
      }`;
  }

  #renderForm(): TemplateResult | typeof nothing {
    const f = this.#form;
    if (!f) {
      return html`<div>
        <button type="button" class="btn" data-testid="rule-add" @click=${() => this.#open({ mode: 'add' })}>
          ${this.t.rules.add}
        </button>
      </div>`;
    }
    return renderRuleForm({
      t: this.t,
      locale: this.locale,
      mode: f,
      values: f.values,
      errors: this.#errors,
      general: this.#general,
      saving: this.#saving,
      onUnitChange: (field, unit) => {
        const form = this.renderRoot.querySelector<HTMLFormElement>('form.rule-form');
        this.#form = { ...f, values: { ...(form ? readForm(form) : f.values), [field]: unit } };
        this.requestUpdate();
      },
      onSubmit: (form) => void this.#submit(form),
      onCancel: () => this.#close(),
    });
  }

  protected override render(): TemplateResult {
    const r = this.t.rules;
    const view = this.#view;
    const scope = view ? view.provinceId : this.#scope;
    return html`<section part="base" aria-labelledby="rules-heading" data-testid="rules-admin">
      <h2 id="rules-heading">${r.heading}</h2>
      <p class="sr-only" role="status" aria-live="polite" data-testid="rules-status">${this.#status}</p>
      ${
        !this.hasCredentials
          ? html`<p class="muted">${this.t.common.signInRequired}</p>`
          : this.#error
            ? toProblem(this.#error).status === 403
              ? html`<p class="alert" data-testid="rules-forbidden">${r.forbidden}</p>`
              : errorAlert(this.#error, this.t, () => void this.#start())
            : !view
              ? html`<p class="muted">${this.t.common.loading}</p>`
              : html`<p class="muted" data-testid="rules-scope">
                    ${scope ? r.scopeProvince(scope) : r.scopeNational}
                  </p>
                  ${this.#status === r.saved || this.#status === r.removed ? html`<p class="alert success" data-testid="rules-saved">${this.#status}</p>` : nothing}
                  ${this.#renderInForce(view)} ${this.#renderOwn(view)} ${this.#renderForm()}`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-rules-admin': PlRulesAdmin;
  }
}
