/**
 * @module
 * The supervision board's query (issue 8): open contacts that are overdue, escalated, idle for N working
 * days, or unhealthy in Temporal's view, in the overseer's scope, filtered, sorted and paged by keyset
 * cursor. Reads only open rows (a partial index), never workflow state, so a page stays cheap with millions
 * of contacts behind it. The reasons themselves are decided by `domain/supervision/board.ts`.
 */
import { hasAnyRole, supervisesProvince, type Actor } from '../../domain/actor.ts';
import { isValidLocalDate, type CalendarData } from '../../domain/calendar/index.ts';
import {
  boardReasons,
  idleThreshold,
  workingDaysSince,
  type BoardReason,
} from '../../domain/supervision/board.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { identifier, textProblem } from '../../domain/text/policy.ts';
import type { AgencyLevel, ContactKind } from '../../domain/vocabulary.ts';
import type { Em } from '../../db/orm.ts';
import type { WorkflowHealth } from './workflow-health.ts';

export const BOARD_SORTS = ['dueAt', 'age', 'escalationLevel', 'lastActionAt', 'agency'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

export interface BoardFilter {
  /** The province to read; undefined: every province (national overseers only). */
  provinceId: string | undefined;
  agencyId?: string | undefined;
  level?: AgencyLevel | undefined;
  kind?: ContactKind | undefined;
  status?: string | undefined;
  /** Minimum escalation level. */
  escalationLevel?: number | undefined;
  reason?: BoardReason | undefined;
  /** Only contacts submitted at least this many working days ago. */
  minAgeDays?: number | undefined;
  idleDays: number;
  sort: BoardSort;
  order: 'asc' | 'desc';
  cursor?: string | undefined;
  limit: number;
}

export type BoardAction = 'remind' | 'reassign' | 'extend' | 'close' | 'retry';

export interface BoardRow {
  contactId: string;
  kind: ContactKind;
  agencyId: string;
  agencyName: string;
  agencyLevel: AgencyLevel;
  provinceId: string | null;
  subject: string;
  status: string;
  reasons: BoardReason[];
  dueAt: string | null;
  overdueClock: string | null;
  escalationLevel: number;
  submittedAt: string;
  lastActionAt: string;
  idleWorkingDays: number;
  ageWorkingDays: number;
  health: WorkflowHealth | null;
  workflowUrl: string | null;
  actions: BoardAction[];
}

/** The sort key as SQL, its type for the cursor's parameter, and whether "asc" means the key descending. */
const SORT_KEYS: Record<BoardSort, { sql: string; cast: string; inverted?: boolean }> = {
  dueAt: { sql: `coalesce(c.due_at, 'infinity'::timestamptz)`, cast: 'timestamptz' },
  // Age ascending is youngest first: the submission instant descending.
  age: { sql: 'c.submitted_at', cast: 'timestamptz', inverted: true },
  escalationLevel: { sql: 'c.escalation_level', cast: 'int' },
  lastActionAt: { sql: 'coalesce(c.last_action_at, c.submitted_at)', cast: 'timestamptz' },
  agency: { sql: 'a.name', cast: 'text' },
};

/**
 * An instant as PostgreSQL prints it (`2026-11-30 04:20:42.226789+00`, or `+07`, `-03:30` in another session
 * time zone) or as `toISOString` does: the cursor keeps the database's own text, so microseconds survive the
 * round trip and no row repeats on the next page. Hours, minutes and seconds in range; the offset at most
 * ±14:59, as every real time zone's is (the database refuses one beyond ±15:59).
 */
const TIMESTAMP_TEXT =
  /^\d{4}-\d{2}-\d{2}[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-](0\d|1[0-4])(:?[0-5]\d)?)$/;

/**
 * True when `text` is an instant the database could have printed: the pattern above, on a date that exists in
 * the years 0001–9999 (there is no year 0000, and the database refuses it).
 */
function isTimestampText(text: string): boolean {
  return TIMESTAMP_TEXT.test(text) && !text.startsWith('0000') && isValidLocalDate(text.slice(0, 10));
}

/** A contact id as stored (the ids every route accepts). */
const contactId = identifier(64);

interface Cursor {
  k: string | number;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** True when `k` is a sort key the board could have handed out for a sort whose key has type `cast`. */
function isSortKey(k: unknown, cast: string): boolean {
  if (cast === 'int') return Number.isInteger(k) && Math.abs(k as number) < 2 ** 31;
  if (typeof k !== 'string' || k.length > 300) return false;
  if (cast === 'timestamptz') return k === 'infinity' || isTimestampText(k);
  // An agency name, as stored: newlines are allowed (a name older than the text policy), NUL and the like not.
  return textProblem(k, { multiline: true }) === undefined;
}

/**
 * The cursor as the board handed it out, or a 422. Every part is checked by type and range, so a forged cursor
 * never reaches the query as a value PostgreSQL cannot read (that would be a 500).
 */
function decodeCursor(raw: string, sort: BoardSort): Cursor {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor> | null;
    if (value && isSortKey(value.k, SORT_KEYS[sort].cast) && contactId.safeParse(value.id).success)
      return value as Cursor;
  } catch {
    // answered below
  }
  throw InvalidInputError.because('The cursor is not one this board handed out (or is for another sort).', [
    { path: 'cursor', message: 'use nextCursor of the previous page, with the same sort' },
  ]);
}

interface Row {
  id: string;
  kind: ContactKind;
  agency_id: string;
  agency_name: string;
  agency_level: AgencyLevel;
  province_id: string | null;
  subject: string;
  status: string;
  due_at: Date | null;
  escalation_level: number;
  submitted_at: Date;
  last_action_at: Date;
  assignee_sub: string | null;
  overdue_clock: string | null;
  sort_key: Date | number | string;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** The cursor's key: an instant as ISO text (`infinity` for "no due date"), a number or a name. */
function sortKeyOf(key: Date | number | string): string | number {
  if (key instanceof Date) return Number.isFinite(key.getTime()) ? key.toISOString() : 'infinity';
  // The driver reads `infinity` as a number or as text, depending on its type parsers.
  if (typeof key === 'number' && !Number.isFinite(key)) return 'infinity';
  return key;
}

export interface BoardContext {
  actor: Actor;
  now: number;
  calendar: CalendarData;
  unhealthy: Map<string, WorkflowHealth>;
  temporalUi?: { url: string; namespace: string } | undefined;
}

/** What this overseer may do on a row: supervisors of its province act; operators retry; auditors nothing. */
function actionsFor(actor: Actor, row: Row, unhealthy: boolean): BoardAction[] {
  const supervises = supervisesProvince(actor, row.province_id ?? undefined);
  const actions: BoardAction[] = [];
  if (supervises) {
    actions.push('remind');
    if (row.assignee_sub) actions.push('reassign');
    if (row.due_at) actions.push('extend');
    actions.push('close');
  }
  if (unhealthy && (supervises || hasAnyRole(actor, ['admin']))) actions.push('retry');
  return actions;
}

export async function boardPage(
  em: Em,
  filter: BoardFilter,
  ctx: BoardContext,
): Promise<{ items: BoardRow[]; nextCursor: string | null }> {
  const idleBefore = idleThreshold(ctx.calendar, ctx.now, filter.idleDays);
  const now = new Date(ctx.now);
  const unhealthyIds = [...ctx.unhealthy.keys()];
  const where: string[] = ['c.open'];
  const params: unknown[] = [now];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (filter.provinceId !== undefined) add('c.province_id = ?', filter.provinceId);
  if (filter.agencyId) add('c.agency_id = ?', filter.agencyId);
  if (filter.level) add('a.level = ?', filter.level);
  if (filter.kind) add('c.kind = ?', filter.kind);
  if (filter.status) add('c.status = ?', filter.status);
  if (filter.escalationLevel !== undefined) add('c.escalation_level >= ?', filter.escalationLevel);
  if (filter.minAgeDays !== undefined)
    add('c.submitted_at < ?', new Date(idleThreshold(ctx.calendar, ctx.now, filter.minAgeDays)));
  const reasonSql: Record<BoardReason, { sql: string; values: unknown[] }> = {
    overdue: { sql: 'c.due_at < ?', values: [now] },
    escalated: { sql: 'c.escalation_level > 0', values: [] },
    idle: { sql: 'coalesce(c.last_action_at, c.submitted_at) < ?', values: [new Date(idleBefore)] },
    unhealthy: { sql: 'c.id = any(?::text[])', values: [`{${unhealthyIds.join(',')}}`] },
  };
  const reasons = filter.reason ? [reasonSql[filter.reason]] : Object.values(reasonSql);
  add(`(${reasons.map((r) => r.sql).join(' or ')})`, ...reasons.flatMap((r) => r.values));

  const key = SORT_KEYS[filter.sort];
  const descending = (filter.order === 'desc') !== (key.inverted ?? false);
  const direction = descending ? 'desc' : 'asc';
  if (filter.cursor) {
    const cursor = decodeCursor(filter.cursor, filter.sort);
    add(`(${key.sql}, c.id) ${descending ? '<' : '>'} (?::${key.cast}, ?)`, cursor.k, cursor.id);
  }
  params.push(filter.limit + 1);
  const rows = await em.execute<Row[]>(
    `select c.id, c.kind, c.agency_id, a.name as agency_name, a.level as agency_level, c.province_id, c.subject,
       c.status, c.due_at, c.escalation_level, c.submitted_at, coalesce(c.last_action_at, c.submitted_at) as last_action_at,
       c.assignee_sub, ${key.sql} as sort_key,
       (select k.clock from contact_clock k where k.contact_id = c.id and k.stopped_at is null and k.due_at < ?
        order by k.due_at limit 1) as overdue_clock
     from contact c join agency a on a.id = c.agency_id
     where ${where.join(' and ')}
     order by ${key.sql} ${direction}, c.id ${direction}
     limit ?`,
    params,
  );
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > filter.limit && last
      ? encodeCursor({
          k: sortKeyOf(last.sort_key),
          id: last.id,
        })
      : null;
  const items = page.map((r): BoardRow => {
    const health = ctx.unhealthy.get(r.id) ?? null;
    const lastActionAt = new Date(r.last_action_at).getTime();
    return {
      contactId: r.id,
      kind: r.kind,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      agencyLevel: r.agency_level,
      provinceId: r.province_id,
      subject: r.subject,
      status: r.status,
      reasons: boardReasons(
        {
          dueAt: r.due_at ? new Date(r.due_at).getTime() : null,
          escalationLevel: r.escalation_level,
          lastActionAt,
          unhealthy: health !== null,
        },
        ctx.now,
        idleBefore,
      ),
      dueAt: r.due_at ? iso(r.due_at) : null,
      overdueClock: r.overdue_clock,
      escalationLevel: r.escalation_level,
      submittedAt: iso(r.submitted_at),
      lastActionAt: iso(r.last_action_at),
      idleWorkingDays: workingDaysSince(ctx.calendar, lastActionAt, ctx.now),
      ageWorkingDays: workingDaysSince(ctx.calendar, new Date(r.submitted_at).getTime(), ctx.now),
      health,
      workflowUrl:
        ctx.temporalUi && hasAnyRole(ctx.actor, ['admin'])
          ? `${ctx.temporalUi.url}/namespaces/${encodeURIComponent(ctx.temporalUi.namespace)}/workflows/${encodeURIComponent(r.id)}`
          : null,
      actions: actionsFor(ctx.actor, r, health !== null),
    };
  });
  return { items, nextCursor };
}
