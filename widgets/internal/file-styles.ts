import { css } from 'lit';

/** Lists of files (download buttons, chosen files with a remove button), wherever files are shown or sent. */
export const fileStyles = css`
  .files {
    margin: 0.3em 0 0;
    padding-inline-start: 1.2em;
  }
  .files .link {
    background: none;
    border: none;
    padding: 0;
    font: inherit;
    color: var(--pl-color-primary, #1d4ed8);
    text-decoration: underline;
    cursor: pointer;
  }
  .files .link:focus-visible {
    outline: 2px solid var(--pl-color-primary, #1d4ed8);
    outline-offset: 2px;
  }
  .btn.small {
    padding: 0.1em 0.5em;
  }
  .file-picker .btn {
    justify-self: start;
  }
`;
