/**
 * @module
 * The board's one modal dialog: a safe action on a contact (remind, reassign, extend, close, retry), each with
 * the reason or message it requires, or the bulk reminder to every agency with overdue work. Native
 * `<dialog>.showModal()`; the board returns focus to the control that opened it. While the action is on its way
 * the dialog refuses to close (Cancel disabled, Escape ignored), so its answer is shown where it was asked.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { FIELD_LIMITS } from '../../domain/contact/field-limits.ts';
import type { Messages } from '../internal/i18n.ts';
import { fieldText } from '../internal/templates.ts';
import type { BoardAction, Member } from '../internal/types.ts';
import { boardActionLabel, type BoardItem } from './board-table.ts';

/** The contract's bound for an extension from the board (working days). */
export const MAX_EXTENSION = 15;

export interface DialogState {
  mode: BoardAction | 'bulk';
  row?: BoardItem | undefined;
  busy: boolean;
  /** The problem's own sentence when the API refused. */
  error?: string | undefined;
  /** The field to correct. */
  invalid?: string | undefined;
}

/** The JSON body for the dialog's form, or the name of the first field to correct. */
export function readDialog(
  mode: DialogState['mode'],
  form: HTMLFormElement,
): { body?: object; invalid?: string } {
  const data = new FormData(form);
  if (mode === 'remind' || mode === 'bulk') {
    const message = fieldText(data, 'message');
    return message ? { body: { message } } : { invalid: 'message' };
  }
  const reason = fieldText(data, 'reason');
  if (mode === 'reassign') {
    const assigneeSub = fieldText(data, 'assigneeSub');
    if (!assigneeSub) return { invalid: 'assigneeSub' };
    return reason ? { body: { assigneeSub, reason } } : { invalid: 'reason' };
  }
  if (mode === 'extend') {
    const amount = Number(fieldText(data, 'amount'));
    if (!Number.isInteger(amount) || amount < 1 || amount > MAX_EXTENSION) return { invalid: 'amount' };
    return reason ? { body: { span: { unit: 'working_days', amount }, reason } } : { invalid: 'reason' };
  }
  return reason ? { body: { reason } } : { invalid: 'reason' };
}

export function renderDialog(
  state: DialogState | undefined,
  t: Messages,
  members: Member[] | undefined,
  on: { submit: (e: SubmitEvent) => void; cancel: () => void; closed: () => void },
): TemplateResult {
  const b = t.board;
  const mode = state?.mode;
  const label = mode === 'bulk' ? b.bulk : mode ? boardActionLabel(mode, t) : '';
  const title = state?.row ? `${label}: ${state.row.contactId}` : label;
  const error = (name: string, text: string) =>
    state?.invalid === name ? html`<p class="field-error" id="${name}-error">${text}</p>` : nothing;
  const aria = (name: string) => (state?.invalid === name ? 'true' : 'false');
  const described = (name: string) => (state?.invalid === name ? `${name}-error` : nothing);
  const textarea = (name: string, text: string, max: number, hint?: string) =>
    html`<div class="field">
      <label for="d-${name}">${text}</label>
      ${hint ? html`<p class="hint" id="d-${name}-hint">${hint}</p>` : nothing}
      <textarea
        id="d-${name}"
        name=${name}
        rows="4"
        required
        maxlength=${max}
        aria-invalid=${aria(name)}
        aria-describedby=${state?.invalid === name ? `${name}-error` : hint ? `d-${name}-hint` : nothing}
        data-testid="dialog-${name}"
      ></textarea>
      ${error(name, t.validation.required)}
    </div>`;
  const reason = textarea('reason', t.field.reason, FIELD_LIMITS.reason.max);
  const fields =
    mode === 'remind' || mode === 'bulk'
      ? textarea(
          'message',
          t.field.reminder,
          FIELD_LIMITS.reminder.max,
          mode === 'bulk' ? b.bulkIntro : b.messageHint,
        )
      : mode === 'reassign'
        ? html`<div class="field">
              <label for="d-assigneeSub">${t.field.assignee}</label>
              <select
                id="d-assigneeSub"
                name="assigneeSub"
                required
                aria-invalid=${aria('assigneeSub')}
                aria-describedby=${described('assigneeSub')}
                data-testid="dialog-assigneeSub"
              >
                <option value="">${members ? t.field.chooseMember : t.common.loading}</option>
                ${(members ?? []).map(
                  (m) =>
                    html`<option value=${m.sub}>${m.name} — ${m.title ?? t.role[m.role] ?? m.role}</option>`,
                )}
              </select>
              ${error('assigneeSub', t.validation.choose)}
            </div>
            ${reason}`
        : mode === 'extend'
          ? html`<div class="field">
                <label for="d-amount">${t.field.amount} (1–${MAX_EXTENSION})</label>
                <input
                  id="d-amount"
                  name="amount"
                  type="number"
                  inputmode="numeric"
                  min="1"
                  max=${MAX_EXTENSION}
                  step="1"
                  required
                  aria-invalid=${aria('amount')}
                  aria-describedby=${described('amount')}
                  data-testid="dialog-amount"
                />
                ${error('amount', t.validation.range(1, MAX_EXTENSION))}
              </div>
              ${reason}`
          : mode
            ? reason
            : nothing;
  return html`<dialog
    id="board-dialog"
    part="dialog"
    aria-labelledby="dialog-title"
    data-testid="board-dialog"
    data-mode=${mode ?? nothing}
    @cancel=${(e: Event) => {
      // Escape while the action is on its way: its answer (an error, above all) must land in this dialog.
      if (state?.busy) e.preventDefault();
    }}
    @close=${on.closed}
  >
    ${
      mode
        ? html`<form novalidate @submit=${on.submit}>
            <h3 id="dialog-title">${title}</h3>
            ${state?.row ? html`<p class="meta">${state.row.subject} · ${state.row.agencyName}</p>` : nothing}
            ${fields}
            ${
              state?.error
                ? html`<div class="alert error" role="alert" data-testid="dialog-error">
                    <p>${state.error}</p>
                  </div>`
                : nothing
            }
            <div class="buttons">
              <button
                type="submit"
                class="btn ${mode === 'close' ? 'danger' : ''}"
                data-testid="dialog-submit"
                ?disabled=${state?.busy}
                aria-busy=${state?.busy ? 'true' : 'false'}
              >
                ${mode === 'bulk' ? b.send : label}
              </button>
              <button
                type="button"
                class="btn secondary"
                data-testid="dialog-cancel"
                ?disabled=${state?.busy}
                @click=${on.cancel}
              >
                ${t.registry.cancel}
              </button>
            </div>
          </form>`
        : nothing
    }
  </dialog>`;
}
