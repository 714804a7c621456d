/**
 * @module
 * Spokespersons (Decree 09/2017: head, designated spokesperson, authorized person) with their appointing
 * documents, every change kept in `spokesperson_change` (the change feed), and re-confirmations.
 */
import { defineEntity, p } from '@mikro-orm/core';
import { SPOKESPERSON_ROLE_TYPES } from '../../domain/registry/spokesperson.ts';

export const Spokesperson = defineEntity({
  name: 'Spokesperson',
  tableName: 'spokesperson',
  indexes: [
    // Trigram index for diacritic-insensitive search (migration 20261122004500).
    {
      name: 'spokesperson_search_text_trgm',
      expression:
        'create index if not exists "spokesperson_search_text_trgm" on "spokesperson" using gin ("search_text" gin_trgm_ops)',
    },
    { properties: ['agencyId', 'termEnd'] },
  ],
  properties: {
    id: p.string().primary().length(64),
    agencyId: p.string().length(64),
    /** Denormalised for province-scoped lists and the directory filter. */
    provinceId: p.string().length(64).nullable().index(),
    fullName: p.string().length(200),
    roleType: p.enum([...SPOKESPERSON_ROLE_TYPES]),
    title: p.string().length(300),
    phone: p.string().length(50).nullable(),
    email: p.string().length(200).nullable(),
    termStart: p.string().length(10),
    termEnd: p.string().length(10).nullable(),
    /** For an authorized person: the one case the authorization is limited to, if any. */
    authorizedCase: p.string().length(500).nullable(),
    /** For an authorized person: the head or spokesperson who authorized them (never another authorized person). */
    delegatedById: p.string().length(64).nullable(),
    documentNumber: p.string().length(100).nullable(),
    documentDate: p.string().length(10).nullable(),
    documentUrl: p.string().length(1000).nullable(),
    /** What the person answers for ("y tế, dịch bệnh"), shown in the directory. */
    topics: p.string().length(500).nullable(),
    lastConfirmedAt: p.datetime(),
    version: p.integer(),
    searchText: p.text(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export const SpokespersonChange = defineEntity({
  name: 'SpokespersonChange',
  tableName: 'spokesperson_change',
  properties: {
    /** The feed cursor: assigned under an advisory lock, so ids appear in commit order (no skips). */
    id: p.bigint('number').primary().autoincrement(),
    spokespersonId: p.string().length(64).index(),
    agencyId: p.string().length(64),
    provinceId: p.string().length(64).nullable(),
    changeType: p.enum(['created', 'updated', 'term_ended']),
    version: p.integer(),
    at: p.datetime(),
    actorSub: p.string().length(200),
    /** The spokesperson as it is after the change. */
    snapshot: p.json(),
  },
});

export const SpokespersonConfirmation = defineEntity({
  name: 'SpokespersonConfirmation',
  tableName: 'spokesperson_confirmation',
  properties: {
    id: p.integer().primary().autoincrement(),
    spokespersonId: p.string().length(64).index(),
    at: p.datetime(),
    actorSub: p.string().length(200),
    note: p.string().length(1000).nullable(),
  },
});

export const WebhookSubscription = defineEntity({
  name: 'WebhookSubscription',
  tableName: 'webhook_subscription',
  properties: {
    id: p.string().primary().length(64),
    url: p.string().length(1000),
    /** HMAC-SHA256 key for the `X-PL-Signature` header; shown once at creation. */
    secret: p.string().length(200),
    ownerSub: p.string().length(200),
    /** Only changes of this province (null: all). */
    provinceId: p.string().length(64).nullable(),
    /** The last change id delivered (2xx) to the receiver. */
    deliveredUpTo: p.bigint('number').default(0),
    lastError: p.text().nullable(),
    lastDeliveredAt: p.datetime().nullable(),
    active: p.boolean().default(true),
    createdAt: p.datetime(),
  },
});
