/**
 * @module
 * `GET /board`: the department's stuck-work board (issue 8, SPEC.md C4). Supervisors and auditors see their
 * province, the Ministry's press administrator and central auditors every province (or the one they name).
 * Rows say why they are there (`overdue`, `escalated`, `idle`, `unhealthy`) and which safe actions the caller
 * may take; the actions themselves are the contact's validated Updates (`/contacts/{id}/actions/…`,
 * `/contacts/{id}/retry`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { toLocalDate } from '../../domain/calendar/index.ts';
import { contactScope } from '../../domain/contact/visibility.ts';
import { ForbiddenError } from '../../domain/errors.ts';
import { BOARD_REASONS, DEFAULT_IDLE_WORKING_DAYS } from '../../domain/supervision/board.ts';
import { OVERSIGHT_ROLES } from '../../domain/supervision/scope.ts';
import { identifier } from '../../domain/text/policy.ts';
import { AGENCY_LEVELS, CONTACT_KINDS } from '../../domain/vocabulary.ts';
import { router } from '../context.ts';
import { allowRoles, requireActor } from '../middleware/auth.ts';
import { bearerSecurity, cursorParam, jsonResponse, problemResponses } from '../schemas.ts';
import { BOARD_SORTS, boardPage } from '../services/board.ts';
import { requireOverseenProvince } from '../services/oversight.ts';
import { calendarAround } from '../services/settings.ts';
import type { WorkflowHealth } from '../services/workflow-health.ts';

const HealthSchema = z
  .object({
    pendingActivities: z.array(
      z.object({ activityType: z.string(), attempt: z.number().int(), lastFailure: z.string().nullable() }),
    ),
    workflowTaskAttempt: z.number().int(),
    delayedEvents: z.number().int().nullable(),
  })
  .openapi('WorkflowHealth', { description: 'Temporal’s view of an unhealthy contact workflow.' });

const BoardRowSchema = z
  .object({
    contactId: z.string(),
    kind: z.enum(CONTACT_KINDS),
    agencyId: z.string(),
    agencyName: z.string(),
    agencyLevel: z.enum(AGENCY_LEVELS),
    provinceId: z.string().nullable(),
    subject: z.string(),
    status: z.string(),
    reasons: z.array(z.enum(BOARD_REASONS)),
    dueAt: z.string().nullable(),
    overdueClock: z.string().nullable(),
    escalationLevel: z.number().int(),
    submittedAt: z.string(),
    lastActionAt: z.string(),
    idleWorkingDays: z.number().int(),
    ageWorkingDays: z.number().int(),
    health: HealthSchema.nullable(),
    workflowUrl: z.string().nullable().openapi({ description: 'Temporal UI link, for operators only.' }),
    actions: z
      .array(z.enum(['remind', 'reassign', 'extend', 'close', 'retry']))
      .openapi({ description: 'The safe actions the caller may take on this row (none for auditors).' }),
  })
  .openapi('BoardRow');

const count = (max: number) => z.coerce.number().int().min(0).max(max);

export const boardRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/board',
    tags: ['Supervision'],
    summary: 'Stuck work: overdue, escalated, idle and unhealthy contacts',
    description:
      'Open contacts of every kind that are overdue, escalated, without a person’s action for `idleDays` working days, or whose workflow is unhealthy in Temporal’s own view (delayed recordings, failing activities or workflow tasks). Keyset-paged.',
    security: bearerSecurity,
    middleware: [allowRoles(...OVERSIGHT_ROLES)] as const,
    request: {
      query: z.object({
        provinceId: identifier(64).optional(),
        agencyId: identifier(64).optional(),
        level: z.enum(AGENCY_LEVELS).optional(),
        kind: z.enum(CONTACT_KINDS).optional(),
        status: identifier(40).optional(),
        escalationLevel: count(9).optional().openapi({ description: 'Minimum escalation level.' }),
        reason: z.enum(BOARD_REASONS).optional(),
        minAgeDays: count(365)
          .optional()
          .openapi({ description: 'Submitted at least this many working days ago.' }),
        idleDays: z.coerce
          .number()
          .int()
          .min(1)
          .max(60)
          .default(DEFAULT_IDLE_WORKING_DAYS)
          .openapi({ description: '“No action for N working days”.' }),
        sort: z.enum(BOARD_SORTS).default('dueAt'),
        order: z.enum(['asc', 'desc']).default('asc'),
        cursor: cursorParam,
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    responses: {
      200: jsonResponse(
        'A page of the board.',
        z.object({
          items: z.array(BoardRowSchema),
          nextCursor: z.string().nullable(),
          idleDays: z.number().int(),
        }),
      ),
      ...problemResponses(400, 401, 403),
    },
  }),
  async (c) => {
    const actor = requireActor(c);
    const q = c.req.valid('query');
    const provinceId = requireOverseenProvince(actor, q.provinceId, { requireForNational: false });
    // Province administrators manage the registry; the board shows contacts, which they do not read.
    const scope = contactScope(actor);
    if (!scope.allProvinces && scope.provinceId === undefined)
      throw ForbiddenError.because(
        'not_overseer',
        'The board is for supervisors, auditors and the Ministry.',
      );
    const { em, deps } = c.var;
    const now = deps.now?.() ?? Date.now();
    const calendar = await calendarAround(em, Number(toLocalDate(now).slice(0, 4)));
    const unhealthy = deps.health ? await deps.health.unhealthy(now) : new Map<string, WorkflowHealth>();
    const page = await boardPage(
      em,
      { ...q, provinceId },
      { actor, now, calendar, unhealthy, temporalUi: deps.temporalUi },
    );
    return c.json({ ...page, idleDays: q.idleDays }, 200);
  },
);
