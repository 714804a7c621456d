/**
 * @module
 * The one table of text limits, by what a field means. The API's schemas (opening a contact, every action of
 * every kind) and the widgets' forms (`maxlength`, counters, checks before sending) read their limits here,
 * so a form never lets through what the API refuses, nor refuses what it takes.
 *
 * Lengths are counted like the text policy (`domain/text/policy.ts`) counts them: UTF-16 code units after
 * trimming, Unicode NFC and (in long text) CRLF → LF. `min` absent means the policy's default: a required
 * field needs at least one character; an optional one may be left out.
 *
 * Pure data with no imports, so the widget bundle can take it without the schema library.
 *
 * @example
 * z.object({ subject: plainText(FIELD_LIMITS.subject), note: optionalLongText(FIELD_LIMITS.note) });
 */

export interface TextLimit {
  /** Shortest accepted length after trimming (absent: 1 when the field is required). */
  readonly min?: number;
  /** Longest accepted length. */
  readonly max: number;
}

export const FIELD_LIMITS = {
  // Opening a contact (`POST /contacts`).
  /** A contact's subject, one line. */
  subject: { min: 3, max: 300 },
  /** An information request's question. */
  question: { min: 10, max: 8000 },
  /** An appointment's questions. */
  questions: { min: 10, max: 8000 },
  /** Whom the journalist wants to meet (optional, one line). */
  participants: { max: 500 },

  // Actions every kind shares.
  /** A short note beside an action (assign, approve, acknowledge, a counter-proposal; optional). */
  note: { max: 2000 },
  /** Why a contact goes to another agency (forward; required). */
  forwardNote: { max: 4000 },
  /** Why the journalist withdraws (optional). */
  withdrawReason: { max: 2000 },
  /** The reason an action must give: extend, reassign, close, return an answer, reschedule, cancel. */
  reason: { max: 4000 },
  /** A supervisor's reminder to the agency (remind `message`). */
  reminder: { max: 4000 },
  /** A decline's explanation to the journalist. */
  explanation: { max: 4000 },

  // Information request.
  /** What the agency asks the reporter to clarify (request_clarification `question`). */
  clarificationQuestion: { max: 4000 },
  /** The reporter's clarification (clarify `text`). */
  clarification: { max: 8000 },
  /** The draft answer (submit_answer `text`). */
  answer: { max: 20000 },
  /** The reporter's further question on an answer (follow_up `question`). */
  followUpQuestion: { max: 8000 },

  // Message threads (`domain/messages/`).
  /** A message or internal note in a contact's thread. */
  message: { max: 8000 },

  // Work appointment.
  /** Where the meeting takes place, one line. */
  place: { min: 2, max: 300 },
  /** Why the meeting was not held (record_result `reason`; required when it was not). */
  notHeldReason: { max: 4000 },
  /** What was discussed (record_result). */
  summary: { max: 8000 },
  /** The information and documents provided (record_result). */
  informationProvided: { max: 8000 },

  // Walk-in visit record.
  /** What the visiting journalist came about, as the agency recorded it. */
  visitContent: { min: 10, max: 8000 },
  /** A journalist's full name, when they are not in the registry. */
  personName: { min: 2, max: 200 },
  /** The press organisation they work for, when they are not in the registry. */
  pressOrganisation: { min: 2, max: 300 },
  /** The number of their press card, when they are not in the registry. */
  pressCardNumber: { min: 3, max: 50 },
} as const satisfies Record<string, TextLimit>;

export type FieldMeaning = keyof typeof FIELD_LIMITS;

/**
 * The most one extension may add to a clock. Decree 09 sets no figure; these keep a due date within the
 * calendar years a contact carries and stop a typing slip (or a hostile number) from moving it by decades.
 */
/** At most this many files on one step (an answer's documents, a meeting's minutes); the thread holds more. */
export const MAX_FILES_PER_STEP = 10;

export const EXTENSION_LIMITS = {
  working_days: 30,
  calendar_days: 45,
  hours: 720,
  durationMs: 45 * 86_400_000,
} as const;
