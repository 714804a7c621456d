/**
 * @module
 * Deadline rules (administrators) and the working-day calendar (anyone: widgets show due dates and
 * reporters may check them).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { InferEntity } from '@mikro-orm/core';
import {
  addSpan,
  CALENDAR_YEARS,
  isValidLocalDate,
  isValidSpan,
  toLocalDate,
  type Span,
  WORKING_HOURS,
  type CalendarData,
  type YearSchedule,
} from '../../domain/calendar/index.ts';
import type { Actor } from '../../domain/actor.ts';
import type { LocalDate } from '../../domain/calendar/index.ts';
import { assertRuleChange } from '../../domain/deadlines/rule-changes.ts';
import {
  DEFAULT_DEADLINE_RULES,
  RULE_NAMES,
  rulesInForce,
  type DeadlineRule,
} from '../../domain/deadlines/rules.ts';
import { DomainError, ForbiddenError, InvalidInputError, NotFoundError } from '../../domain/errors.ts';
import { isCentralAdmin } from '../../domain/registry/permissions.ts';
import { identifier } from '../../domain/text/policy.ts';
import { CONTACT_KINDS } from '../../domain/vocabulary.ts';
import type { Em } from '../../db/orm.ts';
import { randomUUID } from 'node:crypto';
import { confirmYear } from '../../domain/calendar/confirm-year.ts';
import { CalendarChange, CalendarYearRow } from '../../db/entities/index.ts';
import { router } from '../context.ts';
import { takeCalendarVersion } from '../services/calendar-versions.ts';
import { startQueuedCalendarChanges } from '../services/calendar-changes.ts';
import { allowRoles, requireRole } from '../middleware/auth.ts';
import { bearerSecurity, problemResponses } from '../schemas.ts';
import {
  calendarFor,
  loadDeadlineRules,
  replaceScopeRules,
  rulesInUse,
  scopeRules,
  yearSchedule,
} from '../services/settings.ts';

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

const RuleSchema = z
  .object({
    kind: z.enum(CONTACT_KINDS),
    clock: z.enum(RULE_NAMES),
    span: SpanSchema,
    warnBefore: SpanSchema,
    grace: SpanSchema,
    effectiveFrom: localDate,
    effectiveTo: localDate.optional(),
    provinceId: identifier(64).optional().openapi({ description: 'Absent for the national default.' }),
    extensionLimit: SpanSchema.optional().openapi({
      description: 'The most a clock under this rule may be extended in all, in this unit.',
    }),
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

/** `?provinceId=`: a province's rules; absent, the national default. */
const ScopeQuery = z.object({
  provinceId: identifier(64).optional().openapi({
    description: 'The province; without it, the national default (central administrators only).',
  }),
});

const RuleInForceSchema = z
  .object({
    rule: RuleSchema,
    source: z.enum(['province', 'national', 'default']).openapi({
      description:
        'Where the rule in force comes from: the province’s own, the national default, the product’s.',
    }),
  })
  .openapi('DeadlineRuleInForce');

const RuleUsageSchema = z
  .object({
    kind: z.enum(CONTACT_KINDS),
    clock: z.enum(RULE_NAMES),
    rule: RuleSchema.openapi({ description: 'The rule as the contacts copied it when they opened.' }),
    openContacts: z.number().int(),
    contactIds: z.array(z.string()).openapi({ description: 'Up to 20 of them, newest first.' }),
  })
  .openapi('DeadlineRuleUsage');

const ScopeRulesSchema = z
  .object({
    provinceId: z.string().nullable(),
    items: z.array(RuleSchema).openapi({ description: 'The rules set for this scope.' }),
    inForce: z
      .array(RuleInForceSchema)
      .openapi({ description: 'For each kind and clock, the rule in force today.' }),
    usage: z.array(RuleUsageSchema).openapi({
      description: 'Which rule the scope’s open contacts run under (each keeps the rule it opened with).',
    }),
  })
  .openapi('DeadlineRules');

/** The scope `actor` may administer: their own province, or the national default for central administrators. */
function administeredScope(actor: Actor, provinceId: string | undefined): string | null {
  if (provinceId === undefined) {
    if (!isCentralAdmin(actor))
      throw ForbiddenError.because(
        'central_admin_required',
        'Only central administrators read and change the national default rules; pass your provinceId.',
      );
    return null;
  }
  if (!isCentralAdmin(actor) && actor.provinceId !== provinceId)
    throw ForbiddenError.because(
      'province_not_administered',
      'You administer the rules of your own province only.',
      {
        provinceId,
      },
    );
  return provinceId;
}

/**
 * The working-day calendar is national — the Prime Minister fixes the holidays and swapped days for the whole
 * country (DOMAIN.md, Labour Code Art. 112(3)) — and a confirmation re-times open contacts in every province:
 * central administrators keep it, as they keep the national deadline rules.
 */
function assertKeepsCalendar(actor: Actor): void {
  if (!isCentralAdmin(actor))
    throw ForbiddenError.because(
      'central_admin_required',
      'Chỉ quản trị viên trung ương mới xác nhận lịch ngày làm việc: ngày nghỉ lễ là chung cho cả nước.',
      {
        detailEn:
          'Only central administrators confirm the working-day calendar: its holidays are the same nationwide.',
      },
    );
}

/** The rules of a scope as the API shows them: set, in force today, and in use by open contacts. */
async function scopeView(em: Em, provinceId: string | null, today: LocalDate) {
  return {
    provinceId,
    items: await scopeRulesOrDefaults(em, provinceId),
    inForce: rulesInForce(await loadDeadlineRules(em), today, provinceId),
    usage: await rulesInUse(em, provinceId),
  };
}

/** The national scope with nothing stored is the product's defaults: what an administrator edits from. */
async function scopeRulesOrDefaults(em: Em, provinceId: string | null): Promise<DeadlineRule[]> {
  const stored = await scopeRules(em, provinceId);
  return provinceId === null && stored.length === 0 ? [...DEFAULT_DEADLINE_RULES] : stored;
}

const YearParam = z.object({
  year: z.coerce
    .number()
    .int()
    .min(CALENDAR_YEARS.from)
    .max(CALENDAR_YEARS.to)
    .openapi({ param: { name: 'year', in: 'path' } }),
});

const calendarName = z.string().trim().min(1).max(200);
const YearConfirmationSchema = z
  .object({
    year: z.number().int().optional(),
    daysOff: z
      .array(
        z.object({
          date: localDate,
          kind: z.enum(['holiday', 'compensatory', 'extra_day_off']),
          name: calendarName,
        }),
      )
      .max(60),
    workingWeekendDays: z.array(z.object({ date: localDate, name: calendarName })).max(30),
    sources: z.array(z.string().max(2000)).max(20).optional(),
  })
  .openapi('CalendarYearConfirmation');

const CalendarChangeSchema = z
  .object({
    id: z.string(),
    year: z.number().int(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    total: z.number().int().openapi({ description: 'Open contacts when the recomputation started.' }),
    done: z.number().int(),
    moved: z.number().int().openapi({ description: 'Contacts whose due date moved.' }),
    requestedBy: z.object({ sub: z.string(), name: z.string() }),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
    previous: YearSchema.omit({ officeHours: true }),
    schedule: YearSchema.omit({ officeHours: true }),
  })
  .openapi('CalendarChange');

/** A change as the API shows it. */
function changeView(row: InferEntity<typeof CalendarChange>) {
  return {
    id: row.id,
    year: row.year,
    status: row.status,
    total: row.total,
    done: row.done,
    moved: row.moved,
    requestedBy: { sub: row.requestedBy, name: row.requestedByName },
    createdAt: new Date(row.createdAt).toISOString(),
    finishedAt: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
    error: row.error ?? null,
    previous: row.previous as YearSchedule,
    schedule: row.schedule as YearSchedule,
  };
}

export const settingsRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/deadline-rules',
      tags: ['Settings'],
      summary: 'Deadline rules of a province, or the national default (administrators)',
      description:
        'The rules set for the scope, the rule in force today for each kind and clock (the province’s own, else the national default, else the product’s), and which rule the open contacts run under.',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      request: { query: ScopeQuery },
      responses: {
        200: { description: 'Rules', content: { 'application/json': { schema: ScopeRulesSchema } } },
        ...problemResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const actor = requireRole(c, ['admin']);
      const scope = administeredScope(actor, c.req.valid('query').provinceId);
      const today = toLocalDate(c.var.deps.now?.() ?? Date.now());
      return c.json(await scopeView(c.var.em, scope, today), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/deadline-rules',
      tags: ['Settings'],
      summary: 'Replace the deadline rules of a province, or the national default (administrators)',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      description:
        'Province administrators change their own province; central administrators the national default (no `provinceId`) and any province. Contacts already open keep the rules they started with. The past is kept: a rule that has been in force may only be ended (`effectiveTo` yesterday or later); new rules start today or later; two rules for one kind and clock may not be in force on the same day (422 `rule_rewrites_past`, `overlapping_rules`).',
      request: {
        query: ScopeQuery,
        body: { content: { 'application/json': { schema: RulesSchema } }, required: true },
      },
      responses: {
        200: { description: 'Stored rules', content: { 'application/json': { schema: ScopeRulesSchema } } },
        ...problemResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const actor = requireRole(c, ['admin']);
      const scope = administeredScope(actor, c.req.valid('query').provinceId);
      const now = c.var.deps.now?.() ?? Date.now();
      const today = toLocalDate(now);
      const items = c.req.valid('json').items.map((rule, index) => {
        if (rule.provinceId !== undefined && rule.provinceId !== scope)
          throw InvalidInputError.atField(
            `items.${index}.provinceId`,
            'province_mismatch',
            'Quy định thuộc tỉnh khác với tỉnh đang sửa (provinceId).',
            'The rule names another province than the one being changed (provinceId).',
          );
        const { provinceId: _scope, ...rest } = rule;
        return scope ? { ...rest, provinceId: scope } : rest;
      });
      await c.var.em.transactional(async (em) => {
        // One change at a time per scope: the check reads what the change replaces.
        await em.execute('select pg_advisory_xact_lock(hashtext(?))', [
          `deadline-rules:${scope ?? 'national'}`,
        ]);
        assertRuleChange(await scopeRulesOrDefaults(em, scope), items, today);
        await replaceScopeRules(em, scope, items, actor.sub, new Date(now));
      });
      return c.json(await scopeView(c.var.em, scope, today), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendar/deadline',
      tags: ['Calendar'],
      summary: 'The due instant of a period started at `start`',
      description: `Civil Code counting: the first day is not counted; a period ending on a non-working day ends at the end of the next working day. The calendar covers ${CALENDAR_YEARS.from}–${CALENDAR_YEARS.to}: a period that runs past it is refused (422 \`calendar_year_not_covered\`).`,
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
        ...problemResponses(400, 422),
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
      request: { params: YearParam },
      responses: {
        200: {
          description: 'The year',
          content: {
            'application/json': {
              schema: YearSchema.extend({
                mayConfirm: z.boolean().openapi({
                  description:
                    'Whether the caller may confirm this year (`PUT /calendar/{year}`): central administrators only, as the holidays are national.',
                }),
              }),
            },
          },
        },
        ...problemResponses(400),
      },
    }),
    async (c) =>
      c.json(
        {
          ...(await yearSchedule(c.var.em, c.req.valid('param').year)),
          officeHours: officeHoursOf(c.var.deps.officeHours),
          // So a form can say who confirms, instead of offering a button that answers 403.
          mayConfirm: c.var.actor !== undefined && isCentralAdmin(c.var.actor),
        },
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/calendar/{year}',
      tags: ['Calendar'],
      summary: 'Confirm a year’s working-day calendar (central administrators)',
      description:
        'Takes the shape `GET /calendar/{year}` returns (`daysOff`, `workingWeekendDays`; the rest is ignored) and makes the year `confirmed`. The calendar is national: only central administrators confirm it (403 `central_admin_required`). The change is audited, and every open contact’s running deadlines are counted again on it by a durable fan-out (its progress at `GET /calendar/changes/{id}`); a contact whose due date moves says so on its timeline. A 503 means the year was confirmed but its fan-out could not be started: the change stays `queued`, and the next confirmation (send the same again) starts it.',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      request: {
        params: YearParam,
        body: { content: { 'application/json': { schema: YearConfirmationSchema } }, required: true },
      },
      responses: {
        202: {
          description: 'The confirmed year, and the recomputation started',
          content: { 'application/json': { schema: YearSchema.extend({ change: CalendarChangeSchema }) } },
        },
        ...problemResponses(400, 401, 403, 422, 503),
      },
    }),
    async (c) => {
      const actor = requireRole(c, ['admin']);
      assertKeepsCalendar(actor);
      const { year } = c.req.valid('param');
      const body = c.req.valid('json');
      if (body.year !== undefined && body.year !== year)
        throw InvalidInputError.atField(
          'year',
          'year_mismatch',
          `Lịch gửi lên là của năm ${body.year}, không phải năm ${year}.`,
          `The calendar sent is for ${body.year}, not ${year}.`,
        );
      const schedule = confirmYear(year, body);
      const now = c.var.deps.now?.() ?? Date.now();
      const change = await c.var.em.transactional(async (em) => {
        const previous = await yearSchedule(em, year);
        await em.upsert(CalendarYearRow, { year, schedule, updatedAt: new Date(now), updatedBy: actor.sub });
        const id = `calendar-${year}-${randomUUID()}`;
        // The new version holds the confirmed year: contacts opened from now on start on it, open ones move to it.
        await takeCalendarVersion(em, Number(toLocalDate(now).slice(0, 4)), id, new Date(now));
        return em.create(CalendarChange, {
          id,
          year,
          previous,
          schedule,
          status: 'queued',
          requestedBy: actor.sub,
          requestedByName: actor.name,
          createdAt: new Date(now),
        });
      });
      // This change's fan-out, and that of any earlier one whose start failed (Temporal unreachable: 503, the
      // change stays `queued` until a confirmation starts it).
      await startQueuedCalendarChanges(c.var.em, c.var.deps.workflows);
      return c.json(
        { ...schedule, officeHours: officeHoursOf(c.var.deps.officeHours), change: changeView(change) },
        202,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendar/changes/{id}',
      tags: ['Calendar'],
      summary:
        'A calendar change: who confirmed what, and how far its recomputation has gone (administrators)',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      request: { params: z.object({ id: identifier(100).openapi({ param: { name: 'id', in: 'path' } }) }) },
      responses: {
        200: { description: 'The change', content: { 'application/json': { schema: CalendarChangeSchema } } },
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const change = await c.var.em.findOne(CalendarChange, { id });
      if (!change) throw NotFoundError.of('CalendarChange', id);
      return c.json(changeView(change), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendar/{year}/changes',
      tags: ['Calendar'],
      summary: 'The audit of a year’s calendar: every confirmed change, newest first (administrators)',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      request: { params: YearParam },
      responses: {
        200: {
          description: 'The changes',
          content: { 'application/json': { schema: z.object({ items: z.array(CalendarChangeSchema) }) } },
        },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { year } = c.req.valid('param');
      const rows = await c.var.em.find(
        CalendarChange,
        { year },
        { orderBy: { createdAt: 'desc' }, limit: 100 },
      );
      return c.json({ items: rows.map(changeView) }, 200);
    },
  );
