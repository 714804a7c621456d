import { css } from 'lit';
import { listStyles } from '../internal/list-styles.ts';

export const myContactsStyles = [
  listStyles,
  css`
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
