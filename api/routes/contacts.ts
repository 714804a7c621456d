/**
 * @module
 * `/contacts`: open an information request (idempotent), list the caller's contacts, read one with its
 * timeline and the caller's `allowedActions`, and take an action (a workflow Update).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Actor } from '../../domain/actor.ts';
import { toLocalDate } from '../../domain/calendar/index.ts';
import { rulesForContact } from '../../domain/deadlines/rules.ts';
import {
  ActionNotAllowedError,
  ConflictError,
  DomainError,
  InvalidInputError,
  NotFoundError,
} from '../../domain/errors.ts';
import {
  actionPayloadSchemas,
  isInformationRequestAction,
  isTerminal,
  mayView,
  toView,
  type InformationRequestState,
} from '../../domain/information-request/index.ts';
import { assertMaySendInformationRequest } from '../../domain/registry/eligibility.ts';
import { identifier, longText, plainText } from '../../domain/text/policy.ts';
import { ACTIONS, CONTACT_KINDS, INFORMATION_REQUEST_STATUSES } from '../../domain/vocabulary.ts';
import { Agency, Contact, Journalist, ResidentRegistration } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';
import { router } from '../context.ts';
import { allowRoles, requireActor, requireRole } from '../middleware/auth.ts';
import {
  bearerSecurity,
  ContactSummarySchema,
  ContactViewSchema,
  cursorParam,
  idempotencyKey,
  problemResponses,
} from '../schemas.ts';
import { informationRequestId } from '../services/contact-ids.ts';
import { calendarFor, loadDeadlineRules } from '../services/settings.ts';
import { listContacts } from '../services/contact-list.ts';

const NewContactSchema = z
  .object({
    kind: z
      .literal('information_request')
      .openapi({ description: 'Only information requests exist so far.' }),
    agencyId: identifier(64),
    subject: plainText({ min: 3, max: 300 }),
    question: longText({ min: 10, max: 8000 }),
  })
  .strict()
  .openapi('NewContact');

const IdParam = z.object({
  id: identifier(64).openapi({ param: { name: 'id', in: 'path' }, example: 'YC-7KQ2M9TXAB' }),
});

const createContact = createRoute({
  method: 'post',
  path: '/contacts',
  tags: ['Contacts'],
  summary: 'Send an information request (resident reporters)',
  security: bearerSecurity,
  middleware: [allowRoles('journalist')] as const,
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
      description: 'The contact, as the reporter sees it.',
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
        .openapi({ description: `Comma-separated: ${INFORMATION_REQUEST_STATUSES.join(', ')}` })
        .refine(
          (s) =>
            !s || s.split(',').every((x) => (INFORMATION_REQUEST_STATUSES as readonly string[]).includes(x)),
          'unknown status',
        ),
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

const actionRoute = createRoute({
  method: 'post',
  path: '/contacts/{id}/actions/{action}',
  tags: ['Contacts'],
  summary: 'Take an action on a contact',
  description:
    'Each action is a validated workflow Update. An action the status does not allow is a 409 naming the status and the allowed actions.',
  security: bearerSecurity,
  request: {
    params: IdParam.extend({ action: z.enum(ACTIONS).openapi({ param: { name: 'action', in: 'path' } }) }),
    body: {
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()).openapi('ActionInput') } },
      required: false,
    },
  },
  responses: {
    200: {
      description: 'The contact after the action.',
      content: { 'application/json': { schema: ContactViewSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 409, 422, 503),
  },
});

async function visibleContact(em: Em, id: string, actor: Actor): Promise<InformationRequestState> {
  const state = await loadState(em, id);
  // A contact the caller may not see answers exactly like one that does not exist.
  if (!state || !mayView(state, actor)) throw NotFoundError.of('Contact', id);
  return state;
}

async function loadState(em: Em, id: string): Promise<InformationRequestState | undefined> {
  const row = await em.findOne(Contact, { id });
  return row ? (row.state as InformationRequestState) : undefined;
}

export const contactRoutes = router()
  .openapi(createContact, async (c) => {
    const actor = requireRole(c, ['journalist']);
    const body = c.req.valid('json');
    const key = c.req.valid('header')['idempotency-key'];
    const { em, deps } = c.var;
    const now = deps.now?.() ?? Date.now();
    const today = toLocalDate(now);
    const agency = await em.findOne(Agency, { id: body.agencyId });
    if (!agency) throw NotFoundError.of('Agency', body.agencyId);
    const journalist = await em.findOne(Journalist, { sub: actor.sub });
    const registrations = journalist
      ? await em.find(ResidentRegistration, { journalistId: journalist.id })
      : [];
    assertMaySendInformationRequest({
      journalist: journalist ?? undefined,
      registrations,
      agencyProvinceId: agency.provinceId ?? undefined,
      today,
    });

    const contactId = informationRequestId(actor.sub, key);
    const rules = rulesForContact(
      await loadDeadlineRules(em),
      'information_request',
      ['first_response', 'answer'],
      today,
    );
    const journalistRef = { sub: actor.sub, name: journalist!.fullName };
    const input = {
      contactId,
      agencyId: agency.id,
      provinceId: agency.provinceId ?? undefined,
      journalist: journalistRef,
      subject: body.subject,
      question: body.question,
      submittedAt: now,
      rules,
      calendar: await calendarFor(em, Number(today.slice(0, 4))),
    };
    const view =
      (await deps.workflows.openInformationRequest(input, actor)) ??
      toView(await visibleContact(em, contactId, actor), actor, now);
    if (view.subject !== body.subject || view.question !== body.question || view.agencyId !== body.agencyId) {
      throw ConflictError.idempotencyKeyReused(contactId);
    }
    c.header('location', `/api/v1/contacts/${contactId}`);
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
    return c.json(toView(state, actor, c.var.deps.now?.() ?? Date.now()), 200);
  })
  .openapi(actionRoute, async (c) => {
    const actor = requireActor(c);
    const { id, action } = c.req.valid('param');
    const state = await visibleContact(c.var.em, id, actor);
    if (!isInformationRequestAction(action)) {
      throw new DomainError('unknown_action', `Information requests have no action '${action}'.`, { action });
    }
    const raw: unknown = await c.req.json().catch(() => ({}));
    // Checked here for a fast, precise 422; the workflow's Update validator checks again authoritatively.
    const parsed = actionPayloadSchemas[action].safeParse(raw ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw InvalidInputError.because(`Invalid input for '${action}'.`, issues);
    }
    // A finished workflow takes no Updates: answer from the projection with the same 409 the validator gives.
    if (isTerminal(state)) throw ActionNotAllowedError.forStatus(action, state.status, []);
    return c.json(await c.var.deps.workflows.act(id, action, actor, raw), 200);
  });
