import { css } from 'lit';

/** `pl-contact-thread`: messages as a list of cards, internal notes set apart, the composer below. */
export const threadStyles = css`
  .thread {
    display: grid;
    gap: var(--_gap);
  }
  .messages {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.6em;
  }
  .message {
    padding: 0.6em 0.8em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .message.journalist {
    background: var(--_subtle);
  }
  .message.internal {
    border-style: dashed;
    border-inline-start: 4px solid var(--pl-color-warning, #b45309);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.3em 0.7em;
    font-size: 0.9em;
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    margin: 0.3em 0 0;
  }
  .badge.internal {
    color: var(--pl-color-warning, #b45309);
    border-color: currentColor;
  }
  .composer {
    display: grid;
    gap: 0.6em;
  }
  .check {
    display: flex;
    gap: 0.4em;
    align-items: center;
  }
  .sr-status:empty {
    display: none;
  }
`;
