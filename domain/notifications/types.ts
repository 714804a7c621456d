/**
 * @module
 * Every kind of notification the product writes, with its urgency: the one list the channels read (the in-app
 * list, and the e-mail and webhook channels to come). Contact notifications come from the workflows and the
 * message threads (`domain/contact/notifications.ts` names their types); registry notices from the registry
 * activities (`spokespersons_stale`).
 *
 * Urgency decides timing, not whether to send: a channel that waits for office hours (e-mail, SMS through a
 * webhook) sends an urgent notification at once, any hour of any day, and holds the others until the next
 * working morning. Urgent: an escalation to the supervising department (`escalated`) and a journalist's new
 * difficulty report (`new_difficulty_report`, an obstruction happening now).
 */
import type { NotificationType } from '../contact/notifications.ts';

/** A notification's type: a contact's (`NotificationType`) or a registry notice. */
export type NotificationKind = NotificationType | 'spokespersons_stale';

/** What a channel needs to know about a type. */
export interface NotificationTypeInfo {
  /** Sent at once, even outside office hours, by channels that otherwise wait for them. */
  urgent: boolean;
  /** What the notification is about: a contact (it has a `contactId`) or the registry (a `link`). */
  about: 'contact' | 'registry';
}

const contact = { urgent: false, about: 'contact' } as const;
const urgent = { urgent: true, about: 'contact' } as const;

/** Every type, in the order a preferences screen would list them. Adding a type to the union fails here. */
export const NOTIFICATION_TYPES = {
  new_request: contact,
  new_appointment: contact,
  walk_in_recorded: contact,
  new_difficulty_report: urgent,
  message: contact,
  assigned: contact,
  reassigned: contact,
  forwarded: contact,
  forwarded_in: contact,
  clarification_requested: contact,
  clarified: contact,
  answer_submitted: contact,
  answer_returned: contact,
  answered: contact,
  follow_up: contact,
  acknowledged: contact,
  declined: contact,
  withdrawn: contact,
  time_proposed: contact,
  accepted: contact,
  confirmed: contact,
  rescheduled: contact,
  cancelled: contact,
  meeting_reminder: contact,
  result_recorded: contact,
  report_acknowledged: contact,
  referred: contact,
  referral_response: contact,
  resolved: contact,
  reopened: contact,
  deadline_warning: contact,
  overdue: contact,
  escalated: urgent,
  reminder: contact,
  reminder_letter: contact,
  extended: contact,
  closed: contact,
  auto_closed: contact,
  spokespersons_stale: { urgent: false, about: 'registry' },
} as const satisfies Record<NotificationKind, NotificationTypeInfo>;

/** The types, as a list. */
export const NOTIFICATION_KINDS = Object.keys(NOTIFICATION_TYPES) as NotificationKind[];

/** Whether `type` is one this product writes (rows are plain text in the database). */
export function isNotificationKind(type: string): type is NotificationKind {
  return Object.hasOwn(NOTIFICATION_TYPES, type);
}

/**
 * Whether a notification of `type` is urgent. A type this version does not know (written by a newer worker) is
 * not: it waits for office hours rather than waking someone for nothing.
 *
 * @example
 * ```ts
 * isUrgent('escalated'); // true
 * isUrgent('message'); // false
 * ```
 */
export function isUrgent(type: string): boolean {
  return isNotificationKind(type) && NOTIFICATION_TYPES[type].urgent;
}
