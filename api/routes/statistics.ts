/**
 * @module
 * `GET /statistics/agencies`: agency responsiveness for a province and period (the department's supervision,
 * SPEC.md C4), from the clock read model. Supervisors, auditors and province administrators read their own
 * province; central administrators and auditors any (`domain/supervision/scope.ts`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Actor } from '../../domain/actor.ts';
import { compareLocalDates, isValidLocalDate, yearOf, type LocalDate } from '../../domain/calendar/index.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { DEFAULT_MINIMUM_N, REPORTED_CLOCKS } from '../../domain/statistics/responsiveness.ts';
import { OVERSIGHT_ROLES } from '../../domain/supervision/scope.ts';
import { identifier } from '../../domain/text/policy.ts';
import { CONTACT_KINDS } from '../../domain/vocabulary.ts';
import { router } from '../context.ts';
import { allowRoles, requireActor } from '../middleware/auth.ts';
import { bearerSecurity, jsonResponse, localDateSchema, problemResponses } from '../schemas.ts';
import { agencyStatistics, agencyTrend, workingDaysDistribution } from '../services/agency-statistics.ts';
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

/**
 * The years a period may touch. Records begin long after 2000, and the working-day calendar ends in 2100. Far
 * dates are refused here because a period is read as instants: the local midnight of 0001-01-01 falls in
 * year 0 UTC, which the database refuses (a 500 before this bound).
 */
const PERIOD_YEARS = { from: 2000, to: 2100 } as const;

/** A local date within `PERIOD_YEARS` (one that is no date at all gets the date's own message only). */
const periodDate = localDateSchema.refine(
  (d) => !isValidLocalDate(d) || (yearOf(d) >= PERIOD_YEARS.from && yearOf(d) <= PERIOD_YEARS.to),
  `a date in the years ${PERIOD_YEARS.from}–${PERIOD_YEARS.to}`,
);

/** The query every statistics route takes: the province, the period, the kind. */
const periodQuery = z.object({
  provinceId: identifier(64).optional().openapi({ description: 'Required for national overseers.' }),
  from: periodDate.openapi({
    description: `First local day (YYYY-MM-DD), inclusive; years ${PERIOD_YEARS.from}–${PERIOD_YEARS.to}.`,
  }),
  to: periodDate.openapi({ description: 'Last local day, inclusive.' }),
  kind: z.enum(CONTACT_KINDS).optional(),
});

const minimumN = z.coerce.number().int().min(1).max(1000).default(DEFAULT_MINIMUM_N);

const clockQuery = z.enum(REPORTED_CLOCKS).default('answer');

/** The province the caller reads, with the period checked: forwards and at most five years. */
function checkedPeriod(actor: Actor, q: { provinceId?: string | undefined; from: LocalDate; to: LocalDate }) {
  const provinceId = requireOverseenProvince(actor, q.provinceId, { requireForNational: true })!;
  const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
  if (compareLocalDates(q.from, q.to) > 0 || days > MAX_PERIOD_DAYS)
    throw InvalidInputError.because('The period must run forwards and cover at most five years.', [
      { path: 'to', message: 'on or after from, within five years' },
    ]);
  return provinceId;
}

export const statisticsRoutes = router()
  .openapi(
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
        query: periodQuery.extend({ minimumN }),
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
      const provinceId = checkedPeriod(actor, q);
      const now = c.var.deps.now?.() ?? Date.now();
      const items = await agencyStatistics(c.var.em, { ...q, provinceId, now });
      // Slowest first: the lowest answer (then first-response) on-time rate; suppressed agencies last.
      const rate = (i: (typeof items)[number]) =>
        i.suppressed ? 2 : (i.onTimeRate.answer ?? i.onTimeRate.first_response ?? 1.5);
      items.sort((a, b) => rate(a) - rate(b) || a.agencyName.localeCompare(b.agencyName, 'vi'));
      return c.json({ provinceId, from: q.from, to: q.to, minimumN: q.minimumN, items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/statistics/trend',
      tags: ['Supervision'],
      summary: 'On-time rate of one clock per agency and month',
      description:
        'For the chart of on-time rate over time. A month with fewer than `minimumN` stopped clocks has no rate.',
      security: bearerSecurity,
      middleware: [allowRoles(...OVERSIGHT_ROLES)] as const,
      request: { query: periodQuery.extend({ clock: clockQuery, minimumN }) },
      responses: {
        200: jsonResponse(
          'One series per agency with contacts in the period.',
          z.object({
            clock: z.enum(REPORTED_CLOCKS),
            months: z.array(z.string()),
            series: z.array(
              z.object({
                agencyId: z.string(),
                agencyName: z.string(),
                points: z.array(
                  z.object({
                    month: z.string(),
                    received: z.number().int(),
                    onTimeRate: z.number().nullable(),
                  }),
                ),
              }),
            ),
          }),
        ),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const provinceId = checkedPeriod(requireActor(c), q);
      return c.json(await agencyTrend(c.var.em, { ...q, provinceId }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/statistics/distribution',
      tags: ['Supervision'],
      summary: 'How many working days one clock took, across the province',
      security: bearerSecurity,
      middleware: [allowRoles(...OVERSIGHT_ROLES)] as const,
      request: { query: periodQuery.extend({ clock: clockQuery }) },
      responses: {
        200: jsonResponse(
          'Counts per number of working days.',
          z.object({
            clock: z.enum(REPORTED_CLOCKS),
            total: z.number().int(),
            buckets: z.array(z.object({ workingDays: z.number().int(), count: z.number().int() })),
          }),
        ),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const provinceId = checkedPeriod(requireActor(c), q);
      return c.json(await workingDaysDistribution(c.var.em, { ...q, provinceId }), 200);
    },
  );
