/**
 * @module
 * The shared vocabulary of Press Liaison (SPEC.md C6): roles, contact kinds, statuses, actions and decline
 * grounds. One spelling everywhere: the API, widgets, workflows, tests and reports all import these lists.
 */

export const ROLES = [
  'journalist',
  'agency_staff',
  'spokesperson',
  'agency_head',
  'supervisor',
  /** Reads what a supervisor reads (board, statistics, reports) and acts on nothing. */
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const CONTACT_KINDS = ['information_request', 'appointment', 'walk_in', 'difficulty_report'] as const;

/**
 * What a deadline rule times: a deadline clock, or a lifecycle period that is not the agency's duty —
 * `auto_close`, how long an answered contact stays open for a follow-up before it closes itself.
 */
export const RULE_NAMES = ['first_response', 'answer', 'record_result', 'auto_close'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const INFORMATION_REQUEST_STATUSES = [
  'submitted',
  'awaiting_journalist',
  'in_progress',
  'pending_approval',
  'answered',
  'closed',
  'declined',
  'forwarded',
  'withdrawn',
] as const;
export type InformationRequestStatus = (typeof INFORMATION_REQUEST_STATUSES)[number];

/** A journalist's report of an obstacle to the press-management department (SPEC.md C2.4). */
export const DIFFICULTY_REPORT_STATUSES = [
  'submitted',
  'under_review',
  'referred',
  'resolved',
  'reopened',
  'closed',
  'withdrawn',
] as const;
export type DifficultyReportStatus = (typeof DIFFICULTY_REPORT_STATUSES)[number];

export {
  APPOINTMENT_STATUSES,
  APPOINTMENT_FORMATS,
  type AppointmentStatus,
  type AppointmentFormat,
} from './appointment/state.ts';

export const ACTIONS = [
  'assign',
  'request_clarification',
  'clarify',
  'submit_answer',
  'approve_answer',
  'return_answer',
  'acknowledge',
  'follow_up',
  'accept',
  'propose_time',
  'confirm',
  'reschedule',
  'cancel',
  'record_result',
  'decline',
  'forward',
  'withdraw',
  'extend',
  'remind',
  'reassign',
  'close',
  // Difficulty reports.
  'acknowledge_report',
  'refer',
  'respond',
  'resolve',
  'reopen',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Press Law 2016 Art. 38(2) a–d, kept by the Press Law 2025. */
export const DECLINE_GROUNDS = [
  'secret',
  'under_investigation',
  'unresolved_inspection_or_complaint',
  'unpublished_draft_policy',
] as const;
export type DeclineGround = (typeof DECLINE_GROUNDS)[number];

/** Agency levels after the 2025 reorganisation (no district level for new data). */
export const AGENCY_LEVELS = ['central', 'province', 'commune'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

export const AGENCY_KINDS = [
  'ministry',
  'provincial_peoples_committee',
  'department',
  'vertical_unit',
  'commune_peoples_committee',
  'press_management_department',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/**
 * Deadline clocks: the agency's first response and answer (information requests; an appointment's answer
 * to the proposal is its `first_response`), and recording a meeting's result.
 */
export const CLOCK_NAMES = ['first_response', 'answer', 'record_result'] as const;
export type ClockName = (typeof CLOCK_NAMES)[number];
