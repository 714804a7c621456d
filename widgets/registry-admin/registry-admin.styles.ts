import { css } from 'lit';

export const registryAdminStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em var(--_gap);
  }
  .toolbar > div {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em var(--_gap);
  }
  .agency-field {
    max-width: 40em;
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
  .btn.small {
    min-height: 2.1em;
    padding: 0.2em 0.8em;
    font-size: 0.92em;
  }
  .btn.danger {
    border-color: var(--_danger);
    background: var(--_danger);
  }
  .entry-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
  }
  .panel:not([hidden]):not(:empty) {
    margin-top: 0.4em;
    padding-top: 0.6em;
    border-top: 1px solid var(--_border);
  }
  .sp-form,
  .inline-form {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
  }
  .sp-form {
    padding: 0.8em;
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5em 0.8em 0;
  }
  legend {
    padding: 0 0.3em;
  }
  .grid {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    column-gap: var(--_gap);
  }
  @container (min-width: 640px) {
    .grid {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
    .grid .wide {
      grid-column: 1 / -1;
    }
  }
  .req {
    color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em var(--_gap);
  }
  .inline-form .field {
    margin: 0;
    max-width: 24em;
  }
  .history ol {
    list-style: none;
    display: grid;
    gap: 0.4em;
    margin-top: 0.3em;
  }
  .history li {
    padding-left: 0.7em;
    border-left: 3px solid var(--_border);
  }
  .import {
    display: grid;
    gap: 0.6em;
    padding: 0.8em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .progress {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em var(--_gap);
  }
  progress {
    flex: 1 1 14em;
    height: 1.1em;
    accent-color: var(--_primary);
  }
  .table-wrap {
    max-height: 28em;
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  caption {
    padding: 0.4em 0.6em;
    text-align: start;
    font-weight: 600;
  }
  th,
  td {
    padding: 0.35em 0.6em;
    border-top: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  thead th {
    position: sticky;
    top: 0;
    background: var(--_subtle);
  }
  .badge[data-action='error'] {
    background: #fdecea;
    color: #94190f;
  }
  .badge[data-action='create'] {
    background: #e4f4e8;
    color: #17612d;
  }
  .badge[data-action='update'] {
    background: #e3efff;
    color: #0b4a8b;
  }
  .row-errors {
    padding-left: 1.1em;
  }
  .message:empty {
    display: none;
  }
`;
