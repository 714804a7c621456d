/**
 * @module
 * The API's JSON as the widgets read it. The contact view and the vocabulary come from `domain/` as types
 * only, so the widgets and the API cannot drift apart silently; list and registry shapes mirror the
 * OpenAPI document (`/api/v1/openapi.json`).
 */
import type { InformationRequestAction } from '../../domain/information-request/payloads.ts';
import type { TimelineEntry } from '../../domain/information-request/state.ts';
import type { ClockView, ContactView } from '../../domain/information-request/view.ts';
import type { AgencyLevel, InformationRequestStatus, Role } from '../../domain/vocabulary.ts';

export type { ClockView, ContactView, InformationRequestAction, InformationRequestStatus, TimelineEntry };

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
