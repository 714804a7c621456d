/**
 * @module
 * Creating a record that must not exist yet. The routes look for it first and answer 409, but two requests at
 * once (a double submit) both pass that look; the table's unique constraint then refuses the second insert
 * (PostgreSQL 23505), and that refusal is answered as the look would have answered it, not as a 500.
 */
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { ConflictError } from '../domain/errors.ts';

/**
 * Runs `insert`, which writes the new `what` named `id` (a flush, or a transaction); a unique violation
 * becomes `ConflictError.alreadyExists(what, id)`.
 * @example await insertNew('Agency', body.id, () => em.flush());
 */
export async function insertNew<T>(what: string, id: string, insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw ConflictError.alreadyExists(what, id);
    throw error;
  }
}
