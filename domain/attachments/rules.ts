/**
 * @module
 * Who may attach files to a contact, and how many and how large. Reading follows the contact's visibility
 * (`maySeeContact`); attaching is for the people who work the contact: its journalist, its agency's staff,
 * spokesperson and head, and the supervisors of its province. Auditors, administrators and national
 * overseers read and download, and attach nothing.
 */
import { actsForAgency, supervisesProvince, type Actor } from '../actor.ts';
import { ConflictError, ForbiddenError } from '../errors.ts';
import { seesAgencySide, type Visible } from '../contact/visibility.ts';

export interface AttachmentLimits {
  /** Largest file, in bytes (`ATTACHMENT_MAX_BYTES`). */
  maxBytes: number;
  /** Most attachments on one contact (`ATTACHMENTS_PER_CONTACT`). */
  maxPerContact: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxBytes: 10 * 1024 * 1024, maxPerContact: 20 };

/** Whether `actor` may attach files to the contact (reading it is a separate, wider question). */
export function mayAttach(actor: Actor, contact: Visible): boolean {
  const ownJournalist = actor.roles.includes('journalist') && actor.sub === contact.journalistSub;
  const agencySide =
    seesAgencySide(actor, contact) &&
    (actsForAgency(actor, contact.agencyId) || supervisesProvince(actor, contact.provinceId ?? undefined));
  return ownJournalist || agencySide;
}

/** Throws 403 `attach_not_allowed` unless `actor` may attach files to the contact. */
export function assertMayAttach(actor: Actor, contact: Visible): void {
  if (!mayAttach(actor, contact))
    throw ForbiddenError.because(
      'attach_not_allowed',
      'Only the contact’s journalist, its agency and the supervising department attach files to it.',
    );
}

/** Throws 409 `too_many_attachments` when the contact already holds `existing` attachments, the limit. */
export function assertRoomForAttachment(existing: number, limits: AttachmentLimits): void {
  if (existing >= limits.maxPerContact)
    throw new ConflictError(
      'too_many_attachments',
      `A contact holds at most ${limits.maxPerContact} attachments.`,
      { limit: limits.maxPerContact },
    );
}
