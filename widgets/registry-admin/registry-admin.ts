import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import { PlImportFinishedEvent } from '../events/import-finished.ts';
import { PlSpokespersonChangedEvent, type SpokespersonChange } from '../events/spokesperson-changed.ts';
import { toProblem, type ProblemIssue } from '../internal/api-client.ts';
import { PlElement } from '../internal/base-element.ts';
import { saveBlob } from '../internal/download.ts';
import { describeProblem, type Messages } from '../internal/i18n.ts';
import { registryStyles } from '../internal/registry-styles.ts';
import { byName, ROLE_TYPES, todayInVietnam } from '../internal/registry-templates.ts';
import { baseStyles } from '../internal/styles.ts';
import { agencyName, agencyOptions, errorAlert, fieldText } from '../internal/templates.ts';
import type {
  Agency,
  ImportJob,
  Me,
  Spokesperson,
  SpokespersonHistoryEntry,
  SpokespersonRoleType,
} from '../internal/types.ts';
import { ImportController, renderImportPanel } from './import-panel.ts';
import { registryAdminStyles } from './registry-admin.styles.ts';
import { isEnded, renderEntry, type HistoryState, type PanelKind } from './spokesperson-entry.ts';
import {
  changedFields,
  FIELDS,
  placeIssues,
  readSpokespersonForm,
  renderSpokespersonForm,
  type FieldError,
  type FieldErrors,
} from './spokesperson-form.ts';

type Message = { tone: 'success' | 'error' | 'info'; text: (t: Messages) => string };

const enc = encodeURIComponent;

/** In office first; then heads, spokespersons, authorized persons; then by name. */
function ordered(items: readonly Spokesperson[], today: string): Spokesperson[] {
  const collator = new Intl.Collator('vi');
  return [...items].sort(
    (a, b) =>
      Number(isEnded(a, today)) - Number(isEnded(b, today)) ||
      ROLE_TYPES.indexOf(a.roleType) - ROLE_TYPES.indexOf(b.roleType) ||
      collator.compare(a.fullName, b.fullName),
  );
}

/** The entry the API answered with, when it answered with one. */
function entryOr(answer: unknown, fallback: Spokesperson): Spokesperson {
  return answer && typeof answer === 'object' && 'id' in answer ? (answer as Spokesperson) : fallback;
}

/**
 * @summary An agency's spokespersons, kept current by the agency itself (Decree 09/2017): heads, spokespersons
 * and authorized persons (with the authorizing head or spokesperson, the document and the period), ended terms
 * behind a toggle, add and edit (with optimistic locking: a concurrent change is reported and reloaded), end a
 * term, re-confirm an entry, each entry's history, CSV/XLSX export, and import from CSV/XLSX with a dry run and
 * a row-by-row report. For the agency's own staff and for administrators (who may pick the agency).
 *
 * @event pl-spokesperson-changed - An entry was created, updated, ended or confirmed (`event.spokesperson`, `event.change`).
 * @event pl-import-finished - An import job ended (`event.job`: `mode`, `status`, `report`).
 *
 * @csspart base - The wrapping section.
 * @csspart heading - The heading.
 * @csspart list - The list of entries.
 * @csspart item - One entry (`data-role-type`, `data-ended`, `data-stale`).
 * @csspart name - An entry's name.
 * @csspart role - The role type badge.
 * @csspart stale - The "needs re-confirming" badge.
 * @csspart confirm-button - The "still correct" button.
 * @csspart form - The add/edit form.
 * @csspart save-button - The form's save button.
 * @csspart import - The import section.
 * @csspart import-report - The import's row-by-row table.
 * @csspart error - Error boxes.
 *
 * @cssproperty --pl-color-primary - Buttons, links, the open form.
 * @cssproperty --pl-color-danger - Errors and the end-of-term button.
 * @cssproperty --pl-font-family - Font stack.
 * @cssproperty --pl-radius - Corner radius.
 */
export class PlRegistryAdmin extends PlElement {
  static override styles = [baseStyles, registryStyles, registryAdminStyles];
  static override properties = { agencyId: { attribute: 'agency-id', reflect: true } };

  /** The agency to manage; empty: the signed-in person's agency (`GET /me`). Administrators may switch it. */
  declare agencyId: string;

  #session = 0;
  #me: Me | undefined;
  #meError: unknown;
  #agencies: Agency[] | undefined;
  #items: Spokesperson[] | undefined;
  #loading = false;
  #loadError: unknown;
  #seq = 0;
  #showEnded = false;
  #adding = false;
  #panel: { id: string; kind: PanelKind } | undefined;
  #formRole: SpokespersonRoleType = 'spokesperson';
  #formErrors: FieldErrors = {};
  #formProblem: unknown;
  #formOther: ProblemIssue[] = [];
  #conflict = false;
  #saving = false;
  #busyId: string | undefined;
  #endError: FieldError | undefined;
  #history = new Map<string, HistoryState>();
  #message: Message | undefined;
  #exporting: 'csv' | 'xlsx' | undefined;
  #import = new ImportController(
    this,
    () => this.api,
    (job) => this.#importFinished(job),
  );

  constructor() {
    super();
    this.agencyId = '';
  }

  /** The entries as last loaded (ended ones included). */
  get spokespersons(): readonly Spokesperson[] {
    return this.#items ?? [];
  }

  /** Loads the entries again. */
  reload(): Promise<void> {
    return this.#load(true);
  }

  get #agency(): string {
    return this.agencyId || this.#me?.agencyId || '';
  }

  get #isAdmin(): boolean {
    return !!this.#me?.roles.includes('admin');
  }

  protected override credentialsChanged(): void {
    // Another person: nothing of the last one's work stays on screen.
    this.#session++;
    this.#me = this.#meError = this.#items = this.#agencies = this.#message = undefined;
    this.#closeAll();
    this.#history.clear();
    this.#import.reset();
    void this.#start();
  }

  protected override updated(changed: PropertyValues): void {
    const auth = ['apiBase', 'token', 'tokenProvider'].some((p) => changed.has(p));
    super.updated(changed);
    if (changed.has('agencyId') && !auth && this.#me) {
      this.#items = this.#message = undefined;
      this.#closeAll();
      this.#history.clear();
      void this.#load();
    }
  }

  async #start(): Promise<void> {
    if (!this.hasCredentials) return;
    const session = this.#session;
    this.#meError = undefined;
    this.requestUpdate();
    // With no agency set by the host, the caller's own: asked for beside `/me`, not after it (one round trip
    // fewer before the list shows). Used only if `/me` names that agency; without one it is refused and dropped.
    const own = this.agencyId ? undefined : this.#fetchList(undefined);
    own?.catch(() => undefined);
    try {
      const me = await this.api.me();
      if (session !== this.#session) return;
      this.#me = me;
    } catch (error) {
      if (session === this.#session) {
        this.#meError = error;
        this.requestUpdate();
      }
      return;
    }
    this.api.agencies().then(
      (agencies) => {
        if (session !== this.#session) return;
        this.#agencies = byName(agencies, (a) => a.name);
        this.requestUpdate();
      },
      () => undefined, // Ids stand in for names; administrators type nothing, so the select stays empty.
    );
    await this.#load(false, own && !this.agencyId && this.#me?.agencyId ? own : undefined);
  }

  /** The agency's spokespersons, ended terms included; `undefined`: the caller's own agency. */
  #fetchList(agencyId: string | undefined): Promise<{ items: Spokesperson[] }> {
    return this.api.get<{ items: Spokesperson[] }>('/spokespersons', {
      query: { ...(agencyId ? { agencyId } : {}), includeEnded: true },
    });
  }

  /** Loads the list of the current agency; `started`: that list, already asked for. */
  async #load(quiet = false, started?: Promise<{ items: Spokesperson[] }>): Promise<void> {
    const agency = this.#agency;
    if (!agency || !this.hasCredentials) return this.requestUpdate();
    const seq = ++this.#seq;
    this.#loading = !quiet;
    this.#loadError = undefined;
    this.requestUpdate();
    try {
      const page = await (started ?? this.#fetchList(agency));
      if (seq !== this.#seq) return;
      this.#items = page.items;
    } catch (error) {
      if (seq === this.#seq) this.#loadError = error;
    } finally {
      if (seq === this.#seq) this.#loading = false;
      this.requestUpdate();
    }
  }

  #clearForm(): void {
    this.#formErrors = {};
    this.#formProblem = undefined;
    this.#formOther = [];
    this.#conflict = false;
    this.#endError = undefined;
  }

  #closeAll(): void {
    this.#adding = false;
    this.#panel = undefined;
    this.#clearForm();
  }

  #say(tone: Message['tone'], text: (t: Messages) => string): void {
    this.#message = { tone, text };
  }

  #openAdd(): void {
    if (this.#adding) {
      this.#closeAll();
      this.requestUpdate();
      void this.focusAfterRender('[data-testid=add]');
      return;
    }
    this.#closeAll();
    this.#adding = true;
    this.#formRole = 'spokesperson';
    this.#message = undefined;
    this.requestUpdate();
    void this.focusAfterRender('#sp-fullName');
  }

  #toggle(s: Spokesperson, kind: PanelKind): void {
    if (this.#panel?.id === s.id && this.#panel.kind === kind) {
      this.#closeAll();
      this.requestUpdate();
      void this.#focusEntryButton(s.id, kind);
      return;
    }
    this.#closeAll();
    this.#panel = { id: s.id, kind };
    this.#message = undefined;
    if (kind === 'edit') {
      this.#formRole = s.roleType;
      void this.focusAfterRender('#sp-fullName');
    } else if (kind === 'end') {
      void this.focusAfterRender(`#${CSS.escape(`end-${s.id}`)}`);
    } else {
      void this.#loadHistory(s.id);
    }
    this.requestUpdate();
  }

  async #focusEntryButton(id: string, kind: PanelKind): Promise<void> {
    await this.updateComplete;
    const testid = kind === 'end' ? 'end-term' : kind;
    this.renderRoot
      .querySelector<HTMLElement>(
        `[data-testid=registry-entry][data-id="${CSS.escape(id)}"] [data-testid=${testid}]`,
      )
      ?.focus();
  }

  async #loadHistory(id: string): Promise<void> {
    this.#history.set(id, 'loading');
    this.requestUpdate();
    try {
      const page = await this.api.get<{ items: SpokespersonHistoryEntry[] }>(
        `/spokespersons/${enc(id)}/history`,
      );
      this.#history.set(id, { items: page.items });
    } catch (error) {
      this.#history.set(id, { error });
    }
    this.requestUpdate();
  }

  #changed(s: Spokesperson, change: SpokespersonChange): void {
    this.#history.delete(s.id);
    this.emit(new PlSpokespersonChangedEvent(s, change));
  }

  async #save(event: SubmitEvent, record: Spokesperson | undefined): Promise<void> {
    event.preventDefault();
    if (this.#saving) return;
    const { fields, errors } = readSpokespersonForm(new FormData(event.currentTarget as HTMLFormElement));
    this.#clearForm();
    this.#formErrors = errors;
    this.#message = undefined;
    const invalid = FIELDS.find((f) => errors[f]);
    if (invalid) {
      this.#say('error', (t) => t.validation.summary);
      this.requestUpdate();
      await this.focusAfterRender(`#sp-${invalid}`);
      return;
    }
    let body: Record<string, unknown>;
    if (record) {
      const patch = changedFields(fields, record);
      if (!Object.keys(patch).length) {
        this.#closeAll();
        this.#say('info', (t) => t.registry.unchanged);
        this.requestUpdate();
        await this.#focusEntryButton(record.id, 'edit');
        return;
      }
      body = { ...patch, expectedVersion: record.version };
    } else {
      body = { agencyId: this.#agency, ...fields };
    }
    this.#saving = true;
    this.requestUpdate();
    try {
      const saved = record
        ? await this.api.patch<Spokesperson>(`/spokespersons/${enc(record.id)}`, body)
        : await this.api.post<Spokesperson>('/spokespersons', body);
      const after = entryOr(saved, { ...(record as Spokesperson), ...fields });
      this.#saving = false;
      this.#closeAll();
      this.#say('success', (t) => (record ? t.registry.updated : t.registry.created)(after.fullName));
      this.#changed(after, record ? 'updated' : 'created');
      await this.#load(true);
      await this.focusAfterRender('#message');
    } catch (error) {
      this.#saving = false;
      const p = toProblem(error);
      if (record && p.status === 409) {
        // Someone else saved first: show their version, keep the form open on it.
        this.#conflict = true;
        this.#formProblem = error;
        this.#say('error', (t) => t.registry.conflict);
        await this.#load(true);
        const fresh = this.#items?.find((s) => s.id === record.id);
        if (fresh) this.#formRole = fresh.roleType;
        this.requestUpdate();
        await this.focusAfterRender('#sp-form-problem');
        return;
      }
      const placed = placeIssues(p.issues);
      this.#formErrors = placed.errors;
      this.#formOther = placed.other;
      this.#formProblem = error;
      this.#say('error', (t) => describeProblem(error, t));
      this.requestUpdate();
      const first = FIELDS.find((f) => placed.errors[f]);
      await this.focusAfterRender(first ? `#sp-${first}` : '#sp-form-problem');
    }
  }

  async #endTerm(event: SubmitEvent, s: Spokesperson): Promise<void> {
    event.preventDefault();
    if (this.#busyId) return;
    const termEnd = fieldText(new FormData(event.currentTarget as HTMLFormElement), 'termEnd');
    const inputSelector = `#${CSS.escape(`end-${s.id}`)}`;
    this.#endError = !termEnd
      ? { kind: 'required' }
      : termEnd < s.termStart
        ? { kind: 'termOrder' }
        : undefined;
    if (this.#endError) {
      this.requestUpdate();
      await this.focusAfterRender(inputSelector);
      return;
    }
    this.#busyId = s.id;
    this.#message = undefined;
    this.requestUpdate();
    try {
      const answer = await this.api.post<unknown>(`/spokespersons/${enc(s.id)}/end-term`, { termEnd });
      this.#closeAll();
      this.#say('success', (t) => t.registry.termEnded(s.fullName));
      this.#changed(entryOr(answer, { ...s, termEnd }), 'term_ended');
      this.#busyId = undefined;
      await this.#load(true);
      await this.focusAfterRender('#message');
    } catch (error) {
      this.#busyId = undefined;
      const p = toProblem(error);
      const issue = p.issues[0];
      if (issue) {
        this.#endError = { server: issue.message, serverEn: issue.messageEn };
        this.requestUpdate();
        await this.focusAfterRender(inputSelector);
        return;
      }
      this.#say('error', (t) => describeProblem(error, t));
      if (p.status === 409 || p.status === 404) void this.#load(true);
      this.requestUpdate();
      await this.focusAfterRender('#message');
    }
  }

  async #confirm(s: Spokesperson): Promise<void> {
    if (this.#busyId) return;
    this.#busyId = s.id;
    this.#message = undefined;
    this.requestUpdate();
    try {
      const answer = await this.api.post<unknown>(`/spokespersons/${enc(s.id)}/confirm`, {});
      this.#say('success', (t) => t.registry.confirmed(s.fullName));
      this.#changed(entryOr(answer, { ...s, stale: false }), 'confirmed');
      this.#busyId = undefined;
      await this.#load(true);
    } catch (error) {
      this.#busyId = undefined;
      this.#say('error', (t) => describeProblem(error, t));
      this.requestUpdate();
    }
  }

  async #export(kind: 'csv' | 'xlsx'): Promise<void> {
    const agency = this.#agency;
    if (this.#exporting || !agency) return;
    this.#exporting = kind;
    this.#message = undefined;
    this.requestUpdate();
    try {
      const { blob, fileName } = await this.api.download(`/exports/spokespersons.${kind}`, {
        agencyId: agency,
        lang: this.locale,
      });
      const name = fileName ?? `nguoi-phat-ngon-${agency}.${kind}`;
      saveBlob(blob, name, this.renderRoot);
      this.#say('success', (t) => t.registry.exported(name));
    } catch (error) {
      this.#say('error', (t) => describeProblem(error, t));
    }
    this.#exporting = undefined;
    this.requestUpdate();
  }

  #importFinished(job: ImportJob): void {
    this.emit(new PlImportFinishedEvent(job));
    if (job.mode === 'apply' && job.status === 'done') {
      this.#history.clear();
      void this.#load(true);
    }
  }

  #form(record: Spokesperson | undefined, today: string): TemplateResult {
    const delegators = (this.#items ?? []).filter(
      (s) => s.roleType !== 'authorized' && !isEnded(s, today) && s.id !== record?.id,
    );
    const current = record?.delegatedById
      ? this.#items?.find((s) => s.id === record.delegatedById)
      : undefined;
    if (current && !delegators.includes(current)) delegators.push(current);
    return renderSpokespersonForm({
      t: this.t,
      locale: this.locale,
      record,
      roleType: this.#formRole,
      delegators: ordered(delegators, today),
      errors: this.#formErrors,
      problem: this.#formProblem,
      otherIssues: this.#formOther,
      conflict: this.#conflict,
      saving: this.#saving,
      onSubmit: (e) => void this.#save(e, record),
      onCancel: () => {
        this.#closeAll();
        this.requestUpdate();
        if (record) void this.#focusEntryButton(record.id, 'edit');
        else void this.focusAfterRender('[data-testid=add]');
      },
      onRoleChange: (r) => {
        this.#formRole = r;
        this.requestUpdate();
      },
    });
  }

  #renderAgency(): TemplateResult | typeof nothing {
    const t = this.t;
    const agency = this.#agency;
    if (this.#isAdmin) {
      const province = this.#me?.provinceId;
      const options = (this.#agencies ?? []).filter((a) => !province || a.provinceId === province);
      return html`<div class="field agency-field">
        <label for="agency">${t.registry.agency}</label>
        <select
          id="agency"
          data-testid="registry-agency"
          ?disabled=${!this.#agencies}
          @change=${(e: Event) => (this.agencyId = (e.target as HTMLSelectElement).value)}
        >
          <option value="">${this.#agencies ? t.registry.chooseAgency : t.common.loading}</option>
          ${agencyOptions(options, agency, t, this.locale)}
        </select>
      </div>`;
    }
    return agency
      ? html`<p class="sub" data-testid="registry-agency-name">
          ${t.registry.agency}: <strong>${agencyName(this.#agencies, agency, this.locale)}</strong>
        </p>`
      : nothing;
  }

  #statusText(all: Spokesperson[], visible: Spokesperson[], ended: number): string {
    const t = this.t;
    if (this.#loading) return t.common.loading;
    if (!this.#items) return '';
    if (!all.length) return t.registry.empty;
    if (!visible.length) return t.registry.onlyEnded(ended);
    return this.#showEnded && ended
      ? t.registry.countWithEnded(all.length, ended)
      : t.registry.count(visible.length);
  }

  #renderBody(): TemplateResult {
    const t = this.t;
    const today = todayInVietnam();
    const all = ordered(this.#items ?? [], today);
    const endedCount = all.filter((s) => isEnded(s, today)).length;
    const visible = this.#showEnded ? all : all.filter((s) => !isEnded(s, today));
    const byId = new Map(all.map((s) => [s.id, s]));
    return html`<div class="toolbar">
        <div>
          <button
            type="button"
            class="btn"
            data-testid="add"
            aria-expanded=${this.#adding ? 'true' : 'false'}
            aria-controls="add-panel"
            @click=${() => this.#openAdd()}
          >
            ${t.registry.add}
          </button>
          <label class="check">
            <input
              type="checkbox"
              data-testid="include-ended"
              .checked=${this.#showEnded}
              @change=${(e: Event) => {
                this.#showEnded = (e.target as HTMLInputElement).checked;
                this.requestUpdate();
              }}
            />
            ${t.registry.includeEnded}
          </label>
        </div>
        <div role="group" aria-label=${t.registry.exportHeading}>
          ${(['csv', 'xlsx'] as const).map(
            (kind) =>
              html`<button
                type="button"
                class="btn secondary small"
                data-testid="export-${kind}"
                ?disabled=${!!this.#exporting}
                @click=${() => void this.#export(kind)}
              >
                ${this.#exporting === kind ? t.registry.exporting : kind === 'csv' ? t.registry.exportCsv : t.registry.exportXlsx}
              </button>`,
          )}
        </div>
      </div>
      <div id="add-panel">${this.#adding ? keyed('new', this.#form(undefined, today)) : nothing}</div>
      <p class="count muted" role="status" aria-live="polite" data-testid="list-status">
        ${this.#statusText(all, visible, endedCount)}
      </p>
      ${this.#loadError ? errorAlert(this.#loadError, t, () => void this.#load()) : nothing}
      <ul class="cards" part="list" data-testid="registry-list">
        ${repeat(
          visible,
          (s) => s.id,
          (s) => {
            const panel = this.#panel?.id === s.id ? this.#panel.kind : undefined;
            return renderEntry({
              t,
              locale: this.locale,
              today,
              record: s,
              delegatorName: s.delegatedById ? byId.get(s.delegatedById)?.fullName : undefined,
              panel,
              busy: this.#busyId === s.id,
              form: panel === 'edit' ? keyed(`${s.id}:${s.version}`, this.#form(s, today)) : nothing,
              history: this.#history.get(s.id),
              endError: this.#endError,
              onToggle: (kind) => this.#toggle(s, kind),
              onConfirm: () => void this.#confirm(s),
              onEndTerm: (e) => void this.#endTerm(e, s),
              onRetryHistory: () => void this.#loadHistory(s.id),
            });
          },
        )}
      </ul>
      ${renderImportPanel(this.#import, t, this.locale)}`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const m = this.#message;
    let body: TemplateResult | typeof nothing = nothing;
    if (!this.hasCredentials) body = html`<div class="alert"><p>${t.common.signInRequired}</p></div>`;
    else if (this.#meError) body = errorAlert(this.#meError, t, () => void this.#start());
    else if (!this.#me) body = html`<p class="muted">${t.common.loading}</p>`;
    else if (!this.#agency)
      body = this.#isAdmin
        ? nothing
        : html`<div class="alert" data-testid="no-agency"><p>${t.registry.noAgency}</p></div>`;
    else body = this.#renderBody();
    return html`<section part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${t.registry.heading}</h2>
      ${this.#me ? this.#renderAgency() : nothing}
      <div id="message" class="message" role="status" aria-live="polite" tabindex="-1" data-testid="message">
        ${
          m
            ? html`<div
                class="alert ${m.tone === 'info' ? '' : m.tone}"
                part=${m.tone === 'error' ? 'error' : nothing}
                data-testid=${m.tone === 'error' ? 'registry-error' : 'registry-success'}
              >
                <p>${m.text(t)}</p>
              </div>`
            : nothing
        }
      </div>
      ${body}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-registry-admin': PlRegistryAdmin;
  }
}
