import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { PlContactSelectEvent } from '../events/contact-select.ts';
import { toProblem } from '../internal/api-client.ts';
import { PlElement } from '../internal/base-element.ts';
import { ListController } from '../internal/contact-list.ts';
import { describeProblem } from '../internal/i18n.ts';
import { JobPoller } from '../internal/job-poller.ts';
import type { StreamMessage } from '../internal/stream.ts';
import { baseStyles } from '../internal/styles.ts';
import { agencyName, errorAlert, moreButton, newIdempotencyKey } from '../internal/templates.ts';
import type {
  Agency,
  BoardAction,
  BoardPage,
  BoardSort,
  BulkReminderJob,
  Member,
} from '../internal/types.ts';
import { readDialog, renderDialog, type DialogState } from './board-dialog.ts';
import { readBoardFilters, renderBoardFilters, type BoardFilters } from './board-filters.ts';
import { boardActionLabel, renderTable, type BoardItem } from './board-table.ts';
import { boardStyles } from './supervisor-board.styles.ts';

/** The order a column sorts in first: the most urgent at the top. */
const FIRST_ORDER: Record<BoardSort, 'asc' | 'desc'> = {
  dueAt: 'asc',
  age: 'desc',
  escalationLevel: 'desc',
  lastActionAt: 'asc',
  agency: 'asc',
};

/**
 * @summary The press-management department's board of stuck work: overdue and escalated contacts, contacts with
 * no action for N working days and workflows whose activities keep failing, filterable by agency, level, kind,
 * status, reason, escalation and age, sortable, paged with "show more", following live changes. Each row offers
 * exactly the safe actions the person may take (remind, reassign, extend, close, retry), each in a dialog that
 * asks for its reason; a read-only auditor sees the same rows and no actions. A bulk reminder sends one letter
 * to every agency with overdue work, with its progress.
 *
 * @event pl-contact-select - A row was chosen (`event.contactId`); the host shows the contact (e.g. `pl-contact`).
 *
 * @csspart base - The wrapping section.
 * @csspart filters - The filter form.
 * @csspart table - The table of stuck contacts.
 * @csspart dialog - The action dialog.
 * @csspart bulk-button - The bulk reminder button.
 * @csspart more-button - "Show more".
 *
 * @cssproperty --pl-color-primary - Buttons, links, the selected row.
 * @cssproperty --pl-color-danger - Overdue badges, closing.
 * @cssproperty --pl-font-family - Font stack.
 */
export class PlSupervisorBoard extends PlElement {
  static override styles = [baseStyles, boardStyles];
  static override properties = {
    provinceId: { attribute: 'province-id', reflect: true },
    idleDays: { attribute: 'idle-days', reflect: true },
    selectedId: { attribute: 'selected-id', reflect: true },
  };

  /** The province to watch; the supervisor's own when empty (central users set it). */
  declare provinceId: string;
  /** Overrides the "no action for N working days" threshold. */
  declare idleDays: string;
  /** The chosen contact's id. */
  declare selectedId: string;

  #filters: BoardFilters = {};
  #sort: BoardSort = 'dueAt';
  #order: 'asc' | 'desc' = 'asc';
  #idle: number | undefined;
  /** Every agency, and the signed-in person's own province: the agency filter lists the watched province's. */
  #allAgencies: Agency[] = [];
  #homeProvince: string | null | undefined;
  /** Counts credential changes: the answers for older credentials are dropped. */
  #credentials = 0;
  #mayAct = false;
  #members = new Map<string, Member[]>();
  #dialog: DialogState | undefined;
  #opener: HTMLElement | undefined;
  #attempt: { key: string; fingerprint: string } | undefined;
  #notice = '';
  /** An action that failed after its dialog was gone (closed anyway, or another opened): said on the board. */
  #failure = '';
  #bulk = new JobPoller<BulkReminderJob>(this, {
    check: (job) => this.api.get<BulkReminderJob>(`/reminders/bulk/${encodeURIComponent(job.id)}`),
    // A job just started is `queued`: it is followed like a running one.
    ended: (job) => job.status === 'done' || job.status === 'failed',
    finished: () => this.#list.scheduleRefresh(50),
  });
  #list = new ListController<BoardItem>(this, async (cursor, limit) => {
    const page = await this.api.get<BoardPage>('/board', {
      query: {
        ...this.#filters,
        provinceId: this.provinceId,
        idleDays: this.idleDays,
        sort: this.#sort,
        order: this.#order,
        cursor,
        limit,
      },
    });
    this.#idle = page.idleDays;
    return { items: page.items.map((r) => ({ ...r, id: r.contactId })), nextCursor: page.nextCursor };
  });

  constructor() {
    super();
    this.provinceId = '';
    this.idleDays = '';
    this.selectedId = '';
  }

  protected override credentialsChanged(): void {
    this.#notice = this.#failure = '';
    this.#bulk.reset();
    this.#mayAct = false;
    this.#allAgencies = [];
    this.#homeProvince = undefined;
    // Not `api !== this.api`: until the element is ready, `this.api` is a new wrapper at every read.
    const seq = ++this.#credentials;
    if (!this.hasCredentials) return this.#list.clear();
    void this.#list.reload();
    const api = this.api;
    void Promise.all([api.me(), api.agencies()]).then(
      ([me, agencies]) => {
        if (seq !== this.#credentials) return;
        // Only the province's supervisors send reminders (the API refuses administrators and auditors).
        this.#mayAct = me.roles.includes('supervisor');
        this.#allAgencies = agencies;
        this.#homeProvince = me.provinceId;
        this.requestUpdate();
      },
      () => undefined, // The agency filter stays empty; the board itself reports its own errors.
    );
  }

  /** The agency filter's choices: the watched province's agencies (all of them for a national view). */
  #agencies(): Agency[] {
    const province = this.provinceId || this.#homeProvince;
    return this.#allAgencies.filter((a) => !province || a.provinceId === province);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A central user moved to another province: an agency of the old one no longer filters anything.
    const agency = this.#filters['agencyId'];
    if (changed.has('provinceId') && agency && !this.#agencies().some((a) => a.id === agency))
      delete this.#filters['agencyId'];
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('provinceId')) {
      // The form keeps its own values, and Lit reuses the options in place: say which one is chosen.
      const select = this.renderRoot.querySelector<HTMLSelectElement>('#f-agencyId');
      if (select) select.value = this.#filters['agencyId'] ?? '';
    }
    const own = ['provinceId', 'idleDays'].some((p) => changed.has(p) && changed.get(p) !== undefined);
    if (own && this.hasCredentials) void this.#list.reload();
  }

  protected override onStreamMessage(m: StreamMessage): void {
    if (m.event !== 'notification') this.#list.scheduleRefresh(500);
  }

  /** Reloads the board. */
  reload(): Promise<void> {
    return this.#list.reload(true);
  }

  #sortBy(sort: BoardSort): void {
    this.#order = this.#sort === sort ? (this.#order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[sort];
    this.#sort = sort;
    void this.#list.reload();
  }

  #select(id: string): void {
    this.selectedId = id;
    this.emit(new PlContactSelectEvent(id));
  }

  async #open(mode: DialogState['mode'], opener: HTMLElement, row?: BoardItem): Promise<void> {
    const state: DialogState = { mode, row, busy: false };
    this.#dialog = state;
    this.#opener = opener;
    this.#attempt = undefined;
    this.#failure = '';
    if (mode === 'reassign' && row && !this.#members.has(row.agencyId)) {
      this.api.get<{ items: Member[] }>(`/agencies/${encodeURIComponent(row.agencyId)}/members`).then(
        (page) => (this.#members.set(row.agencyId, page.items), this.requestUpdate()),
        (error: unknown) => {
          state.error = describeProblem(error, this.t);
          this.requestUpdate();
        },
      );
    }
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
    this.renderRoot.querySelector<HTMLElement>('dialog textarea, dialog select, dialog input')?.focus();
  }

  /** The dialog closed (sent, cancelled or Escape): forget it and give focus back to what opened it. */
  #closed(): void {
    this.#dialog = undefined;
    this.requestUpdate();
    const opener = this.#opener;
    this.#opener = undefined;
    void this.updateComplete.then(() => {
      if (opener?.isConnected) opener.focus();
      else this.renderRoot.querySelector<HTMLElement>('#notice')?.focus();
    });
  }

  async #submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const state = this.#dialog;
    if (!state || state.busy) return;
    const { body, invalid } = readDialog(state.mode, e.currentTarget as HTMLFormElement);
    state.invalid = invalid;
    state.error = undefined;
    if (!body) {
      this.requestUpdate();
      return this.focusAfterRender(`dialog [name="${invalid ?? ''}"]`);
    }
    const id = encodeURIComponent(state.row?.contactId ?? '');
    const path =
      state.mode === 'bulk'
        ? '/reminders/bulk'
        : state.mode === 'retry'
          ? `/contacts/${id}/retry`
          : `/contacts/${id}/actions/${state.mode}`;
    const payload =
      state.mode === 'bulk' && this.provinceId ? { ...body, provinceId: this.provinceId } : body;
    // The same request sent again (after a network failure) keeps its key, so it is done once.
    const fingerprint = path + JSON.stringify(payload);
    if (this.#attempt?.fingerprint !== fingerprint) this.#attempt = { key: newIdempotencyKey(), fingerprint };
    state.busy = true;
    this.requestUpdate();
    try {
      const result = await this.api.post<unknown>(path, payload, {
        headers: { 'idempotency-key': this.#attempt.key },
      });
      if (state.mode === 'bulk') this.#bulk.follow(result as BulkReminderJob);
      else this.#notice = this.t.contact.done(boardActionLabel(state.mode, this.t));
      // Only this request's own dialog closes: another one opened meanwhile keeps what is typed in it.
      if (this.#isShowing(state)) this.renderRoot.querySelector('dialog')?.close();
      this.#list.scheduleRefresh(50);
    } catch (error) {
      const p = toProblem(error);
      const why = (this.locale === 'en' && p.detailEn) || p.detail || describeProblem(error, this.t);
      if (this.#isShowing(state)) state.error = why;
      else this.#failure = this.t.board.actionFailed(this.#dialogLabel(state), why);
      if (p.status === 409 || p.status === 404) this.#list.scheduleRefresh(50);
    }
    state.busy = false;
    this.requestUpdate();
  }

  /**
   * Whether `state` is the dialog on screen now. The element is asked too: its `close` event (which forgets the
   * state) comes a task after it closed, and an answer landing in between must not go to a closed dialog.
   */
  #isShowing(state: DialogState): boolean {
    return this.#dialog === state && this.renderRoot.querySelector('dialog')?.open === true;
  }

  #dialogLabel(state: DialogState): string {
    const label = state.mode === 'bulk' ? this.t.board.bulk : boardActionLabel(state.mode, this.t);
    return state.row ? `${label} (${state.row.contactId})` : label;
  }

  #renderBulk(): TemplateResult | typeof nothing {
    const poller = this.#bulk;
    const job = poller.job;
    if (!job) return nothing;
    const b = this.t.board;
    const { done, total } = job.progress;
    const ended = job.status === 'done' || job.status === 'failed';
    // Given up checking: the last progress is stale, say so instead (the job itself may well go on).
    const stalled = !ended && !poller.following;
    const text = stalled
      ? b.bulkStalled
      : job.status === 'done'
        ? b.bulkDone(job.letters.length)
        : job.status === 'failed'
          ? b.bulkFailed
          : b.bulkProgress(done, total);
    return html`<div class="bulk alert ${job.status === 'failed' ? 'error' : 'success'}" data-testid="bulk">
      ${stalled ? nothing : html`<progress max=${Math.max(1, total)} .value=${done} aria-label=${b.bulk}></progress>`}
      <p role="status" aria-live="polite" data-testid="bulk-status">${text}</p>
      ${
        ended && job.letters.length
          ? html`<ul class="letters" data-testid="bulk-letters">
              ${job.letters.map(
                (l) =>
                  html`<li>
                    ${b.letter(l.number, agencyName(this.#allAgencies, l.agencyId, this.locale), l.contactIds.length)}
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${poller.error ? errorAlert(poller.error, this.t, () => poller.retry()) : nothing}
    </div>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const b = t.board;
    if (!this.hasCredentials) return html`<div class="alert"><p>${t.common.signInRequired}</p></div>`;
    const list = this.#list;
    const filtered = Object.keys(this.#filters).length > 0;
    const status = list.statusText(t, filtered ? t.list.noMatch : b.empty, b.count);
    const mayRemind = this.#mayAct || list.items.some((r) => r.actions.includes('remind'));
    return html`<section part="base" aria-labelledby="board-heading" data-testid="supervisor-board">
      <h2 id="board-heading">${b.heading}</h2>
      ${renderBoardFilters(t, this.locale, this.#agencies(), (form) => {
        this.#filters = readBoardFilters(form);
        void list.reload();
      })}
      <div class="toolbar">
        <p class="count" role="status" aria-live="polite" data-testid="list-status">${status}</p>
        ${
          mayRemind
            ? html`<button
                type="button"
                class="btn"
                part="bulk-button"
                data-testid="bulk-remind"
                ?disabled=${this.#bulk.following}
                @click=${(e: Event) => void this.#open('bulk', e.currentTarget as HTMLElement)}
              >
                ${b.bulk}
              </button>`
            : nothing
        }
      </div>
      ${this.#idle !== undefined ? html`<p class="hint">${b.idleHint(this.#idle)}</p>` : nothing}
      <p
        id="notice"
        class="notice ${this.#notice ? 'alert success' : ''}"
        role="status"
        aria-live="polite"
        tabindex="-1"
        data-testid="notice"
      >
        ${this.#notice}
      </p>
      ${
        this.#failure
          ? html`<div class="alert error" role="alert" data-testid="action-error">
              <p>${this.#failure}</p>
            </div>`
          : nothing
      }
      ${this.#renderBulk()} ${list.error ? errorAlert(list.error, t, () => void list.reload()) : nothing}
      ${
        list.items.length
          ? renderTable(list.items, {
              t,
              locale: this.locale,
              sort: this.#sort,
              order: this.#order,
              selectedId: this.selectedId,
              onSort: (s) => this.#sortBy(s),
              onSelect: (id) => this.#select(id),
              onAction: (row, action: BoardAction, opener) => {
                this.#notice = '';
                void this.#open(action, opener, row);
              },
            })
          : nothing
      }
      ${moreButton(list, t)}
      ${renderDialog(
        this.#dialog,
        t,
        this.#dialog?.row ? this.#members.get(this.#dialog.row.agencyId) : undefined,
        {
          submit: (e) => void this.#submit(e),
          cancel: () => this.renderRoot.querySelector('dialog')?.close(),
          closed: () => this.#closed(),
        },
      )}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-supervisor-board': PlSupervisorBoard;
  }
}
