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
  #job: ReportJob | undefined;
  #recent: ReportJob[] = [];
  #error: unknown;
  #message = '';
  #busy = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.provinceId = '';
  }

  protected override credentialsChanged(): void {
    clearTimeout(this.#timer);
    this.#job = undefined;
    this.#recent = [];
    this.#message = '';
    this.#error = undefined;
    void this.#loadRecent();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('provinceId') && changed.get('provinceId') !== undefined) void this.#loadRecent();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
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
    } catch (error) {
      this.#error = error;
    }
    this.requestUpdate();
  }

  async #create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this.#busy) return;
    const form = e.currentTarget as HTMLFormElement;
    const period = readPeriod(form);
    if (!period) return;
    const format = new FormData(form).get('format') === 'csv' ? 'csv' : 'xlsx';
    this.#busy = true;
    this.#error = undefined;
    this.#message = this.t.reports.creating;
    this.requestUpdate();
    try {
      const body = { provinceId: await this.#province(), period: period.value, format };
      const job = await this.api.post<ReportJob>('/reports', body, {
        headers: { 'idempotency-key': newIdempotencyKey() },
      });
      this.#follow(job);
    } catch (error) {
      this.#error = error;
      this.#message = '';
      this.#busy = false;
      this.requestUpdate();
    }
  }

  /** Polls the report every second until it is done or failed. */
  #follow(job: ReportJob): void {
    this.#job = job;
    const r = this.t.reports;
    const label = this.t.period.label(job.period);
    this.#message =
      job.status === 'done' ? r.ready(label) : job.status === 'failed' ? (job.error ?? r.failed) : r.creating;
    this.requestUpdate();
    if (job.status === 'done' || job.status === 'failed') {
      this.#busy = false;
      void this.#loadRecent().then(() => this.focusAfterRender('[data-testid=report-download]'));
      return;
    }
    this.#timer = setTimeout(() => {
      this.api.get<ReportJob>(`/reports/${encodeURIComponent(job.id)}`).then(
        (next) => this.#follow(next),
        (error: unknown) => ((this.#error = error), (this.#busy = false), this.requestUpdate()),
      );
    }, 1000);
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

  protected override render(): TemplateResult {
    const t = this.t;
    const r = t.reports;
    if (!this.hasCredentials) return html`<div class="alert"><p>${t.common.signInRequired}</p></div>`;
    const job = this.#job;
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
        job && job.status !== 'done' && job.status !== 'failed'
          ? html`<progress
              max=${Math.max(1, job.progress.total)}
              .value=${job.progress.done}
              aria-label=${r.creating}
            ></progress>`
          : nothing
      }
      <p role="status" aria-live="polite" data-testid="report-status">
        ${this.#message}${
          job && job.status === 'running' && job.progress.total
            ? ` ${r.progress(job.progress.done, job.progress.total)}`
            : ''
        }
      </p>
      ${job ? this.#downloadButton(job, 'report-download') : nothing}
      ${this.#error ? errorAlert(this.#error, t, () => void this.#loadRecent()) : nothing}
      ${this.#renderRecent()}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-reports': PlReports;
  }
}
