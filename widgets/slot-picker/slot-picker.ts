import { html, nothing, type TemplateResult } from 'lit';
import type { ProblemIssue } from '../internal/api-client.ts';
import { PlElement } from '../internal/base-element.ts';
import { baseStyles } from '../internal/styles.ts';
import {
  calendarYear,
  dayInfo,
  officeHours,
  OFFICE_HOURS,
  vnEpoch,
  vnIso,
  vnParts,
  type CalendarYear,
  type DayInfo,
  type OfficeHours,
} from '../internal/work-calendar.ts';
import { slotPickerStyles } from './slot-picker.styles.ts';

interface Row {
  date: string;
  start: string;
  end: string;
}
type RowError = 'required' | 'nonWorking' | 'hours' | 'order' | 'past' | 'duplicate';

let uid = 0;

/**
 * @summary Meeting times for a work appointment: one to `max` rows of a date and a start and end time. Each date
 * says whether it is a working day (weekends, holidays and compensatory days off are not; swapped working
 * Saturdays are), and times outside office hours (the deployment's, from `GET /calendar/{year}`; 07:30–17:00,
 * Vietnam time, when it does not say), in the past, reversed or repeated are refused with a message. When the
 * deployment's office hours are `always` (demos and tests), every day and hour is accepted. Used by
 * `pl-request-form` and `pl-contact`; not form-associated: the host reads {@link PlSlotPicker.value} after
 * {@link PlSlotPicker.check}.
 *
 * @csspart base - The fieldset.
 * @csspart slot - One row (`data-index`).
 * @csspart add-button - The "add a time" button.
 *
 * @cssproperty --pl-color-danger - Days off and errors.
 */
export class PlSlotPicker extends PlElement {
  static override styles = [baseStyles, slotPickerStyles];
  static override properties = {
    max: { type: Number, reflect: true },
    legend: {},
    rows: { state: true },
  };

  /** At most this many times (1–5). */
  declare max: number;
  /** The fieldset's legend; the catalogue's "proposed times" by default. */
  declare legend: string | undefined;
  declare private rows: Row[];

  #errors: (RowError | undefined)[] = [];
  /** What the API said about a row when it refused the times (cleared when the row changes). */
  #serverErrors: (string | undefined)[] = [];
  #days = new Map<string, DayInfo>();
  /** The deployment's office hours, once a calendar year has told them. */
  #hours: OfficeHours | undefined;
  readonly #id = `sp${++uid}`;

  constructor() {
    super();
    this.max = 5;
    this.legend = undefined;
    this.rows = [{ date: '', start: '', end: '' }];
  }

  /** The filled times as ISO 8601 with the `+07:00` offset (call {@link check} first). */
  get value(): { start: string; end: string }[] {
    return this.rows.map((r) => ({ start: vnIso(r.date, r.start), end: vnIso(r.date, r.end) }));
  }

  /** Validates every row, shows the messages, focuses the first wrong field; true when all are good. */
  check(): boolean {
    this.#errors = this.rows.map((_, i) => this.#validate(i, true));
    this.requestUpdate();
    const bad = this.#errors.findIndex((e) => e);
    if (bad >= 0) void this.focusAfterRender(`[data-index="${bad}"] input`);
    return bad < 0;
  }

  /** Back to one empty row. */
  reset(): void {
    this.rows = [{ date: '', start: '', end: '' }];
    this.#errors = [];
    this.#serverErrors = [];
  }

  /**
   * Shows the API's reasons for refusing times (a 422's `issues`) on their rows: paths `<field>.<row>…`.
   * Returns true if any issue was about a row.
   */
  showIssues(issues: readonly ProblemIssue[], field: string): boolean {
    this.#serverErrors = [];
    for (const issue of issues) {
      const [top, row] = issue.path.split('.');
      if (top !== field || row === undefined || !/^\d+$/.test(row)) continue;
      this.#serverErrors[Number(row)] = (this.locale === 'en' && issue.messageEn) || issue.message;
    }
    this.requestUpdate();
    return this.#serverErrors.some(Boolean);
  }

  /** The office hours in force: the deployment's, or the usual ones until (or unless) the API tells them. */
  get #officeHours(): OfficeHours {
    return this.#hours ?? OFFICE_HOURS;
  }

  #validate(i: number, strict: boolean): RowError | undefined {
    const r = this.rows[i];
    if (!r) return undefined;
    const hours = this.#officeHours;
    if (hours !== 'always' && r.date && this.#days.get(r.date)?.working === false) return 'nonWorking';
    if (!r.date || !r.start || !r.end) return strict ? 'required' : undefined;
    if (hours !== 'always' && (r.start < hours.start || r.end > hours.end)) return 'hours';
    if (r.end <= r.start) return 'order';
    if (vnEpoch(r.date, r.start) <= Date.now()) return 'past';
    const same = this.rows.findIndex((o) => o.date === r.date && o.start === r.start && o.end === r.end);
    return same < i ? 'duplicate' : undefined;
  }

  /** Learns the deployment's office hours (the same in every year's calendar) before any date is chosen. */
  protected override credentialsChanged(): void {
    void this.#loadHours();
  }

  async #loadHours(): Promise<void> {
    try {
      this.#learnHours(await calendarYear(this.api, Number(vnParts(Date.now()).date.slice(0, 4))));
    } catch {
      // The usual hours meanwhile; the API has the last word when the proposal is sent.
    }
  }

  #learnHours(cal: CalendarYear): void {
    const hours = officeHours(cal);
    if (JSON.stringify(hours) === JSON.stringify(this.#hours)) return;
    this.#hours = hours;
    this.#revalidate();
  }

  async #lookUp(date: string): Promise<void> {
    if (!/^\d{4}-\d\d-\d\d$/.test(date) || this.#days.has(date)) return;
    let cal: CalendarYear;
    try {
      cal = await calendarYear(this.api, Number(date.slice(0, 4)));
    } catch {
      return; // Without the calendar the API still refuses a day off when the proposal is sent.
    }
    this.#days.set(date, dayInfo(cal, date));
    this.#learnHours(cal);
    this.#revalidate();
  }

  #revalidate(): void {
    this.#errors = this.rows.map((_, i) =>
      this.#errors[i] ? this.#validate(i, true) : this.#validate(i, false),
    );
    this.requestUpdate();
  }

  #onChange(i: number, e: Event): void {
    const input = e.target as HTMLInputElement;
    const field = input.dataset['field'] as keyof Row;
    this.rows = this.rows.map((r, j) => (j === i ? { ...r, [field]: input.value } : r));
    this.#serverErrors[i] = undefined;
    if (field === 'date') void this.#lookUp(input.value);
    this.#revalidate();
  }

  #add(): void {
    if (this.rows.length >= this.max) return;
    this.rows = [...this.rows, { date: this.rows.at(-1)?.date ?? '', start: '', end: '' }];
    void this.focusAfterRender(`[data-index="${this.rows.length - 1}"] input[data-field=start]`);
  }

  #remove(i: number): void {
    this.rows = this.rows.filter((_, j) => j !== i);
    this.#errors = this.#errors.filter((_, j) => j !== i);
    this.#serverErrors = this.#serverErrors.filter((_, j) => j !== i);
    void this.focusAfterRender('[part=add-button]');
  }

  #dayText(date: string): TemplateResult | typeof nothing {
    const d = this.#days.get(date);
    if (!date || !d) return nothing;
    const s = this.t.slot;
    const text =
      this.#officeHours === 'always'
        ? s.anyDay
        : d.working
          ? d.name
            ? s.swapped(d.name)
            : s.working
          : d.name
            ? s.dayOff(d.name)
            : s.weekend;
    return html`<span class="day ${d.working ? '' : 'off'}" data-testid="slot-day" data-working=${d.working}
      >${text}</span
    >`;
  }

  #message(error: RowError): string {
    const s = this.t.slot;
    if (error !== 'hours') return s[error];
    const office = this.#officeHours;
    const { start, end } = office === 'always' ? OFFICE_HOURS : office;
    return s.hours(start, end);
  }

  #row(r: Row, i: number): TemplateResult {
    const s = this.t.slot;
    const id = `${this.#id}-${i}`;
    const error = this.#errors[i];
    const serverError = this.#serverErrors[i];
    const invalid = error || serverError ? 'true' : 'false';
    const input = (field: keyof Row, label: string, type: string, extra: Record<string, string>) =>
      html`<div class="field">
        <label for="${id}-${field}">${label}</label>
        <input
          id="${id}-${field}"
          type=${type}
          data-field=${field}
          data-testid="slot-${field}"
          .value=${r[field]}
          min=${extra['min'] ?? nothing}
          max=${extra['max'] ?? nothing}
          step=${extra['step'] ?? nothing}
          required
          aria-invalid=${invalid}
          aria-describedby="${id}-info"
          @change=${(e: Event) => this.#onChange(i, e)}
        />
      </div>`;
    const office = this.#officeHours;
    const hours: Record<string, string> =
      office === 'always' ? {} : { min: office.start, max: office.end, step: '300' };
    return html`<fieldset class="slot" part="slot" data-index=${i} data-testid="slot">
      <legend>${s.n(i + 1)}</legend>
      <div class="row">
        ${input('date', s.date, 'date', { min: vnParts(Date.now()).date })}
        ${input('start', s.start, 'time', hours)} ${input('end', s.end, 'time', hours)}
        ${
          this.rows.length > 1
            ? html`<button
                type="button"
                class="btn secondary remove"
                aria-label=${s.remove(i + 1)}
                @click=${() => this.#remove(i)}
              >
                ×
              </button>`
            : nothing
        }
      </div>
      <p id="${id}-info" class="info" aria-live="polite">
        ${this.#dayText(r.date)}
        ${
          error || serverError
            ? html`<span class="field-error" data-testid="slot-error"
                >${error ? this.#message(error) : serverError}</span
              >`
            : nothing
        }
      </p>
    </fieldset>`;
  }

  protected override render(): TemplateResult {
    const s = this.t.slot;
    const office = this.#officeHours;
    return html`<fieldset part="base" class="slots" aria-describedby="${this.#id}-hint">
      <legend>${this.legend ?? s.legend}</legend>
      <p class="hint" id="${this.#id}-hint" data-testid="slot-hint">
        ${office === 'always' ? s.hintAlways : s.hint(office.start, office.end)}
      </p>
      ${this.rows.map((r, i) => this.#row(r, i))}
      ${
        this.rows.length < this.max
          ? html`<button
              type="button"
              class="btn secondary add"
              part="add-button"
              data-testid="slot-add"
              @click=${() => this.#add()}
            >
              + ${s.add}
            </button>`
          : nothing
      }
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-slot-picker': PlSlotPicker;
  }
}
