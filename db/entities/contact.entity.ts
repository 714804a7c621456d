/**
 * @module
 * The projection of every contact for lists, search and statistics. The workflow is the authority; these
 * rows are written only by the idempotent `recordContactEvent` activity, keyed by (contact id, sequence).
 */
import { defineEntity, p } from '@mikro-orm/core';
import { CONTACT_KINDS } from '../../domain/vocabulary.ts';

export const Contact = defineEntity({
  name: 'Contact',
  tableName: 'contact',
  indexes: [
    // Trigram index for diacritic-insensitive search (migration 20261122004500).
    {
      name: 'contact_search_text_trgm',
      expression:
        'create index if not exists "contact_search_text_trgm" on "contact" using gin ("search_text" gin_trgm_ops)',
    },

    { properties: ['agencyId', 'status'] },
    { properties: ['journalistSub', 'updatedAt'] },
    { properties: ['dueAt'] },
    { properties: ['nextMeetingAt'] },
    // Responsiveness statistics: a province's contacts received in a period, counted from the index alone.
    {
      name: 'contact_province_submitted',
      expression:
        'create index "contact_province_submitted" on "contact" ("province_id", "submitted_at") include ("agency_id", "kind")',
    },
    // The supervision board reads open contacts only (a few thousand among millions).
    {
      name: 'contact_open_board',
      expression: 'create index "contact_open_board" on "contact" ("province_id", "due_at") where "open"',
    },
  ],
  properties: {
    id: p.string().primary().length(64),
    kind: p.enum([...CONTACT_KINDS]),
    agencyId: p.string().length(64),
    provinceId: p.string().length(64).nullable().index(),
    journalistSub: p.string().length(200),
    journalistName: p.string().length(200),
    subject: p.string().length(500),
    status: p.string().length(40),
    assigneeSub: p.string().length(200).nullable().index(),
    assigneeName: p.string().length(200).nullable(),
    dueAt: p.datetime().nullable(),
    escalationLevel: p.smallint().default(0),
    submittedAt: p.datetime(),
    updatedAt: p.datetime(),
    /** Not in a terminal status: the board and "open now" read only these. */
    open: p.boolean().default(true),
    /** The last action a person took (not a timer's warning or escalation): the board's "no action for N days". */
    lastActionAt: p.datetime().nullable(),
    /** The agreed meeting's start (appointments), for lists and the host's agenda. */
    nextMeetingAt: p.datetime().nullable(),
    /** The contact this one was forwarded to, and the one it came from (both ways, for lists and audits). */
    forwardedToId: p.string().length(64).nullable(),
    forwardedFromId: p.string().length(64).nullable(),
    /** Other agencies that see the contact (a difficulty report's referred agencies), for lists and the stream. */
    alsoVisibleTo: p.array().nullable(),
    /** The highest event sequence projected: older events arriving late never overwrite newer state. */
    lastSeq: p.integer(),
    /** Lower-case text without Vietnamese diacritics, for search that ignores both. */
    searchText: p.text(),
    /** The workflow state at `lastSeq`, so views (and `allowedActions`) are served without a Temporal round trip. */
    state: p.json(),
  },
});

export const TimelineEntryRow = defineEntity({
  name: 'TimelineEntryRow',
  tableName: 'timeline_entry',
  uniques: [{ properties: ['contactId', 'seq'] }],
  // Reminders received in a period (statistics) and the board's "no action for N days".
  indexes: [{ properties: ['type', 'at'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    contactId: p.string().length(64),
    seq: p.integer(),
    at: p.datetime(),
    type: p.string().length(40),
    actorSub: p.string().length(200).nullable(),
    actorName: p.string().length(200).nullable(),
    text: p.text().nullable(),
    data: p.json().nullable(),
    /** `agency` when only the agency side may read the entry (see `domain/contact/visibility.ts`). */
    audience: p.string().length(20).nullable(),
  },
});

export const NotificationRow = defineEntity({
  name: 'NotificationRow',
  tableName: 'notification',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    /** `<contact>:<seq>:<index>`: the idempotency key of the notification. */
    key: p.string().length(120).unique(),
    /** The contact it is about; null for registry notices (e.g. spokespersons to re-confirm). */
    contactId: p.string().length(64).nullable().index(),
    /** Where the notice leads in the widgets when it is not about a contact (e.g. `registry:<agency>`). */
    link: p.string().length(200).nullable(),
    type: p.string().length(40),
    text: p.text(),
    recipientSub: p.string().length(200).nullable().index(),
    recipientAgencyId: p.string().length(64).nullable().index(),
    recipientRoles: p.array().nullable(),
    recipientProvinceId: p.string().length(64).nullable(),
    createdAt: p.datetime(),
    readAt: p.datetime().nullable(),
  },
});

/**
 * The clock read model: one row per contact and deadline clock, written in the same transaction as the
 * projection, so statistics read columns instead of parsing workflow state.
 */
export const ContactClockRow = defineEntity({
  name: 'ContactClockRow',
  tableName: 'contact_clock',
  primaryKeys: ['contactId', 'clock'],
  indexes: [
    { properties: ['agencyId', 'clock', 'startedAt'] },
    { properties: ['outcome', 'dueAt'] },
    // Responsiveness statistics read a province's clocks by the contact's receipt, from the index alone.
    {
      name: 'contact_clock_province_submitted',
      expression:
        'create index "contact_clock_province_submitted" on "contact_clock" ("province_id", "submitted_at") include ("agency_id", "clock", "kind", "outcome", "working_days_taken")',
    },
  ],
  properties: {
    contactId: p.string().length(64).primary(),
    clock: p.string().length(40).primary(),
    kind: p.enum([...CONTACT_KINDS]),
    agencyId: p.string().length(64),
    provinceId: p.string().length(64).nullable().index(),
    startedAt: p.datetime(),
    /** When the contact was received (copied from it): statistics count clocks by receipt without a join. */
    submittedAt: p.datetime().nullable(),
    /** The due instant now (moved by pauses and extensions); null while paused. */
    dueAt: p.datetime().nullable(),
    /** Total paused time so far, in milliseconds (the open pause counted up to the last event). */
    pausedMs: p.bigint('number').default(0),
    extensions: p.integer().default(0),
    paused: p.boolean().default(false),
    stoppedAt: p.datetime().nullable(),
    /** Working days the clock took once stopped (first day not counted, paused days left out); null while running. */
    workingDaysTaken: p.integer().nullable(),
    /** `met` or `missed` once stopped; null while running. */
    outcome: p.string().length(10).nullable(),
    escalationLevel: p.smallint().default(0),
    lastSeq: p.integer(),
  },
});
