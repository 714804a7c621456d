/**
 * @module
 * `pl-contact-select`: a person chose a contact in a list.
 */

/**
 * Fired by `pl-inbox` and `pl-my-contacts` when a contact is chosen. Cancelable: a host that shows the contact
 * its own way calls `preventDefault()` and the list does not open it inline.
 */
export class PlContactSelectEvent extends Event {
  static readonly type = 'pl-contact-select';
  readonly contactId: string;
  readonly detail: { contactId: string };

  constructor(contactId: string) {
    super(PlContactSelectEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.contactId = contactId;
    this.detail = { contactId };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pl-contact-select': PlContactSelectEvent;
  }
}
