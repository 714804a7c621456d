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
