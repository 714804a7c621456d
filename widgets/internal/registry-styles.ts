import { css } from 'lit';
import { filterBarStyles } from './filter-bar.styles.ts';

/** People cards and filter bars shared by the directory, the resident-reporter list and the registry admin. */
export const registryStyles = [
  filterBarStyles,
  css`
    :host {
      container-type: inline-size;
    }
    section {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: var(--_gap);
    }
    .filters .field {
      margin: 0;
      flex: 1 1 12em;
      min-width: min(100%, 12em);
    }
    .filters .grow {
      flex: 3 1 18em;
    }
    .filters .full {
      flex-basis: 100%;
    }
    .cards {
      list-style: none;
      display: grid;
      gap: 0.6em;
    }
    .card {
      display: grid;
      gap: 0.35em;
      padding: 0.7em 0.9em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .card.ended {
      background: var(--_subtle);
      border-style: dashed;
    }
    .card-head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.3em 0.7em;
    }
    .card-head h3 {
      font-size: 1.05em;
    }
    .sub {
      color: var(--_muted);
    }
    .facts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 15em), 1fr));
      gap: 0.3em var(--_gap);
    }
    .facts dt {
      color: var(--_muted);
      font-size: 0.88em;
    }
    .facts dd {
      overflow-wrap: anywhere;
    }
    .facts a {
      color: var(--_primary);
      font-weight: 600;
    }
    .badge.role[data-role-type='head'] {
      background: #fdecea;
      color: #8a1c12;
    }
    .badge.role[data-role-type='authorized'] {
      background: #fff3d6;
      color: #6b4400;
    }
    .badge.warn {
      background: #fff3d6;
      color: #6b4400;
    }
    .stale {
      color: #6b4400;
      font-size: 0.92em;
    }
    .stale::before {
      content: '⚠ ';
    }
    .count:empty {
      display: none;
    }
    .more {
      justify-self: start;
    }
    .empty {
      padding: 0.8em;
      border: 1px dashed var(--_border);
      border-radius: var(--_radius);
      text-align: center;
    }
  `,
];
