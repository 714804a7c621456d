/**
 * @module
 * Spreadsheet import for `pl-registry-admin`: send the file's bytes (`POST /imports/spokespersons?mode=`), poll
 * the job every 500 ms for progress (through `JobPoller`: failed checks are retried, then "retry" resumes), then show the row-by-row report, errors first (also for an apply that failed
 * because of them: nothing is written then, and the report says what to correct). The API's codes are worded in
 * the page's language; its English text stands in for a code this version does not know. Polling stops while the
 * element is out of the page and resumes when it comes back.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { toProblem, type ApiClient } from '../internal/api-client.ts';
import { describeProblem, type Locale, type Messages } from '../internal/i18n.ts';
import { JobPoller } from '../internal/job-poller.ts';
import { formatLocalDate } from '../internal/registry-templates.ts';
import { errorAlert } from '../internal/templates.ts';
import type { CodeParams, CodeWords, ImportJob, ImportMode, ImportReportRow } from '../internal/types.ts';

const POLL_MS = 500;
/**
 * Failed checks in a row (no answer, service busy) before saying progress is not being checked: with the pauses
 * growing from a second, about 7 s.
 */
const MAX_POLL_FAILURES = 4;
const REPORT_PAGE = 200;

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
export const ACCEPT = `.csv,.xlsx,${Object.values(CONTENT_TYPES).join(',')}`;

/** The upload's `Content-Type`, by extension (browsers report CSV as several types, or none). */
export function contentTypeOf(file: File): string | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES[ext];
}

/** Errors first, then by row number. */
export function orderReport(rows: readonly ImportReportRow[]): ImportReportRow[] {
  return [...rows].sort(
    (a, b) => Number(b.action === 'error') - Number(a.action === 'error') || a.row - b.row,
  );
}

/** `stalled`: progress could not be checked for a while; the job goes on in the server and "retry" resumes. */
type Phase = 'idle' | 'uploading' | 'running' | 'stalled' | 'done' | 'failed';

const ended = (job: ImportJob) => job.status === 'done' || job.status === 'failed';

export class ImportController {
  /** Why the upload failed (the job's own failure is `job.error`; a stalled check's is the poller's). */
  uploadError: unknown;
  fileError: 'chooseFile' | 'badType' | undefined;
  /** How many report rows are shown. */
  shown = REPORT_PAGE;

  readonly #host: ReactiveControllerHost;
  readonly #api: () => ApiClient;
  readonly #poller: JobPoller<ImportJob>;
  #uploading = false;
  #seq = 0;

  constructor(host: ReactiveControllerHost, api: () => ApiClient, finished: (job: ImportJob) => void) {
    this.#host = host;
    this.#api = api;
    this.#poller = new JobPoller<ImportJob>(host, {
      check: (job) => this.#api().get<ImportJob>(`/imports/${encodeURIComponent(job.id)}`),
      ended,
      finished,
      intervalMs: POLL_MS,
      maxFailures: MAX_POLL_FAILURES,
    });
  }

  get job(): ImportJob | undefined {
    return this.#poller.job;
  }

  /** Why the upload failed, or why progress could not be checked. */
  get error(): unknown {
    return this.uploadError ?? this.#poller.error;
  }

  get phase(): Phase {
    if (this.#uploading) return 'uploading';
    if (this.uploadError !== undefined) return 'failed';
    const job = this.#poller.job;
    if (!job) return 'idle';
    if (ended(job)) return job.status as 'done' | 'failed';
    return this.#poller.error === undefined ? 'running' : 'stalled';
  }

  get busy(): boolean {
    return this.phase === 'uploading' || this.phase === 'running';
  }

  /** Forgets the last job (another agency or person). */
  reset(): void {
    this.#seq++;
    this.#uploading = false;
    this.uploadError = this.fileError = undefined;
    this.#poller.reset();
  }

  /** After progress could not be checked: checks again, and keeps following. */
  retry(): void {
    this.#poller.retry();
  }

  async start(file: File | undefined, mode: ImportMode): Promise<void> {
    if (this.busy) return;
    const type = file && contentTypeOf(file);
    this.fileError = !file || !file.size ? 'chooseFile' : !type ? 'badType' : undefined;
    if (!file || !type || this.fileError) {
      this.#host.requestUpdate();
      return;
    }
    const seq = ++this.#seq;
    this.#poller.reset();
    this.#uploading = true;
    this.uploadError = undefined;
    this.shown = REPORT_PAGE;
    this.#host.requestUpdate();
    try {
      const { jobId } = await this.#api().request<{ jobId: string }>('POST', '/imports/spokespersons', {
        query: { mode },
        raw: file,
        // Header values must be ISO-8859-1: Vietnamese file names travel percent-encoded.
        headers: { 'content-type': type, 'x-file-name': encodeURIComponent(file.name) },
      });
      if (seq !== this.#seq) return;
      this.#uploading = false;
      // What is known until the first check answers: the job is queued, its size not yet counted.
      this.#poller.follow({
        id: jobId,
        kind: 'spokespersons',
        mode,
        status: 'queued',
        total: 0,
        processed: 0,
        error: null,
        report: null,
      });
    } catch (error) {
      if (seq !== this.#seq) return;
      this.#uploading = false;
      this.uploadError = error;
      this.#host.requestUpdate();
    }
  }

  showMore(): void {
    this.shown += REPORT_PAGE;
    this.#host.requestUpdate();
  }
}

function statusText(c: ImportController, t: Messages): string {
  const job = c.job;
  switch (c.phase) {
    case 'uploading':
      return t.importing.uploading;
    case 'running':
      return job?.status === 'running' ? t.importing.running : t.importing.queued;
    case 'done':
      return job?.mode === 'apply' ? t.importing.doneApply : t.importing.doneDryRun;
    case 'stalled':
      return t.importing.stalled;
    case 'failed':
      return t.importing.failed;
    default:
      return '';
  }
}

/** A code's parameters as its wording shows them: dates day/month/year, counts grouped; row numbers as they are. */
function codeWords(params: CodeParams | undefined, locale: Locale): CodeWords {
  const words: CodeWords = {};
  for (const [key, value] of Object.entries(params ?? {}))
    words[key] =
      typeof value === 'number'
        ? key === 'row'
          ? String(value)
          : value.toLocaleString(locale === 'en' ? 'en-GB' : 'vi-VN')
        : key === 'date'
          ? formatLocalDate(value, locale)
          : value;
  return words;
}

/** The wording of `code` from `wordings` in the page's language; `fallback` (the server's text) for an unknown code. */
function worded(
  wordings: Record<string, (p: CodeWords) => string>,
  what: { code?: string | undefined; params?: CodeParams | undefined },
  locale: Locale,
  fallback: string,
): string {
  const wording = what.code && Object.hasOwn(wordings, what.code) ? wordings[what.code] : undefined;
  return wording?.(codeWords(what.params, locale)) || fallback;
}

function renderReport(
  c: ImportController,
  job: ImportJob,
  t: Messages,
  locale: Locale,
): TemplateResult | typeof nothing {
  const report = job.report;
  if (!report) return nothing;
  const rows = orderReport(report.rows);
  const shown = rows.slice(0, c.shown);
  return html`<p class="summary" data-testid="import-summary">${t.importing.summary(report.summary)}</p>
    ${
      rows.length
        ? html`<div class="table-wrap">
            <table class="report" part="import-report" data-testid="import-report">
              <caption>
                ${t.importing.report}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t.importing.row}</th>
                  <th scope="col">${t.importing.result}</th>
                  <th scope="col">${t.importing.errors}</th>
                </tr>
              </thead>
              <tbody>
                ${repeat(
                  shown,
                  (r) => r.row,
                  (r) =>
                    html`<tr data-testid="import-row" data-row=${r.row} data-action=${r.action}>
                      <td>${r.row}</td>
                      <td>
                        <span class="badge" data-action=${r.action}
                          >${t.importing.action[r.action] ?? r.action}</span
                        >
                      </td>
                      <td>
                        ${
                          r.errors?.length
                            ? html`<ul class="row-errors">
                                ${r.errors.map(
                                  (e) =>
                                    html`<li data-code=${e.code ?? nothing}>
                                      <strong>${e.column}</strong>:
                                      ${worded(t.importing.rowError, e, locale, e.message)}
                                    </li>`,
                                )}
                              </ul>`
                            : r.changes?.length
                              ? html`<span class="hint"
                                  >${t.importing.changes}: ${r.changes.join(', ')}</span
                                >`
                              : nothing
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : nothing
    }
    ${
      rows.length > shown.length
        ? html`<button
            type="button"
            class="btn secondary more"
            data-testid="import-more"
            @click=${() => c.showMore()}
          >
            ${t.common.more} (${rows.length - shown.length})
          </button>`
        : nothing
    }`;
}

/** Why the upload or the job failed: a sentence, then the server's own explanation when it gave one. */
function failure(c: ImportController, t: Messages, locale: Locale): TemplateResult {
  const job = c.job;
  if (job?.error) {
    const why: { code?: string; params?: CodeParams } = job.report?.failure ?? {};
    return html`<p data-code=${why.code ?? nothing}>
      ${worded(t.importing.failure, why, locale, job.error)}
    </p>`;
  }
  const p = toProblem(c.error);
  const detail = (locale === 'en' && p.detailEn) || p.detail;
  return html`<p>${describeProblem(c.error, t)}</p>
    ${detail ? html`<p>${detail}</p>` : nothing}`;
}

export function renderImportPanel(c: ImportController, t: Messages, locale: Locale): TemplateResult {
  const job = c.job;
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const mode = (e.submitter as HTMLButtonElement | null)?.value === 'apply' ? 'apply' : 'dry_run';
    const file = new FormData(form).get('file');
    void c.start(file instanceof File ? file : undefined, mode);
  };
  const running = c.phase === 'running' || c.phase === 'uploading';
  return html`<section
    class="import"
    part="import"
    aria-labelledby="import-heading"
    data-testid="import-panel"
  >
    <h3 id="import-heading">${t.importing.heading}</h3>
    <p class="hint">${t.importing.intro}</p>
    <form class="inline-form" novalidate data-testid="import-form" @submit=${submit}>
      <div class="field">
        <label for="import-file">${t.importing.file}</label>
        <input
          id="import-file"
          name="file"
          type="file"
          accept=${ACCEPT}
          aria-invalid=${c.fileError ? 'true' : 'false'}
          aria-describedby=${c.fileError ? 'import-file-error' : nothing}
          data-testid="import-file"
        />
        ${
          c.fileError
            ? html`<p class="field-error" id="import-file-error" data-testid="import-file-error">
                ${t.importing[c.fileError]}
              </p>`
            : nothing
        }
      </div>
      <div class="actions">
        <button
          type="submit"
          name="mode"
          value="dry_run"
          class="btn secondary"
          data-testid="import-dry-run"
          ?disabled=${c.busy}
        >
          ${t.importing.dryRun}
        </button>
        <button
          type="submit"
          name="mode"
          value="apply"
          class="btn"
          data-testid="import-apply"
          ?disabled=${c.busy}
        >
          ${t.importing.apply}
        </button>
      </div>
    </form>
    <p role="status" aria-live="polite" data-testid="import-status" data-phase=${c.phase}>
      ${statusText(c, t)}
    </p>
    ${
      running
        ? html`<div class="progress">
            <label for="import-progress">${t.importing.progressLabel}</label>
            ${
              job && job.total > 0
                ? html`<progress
                      id="import-progress"
                      max=${job.total}
                      .value=${job.processed}
                      data-testid="import-progress"
                    ></progress>
                    <span class="hint" data-testid="import-count"
                      >${t.importing.progress(job.processed, job.total)}</span
                    >`
                : html`<progress id="import-progress" data-testid="import-progress"></progress>`
            }
          </div>`
        : nothing
    }
    ${
      c.phase === 'failed'
        ? html`<div class="alert error" part="error" role="alert" data-testid="import-error">
            ${failure(c, t, locale)}
          </div>`
        : c.phase === 'stalled'
          ? errorAlert(c.error, t, () => c.retry())
          : nothing
    }
    ${
      // A failed job keeps the report of the rows it checked: the rows to correct come first.
      (c.phase === 'done' || c.phase === 'failed') && job?.report ? renderReport(c, job, t, locale) : nothing
    }
  </section>`;
}
