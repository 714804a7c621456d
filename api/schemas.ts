/**
 * @module
 * Request and response schemas shared by routes; they validate input and generate `/openapi.json`.
 */
import { z } from '@hono/zod-openapi';
import { isValidLocalDate } from '../domain/calendar/index.ts';
import { identifier } from '../domain/text/policy.ts';
import {
  APPOINTMENT_FORMATS,
  APPOINTMENT_STATUSES,
  CLOCK_NAMES,
  CONTACT_KINDS,
  DECLINE_GROUNDS,
  DIFFICULTY_REPORT_STATUSES,
  INFORMATION_REQUEST_STATUSES,
  ROLES,
} from '../domain/vocabulary.ts';
import { WALK_IN_STATUSES } from '../domain/walk-in/state.ts';

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
    audience: z
      .literal('agency')
      .optional()
      .openapi({ description: 'Set when only the agency side sees it.' }),
  })
  .openapi('TimelineEntry');

const SlotSchema = z
  .object({ start: z.number().int(), end: z.number().int() })
  .openapi('Slot', { description: 'A meeting slot; epoch milliseconds.' });
const HostSchema = z
  .object({ id: z.string(), name: z.string(), title: z.string().optional() })
  .openapi('Host');
const ForwardLinkSchema = z
  .object({ agencyId: z.string(), contactId: z.string().optional(), note: z.string().optional() })
  .openapi('ForwardLink');
const DeclineSchema = z.object({ ground: z.enum(DECLINE_GROUNDS), explanation: z.string() });

/** A file a step of the contact carries; download it at `/contacts/{id}/attachments/{attachmentId}`. */
const AttachmentRefSchema = z
  .object({ id: z.string(), name: z.string(), size: z.number().int(), type: z.string() })
  .openapi('AttachmentRef');

const ContactViewCoreSchema = z.object({
  id: z.string(),
  agencyId: z.string(),
  provinceId: z.string().nullable(),
  journalist: PersonRefSchema,
  subject: z.string(),
  assignee: PersonRefSchema.nullable(),
  forwardedTo: ForwardLinkSchema.nullable(),
  forwardedFrom: ForwardLinkSchema.nullable(),
  closure: z.object({ reason: z.string(), by: PersonRefSchema, at: z.number() }).nullable(),
  clocks: z.array(
    z.object({
      name: z.enum(CLOCK_NAMES),
      dueAt: z.number().nullable(),
      paused: z.boolean(),
      stoppedAt: z.number().nullable(),
      overdue: z.boolean(),
      escalationLevel: z.union([z.literal(0), z.literal(1), z.literal(2)]),
      rule: z
        .object({
          span: z.object({ unit: z.string() }).passthrough(),
          effectiveFrom: z.string(),
          provinceId: z.string().nullable(),
        })
        .openapi({
          description: 'The deadline rule the clock runs under (a province’s, else the national one).',
        }),
    }),
  ),
  dueAt: z.number().nullable(),
  overdue: z.boolean(),
  escalationLevel: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  submittedAt: z.number(),
  updatedAt: z.number(),
  timeline: z.array(TimelineEntrySchema),
  allowedActions: z.array(z.string()).openapi({ description: 'The actions the caller may take now.' }),
});

export const InformationRequestViewSchema = ContactViewCoreSchema.extend({
  kind: z.literal('information_request'),
  status: z.enum(INFORMATION_REQUEST_STATUSES),
  question: z.string(),
  draftAnswer: z.string().nullable(),
  draftAttachments: z
    .array(AttachmentRefSchema)
    .openapi({ description: 'The draft’s documents (agency side only).' }),
  answer: z
    .object({
      text: z.string(),
      approvedBy: PersonRefSchema,
      at: z.number(),
      attachments: z
        .array(AttachmentRefSchema)
        .openapi({ description: 'The documents sent with the answer.' }),
    })
    .nullable(),
  decline: DeclineSchema.nullable(),
}).openapi('InformationRequestView');

export const AppointmentViewSchema = ContactViewCoreSchema.extend({
  kind: z.literal('appointment'),
  status: z.enum(APPOINTMENT_STATUSES),
  questions: z.string(),
  format: z.enum(APPOINTMENT_FORMATS),
  participants: z.string().nullable(),
  proposal: z.object({
    by: z.enum(['journalist', 'agency']),
    slots: z.array(SlotSchema),
    place: z.string().nullable(),
    host: HostSchema.nullable(),
    note: z.string().nullable(),
    reason: z.string().nullable(),
    at: z.number(),
  }),
  meeting: z
    .object({ slot: SlotSchema, place: z.string(), host: HostSchema, agreedAt: z.number() })
    .nullable(),
  sequence: z.number().int().openapi({ description: 'iCalendar SEQUENCE of the meeting.' }),
  result: z
    .object({
      held: z.boolean(),
      reason: z.string().nullable(),
      summary: z.string(),
      informationProvided: z.string(),
      recordedAt: z.number(),
      recordedBy: PersonRefSchema,
      attachments: z.array(AttachmentRefSchema),
    })
    .nullable(),
  decline: DeclineSchema.nullable(),
  cancellation: z.object({ reason: z.string(), by: PersonRefSchema, at: z.number() }).nullable(),
  nextMeetingAt: z.number().nullable(),
}).openapi('AppointmentView');

const MeetingResultSchema = z
  .object({
    held: z.boolean(),
    reason: z.string().nullable(),
    summary: z.string(),
    informationProvided: z.string(),
    recordedAt: z.number(),
    recordedBy: PersonRefSchema,
    attachments: z
      .array(AttachmentRefSchema)
      .openapi({ description: 'The minutes and documents of the meeting.' }),
  })
  .openapi('MeetingResult');

export const WalkInViewSchema = ContactViewCoreSchema.extend({
  kind: z.literal('walk_in'),
  status: z.enum(WALK_IN_STATUSES),
  visitedAt: z.number().openapi({ description: 'When the journalist came (epoch milliseconds).' }),
  content: z.string(),
  host: HostSchema,
  visitor: z.object({
    journalistId: z
      .string()
      .nullable()
      .openapi({ description: 'The registry id, when the registry knows them.' }),
    fullName: z.string(),
    pressOrganisation: z.string(),
    pressCardNumber: z.string(),
  }),
  recordedBy: PersonRefSchema,
  result: MeetingResultSchema.nullable(),
}).openapi('WalkInView');

const PersonAtSchema = z.object({ text: z.string(), at: z.number(), by: PersonRefSchema });

export const DifficultyReportViewSchema = ContactViewCoreSchema.extend({
  kind: z.literal('difficulty_report'),
  status: z.enum(DIFFICULTY_REPORT_STATUSES),
  description: z.string(),
  involvedAgencyId: z
    .string()
    .nullable()
    .openapi({ description: 'The agency the journalist names, if any.' }),
  relatedContactIds: z.array(z.string()),
  referral: z
    .object({
      agencyId: z.string(),
      agencyName: z.string(),
      note: z.string(),
      at: z.number(),
      by: PersonRefSchema,
      response: PersonAtSchema.nullable(),
    })
    .nullable()
    .openapi({
      description: 'The latest referral and the agency’s response; earlier ones are on the timeline.',
    }),
  referralCount: z.number().int(),
  resolution: PersonAtSchema.nullable(),
  reopen: z.object({ reason: z.string(), at: z.number() }).nullable(),
  mayStillReopen: z.boolean(),
}).openapi('DifficultyReportView');

export const ContactViewSchema = z
  .discriminatedUnion('kind', [
    InformationRequestViewSchema,
    AppointmentViewSchema,
    WalkInViewSchema,
    DifficultyReportViewSchema,
  ])
  .openapi('ContactView');

export const ContactSummarySchema = z
  .object({
    id: z.string(),
    kind: z.enum(CONTACT_KINDS),
    agencyId: z.string(),
    journalistName: z.string(),
    subject: z.string(),
    status: z.string().openapi({ description: 'A status of the contact’s kind.' }),
    assignee: PersonRefSchema.nullable(),
    dueAt: z.number().nullable(),
    overdue: z.boolean(),
    escalationLevel: z.number().int(),
    submittedAt: z.number(),
    updatedAt: z.number(),
    nextMeetingAt: z
      .number()
      .nullable()
      .openapi({ description: 'The agreed meeting’s start (appointments).' }),
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
