/** @module Journalists (press-card holders) and their resident-reporter registrations. */
import { defineEntity, p } from '@mikro-orm/core';

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
    /** How the press card was verified: method, document, who and when. */
    verification: p.json().nullable(),
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
