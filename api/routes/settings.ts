/**
 * @module
 * Deadline rules (administrators) and the working-day calendar (anyone: widgets show due dates and
 * reporters may check them).
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  addSpan,
  isValidLocalDate,
  isValidSpan,
  toLocalDate,
  type Span,
  WORKING_HOURS,
  type CalendarData,
} from '../../domain/calendar/index.ts';
import { DomainError } from '../../domain/errors.ts';
import { CONTACT_KINDS } from '../../domain/vocabulary.ts';
import { RULE_NAMES } from '../../domain/deadlines/rules.ts';
import { DeadlineRuleRow } from '../../db/entities/index.ts';
import { router } from '../context.ts';
import { allowRoles, requireRole } from '../middleware/auth.ts';
import { bearerSecurity, problemResponses } from '../schemas.ts';
import { calendarFor, loadDeadlineRules, yearSchedule } from '../services/settings.ts';

const SpanSchema = z
  .custom<Span>((v) => isValidSpan(v), {
    message:
      "a span: { unit: 'working_days' | 'calendar_days' | 'hours', amount } or { unit: 'duration', iso: 'PT5S' }",
  })
  .openapi({
    type: 'object',
    description:
      "{ unit: 'working_days' | 'calendar_days' | 'hours', amount: number } or { unit: 'duration', iso: ISO-8601 duration }",
    example: { unit: 'working_days', amount: 5 },
  });
const localDate = z.string().refine(isValidLocalDate, 'expected a date YYYY-MM-DD');

/** Years the working-day calendar answers for: official schedules from 2021, derived holidays to 2100. */
const CALENDAR_YEARS = { from: 2021, to: 2100 } as const;

const RuleSchema = z
  .object({
    kind: z.enum(CONTACT_KINDS),
    clock: z.enum(RULE_NAMES),
    span: SpanSchema,
    warnBefore: SpanSchema,
    grace: SpanSchema,
    effectiveFrom: localDate,
    effectiveTo: localDate.optional(),
  })
  .strict()
  .openapi('DeadlineRule');
const RulesSchema = z.object({ items: z.array(RuleSchema).min(1).max(200) }).strict();

const YearSchema = z
  .object({
    year: z.number().int(),
    status: z.enum(['derived', 'confirmed']),
    daysOff: z.array(z.object({ date: z.string(), kind: z.string(), name: z.string() })),
    workingWeekendDays: z.array(z.object({ date: z.string(), name: z.string() })),
    sources: z.array(z.string()),
    officeHours: z.union([z.object({ start: z.string(), end: z.string() }), z.literal('always')]).openapi({
      description:
        'Office hours for meetings (`HH:MM`, Vietnam time), or `always` when the deployment allows any hour and day (OFFICE_HOURS).',
    }),
  })
  .openapi('CalendarYear');

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The deployment's office hours as the calendar API shows them. */
function officeHoursOf(setting: CalendarData['officeHours']) {
  if (setting === 'always') return 'always' as const;
  const hours = setting ?? WORKING_HOURS;
  return { start: hhmm(hours.start), end: hhmm(hours.end) };
}

export const settingsRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/deadline-rules',
      tags: ['Settings'],
      summary: 'Deadline rules in force (admin)',
      security: bearerSecurity,
      responses: {
        200: { description: 'Rules', content: { 'application/json': { schema: RulesSchema } } },
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      requireRole(c, ['admin']);
      return c.json({ items: await loadDeadlineRules(c.var.em) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/deadline-rules',
      tags: ['Settings'],
      summary: 'Replace the deadline rules (admin)',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      description: 'Contacts already open keep the rules they started with.',
      request: { body: { content: { 'application/json': { schema: RulesSchema } }, required: true } },
      responses: {
        200: { description: 'Stored rules', content: { 'application/json': { schema: RulesSchema } } },
        ...problemResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const actor = requireRole(c, ['admin']);
      const { items } = c.req.valid('json');
      await c.var.em.transactional(async (em) => {
        await em.nativeDelete(DeadlineRuleRow, {});
        for (const rule of items)
          em.create(DeadlineRuleRow, { rule, updatedAt: new Date(), updatedBy: actor.sub });
      });
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendar/deadline',
      tags: ['Calendar'],
      summary: 'The due instant of a period started at `start`',
      description:
        'Civil Code counting: the first day is not counted; a period ending on a non-working day ends at the end of the next working day.',
      request: {
        query: z.object({
          start: z.iso
            .datetime({ offset: true })
            .refine((value) => {
              // Zod runs refinements even after the format check failed: guard against unparsable text.
              const ms = Date.parse(value);
              if (!Number.isFinite(ms)) return false;
              const year = Number(toLocalDate(ms).slice(0, 4));
              return year >= CALENDAR_YEARS.from && year <= CALENDAR_YEARS.to;
            }, `a date-time between ${CALENDAR_YEARS.from} and ${CALENDAR_YEARS.to}`)
            .openapi({ example: '2026-02-13T10:00:00+07:00' }),
          amount: z
            .string()
            .regex(/^(\d{1,3}|P[0-9WDTHMS.]+)$/)
            .openapi({ description: 'A number, or an ISO-8601 duration when unit=duration', example: '5' }),
          unit: z.enum(['working_days', 'calendar_days', 'hours', 'duration']),
        }),
      },
      responses: {
        200: {
          description: 'Due',
          content: {
            'application/json': {
              schema: z.object({
                start: z.string(),
                due: z.string(),
                dueLocalDate: z.string(),
                span: SpanSchema,
              }),
            },
          },
        },
        ...problemResponses(400),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const span: unknown =
        q.unit === 'duration'
          ? { unit: 'duration', iso: q.amount }
          : { unit: q.unit, amount: Number(q.amount) };
      if (!isValidSpan(span)) {
        throw new DomainError('invalid_input', `The amount '${q.amount}' does not fit the unit '${q.unit}'.`);
      }
      const start = Date.parse(q.start);
      const due = addSpan(await calendarFor(c.var.em, Number(toLocalDate(start).slice(0, 4))), start, span);
      return c.json(
        {
          start: new Date(start).toISOString(),
          due: new Date(due).toISOString(),
          dueLocalDate: toLocalDate(due),
          span,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendar/{year}',
      tags: ['Calendar'],
      summary: 'Non-working days and swapped working days of a year',
      request: {
        params: z.object({
          year: z.coerce
            .number()
            .int()
            .min(CALENDAR_YEARS.from)
            .max(CALENDAR_YEARS.to)
            .openapi({ param: { name: 'year', in: 'path' } }),
        }),
      },
      responses: {
        200: { description: 'The year', content: { 'application/json': { schema: YearSchema } } },
        ...problemResponses(400),
      },
    }),
    async (c) =>
      c.json(
        {
          ...(await yearSchedule(c.var.em, c.req.valid('param').year)),
          officeHours: officeHoursOf(c.var.deps.officeHours),
        },
        200,
      ),
  );
