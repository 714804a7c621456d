import { css } from 'lit';
import { filterBarStyles } from '../internal/filter-bar.styles.ts';
import { listStyles } from '../internal/list-styles.ts';

export const myContactsStyles = [
  listStyles,
  filterBarStyles,
  css`
    .filters .field {
      margin: 0;
      min-width: 12em;
    }
    .feed {
      display: grid;
      gap: 0.5em;
      padding: 0.5em 0.8em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .feed > summary {
      font-weight: 600;
      color: var(--_primary);
      cursor: pointer;
    }
    .feed .field {
      margin: 0;
    }
    .inline {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em;
    }
    .inline input {
      flex: 1 1 20em;
      font-family: var(--pl-font-family-mono, ui-monospace, Consolas, monospace);
      font-size: 0.9em;
    }
    .btn.danger {
      background: var(--_surface);
      border-color: var(--_danger);
      color: var(--_danger);
    }
    .toggle {
      justify-self: start;
      color: var(--_primary);
      font-size: 0.92em;
      text-decoration: underline;
    }
    .detail {
      margin-top: 0.4em;
      padding: 0.8em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .detail[hidden] {
      display: none;
    }
  `,
];
