/**
 * @module
 * The in-app notification list (issue 11) in the database: a person's notifications, newest first, with their
 * own read state (`notification_read`), and marking them read.
 *
 * Who a notification is for is {@link addressedTo}: the SQL form of `receivesNotification`
 * (`api/change-stream.ts`), which decides who gets it live — a person by `sub`; a province's supervisors; the
 * members of an agency holding one of the roles. Every query here goes through it, so a person lists, counts
 * and marks exactly what the stream pushes to them, and nobody else's (`test/integration/notifications.*`
 * checks both forms agree).
 */
import type { Actor } from '../../domain/actor.ts';
import type { NotificationItem } from '../../domain/notifications/index.ts';
import type { Em } from '../../db/orm.ts';

/** A SQL condition and its positional (`?`) parameters. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/**
 * The notifications of alias `n` (a `notification` row) that `actor` receives: the rule of
 * `receivesNotification`, branch by branch. A row names one kind of recipient, tested in the same order as
 * there — a non-empty `recipient_sub` first, then a non-empty `recipient_province_id`, else the agency and
 * roles. Branches the actor cannot meet (no agency, not a supervisor) are left out, which also lets the
 * planner use the recipient indexes.
 *
 * @example
 * ```ts
 * const mine = addressedTo(actor);
 * await em.execute(`select n.id from notification n where ${mine.sql}`, mine.params);
 * ```
 */
export function addressedTo(actor: Actor, alias = 'n'): SqlCondition {
  const n = alias;
  const branches = [`(${n}.recipient_sub <> '' and ${n}.recipient_sub = ?)`];
  const params: unknown[] = [actor.sub];
  const notPerson = `coalesce(${n}.recipient_sub, '') = ''`;
  if (actor.provinceId && actor.roles.includes('supervisor')) {
    branches.push(`(${notPerson} and ${n}.recipient_province_id <> '' and ${n}.recipient_province_id = ?)`);
    params.push(actor.provinceId);
  }
  if (actor.agencyId !== undefined && actor.roles.length > 0) {
    branches.push(
      `(${notPerson} and coalesce(${n}.recipient_province_id, '') = '' and ${n}.recipient_agency_id = ? ` +
        `and ${n}.recipient_roles && array(select jsonb_array_elements_text(?::jsonb)))`,
    );
    params.push(actor.agencyId, JSON.stringify(actor.roles));
  }
  return { sql: `(${branches.join(' or ')})`, params };
}

interface ItemRow {
  id: string | number;
  type: string;
  text: string;
  contact_id: string | null;
  link: string | null;
  created_at: Date | string;
  read_at: Date | string | null;
}

const itemOf = (row: ItemRow): NotificationItem => ({
  id: String(row.id),
  type: row.type,
  text: row.text,
  contactId: row.contact_id,
  link: row.link,
  read: row.read_at !== null,
  createdAt: new Date(row.created_at).toISOString(),
});

/** The columns of an item, from `notification n` left-joined to the reader's `notification_read r`. */
const ITEM_FROM = `select n.id, n.type, n.text, n.contact_id, n.link, n.created_at, r.read_at
  from notification n left join notification_read r on r.notification_id = n.id and r.sub = ?`;

export interface NotificationPage {
  items: NotificationItem[];
  /** The id to continue below, when there may be more. */
  next: number | undefined;
  /** All of the person's unread notifications, not only this page's. */
  unreadCount: number;
}

/** A page of `actor`'s notifications, newest (highest id) first, below id `before` when given. */
export async function listNotifications(
  em: Em,
  actor: Actor,
  options: { before?: number | undefined; limit: number; unreadOnly: boolean },
): Promise<NotificationPage> {
  const mine = addressedTo(actor);
  const rows = await em.execute<ItemRow[]>(
    `${ITEM_FROM} where ${mine.sql}${options.before === undefined ? '' : ' and n.id < ?'}` +
      `${options.unreadOnly ? ' and r.notification_id is null' : ''} order by n.id desc limit ?`,
    [actor.sub, ...mine.params, ...(options.before === undefined ? [] : [options.before]), options.limit + 1],
  );
  const page = rows.slice(0, options.limit);
  return {
    items: page.map(itemOf),
    next: rows.length > options.limit ? Number(page.at(-1)!.id) : undefined,
    unreadCount: await unreadCount(em, actor),
  };
}

/** How many of `actor`'s notifications they have not read. */
export async function unreadCount(em: Em, actor: Actor): Promise<number> {
  const mine = addressedTo(actor);
  const [row] = await em.execute<{ n: number | string }[]>(
    `select count(*)::int as n from notification n where ${mine.sql}
     and not exists (select from notification_read r where r.notification_id = n.id and r.sub = ?)`,
    [...mine.params, actor.sub],
  );
  return Number(row?.n ?? 0);
}

/** Notification `id` as `actor` sees it; `undefined` if it does not exist or is not theirs. */
export async function findNotification(
  em: Em,
  actor: Actor,
  id: number,
): Promise<NotificationItem | undefined> {
  const mine = addressedTo(actor);
  const [row] = await em.execute<ItemRow[]>(`${ITEM_FROM} where n.id = ? and ${mine.sql}`, [
    actor.sub,
    id,
    ...mine.params,
  ]);
  return row ? itemOf(row) : undefined;
}

/**
 * Marks notification `id` read by `actor` at `at` (epoch ms); reading it again keeps the first time. Returns the
 * item, or `undefined` if it does not exist or is not theirs (nothing is written then).
 */
export async function markRead(
  em: Em,
  actor: Actor,
  id: number,
  at: number,
): Promise<NotificationItem | undefined> {
  const item = await findNotification(em, actor, id);
  if (!item) return undefined;
  if (!item.read)
    await em.execute(
      `insert into notification_read (notification_id, sub, read_at) values (?, ?, ?) on conflict do nothing`,
      [id, actor.sub, new Date(at)],
    );
  return { ...item, read: true };
}

/**
 * Marks every notification of `actor` read, up to id `upTo` when given (what the person has seen: one that
 * arrives meanwhile stays unread). Returns how many were marked now.
 */
export async function markAllRead(
  em: Em,
  actor: Actor,
  options: { upTo?: number | undefined; at: number },
): Promise<number> {
  const mine = addressedTo(actor);
  const rows = await em.execute<{ notification_id: string | number }[]>(
    `insert into notification_read (notification_id, sub, read_at)
     select n.id, ?, ? from notification n where ${mine.sql}${options.upTo === undefined ? '' : ' and n.id <= ?'}
       and not exists (select from notification_read r where r.notification_id = n.id and r.sub = ?)
     on conflict do nothing returning notification_id`,
    [
      actor.sub,
      new Date(options.at),
      ...mine.params,
      ...(options.upTo === undefined ? [] : [options.upTo]),
      actor.sub,
    ],
  );
  return rows.length;
}
