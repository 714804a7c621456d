/**
 * @module
 * The contact a caller asked for, if they may see it: one rule for every route under `/contacts/{id}` (the
 * contact itself, its documents, attachments and messages). A contact the caller may not see answers exactly
 * like one that does not exist.
 */
import type { Actor } from '../../domain/actor.ts';
import { mayView } from '../../domain/contact/machine.ts';
import type { AnyContactState } from '../../domain/contact/state.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { Contact } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';

/** The contact's state from the projection; a 404 when it does not exist or the caller may not see it. */
export async function visibleContact(em: Em, id: string, actor: Actor): Promise<AnyContactState> {
  const row = await em.findOne(Contact, { id });
  const state = row ? (row.state as AnyContactState) : undefined;
  if (!state || !mayView(state, actor)) throw NotFoundError.of('Contact', id);
  return state;
}
