/**
 * @module
 * Reporting periods shared by `pl-agency-stats` and `pl-reports`: a month (`2026-11`), a quarter (`2026-Q4`), a
 * year (`2026`) or, for statistics, any from–to range; their first and last local days (Vietnam time), and the
 * fieldset that chooses one. The fieldset keeps its own values; the element reads them with {@link readPeriod}.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Messages } from '../internal/i18n.ts';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

export interface Period {
  kind: PeriodKind;
  /** `2026-11`, `2026-Q4`, `2026`, or `from/to` for a custom range. */
  value: string;
  /** First and last local day, `YYYY-MM-DD`, inclusive. */
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Today in Vietnam, `YYYY-MM-DD`. */
export function today(now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}

/** The period of `kind` that contains today (a custom range defaults to the current quarter). */
export function currentPeriod(kind: PeriodKind, now = Date.now()): Period {
  const [y = 2026, m = 1] = today(now).split('-').map(Number);
  if (kind === 'month') return periodOf('month', `${y}-${pad(m)}`);
  if (kind === 'year') return periodOf('year', String(y));
  const quarter = periodOf('quarter', `${y}-Q${Math.ceil(m / 3)}`);
  return kind === 'custom' ? { ...quarter, kind, value: `${quarter.from}/${quarter.to}` } : quarter;
}

/** The days of a month, quarter or year value (`2026-11`, `2026-Q4`, `2026`). */
export function periodOf(kind: Exclude<PeriodKind, 'custom'>, value: string): Period {
  const y = Number(value.slice(0, 4));
  const [first, last] =
    kind === 'month'
      ? [Number(value.slice(5, 7)), Number(value.slice(5, 7))]
      : kind === 'quarter'
        ? [Number(value.slice(6)) * 3 - 2, Number(value.slice(6)) * 3]
        : [1, 12];
  return { kind, value, from: `${y}-${pad(first)}-01`, to: `${y}-${pad(last)}-${pad(lastDay(y, last))}` };
}

/** `2026-11-30` → `30/11/2026`. */
export const displayDate = (d: string) => d.split('-').reverse().join('/');

/** Reads the period fieldset of `form`; undefined when a value is missing or the range is reversed. */
export function readPeriod(form: HTMLFormElement): Period | undefined {
  const data = new FormData(form);
  const get = (name: string) => {
    const v = data.get(name);
    return typeof v === 'string' ? v.trim() : '';
  };
  const kind = get('periodKind') as PeriodKind;
  if (kind === 'custom') {
    const from = get('from');
    const to = get('to');
    return from && to && from <= to ? { kind, value: `${from}/${to}`, from, to } : undefined;
  }
  const value = get(kind);
  const ok =
    (kind === 'month' && /^\d{4}-\d{2}$/.test(value)) ||
    (kind === 'quarter' && /^\d{4}-Q[1-4]$/.test(value)) ||
    (kind === 'year' && /^\d{4}$/.test(value));
  return ok ? periodOf(kind, value) : undefined;
}

/** The last eight quarters, newest first. */
function quarters(): string[] {
  const { value } = currentPeriod('quarter');
  let y = Number(value.slice(0, 4));
  let q = Number(value.slice(6));
  const out: string[] = [];
  for (let i = 0; i < 8; i++) {
    out.push(`${y}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return out;
}

/**
 * The period fieldset: its kind, then the one value that kind needs. `kinds` lists the kinds offered; the
 * chosen kind's inputs are rendered, so the element re-renders when `periodKind` changes.
 */
export function periodFields(
  t: Messages,
  period: Period,
  kinds: readonly PeriodKind[],
  onKind: (kind: PeriodKind) => void,
): TemplateResult {
  const p = t.period;
  const year = period.value.slice(0, 4);
  const field = (id: string, label: string, control: TemplateResult) =>
    html`<div class="field"><label for=${id}>${label}</label>${control}</div>`;
  return html`<fieldset class="period" data-testid="period">
    <legend class="sr-only">${p.kind}</legend>
    ${field(
      'period-kind',
      p.kind,
      html`<select
        id="period-kind"
        name="periodKind"
        data-testid="period-kind"
        @change=${(e: Event) => onKind((e.target as HTMLSelectElement).value as PeriodKind)}
      >
        ${kinds.map((k) => html`<option value=${k} ?selected=${k === period.kind}>${p.kinds[k]}</option>`)}
      </select>`,
    )}
    ${
      period.kind === 'month'
        ? field(
            'period-month',
            p.kinds['month'] ?? '',
            html`<input id="period-month" name="month" type="month" required .value=${period.value} />`,
          )
        : nothing
    }
    ${
      period.kind === 'quarter'
        ? field(
            'period-quarter',
            p.kinds['quarter'] ?? '',
            html`<select id="period-quarter" name="quarter" data-testid="period-quarter">
              ${quarters().map(
                (q) => html`<option value=${q} ?selected=${q === period.value}>${p.label(q)}</option>`,
              )}
            </select>`,
          )
        : nothing
    }
    ${
      period.kind === 'year'
        ? field(
            'period-year',
            p.kinds['year'] ?? '',
            html`<input
              id="period-year"
              name="year"
              type="number"
              min="2016"
              max="2100"
              step="1"
              .value=${year}
            />`,
          )
        : nothing
    }
    ${
      period.kind === 'custom'
        ? html`${field('period-from', p.from, html`<input id="period-from" name="from" type="date" .value=${period.from} />`)}
          ${field('period-to', p.to, html`<input id="period-to" name="to" type="date" .value=${period.to} />`)}`
        : nothing
    }
  </fieldset>`;
}
