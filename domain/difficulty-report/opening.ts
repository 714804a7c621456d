/**
 * @module
 * How a difficulty report is opened: the request body the API validates (and documents) with, the text
 * limits of the report's fields, and the product's suggested deadline rules. Kept beside the kind so the
 * API, the widgets' form and the rules defaults take them from one place.
 *
 * @example
 * const body = difficultyReportBody.parse(await c.req.json()); // then look up the department of body.provinceId
 */
import { z } from 'zod';
import { FIELD_LIMITS, type TextLimit } from '../contact/field-limits.ts';
import type { DeadlineRule } from '../deadlines/rules.ts';
import { identifier, longText, plainText } from '../text/policy.ts';
import { MAX_RELATED_CONTACTS } from './state.ts';

/**
 * Text limits of the report's own fields, counted as the text policy counts. Meant to join `FIELD_LIMITS`
 * (which the widgets' forms read) when the kind is integrated.
 */
export const DIFFICULTY_REPORT_LIMITS = {
  /** What happened: the obstacle, where and when (required, at least a sentence). */
  description: { min: 10, max: 8000 },
  /** Why the department refers the report and what it asks of the agency. */
  referralNote: FIELD_LIMITS.forwardNote,
  /** The referred agency's response to the department. */
  response: { max: 8000 },
  /** The department's resolution, told to the journalist. */
  resolution: { max: 8000 },
  /** Why the journalist reopens a resolved report. */
  reopenReason: FIELD_LIMITS.reason,
} as const satisfies Record<string, TextLimit>;

/**
 * Contact ids as the API's path takes them: the journalist's own contacts linked to the report. The API must
 * still check that each one is theirs (the schema only bounds shape and number).
 */
export const relatedContactIdsInput = z
  .array(identifier(64))
  .max(MAX_RELATED_CONTACTS, `at most ${MAX_RELATED_CONTACTS} related contacts`)
  .refine((ids) => new Set(ids).size === ids.length, 'each related contact once');

/**
 * The body of `POST /api/v1/contacts` for a difficulty report (strict: unknown fields are refused). Here
 * `agencyId` is the agency *involved* — the report itself goes to the department of `provinceId`, which the
 * API looks up; the kind stores the two as `involvedAgencyId` and the core `agencyId`.
 */
export const difficultyReportBody = z
  .object({
    kind: z.literal('difficulty_report'),
    provinceId: identifier(64),
    agencyId: identifier(64).optional(),
    subject: plainText(FIELD_LIMITS.subject),
    description: longText(DIFFICULTY_REPORT_LIMITS.description),
    relatedContactIds: relatedContactIdsInput.optional(),
  })
  .strict();

export type DifficultyReportBody = z.output<typeof difficultyReportBody>;

/**
 * Suggested defaults for `DEFAULT_DEADLINE_RULES` (no statute fixes the department's deadlines; each
 * province's administrator may change them). The clock names follow `REPORT_CLOCKS`.
 */
export const DIFFICULTY_REPORT_DEFAULT_RULES: readonly DeadlineRule[] = [
  {
    // The department acknowledges a report (or a reopened one).
    kind: 'difficulty_report',
    clock: 'first_response',
    span: { unit: 'working_days', amount: 2 },
    warnBefore: { unit: 'hours', amount: 4 },
    grace: { unit: 'working_days', amount: 1 },
    effectiveFrom: '2017-03-30',
  },
  {
    // The department resolves it, counted from its acknowledgement.
    kind: 'difficulty_report',
    clock: 'answer',
    span: { unit: 'working_days', amount: 15 },
    warnBefore: { unit: 'working_days', amount: 2 },
    grace: { unit: 'working_days', amount: 3 },
    effectiveFrom: '2017-03-30',
  },
  {
    // The referred agency responds to the department, counted from the referral.
    kind: 'difficulty_report',
    clock: 'record_result',
    span: { unit: 'working_days', amount: 5 },
    warnBefore: { unit: 'hours', amount: 24 },
    grace: { unit: 'working_days', amount: 2 },
    effectiveFrom: '2017-03-30',
  },
  {
    // A resolution the journalist does not reopen closes itself after this.
    kind: 'difficulty_report',
    clock: 'auto_close',
    span: { unit: 'working_days', amount: 10 },
    warnBefore: { unit: 'hours', amount: 0 },
    grace: { unit: 'hours', amount: 0 },
    effectiveFrom: '2017-03-30',
  },
];
