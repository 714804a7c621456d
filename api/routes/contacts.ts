/**
 * @module
 * `/contacts`: open a contact of any kind (idempotent), list the caller's contacts, read one with its
 * timeline and the caller's `allowedActions`, and take an action — one route per action name, whose body is
 * validated (and documented) by that action's schema and sent to the contact's workflow as an Update.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { carriedCalendar, toLocalDate } from '../../domain/calendar/index.ts';
import { AGENCY_ROLES, type Actor } from '../../domain/actor.ts';
import {
  APPOINTMENT_FORMATS,
  assertSlots,
  instantInput,
  refineSlotYears,
  slotsInput,
} from '../../domain/appointment/index.ts';
import { FIELD_LIMITS } from '../../domain/contact/field-limits.ts';
import { CONTACT_KIND_DEFINITIONS, kindOf, ALL_CONTACT_ACTIONS } from '../../domain/contact/kinds.ts';
import { difficultyReportBody } from '../../domain/difficulty-report/opening.ts';
import { allowedActions, hasAction, isTerminal, parseActionInput } from '../../domain/contact/machine.ts';
import type { NewContactCore, PersonRef } from '../../domain/contact/state.ts';
import { contactView } from '../../domain/contact/views.ts';
import { rulesForContact, type RuleName } from '../../domain/deadlines/rules.ts';
import { ActionNotAllowedError, ConflictError, DomainError, NotFoundError } from '../../domain/errors.ts';
import {
  assertMayProposeAppointment,
  assertMaySendInformationRequest,
} from '../../domain/registry/eligibility.ts';
import { identifier, longText, plainText } from '../../domain/text/policy.ts';
import { CONTACT_KINDS } from '../../domain/vocabulary.ts';
import { Agency, Journalist, ResidentRegistration } from '../../db/entities/index.ts';
import { visibleContact } from '../services/visible-contact.ts';
import { walkInOpening } from '../services/walk-in-opening.ts';
import { difficultyReportOpening } from '../services/difficulty-report-opening.ts';
import { router, type AppEnv } from '../context.ts';
import { allowRoles, requireActor, requireRole } from '../middleware/auth.ts';
import {
  bearerSecurity,
  ContactSummarySchema,
  ContactViewSchema,
  cursorParam,
  idempotencyKey,
  problemResponses,
} from '../schemas.ts';
import { actionContext } from '../services/action-context.ts';
import { actionUpdateId, contactId } from '../services/contact-ids.ts';
import { loadDeadlineRules } from '../services/settings.ts';
import { currentCalendar } from '../services/calendar-versions.ts';
import { listContacts } from '../services/contact-list.ts';

const NewInformationRequestSchema = z
  .object({
    kind: z.literal('information_request'),
    agencyId: identifier(64),
    subject: plainText(FIELD_LIMITS.subject),
    question: longText(FIELD_LIMITS.question),
  })
  .strict()
  .openapi('NewInformationRequest', { description: 'Resident reporters of the agency’s province only.' });

const NewAppointmentSchema = z
  .object({
    kind: z.literal('appointment'),
    agencyId: identifier(64),
    subject: plainText(FIELD_LIMITS.subject),
    questions: longText(FIELD_LIMITS.questions),
    format: z.enum(APPOINTMENT_FORMATS),
    // `describe`, not `openapi`: the domain's schema may be built before zod-openapi extends zod.
    proposedSlots: slotsInput
      .superRefine(refineSlotYears)
      .describe(
        '1–5 slots `{ start, end }` (ISO 8601 with offset), in the future, within office hours (07:30–17:00, Vietnam time) of working days, in the years the working-day calendar covers.',
      ),
    // Long text: the form takes one person per line.
    participants: longText(FIELD_LIMITS.participants)
      .optional()
      .openapi({ description: 'Whom the journalist wants to meet (one per line allowed).' }),
  })
  .strict()
  .openapi('NewAppointment', { description: 'Any journalist with a valid press card.' });

const NewWalkInSchema = z
  .object({
    kind: z.literal('walk_in'),
    agencyId: identifier(64),
    journalistId: identifier(64)
      .optional()
      .openapi({ description: 'The visiting journalist’s registry id; or give `journalist` instead.' }),
    journalist: z
      .object({
        fullName: plainText(FIELD_LIMITS.personName),
        pressOrganisation: plainText(FIELD_LIMITS.pressOrganisation),
        pressCardNumber: plainText(FIELD_LIMITS.pressCardNumber),
      })
      .strict()
      .optional()
      .openapi({ description: 'A journalist the registry does not know, as they introduced themselves.' }),
    // `describe`, not `openapi`: the domain's schema may be built before zod-openapi extends zod.
    visitedAt: z
      .union([instantInput, z.number().int().positive()])
      .describe(
        'When the journalist came: ISO 8601 with an offset, or epoch milliseconds; not in the future.',
      ),
    subject: plainText(FIELD_LIMITS.subject),
    content: longText(FIELD_LIMITS.visitContent),
    hostId: identifier(64).openapi({
      description: 'Who received them: a current spokesperson or authorized person of the agency.',
    }),
  })
  .strict()
  .refine((b) => (b.journalistId === undefined) !== (b.journalist === undefined), {
    message:
      'name the journalist by journalistId, or give journalist { fullName, pressOrganisation, pressCardNumber }',
    path: ['journalistId'],
  })
  .openapi('NewWalkIn', { description: 'Agency staff, for a visit their agency received.' });

// Rebuilt from the domain's shape with the extended zod: a domain schema may be built before zod-openapi extends
// zod, and then has no `.openapi`.
const NewDifficultyReportSchema = z
  .object(difficultyReportBody.shape)
  .strict()
  .openapi('NewDifficultyReport', {
    description:
      'Any journalist with a valid press card, to the press-management department of `provinceId`; `agencyId` names the agency involved, if any.',
  });

const NewContactSchema = z
  .discriminatedUnion('kind', [
    NewInformationRequestSchema,
    NewAppointmentSchema,
    NewWalkInSchema,
    NewDifficultyReportSchema,
  ])
  .openapi('NewContact');

type NewContactBody = z.output<typeof NewContactSchema>;

/** The rules a new contact of each kind is opened under (its clocks and lifecycle timers). */
const RULES_OF_KIND: Record<NewContactBody['kind'], readonly RuleName[]> = {
  information_request: ['first_response', 'answer', 'auto_close'],
  appointment: ['first_response', 'record_result', 'auto_close'],
  walk_in: ['record_result', 'auto_close'],
  difficulty_report: ['first_response', 'answer', 'record_result', 'auto_close'],
};

const IdParam = z.object({
  id: identifier(64).openapi({ param: { name: 'id', in: 'path' }, example: 'YC-7KQ2M9TXAB' }),
});

const createContact = createRoute({
  method: 'post',
  path: '/contacts',
  tags: ['Contacts'],
  summary:
    'Send an information request (resident reporters), propose a work appointment (any journalist), or record a walk-in visit (agency staff)',
  security: bearerSecurity,
  middleware: [allowRoles('journalist', ...AGENCY_ROLES)] as const,
  request: {
    headers: z.object({
      'idempotency-key': idempotencyKey.openapi({
        description: 'Unique per intended request; a retry with the same key returns the same contact.',
      }),
    }),
    body: { content: { 'application/json': { schema: NewContactSchema } }, required: true },
  },
  responses: {
    201: {
      description: 'The contact, as its creator sees it.',
      content: { 'application/json': { schema: ContactViewSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 422, 503),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/contacts',
  tags: ['Contacts'],
  summary: "List the caller's contacts",
  description:
    'Journalists see their own; agency users their agency’s; supervisors their province’s. Newest activity first.',
  security: bearerSecurity,
  request: {
    query: z.object({
      status: z
        .string()
        .optional()
        .openapi({ description: 'Comma-separated statuses of any kind.' })
        .refine((s) => !s || s.split(',').every((x) => ALL_STATUSES.includes(x)), 'unknown status'),
      kind: z.enum(CONTACT_KINDS).optional(),
      overdue: z.enum(['true', 'false']).optional(),
      assignedToMe: z.enum(['true', 'false']).optional(),
      q: plainText({ max: 200, min: 0 })
        .optional()
        .openapi({ description: 'Text search ignoring case and Vietnamese diacritics.' }),
      cursor: cursorParam,
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: {
      description: 'A page of contacts.',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(ContactSummarySchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    ...problemResponses(400, 401, 403),
  },
});

const ALL_STATUSES: string[] = [
  ...new Set(Object.values(CONTACT_KIND_DEFINITIONS).flatMap((k) => [...k.statuses] as string[])),
];

const getRoute = createRoute({
  method: 'get',
  path: '/contacts/{id}',
  tags: ['Contacts'],
  summary: 'One contact with its timeline, due dates and the actions the caller may take',
  security: bearerSecurity,
  request: { params: IdParam },
  responses: {
    200: { description: 'The contact.', content: { 'application/json': { schema: ContactViewSchema } } },
    ...problemResponses(401, 404),
  },
});

/** The kind's own opening fields of a journalist's contact. */
function kindFields(body: Extract<NewContactBody, { kind: 'information_request' | 'appointment' }>) {
  return body.kind === 'information_request'
    ? { question: body.question }
    : {
        questions: body.questions,
        format: body.format,
        participants: body.participants,
        proposedSlots: body.proposedSlots,
      };
}

/** Whether the contact a retried create found is the one this body asks for (same key, same request). */
function sameRequest(view: Record<string, unknown>, body: NewContactBody): boolean {
  // A difficulty report's `agencyId` is the agency involved; the contact's agency is the department.
  const agencyOf = body.kind === 'difficulty_report' ? view['involvedAgencyId'] : view['agencyId'];
  if (view['kind'] !== body.kind || view['subject'] !== body.subject || agencyOf !== (body.agencyId ?? null))
    return false;
  switch (body.kind) {
    case 'information_request':
      return view['question'] === body.question;
    case 'appointment':
      return view['questions'] === body.questions;
    case 'walk_in':
      return view['content'] === body.content && view['visitedAt'] === body.visitedAt;
    case 'difficulty_report':
      return view['description'] === body.description;
  }
}

/**
 * Who opens a contact of this kind, where it goes, and with what: a journalist their own request or proposal
 * (checked for eligibility in the registry), agency staff a walk-in visit to their agency, a journalist a
 * difficulty report to their province's press-management department.
 */
async function opening(
  c: Context<AppEnv>,
  body: NewContactBody,
  now: number,
): Promise<{
  actor: Actor;
  agency: { id: string; provinceId: string | undefined };
  journalist: PersonRef;
  fields: Record<string, unknown>;
}> {
  const { em } = c.var;
  const today = toLocalDate(now);
  if (body.kind === 'difficulty_report') {
    const actor = requireRole(c, ['journalist']);
    const { department, ...rest } = await difficultyReportOpening(em, actor, body, today);
    return { actor, agency: department, ...rest };
  }
  const actor = body.kind === 'walk_in' ? requireRole(c, AGENCY_ROLES) : requireRole(c, ['journalist']);
  const row = await em.findOne(Agency, { id: body.agencyId });
  if (!row) throw NotFoundError.of('Agency', body.agencyId);
  const agency = { id: row.id, provinceId: row.provinceId ?? undefined };
  if (body.kind === 'walk_in')
    return { actor, agency, ...(await walkInOpening(em, actor, body, now, today)) };
  const journalist = (await em.findOne(Journalist, { sub: actor.sub })) ?? undefined;
  if (body.kind === 'information_request') {
    const registrations = journalist
      ? await em.find(ResidentRegistration, { journalistId: journalist.id })
      : [];
    assertMaySendInformationRequest({
      journalist,
      registrations,
      agencyProvinceId: agency.provinceId,
      today,
    });
  } else {
    assertMayProposeAppointment({ journalist, today });
  }
  return {
    actor,
    agency,
    journalist: { sub: actor.sub, name: journalist!.fullName },
    fields: kindFields(body),
  };
}

/**
 * The schema documenting and checking one action's body: the same schema object in every kind that has the
 * action, and at this boundary, any `slots` it proposes in the years the working-day calendar covers (the
 * workflow's validator checks them against the contact's calendar again, office hours and all).
 */
function actionBodySchema(action: string) {
  const schemas = [
    ...new Set(
      Object.values(CONTACT_KIND_DEFINITIONS)
        .filter((k) => hasAction(k, action))
        .map((k) => k.actions[action]!.input),
    ),
  ];
  const schema = (
    schemas.length === 1 ? schemas[0]! : z.union(schemas as [z.ZodType, z.ZodType])
  ) as z.ZodType;
  return schema.superRefine((body, ctx) => {
    const { slots } = (body ?? {}) as { slots?: unknown };
    if (Array.isArray(slots)) refineSlotYears(slots, ctx, ['slots']);
  });
}

const kindsWith = (action: string) =>
  Object.values(CONTACT_KIND_DEFINITIONS)
    .filter((k) => hasAction(k, action))
    .map((k) => k.kind);

function actionRoute(action: string) {
  return createRoute({
    method: 'post',
    path: `/contacts/{id}/actions/${action}`,
    tags: ['Contact actions'],
    summary: `${action} (${kindsWith(action).join(', ')})`,
    description:
      'A validated workflow Update. An action the contact’s status or kind does not allow is a 409 naming the status and the allowed actions.',
    security: bearerSecurity,
    request: {
      params: IdParam,
      headers: z.object({
        'idempotency-key': idempotencyKey.optional().openapi({
          description:
            'Optional, unique per intended action: a retry with the same key (after a 503 or a lost answer) returns the first attempt’s outcome instead of acting again.',
        }),
      }),
      body: { content: { 'application/json': { schema: actionBodySchema(action) } }, required: false },
    },
    responses: {
      200: {
        description: 'The contact after the action.',
        content: { 'application/json': { schema: ContactViewSchema } },
      },
      ...problemResponses(400, 401, 403, 404, 409, 422, 503),
    },
  });
}

const routes = router()
  .openapi(createContact, async (c) => {
    const body = c.req.valid('json');
    const key = c.req.valid('header')['idempotency-key'];
    const { em, deps } = c.var;
    const now = deps.now?.() ?? Date.now();
    const today = toLocalDate(now);
    const { actor, agency, journalist, fields } = await opening(c, body, now);
    const kind = kindOf(body.kind);
    // The newest calendar version: the contact carries its number, never its years.
    const calendar = await currentCalendar(em, Number(today.slice(0, 4)), deps.officeHours);
    if (body.kind === 'appointment') assertSlots(calendar, body.proposedSlots, now, 'proposedSlots');
    const id = contactId(kind.kind, kind.idPrefix, actor.sub, key);
    const input: NewContactCore = {
      contactId: id,
      agencyId: agency.id,
      provinceId: agency.provinceId,
      journalist,
      subject: body.subject,
      submittedAt: now,
      rules: rulesForContact(
        await loadDeadlineRules(em),
        kind.kind,
        RULES_OF_KIND[body.kind],
        today,
        agency.provinceId,
      ),
      calendar,
      ...fields,
    };
    const view =
      (await deps.workflows.open(kind, { ...input, calendar: carriedCalendar(calendar) }, actor)) ??
      contactView(kind, await visibleContact(em, id, actor), actor, now);
    if (!sameRequest(view as unknown as Record<string, unknown>, body))
      throw ConflictError.idempotencyKeyReused(id);
    c.header('location', `/api/v1/contacts/${id}`);
    return c.json(view, 201);
  })
  .openapi(listRoute, async (c) => {
    const actor = requireActor(c);
    const query = c.req.valid('query');
    const page = await listContacts(c.var.em, actor, {
      statuses: query.status ? query.status.split(',') : undefined,
      kind: query.kind,
      overdue: query.overdue === 'true',
      assignedToMe: query.assignedToMe === 'true',
      q: query.q,
      cursor: query.cursor,
      limit: query.limit,
      now: c.var.deps.now?.() ?? Date.now(),
    });
    return c.json(page, 200);
  })
  .openapi(getRoute, async (c) => {
    const actor = requireActor(c);
    const state = await visibleContact(c.var.em, c.req.valid('param').id, actor);
    const view = contactView(kindOf(state.kind), state, actor, c.var.deps.now?.() ?? Date.now());
    return c.json(view, 200);
  });

for (const action of ALL_CONTACT_ACTIONS) {
  routes.openapi(actionRoute(action), async (c) => {
    const actor = requireActor(c);
    const { id } = c.req.valid('param');
    const { em, deps } = c.var;
    const now = deps.now?.() ?? Date.now();
    const state = await visibleContact(em, id, actor);
    const kind = kindOf(state.kind);
    if (!hasAction(kind, action))
      throw ActionNotAllowedError.forStatus(action, state.status, allowedActions(kind, state, actor, now));
    // The body as the route's validator read it: JSON, or none (a body of any other type was answered 415
    // before this handler). The workflow gets it as sent, to parse again in its Update validator.
    const raw: unknown = c.req.header('content-type') ? await c.req.json() : {};
    // Checked here for a fast, precise 422 against the contact's own kind; the workflow checks again
    // authoritatively. The registry is asked only about what the action's schema kept of the body.
    const input = parseActionInput(kind, action, raw) as Record<string, unknown>;
    const key = c.req.valid('header')['idempotency-key'];
    // A finished workflow takes no Updates: answer from the projection with the same 409 the validator gives.
    // With a key, Temporal answers instead: this may be the retry of the very action that finished it.
    if (isTerminal(kind, state) && !key) throw ActionNotAllowedError.forStatus(action, state.status, []);
    const context = await actionContext(em, state, input, now);
    const updateId = key ? actionUpdateId(action, actor.sub, key) : undefined;
    return c.json(await deps.workflows.act(id, action, actor, raw, context, updateId), 200);
  });
}

// Any other action name: a 400 that lists the actions there are (registered after the documented ones).
routes.post('/contacts/:id/actions/:action', (c) => {
  throw new DomainError('unknown_action', `There is no action '${c.req.param('action')}'.`, {
    actions: ALL_CONTACT_ACTIONS,
  });
});

export const contactRoutes = routes;
