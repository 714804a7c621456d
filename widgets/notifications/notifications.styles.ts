import { css } from 'lit';

/** `pl-notifications`: a bell with a count, and a panel of notifications below it. */
export const notificationsStyles = css`
  :host {
    display: inline-block;
    position: relative;
    vertical-align: middle;
  }
  .bell {
    position: relative;
    display: inline-grid;
    place-items: center;
    width: 2.4em;
    height: 2.4em;
    padding: 0;
    border: 1px solid var(--pl-notifications-bell-border, transparent);
    border-radius: 999px;
    background: var(--pl-notifications-bell-background, transparent);
    color: var(--pl-notifications-bell-color, currentColor);
    cursor: pointer;
  }
  .bell:hover {
    background: var(--pl-notifications-bell-hover, rgb(0 0 0 / 0.08));
  }
  .bell svg {
    width: 1.3em;
    height: 1.3em;
  }
  .count {
    position: absolute;
    inset-block-start: -0.2em;
    inset-inline-end: -0.2em;
    min-width: 1.5em;
    padding: 0 0.35em;
    border-radius: 999px;
    background: var(--_danger);
    color: #fff;
    font-size: 0.75em;
    font-weight: 700;
    line-height: 1.5em;
    text-align: center;
  }
  .panel {
    position: absolute;
    z-index: var(--pl-notifications-z-index, 1000);
    inset-block-start: calc(100% + 6px);
    inset-inline-end: 0;
    display: grid;
    gap: 0.6em;
    width: min(26em, 92vw);
    max-height: min(32em, 80vh);
    overflow: auto;
    padding: 0.8em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--pl-color-text, #1f2328);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
    text-align: start;
  }
  .panel[hidden] {
    display: none;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
  }
  .head h2 {
    font-size: 1.05em;
  }
  .link {
    padding: 0.2em 0.3em;
    border: 0;
    background: none;
    color: var(--_primary);
    font-size: 0.9em;
    font-weight: 600;
    text-decoration: underline;
    cursor: pointer;
  }
  .list {
    list-style: none;
    display: grid;
    gap: 0.3em;
  }
  .item {
    display: grid;
    gap: 0.15em;
    width: 100%;
    padding: 0.5em 0.6em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    text-align: start;
    cursor: pointer;
  }
  .item:hover {
    background: var(--_subtle);
  }
  li[data-read='false'] .item {
    border-inline-start: 4px solid var(--_primary);
    background: var(--pl-notifications-unread-background, #eef4fb);
  }
  li[data-urgent] .item {
    border-inline-start-color: var(--_danger);
  }
  .type {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em;
    font-weight: 600;
  }
  li[data-read='true'] .type {
    font-weight: 400;
  }
  .badge.urgent {
    background: var(--_danger);
    color: #fff;
  }
  .text {
    overflow-wrap: anywhere;
  }
  .time {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .settings {
    border-block-start: 1px solid var(--_border);
    padding-block-start: 0.5em;
  }
  .settings summary {
    color: var(--_primary);
    font-weight: 600;
    cursor: pointer;
  }
  .settings form {
    display: grid;
    gap: 0.5em;
    margin-block-start: 0.5em;
  }
  .prefs {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9em;
  }
  .prefs caption {
    font-weight: 600;
    text-align: start;
  }
  .prefs th,
  .prefs td {
    padding: 0.25em 0.3em;
    border-block-end: 1px solid var(--_border);
  }
  .prefs thead th {
    font-weight: 600;
    text-align: center;
  }
  .prefs thead th:first-child,
  .prefs tbody th {
    text-align: start;
  }
  .prefs tbody th {
    font-weight: 400;
  }
  .prefs td {
    text-align: center;
  }
  .prefs input {
    width: 1.1em;
    height: 1.1em;
  }
  .settings .btn {
    justify-self: start;
  }
  @media (forced-colors: active) {
    .count,
    .panel {
      border: 1px solid CanvasText;
    }
    li[data-read='false'] .item {
      border-inline-start: 4px solid Highlight;
    }
  }
`;
