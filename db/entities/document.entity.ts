/**
 * @module
 * Documents the department issues (issue 8): formal reminder letters (văn bản đôn đốc), numbered per issuing
 * department and year without gaps or duplicates, stored with both renderings and linked to the contacts they
 * name. The letterhead a department prints on them is configured here too.
 */
import { defineEntity, p } from '@mikro-orm/core';

/** What a department prints at the head and foot of its letters (Decree 30/2020 layout). */
export const Letterhead = defineEntity({
  name: 'Letterhead',
  tableName: 'letterhead',
  properties: {
    /** The issuing department (an agency of the registry). */
    departmentId: p.string().length(64).primary(),
    parentBody: p.string().length(200),
    issuingBody: p.string().length(200),
    /** The symbol after the number: `05/SVHTTDL-QLBC`. */
    symbol: p.string().length(40),
    place: p.string().length(100),
    signerAuthority: p.string().length(100).nullable(),
    signerTitle: p.string().length(100),
    signerName: p.string().length(200),
    copyTo: p.json(),
    updatedAt: p.datetime(),
    updatedBy: p.string().length(200),
  },
});

/**
 * The last number a department gave in a year. Taken with `insert … on conflict do update … returning` in the
 * transaction that stores the document: the row lock serialises concurrent sends, and a rolled-back send
 * gives its number back, so numbers have neither gaps nor duplicates.
 */
export const DocumentSequence = defineEntity({
  name: 'DocumentSequence',
  tableName: 'document_sequence',
  primaryKeys: ['issuerId', 'year'],
  properties: {
    issuerId: p.string().length(64).primary(),
    year: p.integer().primary(),
    lastNumber: p.integer(),
  },
});

export const IssuedDocument = defineEntity({
  name: 'IssuedDocument',
  tableName: 'issued_document',
  uniques: [{ properties: ['issuerId', 'year', 'number'] }],
  indexes: [{ properties: ['addresseeAgencyId', 'createdAt'] }],
  properties: {
    id: p.string().length(64).primary(),
    type: p.enum(['reminder_letter']),
    issuerId: p.string().length(64),
    year: p.integer(),
    number: p.integer(),
    /** The number and symbol as printed: `05/SVHTTDL-QLBC`. */
    numberText: p.string().length(60),
    addresseeAgencyId: p.string().length(64),
    provinceId: p.string().length(64).nullable(),
    /** Idempotency: the event that asked for the document (a contact's reminder entry, a bulk job's agency). */
    sourceKey: p.string().length(200).unique(),
    message: p.text(),
    createdBySub: p.string().length(200),
    createdByName: p.string().length(200),
    createdAt: p.datetime(),
    pdf: p.blob(),
    docx: p.blob(),
    pdfSha256: p.string().length(64),
    docxSha256: p.string().length(64),
  },
});

/** The contacts a document names (a bulk reminder names every overdue contact of the agency). */
export const DocumentContact = defineEntity({
  name: 'DocumentContact',
  tableName: 'document_contact',
  primaryKeys: ['documentId', 'contactId'],
  indexes: [{ properties: ['contactId'] }],
  properties: {
    documentId: p.string().length(64).primary(),
    contactId: p.string().length(64).primary(),
  },
});
