/**
 * @module
 * Who must hear about what. The domain only says *who* and *why*; the notification activity stores and pushes
 * it, keyed by contact, event sequence and recipient so a retried activity never notifies twice.
 */
import type { Role } from '../vocabulary.ts';

export type Recipient =
  | { kind: 'person'; sub: string }
  | { kind: 'agency_role'; agencyId: string; roles: Role[] }
  | { kind: 'province_supervisors'; provinceId: string };

export type NotificationType =
  | 'new_request'
  | 'assigned'
  | 'clarification_requested'
  | 'clarified'
  | 'answer_submitted'
  | 'answer_returned'
  | 'answered'
  | 'follow_up'
  | 'declined'
  | 'forwarded'
  | 'withdrawn'
  | 'deadline_warning'
  | 'overdue'
  | 'escalated'
  | 'reminder'
  | 'reminder_letter'
  | 'extended'
  | 'reassigned'
  | 'closed'
  | 'auto_closed'
  | 'forwarded_in'
  | 'new_appointment'
  | 'time_proposed'
  | 'accepted'
  | 'confirmed'
  | 'rescheduled'
  | 'cancelled'
  | 'meeting_reminder'
  | 'result_recorded'
  | 'walk_in_recorded'
  | 'acknowledged'
  // Difficulty reports.
  | 'new_difficulty_report'
  | 'report_acknowledged'
  | 'referred'
  | 'referral_response'
  | 'resolved'
  | 'reopened'
  // A message in the contact's thread (not an action: `domain/messages/`).
  | 'message';

export interface NotificationIntent {
  recipient: Recipient;
  type: NotificationType;
  /** Vietnamese text shown as is; widgets localise by `type` when they can. */
  text: string;
}

export const person = (sub: string): Recipient => ({ kind: 'person', sub });
export const agencyRoles = (agencyId: string, roles: Role[]): Recipient => ({
  kind: 'agency_role',
  agencyId,
  roles,
});
