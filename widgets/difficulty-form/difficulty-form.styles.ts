import { css } from 'lit';

/** What `pl-difficulty-form` adds to `contactFormStyles`: the related contacts' fieldset. */
export const difficultyFormStyles = css`
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
`;
