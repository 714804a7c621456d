/**
 * @module
 * The inbox's filter form: status, overdue only, assigned to me, and text search. The form keeps its own
 * values (nothing is bound back into it, so typing is never disturbed); the inbox reads them on change.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { DIFFICULTY_REPORT_STATUSES } from '../../domain/vocabulary.ts';
import type { Messages } from '../internal/i18n.ts';
import { kindSelect, statusLabel } from '../internal/templates.ts';
import type { ContactKind, ContactStatus } from '../internal/types.ts';

/** The statuses a list of one kind offers to filter by (a kind not listed: every status). */
const KIND_STATUSES: Partial<Record<ContactKind, readonly ContactStatus[]>> = {
  difficulty_report: DIFFICULTY_REPORT_STATUSES,
};

export interface Filters {
  kind: string;
  status: string;
  overdue: boolean;
  assignedToMe: boolean;
  q: string;
}

export const NO_FILTERS: Filters = { kind: '', status: '', overdue: false, assignedToMe: false, q: '' };

export function readFilters(form: HTMLFormElement): Filters {
  const data = new FormData(form);
  const q = data.get('q');
  const status = data.get('status');
  const kind = data.get('kind');
  return {
    kind: typeof kind === 'string' ? kind : '',
    status: typeof status === 'string' ? status : '',
    overdue: data.has('overdue'),
    assignedToMe: data.has('assignedToMe'),
    q: typeof q === 'string' ? q.trim().normalize('NFC') : '',
  };
}

export function isFiltered(f: Filters): boolean {
  return !!(f.kind || f.status || f.overdue || f.assignedToMe || f.q);
}

export interface FilterHandlers {
  /** Apply now (submit, or a select/checkbox changed). */
  apply: (form: HTMLFormElement) => void;
  /** The search text changed: apply after a pause. */
  search: (form: HTMLFormElement) => void;
}

/** The filter form; with `kind`, a list of that kind only: no kind filter, and that kind's statuses. */
export function renderFilters(t: Messages, on: FilterHandlers, kind?: ContactKind): TemplateResult {
  const statuses = (kind && KIND_STATUSES[kind]) || (Object.keys(t.status) as ContactStatus[]);
  const isSearch = (e: Event) => (e.target as HTMLElement).getAttribute('name') === 'q';
  return html`<form
    class="filters"
    part="filters"
    role="search"
    aria-label=${t.list.filters}
    data-testid="filters"
    @submit=${(e: SubmitEvent) => (e.preventDefault(), on.apply(e.currentTarget as HTMLFormElement))}
    @change=${(e: Event) => isSearch(e) || on.apply(e.currentTarget as HTMLFormElement)}
    @input=${(e: Event) => isSearch(e) && on.search(e.currentTarget as HTMLFormElement)}
  >
    ${kind ? nothing : kindSelect(t)}
    <div class="field">
      <label for="status">${t.list.status}</label>
      <select id="status" name="status" data-testid="filter-status">
        <option value="">${t.list.allStatuses}</option>
        ${statuses.map((s) => html`<option value=${s}>${statusLabel(s, t, kind)}</option>`)}
      </select>
    </div>
    <div class="field grow">
      <label for="q">${t.list.search}</label>
      <input id="q" name="q" type="search" placeholder=${t.list.searchPlaceholder} data-testid="filter-q" />
    </div>
    <label class="check">
      <input type="checkbox" name="overdue" data-testid="filter-overdue" />
      ${t.list.overdueOnly}
    </label>
    <label class="check">
      <input type="checkbox" name="assignedToMe" data-testid="filter-assigned" />
      ${t.list.assignedToMe}
    </label>
    <button type="submit" class="btn secondary" data-testid="apply-filters">${t.list.apply}</button>
  </form>`;
}
