import { css } from 'lit';
import { filterBarStyles } from '../internal/filter-bar.styles.ts';

/** Tables and charts of `pl-agency-stats` and `pl-reports`, and their period bar. */
export const statsStyles = [
  filterBarStyles,
  css`
    section {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: var(--_gap);
    }
    section > .btn {
      justify-self: start;
    }
    .filters .field,
    .period .field {
      margin: 0;
      min-width: 9em;
    }
    .period {
      display: contents;
      border: 0;
    }
    .filters .small {
      min-width: 6em;
      max-width: 12em;
    }
    .filters .btn {
      align-self: flex-end;
    }
    .table-wrap {
      overflow-x: auto;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-size: 0.93em;
      background: var(--_surface);
    }
    caption {
      padding: 0.5em 0.7em;
      text-align: start;
      font-weight: 600;
      background: var(--_subtle);
      border-bottom: 1px solid var(--_border);
    }
    th,
    td {
      padding: 0.4em 0.6em;
      border-bottom: 1px solid var(--_border);
      text-align: start;
      vertical-align: top;
    }
    thead th {
      background: #e8eef5;
      color: #1d3b5c;
      white-space: nowrap;
    }
    thead th[scope='colgroup'] {
      text-align: center;
      border-inline: 1px solid var(--_border);
    }
    td.num,
    th.num {
      text-align: end;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    tbody tr:nth-child(even) {
      background: #fafbfc;
    }
    .grid2 {
      display: grid;
      gap: var(--_gap);
    }
    @container (min-width: 760px) {
      .grid2 {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      }
    }
    :host {
      container-type: inline-size;
    }
    .card {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 0.5em;
      align-content: start;
      padding: 0.7em 0.9em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .ranking {
      margin: 0;
      padding-inline-start: 1.6em;
    }
    .ranking li + li {
      margin-top: 0.25em;
    }
    dl.defs {
      display: grid;
      gap: 0.3em;
      font-size: 0.92em;
    }
    dl.defs dt {
      font-weight: 600;
    }
    dl.defs dd {
      color: var(--_muted);
    }
    .chart {
      width: 100%;
      height: auto;
    }
    .chart .grid {
      stroke: #d5dbe1;
      stroke-width: 1;
    }
    .chart .tick {
      font-size: 15px;
      fill: #3b424a;
    }
    .chart .bar {
      fill: var(--_primary);
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3em 1em;
      list-style: none;
      font-size: 0.9em;
    }
    .legend li {
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
    }
    details > summary {
      cursor: pointer;
      color: var(--_primary);
      font-weight: 600;
    }
    details[open] > summary {
      margin-bottom: 0.4em;
    }
    progress {
      width: min(100%, 24em);
      height: 1em;
    }
    @media (forced-colors: active) {
      .chart .bar {
        fill: CanvasText;
      }
    }
  `,
];
