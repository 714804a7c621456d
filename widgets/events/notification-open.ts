/**
 * @module
 * `pl-notification-open`: a person opened a notification in `pl-notifications`.
 */

/** What a host needs to follow an opened notification. */
export interface OpenedNotification {
  notificationId: string;
  /** The notification's type (`message`, `escalated`, …). */
  type: string;
  /** The contact it is about; null for registry notices. */
  contactId: string | null;
  /** Where a registry notice leads (`registry:<agency>`); null for contact notifications. */
  link: string | null;
}

/**
 * Fired by `pl-notifications` when a notification is chosen (it is marked read at the same time). The widget
 * navigates nowhere: the host page opens the contact (`event.contactId`) or the registry (`event.link`) its own
 * way — a `pl-inbox`'s `selected-id`, a `pl-contact`'s `contact-id`, a page of its own.
 */
export class PlNotificationOpenEvent extends Event {
  static readonly type = 'pl-notification-open';
  readonly notificationId: string;
  readonly notificationType: string;
  readonly contactId: string | null;
  readonly link: string | null;
  readonly detail: OpenedNotification;

  constructor(opened: OpenedNotification) {
    super(PlNotificationOpenEvent.type, { bubbles: true, composed: true });
    this.notificationId = opened.notificationId;
    this.notificationType = opened.type;
    this.contactId = opened.contactId;
    this.link = opened.link;
    this.detail = { ...opened };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pl-notification-open': PlNotificationOpenEvent;
  }
}
