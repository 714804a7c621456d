import { css } from 'lit';

/** What `pl-request-form` adds to `contactFormStyles`: the kind choice, its fields' group and the slot picker. */
export const requestFormStyles = css`
  fieldset {
    border: 0;
    min-width: 0;
  }
  /* Only groups the kind's fields to disable them until the kind is known: laid out as the form's own rows. */
  .kind-fields {
    display: contents;
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
