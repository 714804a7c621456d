/**
 * @module
 * The board's table: sortable column headers (buttons, `aria-sort` on the header cell) and one row per stuck
 * contact with its reasons as badges, deadline in Vietnam time, escalation, age, last action, workflow health,
 * the Temporal link for operators and the menu of the safe actions this person may take.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { formatDateTime, type Locale, type Messages } from '../internal/i18n.ts';
import type { BoardAction, BoardRow, BoardSort, ClockName } from '../internal/types.ts';
import { kindText, statusText } from './board-filters.ts';

export type BoardItem = BoardRow & { id: string };

/** An action's words: the contact widget's, and the board's own "retry". */
export function boardActionLabel(action: BoardAction, t: Messages): string {
  return action === 'retry' ? t.board.retry : t.action[action];
}

export interface TableContext {
  t: Messages;
  locale: Locale;
  sort: BoardSort;
  order: 'asc' | 'desc';
  selectedId: string;
  onSort: (sort: BoardSort) => void;
  onSelect: (id: string) => void;
  onAction: (row: BoardItem, action: BoardAction, opener: HTMLElement) => void;
}

const time = (iso: string, locale: Locale) =>
  html`<time datetime=${iso}>${formatDateTime(Date.parse(iso), locale)}</time>`;

function header(ctx: TableContext, label: string, sort?: BoardSort): TemplateResult {
  if (!sort) return html`<th scope="col">${label}</th>`;
  const active = ctx.sort === sort;
  const aria = active ? (ctx.order === 'asc' ? 'ascending' : 'descending') : 'none';
  return html`<th scope="col" aria-sort=${aria}>
    <button
      type="button"
      class="sort"
      data-testid="sort-${sort}"
      title=${ctx.t.board.sortBy(label)}
      @click=${() => ctx.onSort(sort)}
    >
      ${label}<span class="arrow" aria-hidden="true"
        >${active ? (ctx.order === 'asc' ? '▲' : '▼') : '↕'}</span
      >
    </button>
  </th>`;
}

function reasonBadges(row: BoardRow, t: Messages): TemplateResult {
  return html`<span class="badges">
    ${row.reasons.map(
      (r) =>
        html`<span class="badge reason" data-reason=${r} data-testid="reason"
          >${r === 'idle' ? t.board.idleFor(row.idleWorkingDays) : (t.board.reasons[r] ?? r)}</span
        >`,
    )}
  </span>`;
}

function health(row: BoardRow, t: Messages): TemplateResult | typeof nothing {
  const h = row.health;
  if (!h) return nothing;
  return html`<details class="health" data-testid="health">
    <summary>${t.board.health}</summary>
    <ul>
      ${h.pendingActivities.map(
        (a) =>
          html`<li>
            ${t.board.attempt(a.activityType, a.attempt)}${
              a.lastFailure ? html`<br /><code class="failure">${a.lastFailure}</code>` : nothing
            }
          </li>`,
      )}
      ${h.workflowTaskAttempt > 1 ? html`<li>${t.board.attempt(t.board.workflowTask, h.workflowTaskAttempt)}</li>` : nothing}
      ${h.delayedEvents > 0 ? html`<li>${t.board.delayed(h.delayedEvents)}</li>` : nothing}
    </ul>
  </details>`;
}

function actionMenu(row: BoardItem, ctx: TableContext): TemplateResult {
  const b = ctx.t.board;
  const link = row.workflowUrl
    ? html`<a
        class="temporal"
        href=${row.workflowUrl}
        target="_blank"
        rel="noopener noreferrer"
        aria-label=${b.temporal(row.contactId)}
        data-testid="temporal-link"
        >Temporal</a
      >`
    : nothing;
  if (!row.actions.length) return html`<span class="muted">${b.readOnly}</span> ${link}`;
  return html`<details class="menu" data-testid="action-menu">
      <summary aria-label=${b.menu(row.contactId)}>${b.col.actions}</summary>
      <ul>
        ${row.actions.map(
          (a) =>
            html`<li>
              <button
                type="button"
                class="menu-item ${a === 'close' ? 'danger' : ''}"
                data-testid="action-${a}"
                @click=${(e: Event) => {
                  const details = (e.currentTarget as HTMLElement).closest('details');
                  details?.removeAttribute('open');
                  ctx.onAction(row, a, details?.querySelector('summary') ?? (e.currentTarget as HTMLElement));
                }}
              >
                ${boardActionLabel(a, ctx.t)}
              </button>
            </li>`,
        )}
      </ul>
    </details>
    ${link}`;
}

function renderRow(row: BoardItem, ctx: TableContext): TemplateResult {
  const { t, locale } = ctx;
  const b = t.board;
  const selected = row.contactId === ctx.selectedId;
  // A click anywhere on the row opens the contact, except on its own controls (menu, links, health).
  const click = (e: Event) => {
    if (!(e.target as HTMLElement).closest('button, a, details')) ctx.onSelect(row.contactId);
  };
  return html`<tr
    data-testid="board-row"
    data-contact-id=${row.contactId}
    data-reasons=${row.reasons.join(' ')}
    class=${selected ? 'selected' : ''}
    @click=${click}
  >
    <td class="subject-cell">
      <button
        type="button"
        class="subject"
        aria-current=${selected ? 'true' : 'false'}
        data-testid="board-open"
        @click=${() => ctx.onSelect(row.contactId)}
      >
        ${row.subject}
      </button>
      <span class="meta">${row.contactId}</span>
      ${reasonBadges(row, t)} ${health(row, t)}
    </td>
    <td>${row.agencyName}<br /><span class="meta">${t.level[row.agencyLevel] ?? row.agencyLevel}</span></td>
    <td>
      ${kindText(row.kind, t)}<br /><span class="badge" data-status=${row.status}
        >${statusText(row.status, t)}</span
      >
    </td>
    <td class="nowrap" data-testid="due">
      ${row.dueAt ? time(row.dueAt, locale) : html`<span class="muted">${t.badge.noDue}</span>`}
      ${
        row.overdueClock
          ? html`<br /><span class="meta"
                >${t.clock[row.overdueClock as ClockName] ?? row.overdueClock}</span
              >`
          : nothing
      }
    </td>
    <td class="num" data-testid="escalation">${b.levelN(row.escalationLevel)}</td>
    <td class="num">${b.days(row.ageWorkingDays)}</td>
    <td class="nowrap">
      ${time(row.lastActionAt, locale)}<br /><span class="meta">${b.days(row.idleWorkingDays)}</span>
    </td>
    <td class="actions-cell">${actionMenu(row, ctx)}</td>
  </tr>`;
}

export function renderTable(items: BoardItem[], ctx: TableContext): TemplateResult {
  const c = ctx.t.board.col;
  return html`<div class="table-wrap">
    <table part="table" data-testid="board-table">
      <caption>
        ${ctx.t.board.caption}
      </caption>
      <thead>
        <tr>
          ${header(ctx, c.subject)} ${header(ctx, ctx.t.list.agency, 'agency')} ${header(ctx, c.status)}
          ${header(ctx, c.dueAt, 'dueAt')} ${header(ctx, c.escalationLevel, 'escalationLevel')}
          ${header(ctx, c.age, 'age')} ${header(ctx, c.lastActionAt, 'lastActionAt')}
          ${header(ctx, c.actions)}
        </tr>
      </thead>
      <tbody>
        ${repeat(
          items,
          (i) => i.id,
          (i) => renderRow(i, ctx),
        )}
      </tbody>
    </table>
  </div>`;
}
