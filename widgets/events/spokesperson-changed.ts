/**
 * @module
 * `pl-spokesperson-changed`: a spokesperson entry was created, changed, ended or re-confirmed.
 */
import type { Spokesperson } from '../internal/types.ts';

export type SpokespersonChange = 'created' | 'updated' | 'term_ended' | 'confirmed';

/** Fired by `pl-registry-admin` after the API accepted a change; `spokesperson` is the entry afterwards. */
export class PlSpokespersonChangedEvent extends Event {
  static readonly type = 'pl-spokesperson-changed';
  readonly spokesperson: Spokesperson;
  readonly change: SpokespersonChange;
  readonly detail: { spokesperson: Spokesperson; change: SpokespersonChange };

  constructor(spokesperson: Spokesperson, change: SpokespersonChange) {
    super(PlSpokespersonChangedEvent.type, { bubbles: true, composed: true });
    this.spokesperson = spokesperson;
    this.change = change;
    this.detail = { spokesperson, change };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pl-spokesperson-changed': PlSpokespersonChangedEvent;
  }
}
