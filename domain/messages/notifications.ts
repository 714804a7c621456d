/**
 * @module
 * Who hears of a new message: the other side. The journalist's message goes to the agency side — the
 * contact's assignee, or while nobody is assigned its agency's clerks (and, for a difficulty report, whose
 * agency is the department, the department's supervisors). The agency side's message goes to the
 * journalist. An internal note goes to the agency side only, never to the journalist: to the assignee when
 * someone else wrote it, or to the agency's clerks when the supervising department wrote it. Nobody is told
 * of their own message.
 *
 * The text names the author and the contact, never the message itself: a notice may be read on a lock screen.
 */
import { actsForAgency, type Actor } from '../actor.ts';
import { agencyRoles, person, type NotificationIntent } from '../contact/notifications.ts';
import type { MessageSide } from './rules.ts';

/** The contact as the notification rule reads it. */
export interface MessageAudience {
  subject: string;
  journalistSub: string;
  agencyId: string;
  assigneeSub?: string | undefined;
}

/** The notifications of a new message by `author`, writing from `side`. */
export function messageNotifications(
  author: Actor,
  side: MessageSide,
  contact: MessageAudience,
  message: { internal: boolean },
): NotificationIntent[] {
  const subject = `“${contact.subject}”`;
  if (message.internal) {
    const text = `Ghi chú nội bộ mới của ${author.name} về ${subject}`;
    if (contact.assigneeSub && contact.assigneeSub !== author.sub)
      return [{ recipient: person(contact.assigneeSub), type: 'message', text }];
    if (!contact.assigneeSub && !actsForAgency(author, contact.agencyId))
      return [{ recipient: agencyRoles(contact.agencyId, ['agency_staff']), type: 'message', text }];
    return [];
  }
  const text = `Tin nhắn mới của ${author.name} về ${subject}`;
  if (side === 'agency')
    return contact.journalistSub === author.sub
      ? []
      : [{ recipient: person(contact.journalistSub), type: 'message', text }];
  if (contact.assigneeSub) return [{ recipient: person(contact.assigneeSub), type: 'message', text }];
  // `supervisor` reaches the department's supervisors when the contact's agency is the department.
  return [
    { recipient: agencyRoles(contact.agencyId, ['agency_staff', 'supervisor']), type: 'message', text },
  ];
}
