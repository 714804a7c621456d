/**
 * @module
 * A formal reminder letter (văn bản đôn đốc) on the contact's timeline (issue 8): once the department's
 * letter is issued and stored, the contact records which letter named it, and the agency head is told.
 * The letter itself (number, renderings) lives in the documents store; the timeline keeps the reference.
 */
import type { Actor } from '../actor.ts';
import { agencyRoles } from '../contact/notifications.ts';
import { appendEntry, type AnyContactState, type Transition } from '../contact/state.ts';
import type { ClockName } from '../vocabulary.ts';

/** The deadline a letter's table names, in the letter's words. */
export const CLOCK_LABELS: Record<ClockName, string> = {
  first_response: 'Hạn phản hồi',
  answer: 'Hạn trả lời',
  record_result: 'Hạn cập nhật kết quả',
};

/** The entry type of an issued letter (agency side only, like the reminder it follows). */
export const LETTER_ENTRY_TYPE = 'reminder_letter';

/** What the documents store answers when it has issued (or already had) the letter. */
export interface IssuedLetter {
  documentId: string;
  /** As printed: `05/SVHTTDL-QLBC`. */
  numberText: string;
}

/** The timeline entry and notice for a letter issued about this contact. */
export function recordLetterIssued<St extends AnyContactState>(
  state: St,
  letter: IssuedLetter,
  by: Actor,
  now: number,
): Transition<St> {
  return appendEntry(
    state,
    {
      at: now,
      type: LETTER_ENTRY_TYPE,
      audience: 'agency',
      actor: { sub: by.sub, name: by.name },
      text: `Văn bản đôn đốc số ${letter.numberText}`,
      data: { documentId: letter.documentId, number: letter.numberText },
    },
    [
      {
        recipient: agencyRoles(state.agencyId, ['agency_head']),
        type: 'reminder_letter',
        text: `Văn bản đôn đốc số ${letter.numberText}: ${state.subject}`,
      },
    ],
  );
}
