/** @module Agencies (SPEC.md C1): central → province → commune, with kinds. Versioning arrives with issue 3. */
import { defineEntity, p } from '@mikro-orm/core';
import { AGENCY_KINDS, AGENCY_LEVELS } from '../../domain/vocabulary.ts';

export const Agency = defineEntity({
  name: 'Agency',
  tableName: 'agency',
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
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
