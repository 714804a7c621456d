import { css } from 'lit';

/** The filter bar above a list (inbox, directory, registry views); each widget sizes its own fields. */
export const filterBarStyles = css`
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.5em var(--_gap);
    padding: 0.6em 0.8em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
`;
