/**
 * @module
 * Files carried by a step of a contact — the documents of an answer, the minutes of a meeting. The action's
 * input names them (`attachmentIds`); the API finds them among the contact's own uploads and hands them to the
 * workflow as a registry fact (`ActionContext.attachments`), because an Update validator cannot read the
 * database. The state keeps what a reader needs to list and download them.
 */
import { z } from 'zod';
import { InvalidInputError } from '../errors.ts';
import { identifier } from '../text/policy.ts';
import { MAX_FILES_PER_STEP } from '../contact/field-limits.ts';

/** A file of the contact, as its step lists it. */
export interface AttachmentRef {
  id: string;
  name: string;
  size: number;
  type: string;
}

/** At most this many files on one step (the contact holds more, in its thread); in the limits table for forms. */
export { MAX_FILES_PER_STEP } from '../contact/field-limits.ts';

export const attachmentIdsInput = z
  .array(identifier(64))
  .max(MAX_FILES_PER_STEP)
  .refine((ids) => new Set(ids).size === ids.length, 'each file once')
  .optional();

/**
 * The files `ids` names, in that order, from the facts the API looked up; `undefined` when none are named.
 * A named file the facts lack is refused: the API checked them, so this only fails for an Update sent around it.
 */
export function attachedFiles(
  ids: readonly string[] | undefined,
  found: readonly AttachmentRef[] | undefined,
): AttachmentRef[] | undefined {
  if (!ids?.length) return undefined;
  return ids.map((id) => {
    const file = found?.find((f) => f.id === id);
    if (!file)
      throw InvalidInputError.atField(
        'attachmentIds',
        'attachment_not_on_contact',
        `Không có tệp ${id} trong hồ sơ này.`,
        `File '${id}' is not attached to this contact.`,
      );
    return { id: file.id, name: file.name, size: file.size, type: file.type };
  });
}
