/**
 * @module
 * The department's issued documents: numbering without gaps or duplicates, idempotent issue by source key,
 * and reads for the contact's document list and downloads.
 *
 * Numbering: the number is taken from `document_sequence` with an upsert that locks the department's row for
 * the year, in the same transaction that stores the document. Concurrent sends wait for one another; a send
 * that fails rolls its number back with it. So the stored numbers of a department and year are always
 * 1..n — the property a registry of outgoing documents (sổ văn bản đi) must have.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Letterhead } from '../entities/index.ts';
import type { Em } from '../orm.ts';
import type { LetterheadFields } from '../../domain/supervision/letterhead.ts';

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface DocumentSummary {
  id: string;
  type: 'reminder_letter';
  number: string;
  sequence: number;
  year: number;
  issuerId: string;
  addresseeAgencyId: string;
  createdAt: string;
  createdByName: string;
  contactIds: string[];
}

interface DocumentRow {
  id: string;
  type: 'reminder_letter';
  number_text: string;
  number: number;
  year: number;
  issuer_id: string;
  addressee_agency_id: string;
  created_at: Date | string;
  created_by_name: string;
  contact_ids: string[] | null;
}

const summaryOf = (r: DocumentRow): DocumentSummary => ({
  id: r.id,
  type: r.type,
  number: r.number_text,
  sequence: r.number,
  year: r.year,
  issuerId: r.issuer_id,
  addresseeAgencyId: r.addressee_agency_id,
  createdAt: new Date(r.created_at).toISOString(),
  createdByName: r.created_by_name,
  contactIds: r.contact_ids ?? [],
});

const SUMMARY_COLUMNS = `d.id, d.type, d.number_text, d.number, d.year, d.issuer_id, d.addressee_agency_id,
  d.created_at, d.created_by_name,
  (select array_agg(dc.contact_id order by dc.contact_id) from document_contact dc where dc.document_id = d.id) as contact_ids`;

/** The document already issued for `sourceKey`, if any (a retried activity finds its own work done). */
export async function findBySourceKey(em: Em, sourceKey: string): Promise<DocumentSummary | undefined> {
  const rows = await em.execute<DocumentRow[]>(
    `select ${SUMMARY_COLUMNS} from issued_document d where d.source_key = ?`,
    [sourceKey],
  );
  return rows[0] ? summaryOf(rows[0]) : undefined;
}

export interface NewDocument {
  sourceKey: string;
  issuerId: string;
  year: number;
  symbol: string;
  addresseeAgencyId: string;
  provinceId: string | null;
  contactIds: string[];
  message: string;
  by: { sub: string; name: string };
  at: number;
}

/**
 * Issues a document: takes the next number, renders with it, stores both renderings and the contacts it names,
 * all in one transaction (`em` must be inside one). Returns the existing document when `sourceKey` was issued.
 */
export async function issueDocument(
  em: Em,
  input: NewDocument,
  render: (number: number) => Promise<{ pdf: Uint8Array; docx: Uint8Array; numberText: string }>,
): Promise<DocumentSummary> {
  const existing = await findBySourceKey(em, input.sourceKey);
  if (existing) return existing;
  const [{ last_number: number }] = (await em.execute<{ last_number: number }[]>(
    `insert into document_sequence (issuer_id, year, last_number) values (?, ?, 1)
     on conflict (issuer_id, year) do update set last_number = document_sequence.last_number + 1
     returning last_number`,
    [input.issuerId, input.year],
  )) as [{ last_number: number }];
  // Another transaction may have issued this source while we waited for the sequence lock: give the number
  // back (we still hold the lock, so nobody took a later one) and return theirs.
  const raced = await findBySourceKey(em, input.sourceKey);
  if (raced) {
    await em.execute(
      `update document_sequence set last_number = last_number - 1 where issuer_id = ? and year = ?`,
      [input.issuerId, input.year],
    );
    return raced;
  }
  const { pdf, docx, numberText } = await render(number);
  const id = `VB-${randomUUID()}`;
  await em.execute(
    `insert into issued_document (id, type, issuer_id, year, number, number_text, addressee_agency_id, province_id,
       source_key, message, created_by_sub, created_by_name, created_at, pdf, docx, pdf_sha256, docx_sha256)
     values (?, 'reminder_letter', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      input.issuerId,
      input.year,
      number,
      numberText,
      input.addresseeAgencyId,
      input.provinceId,
      input.sourceKey,
      input.message,
      input.by.sub,
      input.by.name,
      new Date(input.at),
      Buffer.from(pdf),
      Buffer.from(docx),
      sha256Hex(pdf),
      sha256Hex(docx),
    ],
  );
  for (const contactId of input.contactIds)
    await em.execute(`insert into document_contact (document_id, contact_id) values (?, ?)`, [id, contactId]);
  return (await findBySourceKey(em, input.sourceKey))!;
}

/** The documents that name a contact, newest first. */
export async function documentsOfContact(em: Em, contactId: string): Promise<DocumentSummary[]> {
  const rows = await em.execute<DocumentRow[]>(
    `select ${SUMMARY_COLUMNS} from issued_document d
     where d.id in (select document_id from document_contact where contact_id = ?)
     order by d.created_at desc, d.id`,
    [contactId],
  );
  return rows.map(summaryOf);
}

/** A document's rendering and what decides who may read it. */
export async function documentFile(
  em: Em,
  id: string,
  format: 'pdf' | 'docx',
): Promise<
  | {
      bytes: Uint8Array;
      numberText: string;
      provinceId: string | null;
      addresseeAgencyId: string;
      contactIds: string[];
    }
  | undefined
> {
  const rows = await em.execute<
    {
      bytes: Buffer;
      number_text: string;
      province_id: string | null;
      addressee_agency_id: string;
      contact_ids: string[] | null;
    }[]
  >(
    `select ${format === 'pdf' ? 'pdf' : 'docx'} as bytes, number_text, province_id, addressee_agency_id,
       (select array_agg(contact_id) from document_contact where document_id = d.id) as contact_ids
     from issued_document d where id = ?`,
    [id],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    bytes: new Uint8Array(row.bytes),
    numberText: row.number_text,
    provinceId: row.province_id,
    addresseeAgencyId: row.addressee_agency_id,
    contactIds: row.contact_ids ?? [],
  };
}

/** The department's configured letterhead, if any. */
export async function configuredLetterhead(
  em: Em,
  departmentId: string,
): Promise<LetterheadFields | undefined> {
  const row = await em.findOne(Letterhead, { departmentId });
  if (!row) return undefined;
  return {
    parentBody: row.parentBody,
    issuingBody: row.issuingBody,
    symbol: row.symbol,
    place: row.place,
    signerAuthority: row.signerAuthority ?? undefined,
    signerTitle: row.signerTitle,
    signerName: row.signerName,
    copyTo: row.copyTo as string[],
  };
}

/** The letters addressed to an agency (its record of reminders), newest first. */
export async function documentsToAgency(em: Em, agencyId: string, limit = 100): Promise<DocumentSummary[]> {
  const rows = await em.execute<DocumentRow[]>(
    `select ${SUMMARY_COLUMNS} from issued_document d where d.addressee_agency_id = ?
     order by d.created_at desc, d.id limit ?`,
    [agencyId, limit],
  );
  return rows.map(summaryOf);
}

/** Replaces a department's letterhead. */
export async function saveLetterhead(
  em: Em,
  departmentId: string,
  fields: LetterheadFields,
  bySub: string,
): Promise<void> {
  await em.execute(
    `insert into letterhead (department_id, parent_body, issuing_body, symbol, place, signer_authority, signer_title,
       signer_name, copy_to, updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, now(), ?)
     on conflict (department_id) do update set parent_body = excluded.parent_body,
       issuing_body = excluded.issuing_body, symbol = excluded.symbol, place = excluded.place,
       signer_authority = excluded.signer_authority, signer_title = excluded.signer_title,
       signer_name = excluded.signer_name, copy_to = excluded.copy_to, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by`,
    [
      departmentId,
      fields.parentBody,
      fields.issuingBody,
      fields.symbol,
      fields.place,
      fields.signerAuthority ?? null,
      fields.signerTitle,
      fields.signerName,
      JSON.stringify(fields.copyTo),
      bySub,
    ],
  );
}
