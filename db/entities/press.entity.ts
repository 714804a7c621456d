/** @module Press organisations and their representative offices in provinces. */
import { defineEntity, p } from '@mikro-orm/core';

export const PressOrganisation = defineEntity({
  name: 'PressOrganisation',
  tableName: 'press_organisation',
  // Trigram index for diacritic-insensitive search (migration 20261122004500).
  indexes: [
    {
      name: 'press_organisation_search_text_trgm',
      expression:
        'create index if not exists "press_organisation_search_text_trgm" on "press_organisation" using gin ("search_text" gin_trgm_ops)',
    },
  ],
  properties: {
    id: p.string().primary().length(64),
    name: p.string().length(300),
    kind: p.enum(['newspaper', 'magazine', 'radio_television', 'news_agency', 'online']),
    licenceNumber: p.string().length(100).nullable(),
    searchText: p.text(),
    createdAt: p.datetime(),
  },
});

export const RepresentativeOffice = defineEntity({
  name: 'RepresentativeOffice',
  tableName: 'representative_office',
  properties: {
    id: p.integer().primary().autoincrement(),
    pressOrganisationId: p.string().length(64).index(),
    provinceId: p.string().length(64).index(),
    address: p.string().length(500),
    phone: p.string().length(50).nullable(),
    createdAt: p.datetime(),
  },
});

export const AgencyVersion = defineEntity({
  name: 'AgencyVersion',
  tableName: 'agency_version',
  indexes: [{ properties: ['agencyId', 'validFrom'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    agencyId: p.string().length(64),
    validFrom: p.string().length(10),
    /** Exclusive end; null for the version in force. */
    validTo: p.string().length(10).nullable(),
    name: p.string().length(300),
    nameEn: p.string().length(300).nullable(),
    kind: p.string().length(60),
    level: p.string().length(20),
    parentId: p.string().length(64).nullable(),
    provinceId: p.string().length(64).nullable(),
    /** Why this version began: created, renamed, moved, merged_into, reclassified. */
    reason: p.string().length(40),
    /** For a merger: the agency this one was merged into. */
    mergedIntoId: p.string().length(64).nullable(),
    recordedAt: p.datetime(),
    recordedBy: p.string().length(200),
  },
});
