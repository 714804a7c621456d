/**
 * @module
 * The visitor part of `pl-walk-in-form`: a journalist of the registry, found by name or press card number
 * (diacritics and case ignored by the API) and chosen from the results, which a polite live region announces;
 * or, for a reporter not in the registry, their name, press organisation and press card number.
 */
import { html, type TemplateResult } from 'lit';
import { describedBy, fieldError } from '../internal/contact-form-templates.ts';
import type { Messages } from '../internal/i18n.ts';
import type { Journalist } from '../internal/types.ts';
import { WALK_IN_LIMITS, type VisitorMode, type WalkInField } from './read-walk-in.ts';

/** The most results listed; the API finds up to 500, a longer query narrows them. */
export const MAX_RESULTS = 20;

export interface VisitorFieldsContext {
  t: Messages;
  mode: VisitorMode;
  /** The last search's results; undefined before the first. */
  results: Journalist[] | undefined;
  searching: boolean;
  /** The journalist chosen (kept across searches). */
  chosen: Journalist | undefined;
  /** An error sentence for a failed search. */
  searchError: string | undefined;
  /** Per field: the sentence shown under it. */
  errors: Partial<Record<WalkInField, string>>;
  onMode: (mode: VisitorMode) => void;
  /** Search now for the search box's text. */
  onSearch: () => void;
  /** The search box's text changed (search after a pause). */
  onQuery: () => void;
  onChoose: (journalist: Journalist) => void;
}

function modeChoice(ctx: VisitorFieldsContext, mode: VisitorMode, label: string): TemplateResult {
  return html`<label class="choice">
    <input
      type="radio"
      name="visitorMode"
      value=${mode}
      data-testid="visitor-${mode}"
      ?checked=${ctx.mode === mode}
      .checked=${ctx.mode === mode}
      @change=${() => ctx.onMode(mode)}
    />
    <span>${label}</span>
  </label>`;
}

function journalistLabel(j: Journalist, t: Messages): string {
  return `${j.fullName} — ${j.pressOrganisation}, ${t.walkIn.card(j.pressCardNumber)}`;
}

function searchPart(ctx: VisitorFieldsContext): TemplateResult {
  const { t, errors } = ctx;
  const w = t.walkIn;
  const list = (ctx.results ?? []).slice(0, MAX_RESULTS);
  // The chosen journalist stays on the list while the clerk searches again.
  const shown = ctx.chosen && !list.some((j) => j.id === ctx.chosen?.id) ? [ctx.chosen, ...list] : list;
  const status = ctx.searching
    ? w.searching
    : (ctx.searchError ?? (ctx.results ? w.found(ctx.results.length) : ''));
  return html`<div class="field">
      <label for="journalist-q">${w.search}</label>
      <div class="search-row">
        <input
          id="journalist-q"
          name="journalistQuery"
          type="search"
          autocomplete="off"
          maxlength="200"
          data-testid="journalist-q"
          aria-describedby="journalist-q-hint"
          aria-controls="journalist-results"
          @input=${ctx.onQuery}
          @keydown=${(e: KeyboardEvent) => {
            // Enter searches; it must not send the whole form.
            if (e.key !== 'Enter') return;
            e.preventDefault();
            ctx.onSearch();
          }}
        />
        <button type="button" class="btn secondary" data-testid="journalist-search" @click=${ctx.onSearch}>
          ${w.searchButton}
        </button>
      </div>
      <p class="hint" id="journalist-q-hint">${w.searchHint}</p>
    </div>
    <p class="hint" role="status" aria-live="polite" data-testid="journalist-status">${status}</p>
    <fieldset
      id="journalist-results"
      class="field results"
      ?hidden=${!shown.length}
      aria-describedby=${describedBy('journalistId', '', errors.journalistId)}
    >
      <legend>${w.results}</legend>
      ${shown.map(
        (j) =>
          html`<label class="choice">
            <input
              type="radio"
              name="journalistId"
              value=${j.id}
              data-testid="journalist-${j.id}"
              .checked=${ctx.chosen?.id === j.id}
              aria-invalid=${!!errors.journalistId}
              @change=${() => ctx.onChoose(j)}
            />
            <span>${journalistLabel(j, t)}</span>
          </label>`,
      )}
    </fieldset>
    ${fieldError('journalistId', errors.journalistId)}`;
}

function textInput(ctx: VisitorFieldsContext, field: 'fullName' | 'pressOrganisation' | 'pressCardNumber') {
  const error = ctx.errors[field];
  const limit = WALK_IN_LIMITS[field];
  return html`<div class="field">
    <label for=${field}>${ctx.t.walkIn[field]}</label>
    <input
      id=${field}
      name=${field}
      required
      minlength=${limit.min}
      maxlength=${limit.max}
      autocomplete="off"
      data-testid=${field}
      aria-invalid=${!!error}
      aria-describedby=${describedBy(field, '', error)}
    />
    ${fieldError(field, error)}
  </div>`;
}

/** The visitor fieldset: the choice between the registry and a description, and the fields of the one chosen. */
export function visitorFields(ctx: VisitorFieldsContext): TemplateResult {
  const w = ctx.t.walkIn;
  return html`<fieldset class="field visitor" data-testid="visitor">
    <legend>${w.visitor}</legend>
    <div class="choices">
      ${modeChoice(ctx, 'registered', w.registered)}${modeChoice(ctx, 'unregistered', w.unregistered)}
    </div>
    ${
      ctx.mode === 'registered'
        ? searchPart(ctx)
        : html`${textInput(ctx, 'fullName')}${textInput(ctx, 'pressOrganisation')}${textInput(ctx, 'pressCardNumber')}`
    }
  </fieldset>`;
}
