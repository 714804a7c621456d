/**
 * @module
 * The API's JSON as the widgets read it, mirroring the OpenAPI document (`/api/v1/openapi.json`). Declared here
 * rather than imported from `domain/`, which is being reshaped into per-kind modules; only stable vocabulary
 * types come from there.
 */
import type { SpokespersonRecord, SpokespersonRoleType } from '../../domain/registry/spokesperson.ts';
import type { AgencyLevel, Role } from '../../domain/vocabulary.ts';

export type { AgencyLevel, SpokespersonRoleType };

/** The kinds the widgets can show and create. */
export type ContactKind = 'information_request' | 'appointment' | 'walk_in' | 'difficulty_report';

export type InformationRequestStatus =
  | 'submitted'
  | 'awaiting_journalist'
  | 'in_progress'
  | 'pending_approval'
  | 'answered'
  | 'closed'
  | 'declined'
  | 'forwarded'
  | 'withdrawn';
export type AppointmentStatus =
  | 'submitted'
  | 'awaiting_journalist'
  | 'scheduled'
  | 'completed'
  | 'not_held'
  | 'closed'
  | 'declined'
  | 'forwarded'
  | 'cancelled'
  | 'withdrawn';
/** A walk-in visit: `draft` until the agency records its results. */
export type WalkInStatus = 'draft' | 'completed' | 'not_held' | 'closed';
/** A journalist's report of an obstacle to the province's press-management department. */
export type DifficultyReportStatus =
  'submitted' | 'under_review' | 'referred' | 'resolved' | 'reopened' | 'closed' | 'withdrawn';
export type ContactStatus =
  InformationRequestStatus | AppointmentStatus | WalkInStatus | DifficultyReportStatus;

/** Every action `POST /contacts/{id}/actions/{action}` takes, of both kinds. */
export type ContactAction =
  | 'assign'
  | 'request_clarification'
  | 'clarify'
  | 'submit_answer'
  | 'approve_answer'
  | 'return_answer'
  | 'acknowledge'
  | 'follow_up'
  | 'decline'
  | 'forward'
  | 'withdraw'
  | 'extend'
  | 'remind'
  | 'accept'
  | 'propose_time'
  | 'confirm'
  | 'reschedule'
  | 'cancel'
  | 'record_result'
  | 'reassign'
  | 'close'
  | 'acknowledge_report'
  | 'refer'
  | 'respond'
  | 'resolve'
  | 'reopen';

export type ClockName = 'first_response' | 'answer' | 'record_result';

export interface ClockView {
  name: ClockName;
  dueAt: number | null;
  paused: boolean;
  stoppedAt: number | null;
  overdue: boolean;
  escalationLevel: number;
}

export interface TimelineEntry {
  seq: number;
  at: number;
  /** An action name, or a lifecycle event: `submitted`, `warning`, `overdue`, `escalated`. */
  type: string;
  actor?: (PersonRef & { role?: Role | undefined }) | undefined;
  text?: string | undefined;
  data?: Record<string, unknown> | undefined;
}

/** What both kinds of contact view share. Times are epoch milliseconds. */
interface ContactViewBase {
  id: string;
  agencyId: string;
  provinceId: string | null;
  journalist: PersonRef;
  subject: string;
  assignee: PersonRef | null;
  clocks: ClockView[];
  dueAt: number | null;
  overdue: boolean;
  escalationLevel: number;
  submittedAt: number;
  updatedAt: number;
  timeline: TimelineEntry[];
  allowedActions: ContactAction[];
  decline: { ground: string; explanation: string } | null;
  forwardedTo: { agencyId: string; contactId?: string | null; note?: string | null } | null;
  forwardedFrom?: { agencyId: string; contactId?: string | null } | null;
  closure?: { reason: string; by: PersonRef; at: number } | null;
}

export interface InformationRequestView extends ContactViewBase {
  kind: 'information_request';
  status: InformationRequestStatus;
  question: string;
  /** Only agency users see a draft before it is approved. */
  draftAnswer: string | null;
  /** The draft's documents (agency side only). */
  draftAttachments?: AttachmentRef[];
  answer: { text: string; approvedBy: PersonRef; at: number; attachments?: AttachmentRef[] } | null;
}

/** A stored file as views and messages list it; download it at `/contacts/{id}/attachments/{id}`. */
export interface AttachmentRef {
  id: string;
  name: string;
  size: number;
  type: string;
}

/** One meeting time, epoch ms in views; ISO 8601 with offset when sent. */
export interface Slot<T = number> {
  start: T;
  end: T;
}

export interface HostRef {
  id: string;
  name: string;
  title?: string | null;
}

export type MeetingFormat = 'in_person' | 'online' | 'phone';

export interface AppointmentView extends ContactViewBase {
  kind: 'appointment';
  status: AppointmentStatus;
  questions: string;
  format: MeetingFormat;
  participants: string | null;
  /** The times on the table, and who put them there. */
  proposal: {
    by: 'journalist' | 'agency';
    slots: Slot[];
    place: string | null;
    host: HostRef | null;
    note: string | null;
    reason: string | null;
    at: number;
  } | null;
  meeting: { slot: Slot; place: string; host: HostRef; agreedAt: number } | null;
  sequence: number;
  result: MeetingResult | null;
  cancellation: { reason: string; by: PersonRef; at: number } | null;
  nextMeetingAt: number | null;
}

/** What the agency recorded after a meeting or a walk-in visit (`record_result`). */
export interface MeetingResult {
  held: boolean;
  reason: string | null;
  summary: string;
  informationProvided: string;
  recordedAt: number;
  recordedBy: PersonRef;
  /** The minutes and documents. */
  attachments?: AttachmentRef[];
}

/** Who came in person: a journalist of the registry (`journalistId`), or as they introduced themselves. */
export interface Visitor {
  journalistId: string | null;
  fullName: string;
  pressOrganisation: string;
  pressCardNumber: string;
}

/** A walk-in visit recorded by the agency afterwards. */
export interface WalkInView extends ContactViewBase {
  kind: 'walk_in';
  status: WalkInStatus;
  /** When the reporter came (epoch ms). */
  visitedAt: number;
  content: string;
  host: HostRef;
  visitor: Visitor;
  /** The staff member who recorded the visit. */
  recordedBy?: PersonRef;
  result: MeetingResult | null;
}

/** Something said or decided about a report, by whom and when. */
export interface ReportText {
  text: string;
  at: number;
  by: PersonRef;
}

/**
 * A difficulty report: the contact's `agencyId` is the press-management department that handles it; the agency
 * the journalist names is `involvedAgencyId`, the one the department asked to respond is `referral.agencyId`.
 */
export interface DifficultyReportView extends ContactViewBase {
  kind: 'difficulty_report';
  status: DifficultyReportStatus;
  description: string;
  involvedAgencyId: string | null;
  relatedContactIds: string[];
  /** The latest referral and the agency's response to it; earlier ones are on the timeline. */
  referral: {
    agencyId: string;
    agencyName: string;
    note: string;
    at: number;
    by: PersonRef;
    response: ReportText | null;
  } | null;
  referralCount: number;
  resolution: ReportText | null;
  reopen: { reason: string; at: number } | null;
  /** The journalist's one reopening is still available. */
  mayStillReopen: boolean;
}

/** `GET /contacts/{id}`: any kind the widgets show. */
export type ContactView = InformationRequestView | AppointmentView | WalkInView | DifficultyReportView;

export interface PersonRef {
  sub: string;
  name: string;
}

/** One row of `GET /contacts`. Times are epoch milliseconds. */
export interface ContactSummary {
  id: string;
  kind: ContactKind;
  agencyId: string;
  journalistName: string;
  subject: string;
  status: ContactStatus;
  assignee: PersonRef | null;
  dueAt: number | null;
  overdue: boolean;
  escalationLevel: number;
  submittedAt: number;
  updatedAt: number;
  /** The agreed meeting's start (appointments), if one is ahead. */
  nextMeetingAt?: number | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Agency {
  id: string;
  name: string;
  /** English name, when the registry has one. */
  nameEn?: string | null;
  level: AgencyLevel;
  kind: string;
  parentId: string | null;
  provinceId: string | null;
}

export interface Member {
  sub: string;
  name: string;
  role: Role;
  title: string | null;
}

/** `GET /me`. */
export interface Me {
  sub: string;
  name: string;
  roles: Role[];
  agencyId: string | null;
  provinceId: string | null;
  journalist: {
    id: string;
    fullName: string;
    pressOrganisation: string;
    pressCardNumber: string;
    residentProvinces?: { provinceId: string; validFrom: string; validTo: string }[];
  } | null;
}

/** A calendar date `YYYY-MM-DD` (terms, documents, press cards). */
export type LocalDate = string;

/** One row of the public directory, `GET /public/spokespersons` (people in office today). */
export interface PublicSpokesperson {
  id: string;
  fullName: string;
  roleType: SpokespersonRoleType;
  title: string;
  phone: string | null;
  email: string | null;
  topics: string | null;
  termStart: LocalDate;
  termEnd: LocalDate | null;
  /** Not re-confirmed by the agency recently. */
  stale: boolean;
  agency: Pick<Agency, 'id' | 'name' | 'nameEn' | 'level' | 'kind' | 'provinceId'>;
}

/** What a manager edits: the body of `POST /spokespersons` without `agencyId` (the domain's record). */
export type SpokespersonFields = Omit<SpokespersonRecord, 'id' | 'agencyId'>;

/** `GET /spokespersons` (managers). */
export interface Spokesperson extends SpokespersonFields {
  id: string;
  agencyId: string;
  provinceId: string | null;
  version: number;
  /** ISO 8601. */
  lastConfirmedAt: string;
  stale: boolean;
}

/** `GET /spokespersons/{id}/history`. */
export interface SpokespersonHistoryEntry {
  id: string | number;
  changeType: 'created' | 'updated' | 'term_ended';
  version: number;
  /** ISO 8601. */
  at: string;
  actorSub: string;
  snapshot: Partial<Spokesperson> | null;
}

/** `GET /journalists?residentIn=`. Phones and e-mails only when the caller may see them. */
export interface Journalist {
  id: string;
  fullName: string;
  pressOrganisation: string;
  pressCardNumber: string;
  pressCardExpiresOn: LocalDate;
  email?: string | null;
  phone?: string | null;
  residentProvinces: { provinceId: string; validFrom: LocalDate; validTo: LocalDate }[];
}

export type ImportMode = 'dry_run' | 'apply';
export type ImportRowAction = 'create' | 'update' | 'unchanged' | 'error';

export interface ImportReportRow {
  row: number;
  action: ImportRowAction;
  id?: string;
  /** The columns an update changes. */
  changes?: string[];
  /** `code` words the error in the page's language (absent from jobs older than the codes: `message`). */
  errors?: { column: string; message: string; code?: string; params?: CodeParams }[];
}

/** What a code's wording names (a row, a length, an id, a date). */
export type CodeParams = Record<string, string | number>;
/** The same, written out for the page's language (dates day/month/year, counts grouped). */
export type CodeWords = Partial<Record<string, string>>;

/** `GET /imports/{jobId}`. */
export interface ImportJob {
  id: string;
  kind: string;
  mode: ImportMode;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  processed: number;
  /** Why a failed job failed, in English; `report.failure.code` says it for any language. */
  error: string | null;
  report: {
    rows: ImportReportRow[];
    summary: Record<ImportRowAction | 'total', number>;
    failure?: { code: string; params?: CodeParams };
  } | null;
}

/** Why a contact is on the department's board (`GET /board`). */
export type BoardReason = 'overdue' | 'escalated' | 'idle' | 'unhealthy';
/** The safe actions a supervisor may take from the board. */
export type BoardAction = 'remind' | 'reassign' | 'extend' | 'close' | 'retry';
export type BoardSort = 'dueAt' | 'age' | 'escalationLevel' | 'lastActionAt' | 'agency';

/** One row of `GET /board`. Times are ISO 8601. */
export interface BoardRow {
  contactId: string;
  kind: string;
  agencyId: string;
  agencyName: string;
  agencyLevel: AgencyLevel;
  provinceId: string | null;
  subject: string;
  status: string;
  reasons: BoardReason[];
  dueAt: string | null;
  overdueClock: string | null;
  escalationLevel: number;
  submittedAt: string;
  lastActionAt: string;
  idleWorkingDays: number;
  ageWorkingDays: number;
  health: {
    pendingActivities: { activityType: string; attempt: number; lastFailure: string | null }[];
    workflowTaskAttempt: number;
    delayedEvents: number;
  } | null;
  /** A Temporal UI link, for operators only. */
  workflowUrl: string | null;
  /** What this user may do on this row (empty for an auditor). */
  actions: BoardAction[];
}

/** `GET /board`. */
export interface BoardPage extends Page<BoardRow> {
  /** The "no action for N working days" threshold in force. */
  idleDays: number;
}

/** `POST /reminders/bulk`, `GET /reminders/bulk/{id}`. */
export interface BulkReminderJob {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: { done: number; total: number };
  /** One per agency reminded; the agency's name comes from the registry (`agencyName` of the templates). */
  letters: {
    agencyId: string;
    documentId: string;
    number: string;
    contactIds: string[];
  }[];
}

/** Figures per clock; null when suppressed or there is nothing to measure. */
export type PerClock = Record<ClockName, number | null>;

/** One agency of `GET /statistics/agencies`. */
export interface AgencyStatistics {
  agencyId: string;
  agencyName: string;
  received: number;
  /** 0..1. */
  onTimeRate: PerClock;
  medianWorkingDays: PerClock;
  p90WorkingDays: PerClock;
  openNow: number;
  overdueNow: number;
  remindersReceived: number;
  /** Fewer than `minimumN` contacts received: no rates. */
  suppressed: boolean;
}

export interface AgencyStatisticsPage {
  provinceId: string;
  from: string;
  to: string;
  minimumN: number;
  items: AgencyStatistics[];
}

/** `GET /statistics/trend`. */
export interface StatisticsTrend {
  clock: ClockName;
  /** `YYYY-MM`. */
  months: string[];
  series: {
    agencyId: string;
    agencyName: string;
    points: { month: string; received: number; onTimeRate: number | null }[];
  }[];
}

/** `GET /statistics/distribution`. */
export interface StatisticsDistribution {
  clock: ClockName;
  total: number;
  buckets: { workingDays: number; count: number }[];
}

export type ReportFormat = 'xlsx' | 'csv';

/** `POST /reports`, `GET /reports/{id}`. */
export interface ReportJob {
  id: string;
  provinceId: string;
  /** `2026-11`, `2026-Q4` or `2026`. */
  period: string;
  format: ReportFormat;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: { done: number; total: number };
  downloadUrl: string | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}
