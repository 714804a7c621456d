import { css } from 'lit';

/** Rows shared by `pl-inbox` and `pl-my-contacts`. */
export const listStyles = css`
  :host {
    container-type: inline-size;
  }
  section {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
  }
  .list {
    list-style: none;
    display: grid;
    gap: 0.5em;
  }
  .row {
    display: grid;
    gap: 0.2em;
    width: 100%;
    padding: 0.6em 0.8em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    text-align: start;
    cursor: pointer;
  }
  .row:hover {
    border-color: var(--_primary);
  }
  .row[aria-current='true'],
  .row[aria-expanded='true'] {
    border-color: var(--_primary);
    box-shadow: inset 4px 0 0 var(--_primary);
    background: var(--_subtle);
  }
  .row-top {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: baseline;
    gap: 0.3em 0.8em;
  }
  .subject {
    font-weight: 600;
    color: var(--_primary);
  }
  .meta {
    color: var(--_muted);
    font-size: 0.92em;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.3em 0.6em;
  }
  .count:empty {
    display: none;
  }
  .more {
    justify-self: start;
  }
`;
