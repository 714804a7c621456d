/**
 * @module
 * The editable lists of `pl-calendar-admin` (days off, weekend days worked), the checks mirroring the server's
 * `confirmYear` (dates in the year, no date twice, worked days on a weekend, names given), and placing the
 * server's issues (`daysOff.N.date`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ProblemIssue } from '../internal/api-client.ts';
import type { Locale, Messages } from '../internal/i18n.ts';

export const DAY_OFF_KINDS = ['holiday', 'compensatory', 'extra_day_off'] as const;

export interface DayRow {
  /** Stable key for rendering. */
  key: number;
  date: string;
  kind: string;
  name: string;
  /** Derived from the law, not yet confirmed (a proposal). */
  proposal: boolean;
}

export type ListName = 'daysOff' | 'workingWeekendDays';
/** Errors by list, row index and field. */
export type RowErrors = Map<string, string>;
export const errorKey = (list: ListName, index: number, field: 'date' | 'name' | 'kind') =>
  `${list}.${index}.${field}`;

const isWeekend = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

/** The browser's checks, with the server's words (see `domain/calendar/confirm-year.ts`). */
export function checkYear(year: number, daysOff: DayRow[], worked: DayRow[], t: Messages): RowErrors {
  const c = t.calendarAdmin;
  const errors: RowErrors = new Map();
  const seen = new Set<string>();
  const check = (list: ListName, row: DayRow, index: number) => {
    const at = (field: 'date' | 'name') => errorKey(list, index, field);
    if (!row.name.trim()) errors.set(at('name'), c.required);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.date)) return errors.set(at('date'), c.required);
    if (Number(row.date.slice(0, 4)) !== year) return errors.set(at('date'), c.notInYear(row.date, year));
    if (seen.has(row.date)) return errors.set(at('date'), c.duplicate(row.date));
    seen.add(row.date);
    if (list === 'workingWeekendDays' && !isWeekend(row.date)) errors.set(at('date'), c.notWeekend(row.date));
    return errors;
  };
  daysOff.forEach((row, i) => check('daysOff', row, i));
  worked.forEach((row, i) => check('workingWeekendDays', row, i));
  return errors;
}

/** The server's issues placed by list, row and field; those naming no row come back as `other`. */
export function placeCalendarIssues(
  issues: readonly ProblemIssue[],
  locale: Locale,
): { errors: RowErrors; other: string[] } {
  const errors: RowErrors = new Map();
  const other: string[] = [];
  for (const issue of issues) {
    const text = (locale === 'en' && issue.messageEn) || issue.message;
    const m = /^(daysOff|workingWeekendDays)[./](\d+)[./](date|name|kind)/.exec(issue.path);
    if (m) errors.set(`${m[1]}.${m[2]}.${m[3]}`, text);
    else other.push(text);
  }
  return { errors, other };
}

export interface ListView {
  t: Messages;
  locale: Locale;
  year: number;
  list: ListName;
  rows: DayRow[];
  errors: RowErrors;
  onChange: (index: number, patch: Partial<DayRow>) => void;
  onRemove: (index: number) => void;
}

const weekdayFormats = new Map<Locale, Intl.DateTimeFormat>();
function weekday(date: string, locale: Locale): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return '';
  let f = weekdayFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { weekday: 'long', timeZone: 'UTC' });
    weekdayFormats.set(locale, f);
  }
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(ms) ? f.format(ms) : '';
}

function errorFor(v: ListView, index: number, field: 'date' | 'name' | 'kind') {
  const id = `${v.list}-${index}-${field}-error`;
  const text = v.errors.get(errorKey(v.list, index, field));
  return {
    describedBy: text ? id : nothing,
    invalid: text ? 'true' : 'false',
    message: text
      ? html`<p
          class="field-error"
          id=${id}
          data-testid="field-error"
          data-field=${`${v.list}.${index}.${field}`}
        >
          ${text}
        </p>`
      : nothing,
  };
}

/** One list as a table whose cells are inputs, each named by its column and row. */
export function renderDayList(v: ListView): TemplateResult {
  const c = v.t.calendarAdmin;
  const days = v.list === 'daysOff';
  const captionId = `${v.list}-caption`;
  if (!v.rows.length) return html`<p class="muted" data-testid="${v.list}-empty">${c.none}</p>`;
  return html`<div class="table-wrap">
    <table data-testid=${v.list} aria-describedby=${captionId}>
      <caption id=${captionId} class="sr-only">
        ${days ? c.daysOffCaption(v.year) : c.workingWeekendCaption(v.year)}
      </caption>
      <thead>
        <tr>
          <th scope="col">${c.date}</th>
          <th scope="col">${c.weekday}</th>
          ${days ? html`<th scope="col">${c.kind}</th>` : nothing}
          <th scope="col">${c.name}</th>
          <th scope="col"><span class="sr-only">${c.actions}</span></th>
        </tr>
      </thead>
      <tbody>
        ${v.rows.map((row, i) => {
          const n = i + 1;
          const date = errorFor(v, i, 'date');
          const name = errorFor(v, i, 'name');
          return html`<tr
            data-testid="day-row"
            data-date=${row.date}
            data-kind=${row.kind}
            ?data-proposal=${row.proposal}
          >
            <td>
              <input
                type="date"
                aria-label=${c.dateOf(n)}
                .value=${row.date}
                min="${v.year}-01-01"
                max="${v.year}-12-31"
                aria-invalid=${date.invalid}
                aria-describedby=${date.describedBy}
                data-testid="day-date"
                @change=${(e: Event) => v.onChange(i, { date: (e.target as HTMLInputElement).value, proposal: false })}
              />
              ${date.message}
            </td>
            <td>
              ${weekday(row.date, v.locale)}
              ${row.proposal ? html`<span class="badge proposal" data-testid="proposal">${c.proposal}</span>` : nothing}
            </td>
            ${
              days
                ? html`<td>
                    <select
                      aria-label=${c.kindOf(n)}
                      data-testid="day-kind"
                      @change=${(e: Event) => v.onChange(i, { kind: (e.target as HTMLSelectElement).value })}
                    >
                      ${DAY_OFF_KINDS.map((k) => html`<option value=${k} ?selected=${k === row.kind}>${c.kinds[k]}</option>`)}
                    </select>
                  </td>`
                : nothing
            }
            <td>
              <input
                aria-label=${c.nameOf(n)}
                .value=${row.name}
                maxlength="200"
                aria-invalid=${name.invalid}
                aria-describedby=${name.describedBy}
                data-testid="day-name"
                @input=${(e: Event) => v.onChange(i, { name: (e.target as HTMLInputElement).value })}
              />
              ${name.message}
            </td>
            <td>
              <button
                type="button"
                class="btn secondary small"
                aria-label=${c.remove(n)}
                data-testid="day-remove"
                @click=${() => v.onRemove(i)}
              >
                ${c.removeText}
              </button>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}
