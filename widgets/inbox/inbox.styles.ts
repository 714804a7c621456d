import { css } from 'lit';
import { filterBarStyles } from '../internal/filter-bar.styles.ts';
import { listStyles } from '../internal/list-styles.ts';

export const inboxStyles = [
  listStyles,
  filterBarStyles,
  css`
    .filters .field {
      margin: 0;
      min-width: 12em;
    }
    .filters .grow {
      flex: 1 1 16em;
    }
    .check {
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
      min-height: 2.4em;
    }
    .check input {
      width: 1.1em;
      height: 1.1em;
    }
    .layout {
      display: grid;
      gap: var(--_gap);
      align-items: start;
    }
    .list-col {
      display: grid;
      gap: 0.6em;
    }
    .detail {
      padding: 0.8em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    @container (min-width: 900px) {
      .layout.with-detail {
        grid-template-columns: minmax(280px, 2fr) minmax(0, 3fr);
      }
    }
  `,
];
