/**
 * @module
 * The API's JSON as the widgets read it. The contact view and the vocabulary come from `domain/` as types
 * only, so the widgets and the API cannot drift apart silently; list and registry shapes mirror the
 * OpenAPI document (`/api/v1/openapi.json`).
 */
import type { SpokespersonRecord } from '../../domain/registry/spokesperson.ts';
import type { InformationRequestAction } from '../../domain/information-request/payloads.ts';
import type { TimelineEntry } from '../../domain/information-request/state.ts';
import type { ClockView, ContactView } from '../../domain/information-request/view.ts';
import type { SpokespersonRoleType } from '../../domain/registry/spokesperson.ts';
import type { AgencyLevel, InformationRequestStatus, Role } from '../../domain/vocabulary.ts';

export type {
  AgencyLevel,
  ClockView,
  ContactView,
  InformationRequestAction,
  InformationRequestStatus,
  SpokespersonRoleType,
  TimelineEntry,
};

export interface PersonRef {
  sub: string;
  name: string;
}

/** One row of `GET /contacts`. Times are epoch milliseconds. */
export interface ContactSummary {
  id: string;
  kind: string;
  agencyId: string;
  journalistName: string;
  subject: string;
  status: InformationRequestStatus;
  assignee: PersonRef | null;
  dueAt: number | null;
  overdue: boolean;
  escalationLevel: number;
  submittedAt: number;
  updatedAt: number;
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
  errors?: { column: string; message: string }[];
}

/** `GET /imports/{jobId}`. */
export interface ImportJob {
  id: string;
  kind: string;
  mode: ImportMode;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  processed: number;
  error: string | null;
  report: { rows: ImportReportRow[]; summary: Record<ImportRowAction | 'total', number> } | null;
}
