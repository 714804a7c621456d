import { css } from 'lit';

export const contactStyles = css`
  article {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
  }
  .head {
    display: grid;
    gap: 0.35em;
  }
  .head h3 {
    font-size: 1.15em;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em 0.6em;
  }
  .ref {
    font-size: 0.9em;
    font-family: var(--pl-font-family-mono, ui-monospace, Consolas, monospace);
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12em, 1fr));
    gap: 0.5em var(--_gap);
    padding: 0.6em 0.8em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  dt {
    color: var(--_muted);
    font-size: 0.9em;
  }
  dd {
    font-weight: 600;
  }
  .block {
    display: grid;
    gap: 0.3em;
  }
  h4 {
    margin: 0;
    font-size: 1em;
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .answer {
    padding: 0.6em 0.8em;
    border-left: 4px solid var(--_success);
    background: #eef7f0;
  }
  .draft {
    padding: 0.6em 0.8em;
    border: 1px dashed var(--_control-border);
  }
  .declined {
    padding: 0.6em 0.8em;
    border-left: 4px solid var(--_danger);
    background: #fdf0ee;
  }
  .clocks {
    list-style: none;
    display: grid;
    gap: 0.2em;
  }
  .clock-name {
    font-weight: 600;
  }
  .actions {
    display: grid;
    gap: 0.5em;
    padding-top: var(--_gap);
    border-top: 1px solid var(--_border);
  }
  details.action {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  details.action > summary {
    padding: 0.5em 0.8em;
    font-weight: 600;
    color: var(--_primary);
    cursor: pointer;
  }
  details.action[open] > summary {
    border-bottom: 1px solid var(--_border);
  }
  details.action form {
    padding: 0.8em;
  }
  fieldset {
    border: 0;
  }
  .choice {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
    padding: 0.25em 0;
  }
  .choice input {
    margin-top: 0.35em;
  }
  .gloss {
    display: block;
  }
  .btn.danger {
    background: var(--_danger);
    border-color: var(--_danger);
  }
  .timeline {
    list-style: none;
    display: grid;
    gap: 0.6em;
    border-left: 2px solid var(--_border);
    padding-left: 0.9em;
  }
  .entry-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2em 0.6em;
  }
  .entry-data {
    font-size: 0.95em;
  }
  .pairs {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.2em 1em;
  }
  .pairs > div {
    display: contents;
  }
  .slots {
    margin: 0;
    padding-inline-start: 1.5em;
  }
  .meeting {
    padding: 0.6em 0.8em;
    border-left: 4px solid var(--_primary);
    background: var(--_subtle);
  }
  .meeting .btn {
    justify-self: start;
  }
  .link {
    justify-self: start;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_primary);
    text-decoration: underline;
    cursor: pointer;
  }
  .related {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .response {
    margin-top: 0.5em;
    padding-inline-start: 0.75em;
    border-inline-start: 3px solid var(--_border);
  }
  .response h5 {
    margin: 0 0 0.25em;
    font-size: 1em;
  }
  pl-slot-picker {
    margin-block-end: var(--_gap);
  }
  .message:focus {
    outline: none;
  }
`;
