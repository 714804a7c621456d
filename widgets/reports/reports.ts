import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { statsStyles } from '../agency-stats/agency-stats.styles.ts';
import {
  currentPeriod,
  periodFields,
  readPeriod,
  type Period,
  type PeriodKind,
} from '../agency-stats/period.ts';
import { PlElement } from '../internal/base-element.ts';
import { saveBlob } from '../internal/download.ts';
import { formatDateTime } from '../internal/i18n.ts';
import { JobPoller } from '../internal/job-poller.ts';
import { baseStyles } from '../internal/styles.ts';
import { errorAlert, newIdempotencyKey } from '../internal/templates.ts';
import type { ReportFormat, ReportJob } from '../internal/types.ts';

const FORMATS: ReportFormat[] = ['xlsx', 'csv'];
const FORMAT_LABELS: Record<ReportFormat, string> = { xlsx: 'Excel (XLSX)', csv: 'CSV' };

/** `downloadUrl` as a path under the API base, for the client (which adds the bearer token). */
function apiPath(url: string, base: string): string {
  const full = new URL(url, document.baseURI).href;
  const root = new URL(base, document.baseURI).href.replace(/\/+$/, '');
  return full.startsWith(`${root}/`) ? full.slice(root.length) : url;
}

/**
 * @summary The department's periodic reports: choose a month, quarter or year and a format (XLSX or CSV),
 * create the report, follow its progress, and download it; the recent reports of the province are listed
 * with their own download buttons.
 *
 * @csspart base - The wrapping section.
 * @csspart form - The report form.
 * @csspart table - The recent reports.
 *
 * @cssproperty --pl-color-primary - Buttons.
 * @cssproperty --pl-font-family - Font stack.
 */
export class PlReports extends PlElement {
  static override styles = [baseStyles, statsStyles];
  static override properties = { provinceId: { attribute: 'province-id', reflect: true } };

  /** The province to report on; the supervisor's own when empty. */
  declare provinceId: string;

  #period: Period = currentPeriod('quarter');
  #job = new JobPoller<ReportJob>(this, {
    check: (job) => this.api.get<ReportJob>(`/reports/${encodeURIComponent(job.id)}`),
    ended: (job) => job.status === 'done' || job.status === 'failed',
    finished: (job) => {
      this.#message = this.#outcome(job);
      void this.#loadRecent().then(() => this.focusAfterRender('[data-testid=report-download]'));
    },
  });
  #recent: ReportJob[] = [];
  /** Why the recent reports did not load (its "retry" loads them again). */
  #listError: unknown;
  /** Why creating or downloading a report failed (the buttons themselves try again). */
  #error: unknown;
  #message = '';
  /** While the request that creates a report is on its way (then the job is followed). */
  #creating = false;

  constructor() {
    super();
    this.provinceId = '';
  }

  protected override credentialsChanged(): void {
    this.#job.reset();
    this.#recent = [];
    this.#message = '';
    this.#error = this.#listError = undefined;
    void this.#loadRecent();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('provinceId') && changed.get('provinceId') !== undefined) void this.#loadRecent();
  }

  async #province(): Promise<string> {
    return this.provinceId || ((await this.api.me()).provinceId ?? '');
  }

  async #loadRecent(): Promise<void> {
    if (!this.hasCredentials) return this.requestUpdate();
    try {
      const page = await this.api.get<{ items: ReportJob[] }>('/reports', {
        query: { provinceId: this.provinceId },
      });
      this.#recent = page.items;
      this.#listError = undefined;
    } catch (error) {
      this.#listError = error;
    }
    this.requestUpdate();
  }

  /** The sentence for an ended job: the workflow's own error is technical English, shown apart as detail. */
  #outcome(job: ReportJob): string {
    const r = this.t.reports;
    return job.status === 'done' ? r.ready(this.t.period.label(job.period)) : r.failed;
  }

  get #busy(): boolean {
    return this.#creating || this.#job.following;
  }

  async #create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this.#busy) return;
    const form = e.currentTarget as HTMLFormElement;
    const period = readPeriod(form);
    if (!period) return;
    const format = new FormData(form).get('format') === 'csv' ? 'csv' : 'xlsx';
    this.#creating = true;
    this.#error = undefined;
    this.#job.reset();
    this.#message = this.t.reports.creating;
    this.requestUpdate();
    try {
      const body = { provinceId: await this.#province(), period: period.value, format };
      const job = await this.api.post<ReportJob>('/reports', body, {
        headers: { 'idempotency-key': newIdempotencyKey() },
      });
      this.#job.follow(job);
    } catch (error) {
      this.#error = error;
      this.#message = '';
    }
    this.#creating = false;
    this.requestUpdate();
  }

  async #download(job: ReportJob): Promise<void> {
    if (!job.downloadUrl) return;
    try {
      const { blob, fileName } = await this.api.download(apiPath(job.downloadUrl, this.api.base));
      const name = fileName ?? `bao-cao-${job.period}.${job.format}`;
      saveBlob(blob, name, this.renderRoot);
      this.#message = this.t.registry.exported(name);
    } catch (error) {
      this.#error = error;
    }
    this.requestUpdate();
  }

  #downloadButton(job: ReportJob, testid: string): TemplateResult | typeof nothing {
    const r = this.t.reports;
    return job.status === 'done' && job.downloadUrl
      ? html`<button
          type="button"
          class="btn secondary"
          data-testid=${testid}
          aria-label=${r.downloadFor(`${this.t.period.label(job.period)} (${job.format.toUpperCase()})`)}
          @click=${() => void this.#download(job)}
        >
          ${r.download}
        </button>`
      : nothing;
  }

  #renderRecent(): TemplateResult {
    const r = this.t.reports;
    if (!this.#recent.length) return html`<p class="muted">${r.empty}</p>`;
    return html`<div class="table-wrap">
      <table part="table" data-testid="recent-reports">
        <caption>
          ${r.recent}
        </caption>
        <thead>
          <tr>
            ${[r.period, r.format, this.t.list.status, r.createdAt, r.download].map(
              (c) => html`<th scope="col">${c}</th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${this.#recent.map(
            (j) =>
              html`<tr data-report-id=${j.id} data-status=${j.status}>
                <th scope="row">${this.t.period.label(j.period)}</th>
                <td>${j.format.toUpperCase()}</td>
                <td>${r.status[j.status] ?? j.status}</td>
                <td>${formatDateTime(Date.parse(j.createdAt), this.locale)}</td>
                <td>${this.#downloadButton(j, 'recent-download')}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /** The technical reason a report failed, for whoever fixes it (the message above says it in words). */
  #failureDetail(job: ReportJob): TemplateResult | typeof nothing {
    if (job.status !== 'failed' || !job.error) return nothing;
    return html`<details class="hint" data-testid="report-error-detail">
      <summary>${this.t.reports.technical}</summary>
      <code>${job.error}</code>
    </details>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const r = t.reports;
    if (!this.hasCredentials) return html`<div class="alert"><p>${t.common.signInRequired}</p></div>`;
    const poller = this.#job;
    const job = poller.job;
    // Given up checking: neither the progress bar nor "creating" may stay as if it were still moving.
    const stalled = !!poller.error;
    return html`<section part="base" aria-labelledby="reports-heading" data-testid="reports">
      <h2 id="reports-heading">${r.heading}</h2>
      <form
        class="filters"
        part="form"
        aria-label=${r.heading}
        @submit=${(e: SubmitEvent) => void this.#create(e)}
      >
        ${periodFields(t, this.#period, ['month', 'quarter', 'year'], (k: PeriodKind) => {
          this.#period = currentPeriod(k);
          this.requestUpdate();
        })}
        <div class="field">
          <label for="format">${r.format}</label>
          <select id="format" name="format" data-testid="report-format">
            ${FORMATS.map((f) => html`<option value=${f}>${FORMAT_LABELS[f]}</option>`)}
          </select>
        </div>
        <button type="submit" class="btn" data-testid="report-create" ?disabled=${this.#busy}>
          ${r.create}
        </button>
      </form>
      ${
        job && poller.following
          ? html`<progress
              max=${Math.max(1, job.progress.total)}
              .value=${job.progress.done}
              aria-label=${r.creating}
            ></progress>`
          : nothing
      }
      <p role="status" aria-live="polite" data-testid="report-status">
        ${stalled ? r.stalled : this.#message}${
          job && poller.following && job.status === 'running' && job.progress.total
            ? ` ${r.progress(job.progress.done, job.progress.total)}`
            : ''
        }
      </p>
      ${job ? this.#failureDetail(job) : nothing}
      ${job ? this.#downloadButton(job, 'report-download') : nothing}
      ${poller.error ? errorAlert(poller.error, t, () => poller.retry()) : nothing}
      ${this.#error ? errorAlert(this.#error, t) : nothing}
      ${this.#listError ? errorAlert(this.#listError, t, () => void this.#loadRecent()) : nothing}
      ${this.#renderRecent()}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-reports': PlReports;
  }
}
