/**
 * @module
 * Journalists (press-card holders), their resident-reporter registrations, and the append-only history of
 * press-card verifications.
 */
import { defineEntity, p } from '@mikro-orm/core';
import { VERIFICATION_METHODS, VERIFICATION_RESULTS } from '../../domain/registry/verification.ts';

export const Journalist = defineEntity({
  name: 'Journalist',
  tableName: 'journalist',
  // Trigram index for diacritic-insensitive search (migration 20261122004500).
  indexes: [
    {
      name: 'journalist_search_text_trgm',
      expression:
        'create index if not exists "journalist_search_text_trgm" on "journalist" using gin ("search_text" gin_trgm_ops)',
    },
  ],
  properties: {
    id: p.string().primary().length(64),
    /** The identity the journalist logs in with; null until they first link an account. */
    sub: p.string().length(200).nullable().unique(),
    fullName: p.string().length(200),
    pressOrganisation: p.string().length(300),
    pressOrganisationId: p.string().length(64).nullable().index(),
    searchText: p.text().default(''),
    pressCardNumber: p.string().length(50).unique(),
    pressCardExpiresOn: p.string().length(10),
    email: p.string().length(200).nullable(),
    phone: p.string().length(50).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export const ResidentRegistration = defineEntity({
  name: 'ResidentRegistration',
  tableName: 'resident_registration',
  properties: {
    id: p.integer().primary().autoincrement(),
    journalistId: p.string().length(64).index(),
    /** The province-level People's Committee agency id the reporter is registered with. */
    provinceId: p.string().length(64).index(),
    validFrom: p.string().length(10),
    validTo: p.string().length(10),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

/**
 * One press-card verification. Rows are only ever inserted (the trigger below refuses updates and deletes):
 * the journalist's current verification is the latest row, and earlier ones stay as they were recorded,
 * whoever records a newer one.
 */
export const JournalistVerification = defineEntity({
  name: 'JournalistVerification',
  tableName: 'journalist_verification',
  indexes: [{ properties: ['journalistId', 'verifiedAt'] }],
  // History is evidence: even a direct SQL session may only add to it (function `…_append_only_fn`).
  triggers: [
    {
      name: 'append_only',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'row',
      body: "raise exception 'journalist_verification is append-only: % refused', tg_op using errcode = 'P0001';",
    },
  ],
  properties: {
    id: p.integer().primary().autoincrement(),
    journalistId: p.string().length(64),
    result: p.enum([...VERIFICATION_RESULTS]),
    method: p.enum([...VERIFICATION_METHODS]),
    documentUrl: p.string().length(1000).nullable(),
    note: p.text().nullable(),
    /** The province the verification was made for; null for a central administrator or a pre-2026-12 record. */
    provinceId: p.string().length(64).nullable().index(),
    /** The verifier's agency; null only for records carried over from before the history was kept. */
    agencyId: p.string().length(64).nullable(),
    verifiedBy: p.string().length(200),
    verifiedByName: p.string().length(200),
    verifiedAt: p.datetime(),
  },
});
