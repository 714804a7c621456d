/**
 * @module
 * `GET /statistics/agencies`: agency responsiveness for a province and period (the department's supervision,
 * SPEC.md C4), from the clock read model. Supervisors, auditors and province administrators read their own
 * province; central administrators and auditors any (`domain/supervision/scope.ts`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { compareLocalDates } from '../../domain/calendar/index.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { DEFAULT_MINIMUM_N, REPORTED_CLOCKS } from '../../domain/statistics/responsiveness.ts';
import { OVERSIGHT_ROLES } from '../../domain/supervision/scope.ts';
import { identifier } from '../../domain/text/policy.ts';
import { CONTACT_KINDS } from '../../domain/vocabulary.ts';
import { router } from '../context.ts';
import { allowRoles, requireActor } from '../middleware/auth.ts';
import { bearerSecurity, jsonResponse, localDateSchema, problemResponses } from '../schemas.ts';
import { agencyStatistics } from '../services/agency-statistics.ts';
import { requireOverseenProvince } from '../services/oversight.ts';

const perClock = z
  .object(Object.fromEntries(REPORTED_CLOCKS.map((c) => [c, z.number().nullable()])))
  .openapi('PerClock', {
    description: 'One figure per clock; clocks are never mixed. Null when suppressed or none.',
  });

const AgencyStatisticsSchema = z
  .object({
    agencyId: z.string(),
    agencyName: z.string(),
    received: z.number().int(),
    onTimeRate: perClock,
    medianWorkingDays: perClock,
    p90WorkingDays: perClock,
    openNow: z.number().int(),
    overdueNow: z.number().int(),
    remindersReceived: z.number().int(),
    suppressed: z.boolean().openapi({ description: 'Fewer than `minimumN` contacts received: no rates.' }),
  })
  .openapi('AgencyStatistics');

/** The longest period one request may cover (a few years of reports). */
const MAX_PERIOD_DAYS = 5 * 366;

export const statisticsRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/statistics/agencies',
    tags: ['Supervision'],
    summary: 'Agency responsiveness in a province over a period',
    description:
      'Per agency: contacts received, on-time rate and median / 90th-percentile working days per clock (from what the workflows recorded), open and overdue now, reminders received. Agencies with fewer than `minimumN` contacts are suppressed.',
    security: bearerSecurity,
    middleware: [allowRoles(...OVERSIGHT_ROLES)] as const,
    request: {
      query: z.object({
        provinceId: identifier(64)
          .optional()
          .openapi({ description: 'Required for central administrators.' }),
        from: localDateSchema.openapi({ description: 'First local day (YYYY-MM-DD), inclusive.' }),
        to: localDateSchema.openapi({ description: 'Last local day, inclusive.' }),
        kind: z.enum(CONTACT_KINDS).optional(),
        minimumN: z.coerce.number().int().min(1).max(1000).default(DEFAULT_MINIMUM_N),
      }),
    },
    responses: {
      200: jsonResponse(
        'The agencies of the province, slowest on-time rate first.',
        z.object({
          provinceId: z.string(),
          from: z.string(),
          to: z.string(),
          minimumN: z.number().int(),
          items: z.array(AgencyStatisticsSchema),
        }),
      ),
      ...problemResponses(400, 401, 403),
    },
  }),
  async (c) => {
    const actor = requireActor(c);
    const q = c.req.valid('query');
    const provinceId = requireOverseenProvince(actor, q.provinceId, { requireForNational: true })!;
    const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
    if (compareLocalDates(q.from, q.to) > 0 || days > MAX_PERIOD_DAYS)
      throw InvalidInputError.because('The period must run forwards and cover at most five years.', [
        { path: 'to', message: 'on or after from, within five years' },
      ]);
    const now = c.var.deps.now?.() ?? Date.now();
    const items = await agencyStatistics(c.var.em, { ...q, provinceId, now });
    // Slowest first: the lowest answer (then first-response) on-time rate; suppressed agencies last.
    const rate = (i: (typeof items)[number]) =>
      i.suppressed ? 2 : (i.onTimeRate.answer ?? i.onTimeRate.first_response ?? 1.5);
    items.sort((a, b) => rate(a) - rate(b) || a.agencyName.localeCompare(b.agencyName, 'vi'));
    return c.json({ provinceId, from: q.from, to: q.to, minimumN: q.minimumN, items }, 200);
  },
);
