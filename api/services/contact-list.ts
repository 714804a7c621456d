/**
 * @module
 * The contact list query: scoped to what the caller may see, filtered, searched without diacritics, and
 * paginated with an opaque keyset cursor over (updated_at desc, id desc) so pages never skip or repeat.
 */
import type { Actor } from '../../domain/actor.ts';
import { contactScope } from '../../domain/contact/visibility.ts';
import { contactScopeSql } from './contact-scope.ts';
import { ForbiddenError, InvalidInputError } from '../../domain/errors.ts';
import { ALL_TERMINAL_STATUSES as TERMINAL_STATUSES } from '../../domain/contact/kinds.ts';
import { escapeLikePattern, foldForSearch } from '../../domain/text/fold.ts';
import type { ContactKind } from '../../domain/vocabulary.ts';
import type { Em } from '../../db/orm.ts';

export interface ContactListQuery {
  statuses?: string[] | undefined;
  kind?: string | undefined;
  overdue?: boolean;
  assignedToMe?: boolean;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
  now: number;
}

interface Row {
  id: string;
  kind: string;
  agency_id: string;
  journalist_name: string;
  subject: string;
  status: string;
  assignee_sub: string | null;
  assignee_name: string | null;
  due_at: Date | string | null;
  escalation_level: number;
  submitted_at: Date | string;
  updated_at: Date | string;
  next_meeting_at: Date | string | null;
}

const ms = (value: Date | string) => new Date(value).getTime();

/**
 * The last instant written with a four-digit year (9999-12-31T23:59:59.999Z). A row's `updated_at` is always
 * below it; past it the driver writes the date as `+010000-…`, which the database refuses (a 500 once).
 */
const MAX_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const CONTACT_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/;

function decodeCursor(cursor: string): { u: number; i: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      u?: unknown;
      i?: unknown;
    };
    // A cursor is ours only if it could have come from a row: a real instant and a real contact id.
    if (
      typeof value.u === 'number' &&
      Number.isSafeInteger(value.u) &&
      value.u >= 0 &&
      value.u <= MAX_INSTANT_MS &&
      typeof value.i === 'string' &&
      CONTACT_ID.test(value.i)
    )
      return { u: value.u, i: value.i };
  } catch {
    // fall through
  }
  throw InvalidInputError.because('The cursor is not one this API returned.');
}

const encodeCursor = (u: number, i: string) => Buffer.from(JSON.stringify({ u, i })).toString('base64url');

export async function listContacts(em: Em, actor: Actor, query: ContactListQuery) {
  const scope = contactScopeSql(contactScope(actor));
  if (!scope)
    throw ForbiddenError.because('no_contact_scope', 'Your roles do not give access to any contacts.');
  const params: unknown[] = [...scope.params];
  const where = [scope.sql];
  if (query.statuses?.length) {
    where.push(`status in (${query.statuses.map(() => '?').join(', ')})`);
    params.push(...query.statuses);
  }
  if (query.kind) {
    where.push('kind = ?');
    params.push(query.kind);
  }
  if (query.overdue) {
    where.push(
      `(escalation_level > 0 or due_at < ?) and status not in (${TERMINAL_STATUSES.map(() => '?').join(', ')})`,
    );
    params.push(new Date(query.now), ...TERMINAL_STATUSES);
  }
  if (query.assignedToMe) {
    where.push('assignee_sub = ?');
    params.push(actor.sub);
  }
  const folded = query.q ? foldForSearch(query.q) : '';
  if (folded) {
    where.push(`search_text like ? escape '\\'`);
    params.push(`%${escapeLikePattern(folded)}%`);
  }
  if (query.cursor) {
    const { u, i } = decodeCursor(query.cursor);
    where.push('(updated_at < ? or (updated_at = ? and id < ?))');
    params.push(new Date(u), new Date(u), i);
  }
  const rows = await em.execute<Row[]>(
    `select id, kind, agency_id, journalist_name, subject, status, assignee_sub, assignee_name, due_at, escalation_level,
       submitted_at, updated_at, next_meeting_at from contact where ${where.join(' and ')} order by updated_at desc, id desc limit ?`,
    [...params, query.limit + 1],
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => {
      const dueAt = r.due_at === null ? null : ms(r.due_at);
      const open = !TERMINAL_STATUSES.includes(r.status);
      return {
        id: r.id,
        kind: r.kind as ContactKind,
        agencyId: r.agency_id,
        journalistName: r.journalist_name,
        subject: r.subject,
        status: r.status,
        assignee: r.assignee_sub ? { sub: r.assignee_sub, name: r.assignee_name ?? r.assignee_sub } : null,
        dueAt,
        overdue: open && (r.escalation_level > 0 || (dueAt !== null && dueAt < query.now)),
        escalationLevel: r.escalation_level,
        submittedAt: ms(r.submitted_at),
        updatedAt: ms(r.updated_at),
        nextMeetingAt: r.next_meeting_at === null ? null : ms(r.next_meeting_at),
      };
    }),
    nextCursor: rows.length > query.limit && last ? encodeCursor(ms(last.updated_at), last.id) : null,
  };
}
