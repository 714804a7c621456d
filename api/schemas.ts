/**
 * @module
 * Request and response schemas shared by routes; they validate input and generate `/openapi.json`.
 */
import { z } from '@hono/zod-openapi';
import { isValidLocalDate } from '../domain/calendar/index.ts';
import { identifier } from '../domain/text/policy.ts';
import { ACTIONS, CONTACT_KINDS, INFORMATION_REQUEST_STATUSES, ROLES } from '../domain/vocabulary.ts';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ description: 'Stable machine-readable error code.' }),
    detail: z.string().optional(),
  })
  .passthrough()
  .openapi('Problem');

export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: `Problem (${status})`,
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  );

export const PersonRefSchema = z.object({ sub: z.string(), name: z.string() }).openapi('PersonRef');

export const TimelineEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.number().int().openapi({ description: 'Epoch milliseconds.' }),
    type: z.string(),
    actor: z.object({ sub: z.string(), name: z.string(), role: z.enum(ROLES).optional() }).optional(),
    text: z.string().optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('TimelineEntry');

export const ContactViewSchema = z
  .object({
    id: z.string(),
    kind: z.literal('information_request'),
    agencyId: z.string(),
    provinceId: z.string().nullable(),
    journalist: PersonRefSchema,
    subject: z.string(),
    question: z.string(),
    status: z.enum(INFORMATION_REQUEST_STATUSES),
    assignee: PersonRefSchema.nullable(),
    draftAnswer: z.string().nullable(),
    answer: z.object({ text: z.string(), approvedBy: PersonRefSchema, at: z.number() }).nullable(),
    decline: z.object({ ground: z.string(), explanation: z.string() }).nullable(),
    forwardedTo: z.object({ agencyId: z.string(), note: z.string() }).nullable(),
    clocks: z.array(
      z.object({
        name: z.enum(['first_response', 'answer']),
        dueAt: z.number().nullable(),
        paused: z.boolean(),
        stoppedAt: z.number().nullable(),
        overdue: z.boolean(),
        escalationLevel: z.number().int(),
      }),
    ),
    dueAt: z.number().nullable(),
    overdue: z.boolean(),
    escalationLevel: z.number().int(),
    submittedAt: z.number(),
    updatedAt: z.number(),
    timeline: z.array(TimelineEntrySchema),
    allowedActions: z.array(z.enum(ACTIONS)),
  })
  .openapi('ContactView');

export const ContactSummarySchema = z
  .object({
    id: z.string(),
    kind: z.enum(CONTACT_KINDS),
    agencyId: z.string(),
    journalistName: z.string(),
    subject: z.string(),
    status: z.enum(INFORMATION_REQUEST_STATUSES),
    assignee: PersonRefSchema.nullable(),
    dueAt: z.number().nullable(),
    overdue: z.boolean(),
    escalationLevel: z.number().int(),
    submittedAt: z.number(),
    updatedAt: z.number(),
  })
  .openapi('ContactSummary');

export const bearerSecurity = [{ bearer: [] }];

/** A local date `YYYY-MM-DD`. */
export const localDateSchema = z.string().refine(isValidLocalDate, 'expected a date YYYY-MM-DD');

/** A registry id: lower-case letters, digits and dashes. */
export const slugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes');

/** The `{id}` path parameter. */
export const idParam = z.object({
  id: identifier(64).openapi({ param: { name: 'id', in: 'path' } }),
});

/**
 * An opaque page cursor as this API hands them out (base64url). Its content is checked where it is decoded;
 * here only its alphabet and length, so a forged cursor never reaches a query.
 */
export const cursorParam = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'a cursor from a previous page')
  .optional()
  .openapi({ description: 'The `nextCursor` of the previous page.' });

/** `Idempotency-Key`: printable ASCII without spaces (UUIDs, ULIDs and the like). */
export const idempotencyKey = z
  .string()
  .min(8)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

/** A required JSON request body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

/** A JSON response. */
export const jsonResponse = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});

/** `{ items: T[] }`. */
export const itemsOf = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });
