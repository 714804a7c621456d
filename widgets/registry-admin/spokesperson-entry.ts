/**
 * @module
 * One entry of `pl-registry-admin`: the card with its facts and buttons, and the panels it opens below itself —
 * the edit form (rendered by the element), the end-of-term form and the history.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime, type Locale, type Messages } from '../internal/i18n.ts';
import { formatLocalDate, reachFacts, roleBadge, termText } from '../internal/registry-templates.ts';
import { errorAlert } from '../internal/templates.ts';
import type { Spokesperson, SpokespersonHistoryEntry } from '../internal/types.ts';
import { errorText, FIELDS, type FieldError } from './spokesperson-form.ts';

export type PanelKind = 'edit' | 'end' | 'history';
export type HistoryState = { items: SpokespersonHistoryEntry[] } | { error: unknown } | 'loading';

export function isEnded(s: Pick<Spokesperson, 'termEnd'>, today: string): boolean {
  return s.termEnd !== null && s.termEnd < today;
}

export interface EntryView {
  t: Messages;
  locale: Locale;
  today: string;
  record: Spokesperson;
  delegatorName: string | undefined;
  panel: PanelKind | undefined;
  /** The entry's confirm or end-of-term request is on its way. */
  busy: boolean;
  /** The edit form (any renderable), when `panel` is `edit`. */
  form: unknown;
  history: HistoryState | undefined;
  endError: FieldError | undefined;
  onToggle: (kind: PanelKind) => void;
  onConfirm: () => void;
  onEndTerm: (e: SubmitEvent) => void;
  onRetryHistory: () => void;
}

function fact(label: string, value: TemplateResult | string, testid: string): TemplateResult {
  return html`<div>
    <dt>${label}</dt>
    <dd data-testid=${testid}>${value}</dd>
  </div>`;
}

export function renderEntry(v: EntryView): TemplateResult {
  const { t, locale, record: s, today } = v;
  const ended = isEnded(s, today);
  const notStarted = s.termStart > today;
  const headingId = `entry-${s.id}`;
  const panelId = `panel-${s.id}`;
  const toggle = (kind: PanelKind, label: string, testid: string) =>
    html`<button
      type="button"
      class="btn secondary small"
      aria-expanded=${v.panel === kind ? 'true' : 'false'}
      aria-controls=${panelId}
      data-testid=${testid}
      @click=${() => v.onToggle(kind)}
    >
      ${label}
    </button>`;
  return html`<li
    class="card ${ended ? 'ended' : ''}"
    part="item"
    data-testid="registry-entry"
    data-id=${s.id}
    data-role-type=${s.roleType}
    data-ended=${ended ? 'true' : 'false'}
    data-stale=${s.stale ? 'true' : 'false'}
    data-version=${s.version}
    aria-labelledby=${headingId}
  >
    <div class="card-head">
      <h3 id=${headingId} part="name" data-testid="name">${s.fullName}</h3>
      ${roleBadge(s.roleType, t)}
      ${ended ? html`<span class="badge" data-testid="ended">${t.registry.ended}</span>` : nothing}
      ${notStarted ? html`<span class="badge">${t.registry.notStarted}</span>` : nothing}
      ${
        s.stale && !ended
          ? html`<span class="badge warn" part="stale" data-testid="stale">${t.registry.needsConfirm}</span>`
          : nothing
      }
    </div>
    <p class="sub" data-testid="title">${s.title}</p>
    <dl class="facts">
      ${s.topics ? fact(t.person.topics, s.topics, 'topics') : nothing} ${reachFacts(s, t)}
      ${fact(t.person.term, termText(s, t, locale), 'term')}
      ${
        s.roleType === 'authorized'
          ? html`${fact(t.registry.delegatedBy, v.delegatorName ?? s.delegatedById ?? '—', 'delegated-by')}
            ${s.authorizedCase ? fact(t.person.authorizedCase, s.authorizedCase, 'authorized-case') : nothing}`
          : nothing
      }
      ${
        s.documentNumber
          ? fact(
              t.registry.document,
              html`${t.registry.documentRef(s.documentNumber, s.documentDate ? formatLocalDate(s.documentDate, locale) : '—')}
              ${
                s.documentUrl
                  ? html`·
                      <a href=${s.documentUrl} target="_blank" rel="noopener noreferrer"
                        >${t.registry.openDocument}</a
                      >`
                  : nothing
              }`,
              'document',
            )
          : nothing
      }
    </dl>
    <p class="hint" data-testid="last-confirmed">
      ${t.registry.lastConfirmed(formatDateTime(Date.parse(s.lastConfirmedAt), locale))}
    </p>
    <div class="entry-actions" role="group" aria-labelledby=${headingId}>
      ${toggle('edit', t.registry.edit, 'edit')}
      ${
        ended
          ? nothing
          : html`<button
                type="button"
                class="btn ${s.stale ? '' : 'secondary'} small"
                part="confirm-button"
                data-testid="confirm"
                ?disabled=${v.busy}
                @click=${v.onConfirm}
              >
                ${t.registry.confirm}
              </button>
              ${toggle('end', t.registry.endTerm, 'end-term')}`
      }
      ${toggle('history', t.registry.history, 'history')}
    </div>
    <div id=${panelId} class="panel" ?hidden=${!v.panel}>
      ${v.panel === 'edit' ? v.form : nothing} ${v.panel === 'end' ? renderEndTerm(v) : nothing}
      ${v.panel === 'history' ? renderHistory(v) : nothing}
    </div>
  </li>`;
}

function renderEndTerm(v: EntryView): TemplateResult {
  const { t, record: s } = v;
  const inputId = `end-${s.id}`;
  const initial = s.termStart > v.today ? s.termStart : v.today;
  return html`<form class="inline-form" novalidate data-testid="end-term-form" @submit=${v.onEndTerm}>
    <div class="field">
      <label for=${inputId}>${t.registry.endTermDate}</label>
      <input
        id=${inputId}
        name="termEnd"
        type="date"
        required
        min=${s.termStart}
        .value=${initial}
        aria-invalid=${v.endError ? 'true' : 'false'}
        aria-describedby=${v.endError ? `${inputId}-error` : nothing}
        data-testid="end-term-date"
      />
      ${
        v.endError
          ? html`<p class="field-error" id="${inputId}-error" data-testid="end-term-error">
              ${errorText(v.endError, 'termEnd', t, v.locale)}
            </p>`
          : nothing
      }
    </div>
    <div class="actions">
      <button type="submit" class="btn danger" data-testid="end-term-submit" ?disabled=${v.busy}>
        ${t.registry.endTermSubmit}
      </button>
      <button type="button" class="btn secondary" @click=${() => v.onToggle('end')}>
        ${t.registry.cancel}
      </button>
    </div>
  </form>`;
}

/** The fields whose value differs between two snapshots, in form order. */
function changedBetween(
  before: SpokespersonHistoryEntry['snapshot'],
  after: SpokespersonHistoryEntry['snapshot'],
): (typeof FIELDS)[number][] {
  if (!before || !after) return [];
  return FIELDS.filter((f) => (before[f] ?? null) !== (after[f] ?? null));
}

function renderHistory(v: EntryView): TemplateResult {
  const { t, locale } = v;
  const h = v.history;
  if (!h || h === 'loading')
    return html`<p class="muted" data-testid="history-loading">${t.common.loading}</p>`;
  if ('error' in h) return errorAlert(h.error, t, v.onRetryHistory);
  if (!h.items.length) return html`<p class="muted" data-testid="history">${t.registry.noHistory}</p>`;
  const ordered = [...h.items].sort((a, b) => a.version - b.version);
  const rows = ordered.map((e, i) => ({
    e,
    changed: i > 0 ? changedBetween(ordered[i - 1]!.snapshot, e.snapshot) : [],
  }));
  return html`<section class="history" aria-label=${t.registry.history} data-testid="history">
    <h4>${t.registry.history}</h4>
    <ol>
      ${rows.reverse().map(
        ({ e, changed }) =>
          html`<li data-change-type=${e.changeType} data-version=${e.version}>
            <time datetime=${e.at}>${formatDateTime(Date.parse(e.at), locale)}</time>
            <strong>${t.registry.change[e.changeType] ?? e.changeType}</strong>
            <span class="muted">(${t.registry.version(e.version)}, ${t.registry.by(e.actorSub)})</span>
            ${
              changed.length
                ? html`<br /><span class="hint"
                      >${t.registry.changed}: ${changed.map((f) => t.person[f]).join(', ')}</span
                    >`
                : nothing
            }
          </li>`,
      )}
    </ol>
  </section>`;
}
