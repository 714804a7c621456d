/**
 * @module
 * The files of a contact a caller may list, download and cite in a message: all of them for the agency side;
 * for the journalist or a referred agency, their own uploads and what was shared with them
 * (`domain/attachments/visibility.ts`). Call after `visibleContact`, which decides whether they see the
 * contact at all.
 */
import type { Actor } from '../../domain/actor.ts';
import { filesVisibleTo, sharedFileIds } from '../../domain/attachments/visibility.ts';
import { kindOf } from '../../domain/contact/kinds.ts';
import type { AnyContactState } from '../../domain/contact/state.ts';
import { seesAgencySide, visibleOf } from '../../domain/contact/visibility.ts';
import type { Em } from '../../db/orm.ts';
import { listAttachments, type AttachmentRecord } from '../../storage/attachments/index.ts';
import { publicMessageFileIds } from './messages.ts';

/** The contact's files `actor` may see, oldest first. */
export async function attachmentsVisibleTo(
  em: Em,
  state: AnyContactState,
  actor: Actor,
): Promise<AttachmentRecord[]> {
  const all = await listAttachments(em, state.contactId);
  if (seesAgencySide(actor, visibleOf(state))) return all;
  const outsideView = kindOf(state.kind).viewFields(state, false);
  const shared = sharedFileIds(await publicMessageFileIds(em, state.contactId), outsideView);
  return filesVisibleTo(all, { sub: actor.sub, agencySide: false, shared });
}
