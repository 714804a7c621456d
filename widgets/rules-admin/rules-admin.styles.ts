import { css } from 'lit';

/** `pl-rules-admin`: two tables and a form. Shared with `pl-calendar-admin` (tables, form grids). */
export const rulesAdminStyles = css`
  section {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.95em;
  }
  th,
  td {
    padding: 0.4em 0.5em;
    border-bottom: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  thead th {
    background: var(--_subtle);
    font-weight: 600;
  }
  tbody th {
    font-weight: 600;
  }
  tr[aria-invalid='true'] {
    background: #fdf0ee;
  }
  .usage {
    list-style: none;
    display: grid;
    gap: 0.2em;
  }
  code {
    font-size: 0.9em;
  }
  .badge.source[data-source='province'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .badge[data-state='past'] {
    background: #eceff2;
    color: #3b424a;
  }
  .badge[data-state='future'] {
    background: #fff3d6;
    color: #6b4400;
  }
  .row-actions {
    white-space: nowrap;
  }
  .btn.small {
    min-height: 2.1em;
    padding: 0.2em 0.8em;
    font-size: 0.92em;
  }
  form {
    display: grid;
    gap: var(--_gap);
    padding: 0.8em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    border-left: 4px solid var(--_primary);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 16em), 1fr));
    gap: 0 var(--_gap);
    align-items: start;
  }
  fieldset {
    border: 0;
    margin: 0 0 var(--_gap);
    min-width: 0;
  }
  legend {
    margin-bottom: 0.3em;
  }
  .pair {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1.3fr);
    gap: 0.5em;
  }
  .pair .field {
    margin: 0;
  }
  .pair label {
    font-weight: 400;
    font-size: 0.9em;
  }
  .form-actions,
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em var(--_gap);
  }
`;
