/**
 * @module
 * `pl-contact-created`: a new contact was accepted by the API (a reporter's request or difficulty report, or a
 * walk-in visit an agency recorded).
 */
import type { ContactView } from '../internal/types.ts';

/**
 * Fired by `pl-request-form`, `pl-difficulty-form` and `pl-walk-in-form` after `POST /contacts` succeeded. `contact` is the new
 * contact as its author sees it; `detail` carries the same payload for hosts that read events CustomEvent-style (jQuery:
 * `e.originalEvent.detail`).
 */
export class PlContactCreatedEvent extends Event {
  static readonly type = 'pl-contact-created';
  readonly contact: ContactView;
  readonly detail: { contact: ContactView };

  constructor(contact: ContactView) {
    super(PlContactCreatedEvent.type, { bubbles: true, composed: true });
    this.contact = contact;
    this.detail = { contact };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pl-contact-created': PlContactCreatedEvent;
  }
}
