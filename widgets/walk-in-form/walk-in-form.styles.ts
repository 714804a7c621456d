import { css } from 'lit';

export const walkInFormStyles = css`
  section,
  form {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
  }
  section {
    gap: var(--_gap);
  }
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
  .counter {
    justify-self: end;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
  }
  .alert + .actions {
    margin-top: var(--_gap);
  }
  .created dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25em 1em;
    margin-block: 0.5em;
  }
  .created dt {
    color: var(--_muted);
  }
  .created dd {
    font-weight: 600;
  }
`;
