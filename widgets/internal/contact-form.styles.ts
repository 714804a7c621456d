import { css } from 'lit';

/** The layout shared by the forms that create a contact (request, difficulty report, walk-in): the form, its counters, actions and confirmation. */
export const contactFormStyles = css`
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
`;
