/**
 * @module
 * `pl-action-completed`: an action on a contact succeeded.
 */
import type { ContactView, ContactAction } from '../internal/types.ts';

/** Fired by `pl-contact` after `POST /contacts/{id}/actions/{action}` succeeded; `contact` is the new state. */
export class PlActionCompletedEvent extends Event {
  static readonly type = 'pl-action-completed';
  readonly contact: ContactView;
  readonly action: ContactAction;
  readonly detail: { contact: ContactView; action: ContactAction };

  constructor(contact: ContactView, action: ContactAction) {
    super(PlActionCompletedEvent.type, { bubbles: true, composed: true });
    this.contact = contact;
    this.action = action;
    this.detail = { contact, action };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pl-action-completed': PlActionCompletedEvent;
  }
}
