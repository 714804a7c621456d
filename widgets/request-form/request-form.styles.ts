import { css } from 'lit';

export const requestFormStyles = css`
  section,
  form {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
  }
  section {
    gap: var(--_gap);
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
  fieldset {
    border: 0;
    min-width: 0;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2em 1.5em;
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    min-height: 2em;
  }
  pl-slot-picker {
    margin-block-end: var(--_gap);
  }
  .alert + .actions {
    margin-top: var(--_gap);
  }
`;
