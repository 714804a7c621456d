import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { PlElement } from '../internal/base-element.ts';
import { baseStyles } from '../internal/styles.ts';
import { errorAlert, fieldText } from '../internal/templates.ts';
import { KINDS, kindText } from '../supervisor-board/board-filters.ts';
import type {
  AgencyStatistics,
  AgencyStatisticsPage,
  ClockName,
  StatisticsDistribution,
  StatisticsTrend,
} from '../internal/types.ts';
import { statsStyles } from './agency-stats.styles.ts';
import { barChart, lineChart, swatch } from './charts.ts';
import {
  currentPeriod,
  displayDate,
  periodFields,
  readPeriod,
  type Period,
  type PeriodKind,
} from './period.ts';

const CLOCKS: ClockName[] = ['first_response', 'answer', 'record_result'];
/** How many of the slowest agencies the trend chart draws (more lines become unreadable). */
const CHART_SERIES = 5;

/**
 * @summary How responsive the province's agencies are over a period (a month, quarter, year or any range; the
 * current quarter by default): per agency and clock the on-time rate, median and 90th-percentile working days,
 * what is open and overdue now and the reminders received; a ranking of the slowest agencies with the
 * definitions beside it; the on-time rate by month of the five slowest (a line chart) and the working days
 * taken to answer (a bar chart), each with its data table. Agencies below the minimum number of contacts show
 * no rates and are not ranked.
 *
 * @csspart base - The wrapping section.
 * @csspart filters - The period form.
 * @csspart table - The figures table.
 * @csspart ranking - The slowest agencies.
 * @csspart chart - A chart's card.
 *
 * @cssproperty --pl-color-primary - Bars and accents.
 * @cssproperty --pl-font-family - Font stack.
 */
/** A chart's card: its title and the chart (or a note that there is no data). */
function chartCard(title: string, body: TemplateResult): TemplateResult {
  return html`<div class="card" part="chart">
    <h3>${title}</h3>
    ${body}
  </div>`;
}

/** The data table behind a chart, folded away under a summary (every chart has one, for screen readers). */
function dataTable(
  testId: string,
  summary: string,
  caption: string,
  head: TemplateResult,
  rows: TemplateResult[],
): TemplateResult {
  return html`<details data-testid=${testId}>
    <summary>${summary}</summary>
    <div class="table-wrap">
      <table>
        <caption>
          ${caption}
        </caption>
        <thead>
          <tr>
            ${head}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) =>
              html`<tr>
                ${row}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </details>`;
}

export class PlAgencyStats extends PlElement {
  static override styles = [baseStyles, statsStyles];
  static override properties = { provinceId: { attribute: 'province-id', reflect: true } };

  /** The province to report on; a supervisor's own province when empty (central users must set it). */
  declare provinceId: string;

  #period: Period = currentPeriod('quarter');
  #kind = '';
  #minimumN = '';
  /**
   * What the person has typed in the minimum field, kept apart from the applied value: a load finishing while
   * they type re-renders the form, and must not put the server's default back over their number.
   */
  #minimumNDraft: string | undefined;
  #stats: AgencyStatisticsPage | undefined;
  #trend: StatisticsTrend | undefined;
  #distribution: StatisticsDistribution | undefined;
  #error: unknown;
  #chartError: unknown;
  #loading = false;
  #seq = 0;

  constructor() {
    super();
    this.provinceId = '';
  }

  protected override credentialsChanged(): void {
    void this.#load();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('provinceId') && changed.get('provinceId') !== undefined) void this.#load();
  }

  async #load(): Promise<void> {
    const seq = ++this.#seq;
    this.#stats = this.#trend = this.#distribution = undefined;
    this.#error = this.#chartError = undefined;
    this.#loading = this.hasCredentials;
    this.requestUpdate();
    if (!this.hasCredentials) return;
    const query = {
      provinceId: this.provinceId,
      from: this.#period.from,
      to: this.#period.to,
      kind: this.#kind,
    };
    const [stats, trend, distribution] = await Promise.allSettled([
      this.api.get<AgencyStatisticsPage>('/statistics/agencies', {
        query: { ...query, minimumN: this.#minimumN },
      }),
      // The same minimum as the table: a month's rate is shown on the same terms as a period's.
      this.api.get<StatisticsTrend>('/statistics/trend', {
        query: { ...query, clock: 'answer', minimumN: this.#minimumN },
      }),
      this.api.get<StatisticsDistribution>('/statistics/distribution', {
        query: { ...query, clock: 'answer' },
      }),
    ]);
    if (seq !== this.#seq) return;
    this.#loading = false;
    if (stats.status === 'fulfilled') this.#stats = stats.value;
    else this.#error = stats.reason;
    if (trend.status === 'fulfilled') this.#trend = trend.value;
    else this.#chartError = trend.reason;
    if (distribution.status === 'fulfilled') this.#distribution = distribution.value;
    else this.#chartError ??= distribution.reason;
    this.requestUpdate();
  }

  #apply(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const period = readPeriod(form);
    if (!period) {
      form.querySelector<HTMLElement>('[name=from], [name=month], [name=year]')?.focus();
      return;
    }
    const data = new FormData(form);
    this.#period = period;
    this.#kind = fieldText(data, 'kind');
    this.#minimumN = fieldText(data, 'minimumN');
    void this.#load();
  }

  get #fmt() {
    const tag = this.locale === 'en' ? 'en-GB' : 'vi-VN';
    const pct = new Intl.NumberFormat(tag, {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    const dash = '—';
    return {
      pct: (v: number | null | undefined) => (v === null || v === undefined ? dash : pct.format(v)),
      days: (v: number | null | undefined) =>
        v === null || v === undefined ? dash : v.toLocaleString(tag, { maximumFractionDigits: 1 }),
      int: (v: number) => v.toLocaleString(tag),
    };
  }

  /** Ranked agencies: enough contacts and an answer rate, lowest rate first. */
  #ranking(items: AgencyStatistics[]): AgencyStatistics[] {
    return items
      .filter((i) => !i.suppressed && i.onTimeRate.answer !== null)
      .sort((a, b) => (a.onTimeRate.answer ?? 0) - (b.onTimeRate.answer ?? 0));
  }

  #renderFilters(): TemplateResult {
    const t = this.t;
    return html`<form
      class="filters"
      part="filters"
      aria-label=${t.stats.heading}
      @submit=${(e: SubmitEvent) => this.#apply(e)}
    >
      ${periodFields(t, this.#period, ['month', 'quarter', 'year', 'custom'], (k: PeriodKind) => {
        this.#period = currentPeriod(k);
        this.requestUpdate();
      })}
      <div class="field">
        <label for="kind">${t.list.kind}</label>
        <select id="kind" name="kind" data-testid="stats-kind">
          <option value="">${t.list.allKinds}</option>
          ${KINDS.map((k) => html`<option value=${k} ?selected=${k === this.#kind}>${kindText(k, t)}</option>`)}
        </select>
      </div>
      <div class="field small">
        <label for="minimum-n">${t.stats.minimumN}</label>
        <input
          id="minimum-n"
          name="minimumN"
          type="number"
          min="1"
          max="1000"
          step="1"
          .value=${this.#minimumNDraft ?? (this.#minimumN || String(this.#stats?.minimumN ?? ''))}
          @input=${(e: InputEvent) => (this.#minimumNDraft = (e.target as HTMLInputElement).value)}
        />
      </div>
      <button type="submit" class="btn" data-testid="stats-apply">${t.stats.apply}</button>
    </form>`;
  }

  #renderTable(page: AgencyStatisticsPage): TemplateResult {
    const t = this.t;
    const s = t.stats;
    const f = this.#fmt;
    const num = (v: string) => html`<td class="num">${v}</td>`;
    return html`<div class="table-wrap">
      <table part="table" data-testid="stats-table">
        <caption>
          ${s.caption(displayDate(page.from), displayDate(page.to))}
        </caption>
        <colgroup span="2"></colgroup>
        ${CLOCKS.map(() => html`<colgroup span="3"></colgroup>`)}
        <colgroup span="3"></colgroup>
        <thead>
          <tr>
            <th scope="col" rowspan="2">${t.list.agency}</th>
            <th scope="col" rowspan="2" class="num">${s.received}</th>
            ${CLOCKS.map((c) => html`<th scope="colgroup" colspan="3">${t.clock[c]}</th>`)}
            <th scope="col" rowspan="2" class="num">${s.openNow}</th>
            <th scope="col" rowspan="2" class="num">${s.overdueNow}</th>
            <th scope="col" rowspan="2" class="num">${s.reminders}</th>
          </tr>
          <tr>
            ${CLOCKS.map(
              () =>
                html`<th scope="col" class="num">${s.onTime}</th>
                  <th scope="col" class="num">${s.median}</th>
                  <th scope="col" class="num">${s.p90}</th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${page.items.map(
            (i) =>
              html`<tr data-agency-id=${i.agencyId} data-testid="stats-row">
                <th scope="row">${i.agencyName}</th>
                ${num(f.int(i.received))}
                ${
                  i.suppressed
                    ? html`<td colspan="9" class="muted">${s.suppressed}</td>`
                    : CLOCKS.map(
                        (c) =>
                          html`${num(f.pct(i.onTimeRate[c]))}${num(f.days(i.medianWorkingDays[c]))}${num(f.days(i.p90WorkingDays[c]))}`,
                      )
                }
                ${num(f.int(i.openNow))}${num(f.int(i.overdueNow))}${num(f.int(i.remindersReceived))}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #renderRanking(page: AgencyStatisticsPage, ranked: AgencyStatistics[]): TemplateResult {
    const s = this.t.stats;
    const f = this.#fmt;
    return html`<div class="grid2">
      <div class="card" part="ranking">
        <h3>${s.ranking}</h3>
        <p class="hint">${s.rankingHint(page.minimumN)}</p>
        ${
          ranked.length
            ? html`<ol class="ranking" data-testid="ranking">
                ${ranked
                  .slice(0, 10)
                  .map(
                    (i) =>
                      html`<li data-agency-id=${i.agencyId}>
                        <strong>${i.agencyName}</strong>:
                        ${s.rankItem(f.pct(i.onTimeRate.answer), f.days(i.medianWorkingDays.answer))}
                      </li>`,
                  )}
              </ol>`
            : html`<p class="muted">${s.noRanking}</p>`
        }
      </div>
      <div class="card">
        <h3>${s.definitions}</h3>
        <dl class="defs">
          ${s.defs.map(
            ([term, text]) =>
              html`<dt>${term}</dt>
                <dd>${text}</dd>`,
          )}
        </dl>
      </div>
    </div>`;
  }

  #renderTrend(trend: StatisticsTrend, ranked: AgencyStatistics[]): TemplateResult {
    const s = this.t.stats;
    const f = this.#fmt;
    const order = ranked.map((r) => r.agencyId);
    const chosen = (
      order.length ? order.map((id) => trend.series.find((x) => x.agencyId === id)) : trend.series
    )
      .filter((x) => x !== undefined)
      .slice(0, CHART_SERIES);
    const months = trend.months.map((m) => `${m.slice(5)}/${m.slice(0, 4)}`);
    const series = chosen.map((x) => ({
      name: x.agencyName,
      values: trend.months.map((m) => x.points.find((p) => p.month === m)?.onTimeRate ?? null),
    }));
    const body =
      series.length && months.length
        ? html`${lineChart(
              months,
              series,
              s.trendLabel(series.map((x) => x.name).join(', '), months[0] ?? '', months.at(-1) ?? ''),
              (v) => f.pct(v).replace(/[.,]0(?=\s?%)/, ''),
            )}
            <ul class="legend">
              ${series.map((x, i) => html`<li>${swatch(i)}${x.name}</li>`)}
            </ul>
            ${dataTable(
              'trend-data',
              s.showData,
              s.trend,
              html`<th scope="col">${s.month}</th>
                ${series.map((x) => html`<th scope="col" class="num">${x.name}</th>`)}`,
              months.map(
                (m, j) =>
                  html`<th scope="row">${m}</th>
                    ${series.map((x) => html`<td class="num">${f.pct(x.values[j])}</td>`)}`,
              ),
            )}`
        : html`<p class="muted">${s.noData}</p>`;
    return chartCard(s.trend, body);
  }

  #renderDistribution(d: StatisticsDistribution): TemplateResult {
    const s = this.t.stats;
    const f = this.#fmt;
    const buckets = [...d.buckets].sort((a, b) => a.workingDays - b.workingDays);
    const mode = buckets.reduce((m, b) => (b.count > m.count ? b : m), { workingDays: 0, count: -1 });
    const body = buckets.length
      ? html`${barChart(buckets, s.distributionLabel(d.total, mode.workingDays))}
        ${dataTable(
          'distribution-data',
          s.showData,
          s.distribution,
          html`<th scope="col" class="num">${s.days}</th>
            <th scope="col" class="num">${s.count}</th>`,
          buckets.map(
            (b) =>
              html`<th scope="row" class="num">${f.int(b.workingDays)}</th>
                <td class="num">${f.int(b.count)}</td>`,
          ),
        )}`
      : html`<p class="muted">${s.noData}</p>`;
    return chartCard(s.distribution, body);
  }

  protected override render(): TemplateResult {
    const t = this.t;
    if (!this.hasCredentials) return html`<div class="alert"><p>${t.common.signInRequired}</p></div>`;
    const page = this.#stats;
    const ranked = page ? this.#ranking(page.items) : [];
    const status = this.#loading ? t.common.loading : page && !page.items.length ? t.stats.noData : '';
    return html`<section part="base" aria-labelledby="stats-heading" data-testid="agency-stats">
      <h2 id="stats-heading">${t.stats.heading}</h2>
      ${this.#renderFilters()}
      <p class="muted" role="status" aria-live="polite" data-testid="stats-status">${status}</p>
      ${this.#error ? errorAlert(this.#error, t, () => void this.#load()) : nothing}
      ${page?.items.length ? html`${this.#renderTable(page)}${this.#renderRanking(page, ranked)}` : nothing}
      ${this.#chartError ? errorAlert(this.#chartError, t, () => void this.#load()) : nothing}
      <div class="grid2">
        ${this.#trend ? this.#renderTrend(this.#trend, ranked) : nothing}
        ${this.#distribution ? this.#renderDistribution(this.#distribution) : nothing}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-agency-stats': PlAgencyStats;
  }
}
