import { css } from 'lit';

export const difficultyFormStyles = css`
  section,
  form {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
  }
  section {
    gap: var(--_gap);
  }
  fieldset {
    min-width: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5em 1em 0.25em;
  }
  .choice {
    display: flex;
    align-items: baseline;
    gap: 0.4em;
    min-height: 2em;
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
