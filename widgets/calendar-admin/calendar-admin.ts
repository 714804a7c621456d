/**
 * @module
 * `pl-calendar-admin`: confirming a year's working-day calendar (issue 11) over `GET`/`PUT /calendar/{year}`,
 * the recomputation's progress (`GET /calendar/changes/{id}`) and the year's audit (`/calendar/{year}/changes`).
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { toProblem } from '../internal/api-client.ts';
import { PlElement } from '../internal/base-element.ts';
import { describeProblem, formatDateTime } from '../internal/i18n.ts';
import { todayInVietnam } from '../internal/registry-templates.ts';
import { baseStyles } from '../internal/styles.ts';
import { errorAlert } from '../internal/templates.ts';
import { rulesAdminStyles } from '../rules-admin/rules-admin.styles.ts';
import { calendarAdminStyles } from './calendar-admin.styles.ts';
import {
  checkYear,
  placeCalendarIssues,
  renderDayList,
  type DayRow,
  type ListName,
  type RowErrors,
} from './calendar-lists.ts';

interface YearView {
  year: number;
  status: 'derived' | 'confirmed';
  daysOff: { date: string; kind: string; name: string }[];
  workingWeekendDays: { date: string; name: string }[];
  sources: string[];
  /** Whether the signed-in person may confirm the year (central administrators: the holidays are national). */
  mayConfirm?: boolean;
}

interface CalendarChange {
  id: string;
  year: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  done: number;
  moved: number;
  requestedBy: { sub: string; name: string };
  createdAt: string;
  finishedAt: string | null;
}

const POLL_MS = 1000;
const MIN_YEAR = 2021;
const MAX_YEAR = 2100;

/**
 * @summary A year's working-day calendar for administrators: the days off (holidays, compensatory days, extra
 * days off such as the optional 24 November, Vietnam Culture Day) and the weekend days worked, as editable
 * lists; a year derived from the law shows its lunar holidays as proposals to check. Confirming the year saves
 * it and shows the recomputation of every open contact's deadlines as it goes (a progress bar and a polite
 * status line), then the year's audit of confirmations (who, when, how many contacts, how many moved).
 *
 * @csspart base - The wrapping section.
 * @csspart confirm-button - The "confirm the year" button.
 * @csspart progress - The recomputation's progress.
 * @csspart audit - The audit table.
 * @csspart error - Error boxes.
 */
export class PlCalendarAdmin extends PlElement {
  static override styles = [baseStyles, rulesAdminStyles, calendarAdminStyles];
  static override properties = { year: { type: Number, reflect: true } };

  /** The year shown (default: the current year in Vietnam). */
  declare year: number;

  #session = 0;
  #keys = 0;
  #view: YearView | undefined;
  #daysOff: DayRow[] = [];
  #worked: DayRow[] = [];
  #audit: CalendarChange[] | undefined;
  #error: unknown;
  #errors: RowErrors = new Map();
  #general: string[] = [];
  #saving = false;
  #change: CalendarChange | undefined;
  #poll: ReturnType<typeof setTimeout> | undefined;
  #status = '';

  constructor() {
    super();
    this.year = Number(todayInVietnam().slice(0, 4));
  }

  /** The recomputation last started here, as last polled. */
  get change(): CalendarChange | undefined {
    return this.#change;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#poll);
  }

  protected override credentialsChanged(): void {
    this.#reset();
    void this.#load();
  }

  protected override updated(changed: PropertyValues): void {
    const auth = ['apiBase', 'token', 'tokenProvider'].some((p) => changed.has(p));
    super.updated(changed);
    if (changed.has('year') && changed.get('year') !== undefined && !auth) {
      this.#reset();
      void this.#load();
    }
  }

  #reset(): void {
    this.#session++;
    clearTimeout(this.#poll);
    this.#view = this.#audit = this.#error = this.#change = undefined;
    this.#errors = new Map();
    this.#general = [];
    this.#status = '';
  }

  #rows(view: YearView): void {
    const proposal = view.status === 'derived';
    this.#daysOff = view.daysOff.map((d) => ({ key: ++this.#keys, ...d, proposal }));
    this.#worked = view.workingWeekendDays.map((d) => ({ key: ++this.#keys, ...d, kind: '', proposal }));
  }

  async #load(): Promise<void> {
    if (!this.hasCredentials) return this.requestUpdate();
    const session = this.#session;
    const year = this.year;
    this.requestUpdate();
    try {
      const view = await this.api.get<YearView>(`/calendar/${year}`);
      if (session !== this.#session) return;
      this.#view = view;
      this.#rows(view);
    } catch (error) {
      if (session === this.#session) this.#error = error;
    }
    this.requestUpdate();
    await this.#loadAudit();
  }

  async #loadAudit(): Promise<void> {
    const session = this.#session;
    try {
      const audit = await this.api.get<{ items: CalendarChange[] }>(`/calendar/${this.year}/changes`);
      if (session === this.#session) this.#audit = audit.items;
    } catch (error) {
      if (session === this.#session) this.#error ??= error;
    }
    this.requestUpdate();
  }

  #go(delta: number): void {
    const next = this.year + delta;
    if (next >= MIN_YEAR && next <= MAX_YEAR) this.year = next;
  }

  #edit(list: ListName, index: number, patch: Partial<DayRow>): void {
    const rows = list === 'daysOff' ? this.#daysOff : this.#worked;
    const next = rows.map((r, i) => (i === index ? { ...r, ...patch } : r));
    if (list === 'daysOff') this.#daysOff = next;
    else this.#worked = next;
    this.requestUpdate();
  }

  #removeRow(list: ListName, index: number): void {
    if (list === 'daysOff') this.#daysOff = this.#daysOff.filter((_, i) => i !== index);
    else this.#worked = this.#worked.filter((_, i) => i !== index);
    this.#errors = new Map();
    this.requestUpdate();
  }

  #add(list: ListName, row: Partial<DayRow> = {}): void {
    const fresh: DayRow = {
      key: ++this.#keys,
      date: '',
      kind: 'extra_day_off',
      name: '',
      proposal: false,
      ...row,
    };
    if (list === 'daysOff') this.#daysOff = [...this.#daysOff, fresh];
    else this.#worked = [...this.#worked, { ...fresh, kind: '' }];
    this.requestUpdate();
    const count = list === 'daysOff' ? this.#daysOff.length : this.#worked.length;
    if (!row.date) void this.focusAfterRender(`[data-testid=${list}] tbody tr:nth-child(${count}) input`);
  }

  async #confirm(): Promise<void> {
    const year = this.year;
    const c = this.t.calendarAdmin;
    this.#errors = checkYear(year, this.#daysOff, this.#worked, this.t);
    this.#general = [];
    if (this.#errors.size) return this.#refused();
    this.#saving = true;
    this.#status = '';
    this.requestUpdate();
    const session = this.#session;
    try {
      const answer = await this.api.request<YearView & { change: CalendarChange }>(
        'PUT',
        `/calendar/${year}`,
        {
          body: {
            year,
            daysOff: this.#daysOff.map(({ date, kind, name }) => ({ date, kind, name: name.trim() })),
            workingWeekendDays: this.#worked.map(({ date, name }) => ({ date, name: name.trim() })),
            sources: this.#view?.sources ?? [],
          },
        },
      );
      if (session !== this.#session) return;
      const { change, ...view } = answer;
      this.#view = view;
      this.#rows(view);
      this.#change = change;
      this.#status = `${c.confirmed(year)} ${c.progress(change.done, change.total, change.moved)}`;
      this.#audit = [change, ...(this.#audit ?? []).filter((a) => a.id !== change.id)];
      this.#schedulePoll();
    } catch (error) {
      const placed = placeCalendarIssues(toProblem(error).issues, this.locale);
      this.#errors = placed.errors;
      this.#general =
        placed.other.length || placed.errors.size ? placed.other : [describeProblem(error, this.t)];
      return this.#refused();
    } finally {
      this.#saving = false;
      this.requestUpdate();
    }
  }

  #refused(): void {
    this.#status = this.t.calendarAdmin.refused;
    this.requestUpdate();
    void this.focusAfterRender('[aria-invalid=true], [data-testid=calendar-error]');
  }

  #schedulePoll(): void {
    clearTimeout(this.#poll);
    const change = this.#change;
    if (!change || change.status === 'done' || change.status === 'failed') return;
    const session = this.#session;
    this.#poll = setTimeout(() => void this.#pollOnce(change.id, session), POLL_MS);
  }

  async #pollOnce(id: string, session: number): Promise<void> {
    try {
      const change = await this.api.get<CalendarChange>(`/calendar/changes/${encodeURIComponent(id)}`);
      if (session !== this.#session) return;
      this.#change = change;
      const c = this.t.calendarAdmin;
      if (change.status === 'done') this.#status = c.finished(change.moved);
      else if (change.status === 'failed') this.#status = c.failed;
      if (change.status === 'done' || change.status === 'failed') await this.#loadAudit();
    } catch {
      // A missed poll is tried again at the next tick.
    }
    if (session !== this.#session) return;
    this.requestUpdate();
    this.#schedulePoll();
  }

  #renderProgress(change: CalendarChange): TemplateResult {
    const c = this.t.calendarAdmin;
    const text = c.progress(change.done, change.total, change.moved);
    return html`<div
      class="progress"
      part="progress"
      data-testid="calendar-progress"
      data-status=${change.status}
    >
      <p id="progress-label"><strong>${c.progressLabel}</strong>: ${c.progressStatus[change.status]}</p>
      <progress
        aria-labelledby="progress-label"
        max=${Math.max(change.total, 1)}
        value=${change.total ? change.done : change.status === 'done' ? 1 : 0}
        aria-valuetext=${text}
        data-testid="progressbar"
      ></progress>
      <p data-testid="progress-text">${text}</p>
    </div>`;
  }

  #renderAudit(): TemplateResult {
    const c = this.t.calendarAdmin;
    const items = this.#audit;
    return html`<h3 id="audit-heading">${c.audit}</h3>
      ${
        items === undefined
          ? html`<p class="muted">${this.t.common.loading}</p>`
          : items.length === 0
            ? html`<p class="muted" data-testid="audit-empty">${c.auditEmpty}</p>`
            : html`<div class="table-wrap">
                <table part="audit" data-testid="calendar-audit">
                  <caption class="sr-only">
                    ${c.auditCaption(this.year)}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">${c.when}</th>
                      <th scope="col">${c.who}</th>
                      <th scope="col">${c.result}</th>
                      <th scope="col">${c.moved}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${items.map(
                      (a) =>
                        html`<tr data-testid="audit-row" data-change-id=${a.id} data-status=${a.status}>
                          <td>${formatDateTime(Date.parse(a.createdAt), this.locale)}</td>
                          <th scope="row">${a.requestedBy.name}</th>
                          <td>${c.progressStatus[a.status]}: ${c.recomputed(a.done, a.total)}</td>
                          <td data-testid="audit-moved">${a.moved}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
      }`;
  }

  #renderEditor(view: YearView): TemplateResult {
    const c = this.t.calendarAdmin;
    const year = this.year;
    const list = (name: ListName, rows: DayRow[]) =>
      renderDayList({
        t: this.t,
        locale: this.locale,
        year,
        list: name,
        rows,
        errors: this.#errors,
        onChange: (i, patch) => this.#edit(name, i, patch),
        onRemove: (i) => this.#removeRow(name, i),
      });
    const culture = `${year}-11-24`;
    const running = !!this.#change && (this.#change.status === 'queued' || this.#change.status === 'running');
    return html`<p>
        <span class="badge" data-testid="calendar-status" data-status=${view.status}
          >${c.status[view.status]}</span
        >
      </p>
      ${view.status === 'derived' ? html`<p class="alert" data-testid="derived-note">${c.derivedNote}</p>` : nothing}
      <h3 id="days-off-heading">${c.daysOff}</h3>
      ${list('daysOff', this.#daysOff)}
      <div class="toolbar">
        <button
          type="button"
          class="btn secondary"
          data-testid="add-day-off"
          @click=${() => this.#add('daysOff')}
        >
          ${c.addDayOff}
        </button>
        ${
          this.#daysOff.some((d) => d.date === culture)
            ? nothing
            : html`<button
                type="button"
                class="btn secondary"
                data-testid="add-culture-day"
                @click=${() => this.#add('daysOff', { date: culture, kind: 'extra_day_off', name: c.cultureDay })}
              >
                ${c.suggestCultureDay(year)}
              </button>`
        }
      </div>
      <h3 id="worked-heading">${c.workingWeekend}</h3>
      ${list('workingWeekendDays', this.#worked)}
      <div class="toolbar">
        <button
          type="button"
          class="btn secondary"
          data-testid="add-working-day"
          @click=${() => this.#add('workingWeekendDays')}
        >
          ${c.addWorkingDay}
        </button>
      </div>
      ${
        this.#general.length
          ? html`<div class="alert error" role="alert" data-testid="calendar-error" tabindex="-1">
              ${this.#general.map((m) => html`<p>${m}</p>`)}
            </div>`
          : nothing
      }
      ${
        this.#view?.mayConfirm === false
          ? html`<p class="hint" data-testid="central-only">${c.centralOnly}</p>`
          : this.#confirmButton(year, running)
      }
      ${this.#change ? this.#renderProgress(this.#change) : nothing} ${this.#renderAudit()}`;
  }

  #confirmButton(year: number, running: boolean): TemplateResult {
    const c = this.t.calendarAdmin;
    return html`<p class="hint" id="confirm-hint">${c.confirmHint}</p>
      <div class="toolbar">
        <button
          type="button"
          class="btn"
          part="confirm-button"
          data-testid="confirm-year"
          aria-describedby="confirm-hint"
          ?disabled=${this.#saving || running}
          @click=${() => void this.#confirm()}
        >
          ${this.#saving ? c.confirming : c.confirm(year)}
        </button>
      </div>`;
  }

  protected override render(): TemplateResult {
    const c = this.t.calendarAdmin;
    const year = this.year;
    const view = this.#view;
    return html`<section part="base" aria-labelledby="calendar-heading" data-testid="calendar-admin">
      <div class="head">
        <h2 id="calendar-heading">${c.heading(year)}</h2>
        <nav class="toolbar" aria-label=${c.yearNav}>
          <button
            type="button"
            class="btn secondary small"
            data-testid="year-previous"
            ?disabled=${year <= MIN_YEAR}
            @click=${() => this.#go(-1)}
          >
            ← ${c.previousYear(year - 1)}
          </button>
          <button
            type="button"
            class="btn secondary small"
            data-testid="year-next"
            ?disabled=${year >= MAX_YEAR}
            @click=${() => this.#go(1)}
          >
            ${c.nextYear(year + 1)} →
          </button>
        </nav>
      </div>
      <p class="sr-only" role="status" aria-live="polite" data-testid="calendar-live">${this.#status}</p>
      ${
        !this.hasCredentials
          ? html`<p class="muted">${this.t.common.signInRequired}</p>`
          : this.#error && !view
            ? errorAlert(this.#error, this.t, () => {
                this.#reset();
                void this.#load();
              })
            : !view
              ? html`<p class="muted">${this.t.common.loading}</p>`
              : this.#renderEditor(view)
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-calendar-admin': PlCalendarAdmin;
  }
}
