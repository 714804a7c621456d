import { css } from 'lit';

/** What `pl-walk-in-form` adds to `contactFormStyles`: the visitor's fieldset and the registry search. */
export const walkInFormStyles = css`
  fieldset {
    border: 0;
    min-width: 0;
  }
  fieldset.visitor {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5em 1em 0.25em;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2em 1.5em;
  }
  .results {
    display: grid;
    gap: 0.2em;
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    min-height: 2em;
  }
  .search-row {
    display: flex;
    gap: 0.5em;
  }
  .search-row input {
    flex: 1;
    min-width: 0;
  }
  .alert + .actions {
    margin-top: var(--_gap);
  }
`;
