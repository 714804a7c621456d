/**
 * @module
 * The contact a caller asked for, if they may see it: one rule for every route under `/contacts/{id}` (the
 * contact itself, its documents, attachments and messages). A contact the caller may not see answers exactly
 * like one that does not exist.
 */
import type { Actor } from '../../domain/actor.ts';
import { mayView } from '../../domain/contact/machine.ts';
import type { AnyContactState, CarriedContactState } from '../../domain/contact/state.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { Contact } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';
import { withCalendar } from './calendar-versions.ts';

/**
 * The contact's state from the projection, its calendar read from the version it references (so due dates can
 * be counted); a 404 when it does not exist or the caller may not see it.
 */
export async function visibleContact(em: Em, id: string, actor: Actor): Promise<AnyContactState> {
  return storedContact(em, id, (state) => mayView(state, actor));
}

/** The contact's state from the projection if `may` lets the caller read it, with its calendar; else a 404. */
export async function storedContact(
  em: Em,
  id: string,
  may: (state: CarriedContactState) => boolean,
): Promise<AnyContactState> {
  const row = await em.findOne(Contact, { id });
  const state = row ? (row.state as CarriedContactState) : undefined;
  if (!state || !may(state)) throw NotFoundError.of('Contact', id);
  return withCalendar(em, state);
}
