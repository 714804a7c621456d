import { css } from 'lit';
import { statsStyles } from '../agency-stats/agency-stats.styles.ts';

export const boardStyles = [
  statsStyles,
  css`
    .filters .wide {
      flex: 1 1 16em;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5em var(--_gap);
    }
    .notice:focus {
      outline: none;
    }
    tbody tr {
      cursor: pointer;
    }
    tbody tr:hover {
      background: #f0f5fb;
    }
    tbody tr.selected {
      background: var(--_subtle);
      box-shadow: inset 4px 0 0 var(--_primary);
    }
    th[aria-sort] {
      padding: 0;
    }
    .sort {
      display: inline-flex;
      gap: 0.3em;
      align-items: center;
      width: 100%;
      padding: 0.4em 0.6em;
      border: 0;
      background: transparent;
      font-weight: 700;
      color: inherit;
      text-align: start;
      cursor: pointer;
    }
    .sort .arrow {
      color: var(--_muted);
      font-size: 0.85em;
    }
    th[aria-sort='ascending'] .arrow,
    th[aria-sort='descending'] .arrow {
      color: var(--_primary);
    }
    .subject {
      display: block;
      padding: 0;
      border: 0;
      background: none;
      font-weight: 600;
      color: var(--_primary);
      text-align: start;
      text-decoration: underline;
      text-underline-offset: 2px;
      cursor: pointer;
    }
    .subject-cell {
      min-width: 16em;
    }
    .meta {
      color: var(--_muted);
      font-size: 0.9em;
    }
    .badges {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 0.4em;
      margin-top: 0.25em;
    }
    .badge.reason {
      background: #fff;
      border-color: var(--_control-border);
      color: #1f2328;
    }
    .badge.reason[data-reason='overdue'] {
      background: var(--_danger);
      border-color: var(--_danger);
      color: #fff;
    }
    .badge.reason[data-reason='escalated'] {
      border-color: var(--_danger);
      color: var(--_danger);
    }
    .badge.reason[data-reason='unhealthy'] {
      background: #fff3d6;
      border-color: #8a5a00;
      color: #5c3b00;
    }
    .nowrap {
      white-space: nowrap;
    }
    .health {
      margin-top: 0.3em;
      font-size: 0.9em;
    }
    .health ul {
      padding-inline-start: 1.2em;
    }
    .failure {
      white-space: pre-wrap;
      word-break: break-word;
      color: var(--_danger);
    }
    .actions-cell {
      white-space: nowrap;
    }
    .menu {
      display: inline-block;
      position: relative;
    }
    .menu > summary {
      display: inline-flex;
      align-items: center;
      min-height: 2.2em;
      padding: 0.2em 0.8em;
      border: 1px solid var(--_primary);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_primary);
    }
    .menu ul {
      position: absolute;
      inset-inline-end: 0;
      z-index: 2;
      min-width: 14em;
      padding: 0.3em 0;
      list-style: none;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      box-shadow: 0 4px 14px rgb(0 0 0 / 0.15);
    }
    .menu-item {
      display: block;
      width: 100%;
      padding: 0.45em 0.9em;
      border: 0;
      background: none;
      text-align: start;
      cursor: pointer;
    }
    .menu-item:hover,
    .menu-item:focus-visible {
      background: var(--_subtle);
    }
    .menu-item.danger,
    .btn.danger {
      color: var(--_danger);
    }
    .btn.danger {
      background: var(--_danger);
      border-color: var(--_danger);
      color: #fff;
    }
    .temporal {
      margin-inline-start: 0.5em;
      font-size: 0.9em;
    }
    dialog {
      width: min(36em, calc(100vw - 2em));
      padding: 1em 1.2em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      color: inherit;
      font: inherit;
    }
    dialog::backdrop {
      background: rgb(15 23 42 / 0.45);
    }
    dialog h3 {
      margin-bottom: 0.3em;
    }
    dialog .meta {
      margin-bottom: 0.8em;
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.6em;
      margin-top: 0.4em;
    }
    .bulk {
      display: grid;
      gap: 0.4em;
    }
    .letters {
      padding-inline-start: 1.2em;
      font-size: 0.93em;
    }
  `,
];
