/**
 * @module
 * Agencies (SPEC.md C1): central → province → commune, with kinds. This row is the agency as it is now;
 * `agency_version` keeps every earlier name, parent and kind with effective dates.
 */
import { defineEntity, p } from '@mikro-orm/core';
import { AGENCY_KINDS, AGENCY_LEVELS } from '../../domain/vocabulary.ts';

export const Agency = defineEntity({
  name: 'Agency',
  tableName: 'agency',
  // Trigram index for diacritic-insensitive search (migration 20261122004500).
  indexes: [
    {
      name: 'agency_search_text_trgm',
      expression:
        'create index if not exists "agency_search_text_trgm" on "agency" using gin ("search_text" gin_trgm_ops)',
    },
  ],
  properties: {
    id: p.string().primary().length(64),
    name: p.string().length(300),
    nameEn: p.string().length(300).nullable(),
    level: p.enum([...AGENCY_LEVELS]),
    kind: p.enum([...AGENCY_KINDS]),
    parentId: p.string().length(64).nullable().index(),
    /** The province the agency belongs to (itself for a province-level People's Committee); null for central. */
    provinceId: p.string().length(64).nullable().index(),
    /** District before 1 July 2025, kept only for legacy records. */
    legacyDistrict: p.string().length(200).nullable(),
    /** First day the agency exists in this register (the 2025 reorganisation for most). */
    validFrom: p.string().length(10).default('2025-07-01'),
    /** Set when the agency was dissolved or merged into another (`mergedIntoId`). */
    dissolvedOn: p.string().length(10).nullable(),
    mergedIntoId: p.string().length(64).nullable(),
    searchText: p.text().default(''),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
