/**
 * @module
 * A notification as its recipient sees it in the in-app list (`GET /api/v1/notifications`, `pl-notifications`).
 * Read state is per person: an agency's clerks each read a notification addressed to all of them.
 */

/** One notification in a person's list. */
export interface NotificationItem {
  /** The notification's id (a serial, as a string). */
  id: string;
  type: string;
  /** Vietnamese text, shown as is. */
  text: string;
  /** The contact it is about; null for registry notices. */
  contactId: string | null;
  /** Where a registry notice leads (`registry:<agency>`); null for contact notifications. */
  link: string | null;
  /** Whether this person has read it. */
  read: boolean;
  /** ISO 8601. */
  createdAt: string;
}

/** Pages of the list: `limit` defaults to 20 and is at most 100. */
export const NOTIFICATION_PAGE = { default: 20, max: 100 } as const;
