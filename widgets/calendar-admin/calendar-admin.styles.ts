import { css } from 'lit';

/** `pl-calendar-admin`, on top of the tables and toolbars of `pl-rules-admin`. */
export const calendarAdminStyles = css`
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em var(--_gap);
  }
  td input,
  td select {
    min-width: 9em;
  }
  .badge.proposal {
    margin-inline-start: 0.4em;
    background: #fff3d6;
    color: #6b4400;
  }
  .badge[data-status='derived'] {
    background: #fff3d6;
    color: #6b4400;
  }
  .badge[data-status='confirmed'] {
    background: #e4f4e8;
    color: #17612d;
  }
  .progress {
    display: grid;
    gap: 0.3em;
    padding: 0.6em 0.8em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  progress {
    width: 100%;
    height: 1em;
    accent-color: var(--_primary);
  }
`;
