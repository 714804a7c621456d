/**
 * @module
 * Styles every widget shares. Host pages (often jQuery-era IOffice screens with `body { font: 12px Tahoma }`)
 * leak inherited CSS into shadow trees, so `:host` resets with `all: initial` and rebuilds from `--pl-*` tokens.
 * Sizes are in `px`/`em`, never `rem` (which follows the host's root font size).
 */
import { css } from 'lit';

export const baseStyles = css`
  :host {
    all: initial;
    display: block;
    box-sizing: border-box;
    color-scheme: light;
    font-family: var(--pl-font-family, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif);
    font-size: var(--pl-font-size, 15px);
    line-height: var(--pl-line-height, 1.5);
    color: var(--pl-color-text, #1f2328);
    --_primary: var(--pl-color-primary, #0b5cad);
    --_on-primary: var(--pl-color-on-primary, #ffffff);
    --_surface: var(--pl-color-surface, #ffffff);
    --_subtle: var(--pl-color-surface-subtle, #f4f6f8);
    --_border: var(--pl-color-border, #c9d1d9);
    --_control-border: var(--pl-color-control-border, #6b7683);
    --_muted: var(--pl-color-muted, #545d68);
    --_danger: var(--pl-color-danger, #b42318);
    --_success: var(--pl-color-success, #17612d);
    --_radius: var(--pl-radius, 6px);
    --_focus: var(--pl-color-focus, #c2410c);
    --_gap: var(--pl-spacing, 12px);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    /* Not 'inherit': content slotted into <details> inherits from its UA shadow tree, which is content-box. */
    box-sizing: border-box;
  }
  h2,
  h3,
  h4,
  p,
  ul,
  ol,
  dl,
  dd,
  fieldset {
    margin: 0;
    padding: 0;
  }
  h2 {
    font-size: 1.25em;
    line-height: 1.4;
  }
  h3 {
    font-size: 1.05em;
    line-height: 1.4;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    min-height: 2.4em;
    padding: 0.35em 1em;
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
    cursor: pointer;
  }
  .btn.secondary {
    background: var(--_surface);
    color: var(--_primary);
  }
  .btn:disabled {
    opacity: 0.65;
    cursor: progress;
  }
  .field {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.3em;
    margin-block: 0 var(--_gap);
  }
  .field > label,
  legend {
    font-weight: 600;
  }
  input:not([type='checkbox'], [type='radio']),
  select,
  textarea {
    width: 100%;
    min-height: 2.4em;
    padding: 0.35em 0.6em;
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  textarea {
    resize: vertical;
    min-height: 6em;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger) !important;
    box-shadow: 0 0 0 1px var(--_danger);
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .field-error {
    color: var(--_danger);
    font-size: 0.9em;
    font-weight: 600;
  }
  .alert {
    padding: 0.6em 0.9em;
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .alert.error {
    border-left-color: var(--_danger);
    background: #fdf0ee;
  }
  .alert.success {
    border-left-color: var(--_success);
    background: #eef7f0;
  }
  .alert:empty {
    display: none;
  }
  .muted {
    color: var(--_muted);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .badge {
    display: inline-block;
    padding: 0.05em 0.6em;
    border: 1px solid transparent;
    border-radius: 999px;
    font-size: 0.85em;
    font-weight: 600;
    white-space: nowrap;
    background: #e8eef5;
    color: #1d3b5c;
  }
  .badge[data-status='in_progress'] {
    background: #e3efff;
    color: #0b4a8b;
  }
  .badge[data-status='awaiting_journalist'] {
    background: #fff3d6;
    color: #6b4400;
  }
  .badge[data-status='pending_approval'] {
    background: #f1e9ff;
    color: #55268f;
  }
  .badge[data-status='scheduled'] {
    background: #e3efff;
    color: #0b4a8b;
  }
  .badge.kind {
    background: transparent;
    border-color: var(--_border);
    color: var(--_muted);
  }
  .badge[data-status='answered'],
  .badge[data-status='completed'] {
    background: #e4f4e8;
    color: #17612d;
  }
  .badge[data-status='declined'],
  .badge[data-status='not_held'],
  .badge[data-status='cancelled'] {
    background: #fdecea;
    color: #94190f;
  }
  .badge[data-status='forwarded'] {
    background: #dff3f2;
    color: #0e5654;
  }
  .badge[data-status='closed'],
  .badge[data-status='withdrawn'] {
    background: #eceff2;
    color: #3b424a;
  }
  .badge.overdue {
    background: var(--_danger);
    color: #fff;
  }
  .badge.escalated {
    background: #fff;
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .badge.paused {
    background: #fff3d6;
    color: #6b4400;
  }
  @media (forced-colors: active) {
    .badge,
    .btn {
      border: 1px solid CanvasText;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;
