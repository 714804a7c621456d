import { css } from 'lit';

export const slotPickerStyles = css`
  fieldset {
    border: 0;
    min-width: 0;
  }
  .slots {
    display: grid;
    gap: 0.5em;
  }
  .slot {
    padding: 0.5em 0.7em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .slot > legend {
    padding: 0 0.3em;
    font-weight: 600;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0 var(--_gap);
  }
  .row .field {
    margin: 0;
    flex: 1 1 8em;
  }
  .row .field:first-child {
    flex-basis: 11em;
  }
  .info {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
    min-height: 1.5em;
    font-size: 0.9em;
  }
  .day {
    color: var(--_success);
    font-weight: 600;
  }
  .day.off {
    color: var(--_danger);
  }
  .add {
    justify-self: start;
  }
`;
