/**
 * @module
 * The board's filter form: agency, level, kind, status, reason, minimum escalation level and minimum age. It
 * keeps its own values; the board reads them on change into the `GET /board` query.
 */
import { html, type TemplateResult } from 'lit';
import type { Locale, Messages } from '../internal/i18n.ts';
import { agencyOptions, LEVELS } from '../internal/templates.ts';
import type { Agency } from '../internal/types.ts';

export type BoardFilters = Record<string, string>;

const NAMES = ['agencyId', 'level', 'kind', 'status', 'reason', 'escalationLevel', 'minAgeDays'];
const REASONS = ['overdue', 'escalated', 'idle', 'unhealthy'];
/** Statuses a stuck contact can be in (open ones of every kind). */
const STATUSES = [
  'submitted',
  'awaiting_journalist',
  'in_progress',
  'pending_approval',
  'answered',
  'scheduled',
  'completed',
  'not_held',
  'under_review',
  'referred',
  'reopened',
];

export function readBoardFilters(form: HTMLFormElement): BoardFilters {
  const data = new FormData(form);
  const out: BoardFilters = {};
  for (const name of NAMES) {
    const v = data.get(name);
    if (typeof v === 'string' && v.trim()) out[name] = v.trim();
  }
  return out;
}

export function statusText(status: string, t: Messages): string {
  return (t.status as Record<string, string>)[status] ?? t.board.statuses[status] ?? status;
}

/** All four kinds: the other widgets' two, and the board's own. */
export function kindText(kind: string, t: Messages): string {
  return (t.kind as Record<string, string>)[kind] ?? t.board.kinds[kind] ?? kind;
}

export const KINDS = ['information_request', 'appointment', 'walk_in', 'difficulty_report'];

export function renderBoardFilters(
  t: Messages,
  locale: Locale,
  agencies: Agency[],
  apply: (form: HTMLFormElement) => void,
): TemplateResult {
  const b = t.board;
  const select = (name: string, label: string, all: string, options: [string, string][]) =>
    html`<div class="field">
      <label for="f-${name}">${label}</label>
      <select id="f-${name}" name=${name} data-testid="filter-${name}">
        <option value="">${all}</option>
        ${options.map(([v, l]) => html`<option value=${v}>${l}</option>`)}
      </select>
    </div>`;
  return html`<form
    class="filters"
    part="filters"
    role="search"
    aria-label=${b.filters}
    data-testid="board-filters"
    @submit=${(e: SubmitEvent) => (e.preventDefault(), apply(e.currentTarget as HTMLFormElement))}
    @change=${(e: Event) => apply(e.currentTarget as HTMLFormElement)}
  >
    <div class="field wide">
      <label for="f-agencyId">${t.directory.agency}</label>
      <select id="f-agencyId" name="agencyId" data-testid="filter-agencyId">
        <option value="">${t.directory.allAgencies}</option>
        ${agencyOptions(agencies, '', t, locale)}
      </select>
    </div>
    ${select(
      'level',
      t.directory.level,
      t.directory.allLevels,
      LEVELS.map((l) => [l, t.level[l]]),
    )}
    ${select(
      'kind',
      t.list.kind,
      t.list.allKinds,
      KINDS.map((k) => [k, kindText(k, t)]),
    )}
    ${select(
      'status',
      t.list.status,
      t.list.allStatuses,
      STATUSES.map((s) => [s, statusText(s, t)]),
    )}
    ${select(
      'reason',
      b.reason,
      b.allReasons,
      REASONS.map((r) => [r, b.reasons[r] ?? r]),
    )}
    <div class="field small">
      <label for="f-escalationLevel">${b.escalation}</label>
      <input id="f-escalationLevel" name="escalationLevel" type="number" min="0" max="9" step="1" />
    </div>
    <div class="field small">
      <label for="f-minAgeDays">${b.minAge}</label>
      <input id="f-minAgeDays" name="minAgeDays" type="number" min="0" max="999" step="1" />
    </div>
    <button type="submit" class="btn secondary">${t.list.apply}</button>
  </form>`;
}
