/**
 * @module
 * Live changes for Server-Sent Events. One poller per API process reads new timeline entries and
 * notifications from the database (the projection is the change log) and fans them out to subscribers
 * allowed to see them. Polling the database, rather than an in-process bus, works the same whether the
 * worker runs in this process or elsewhere, on PostgreSQL and on PGlite.
 *
 * Sequences can commit out of order, so each poll re-reads a window behind the cursor and drops ids it has
 * already delivered.
 */
import type { Actor } from '../domain/actor.ts';
import type { Orm } from '../db/orm.ts';

export type ChangeEvent =
  | { event: 'contact'; id: number; data: { contactId: string; seq: number; type: string; status: string } }
  | {
      event: 'notification';
      id: number;
      data: {
        notificationId: number;
        contactId: string | null;
        link: string | null;
        type: string;
        text: string;
      };
    };

type Listener = (change: ChangeEvent) => void;

interface ContactRow {
  id: string | number;
  contact_id: string;
  seq: number;
  type: string;
  status: string;
  agency_id: string;
  province_id: string | null;
  journalist_sub: string;
}

interface NotificationRowData {
  id: string | number;
  contact_id: string | null;
  link: string | null;
  type: string;
  text: string;
  recipient_sub: string | null;
  recipient_agency_id: string | null;
  recipient_roles: string[] | string | null;
  recipient_province_id: string | null;
}

const WINDOW = 200;

function rolesOf(value: string[] | string | null): string[] {
  if (!value) return [];
  return Array.isArray(value) ? value : value.replace(/[{}]/g, '').split(',').filter(Boolean);
}

export function seesContact(
  actor: Actor,
  row: Pick<ContactRow, 'agency_id' | 'province_id' | 'journalist_sub'>,
): boolean {
  if (row.journalist_sub === actor.sub) return true;
  if (
    actor.agencyId === row.agency_id &&
    actor.roles.some((r) => r === 'agency_staff' || r === 'spokesperson' || r === 'agency_head')
  )
    return true;
  return actor.roles.includes('supervisor') && !!row.province_id && actor.provinceId === row.province_id;
}

export function receivesNotification(actor: Actor, row: NotificationRowData): boolean {
  if (row.recipient_sub) return row.recipient_sub === actor.sub;
  const roles = rolesOf(row.recipient_roles);
  if (row.recipient_province_id)
    return actor.provinceId === row.recipient_province_id && actor.roles.includes('supervisor');
  return actor.agencyId === row.recipient_agency_id && actor.roles.some((r) => roles.includes(r));
}

export class ChangeStream {
  readonly #orm: Orm;
  readonly #listeners = new Map<Listener, Actor>();
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #cursor = { contact: 0, notification: 0 };
  #delivered = { contact: new Set<number>(), notification: new Set<number>() };
  #started = false;
  #polling = false;

  constructor(orm: Orm, intervalMs = 400) {
    this.#orm = orm;
    this.#intervalMs = intervalMs;
  }

  subscribe(actor: Actor, listener: Listener): () => void {
    this.#listeners.set(listener, actor);
    // The first poll only places the cursor at "now": run it at once so nothing after subscribing is missed.
    if (!this.#started) void this.poll();
    this.#timer ??= setInterval(() => void this.poll(), this.#intervalMs);
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0 && this.#timer) {
        clearInterval(this.#timer);
        this.#timer = undefined;
      }
    };
  }

  /** Reads what is new since the last poll and delivers it. Public for tests and the first subscription. */
  async poll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      const em = this.#orm.em.fork();
      if (!this.#started) {
        const [c] = await em.execute<{ max: string | null }[]>('select max(id) as max from timeline_entry');
        const [n] = await em.execute<{ max: string | null }[]>('select max(id) as max from notification');
        this.#cursor = { contact: Number(c?.max ?? 0), notification: Number(n?.max ?? 0) };
        this.#started = true;
        return;
      }
      const contacts = await em.execute<ContactRow[]>(
        `select t.id, t.contact_id, t.seq, t.type, c.status, c.agency_id, c.province_id, c.journalist_sub
         from timeline_entry t join contact c on c.id = t.contact_id where t.id > ? order by t.id limit 1000`,
        [Math.max(0, this.#cursor.contact - WINDOW)],
      );
      this.#deliver('contact', contacts, (row, id) => [
        {
          event: 'contact',
          id,
          data: { contactId: row.contact_id, seq: row.seq, type: row.type, status: row.status },
        },
        (actor) => seesContact(actor, row),
      ]);
      const notifications = await em.execute<NotificationRowData[]>(
        `select id, contact_id, link, type, text, recipient_sub, recipient_agency_id, recipient_roles, recipient_province_id
         from notification where id > ? order by id limit 1000`,
        [Math.max(0, this.#cursor.notification - WINDOW)],
      );
      this.#deliver('notification', notifications, (row, id) => [
        {
          event: 'notification',
          id,
          data: {
            notificationId: id,
            contactId: row.contact_id,
            link: row.link,
            type: row.type,
            text: row.text,
          },
        },
        (actor) => receivesNotification(actor, row),
      ]);
    } catch (error) {
      console.error(
        JSON.stringify({ level: 'warn', msg: 'change stream poll failed', error: String(error) }),
      );
    } finally {
      this.#polling = false;
    }
  }

  /** Emits each row not delivered yet (rows inside the re-read window may have been seen already). */
  #deliver<Row extends { id: string | number }>(
    kind: 'contact' | 'notification',
    rows: Row[],
    toEvent: (row: Row, id: number) => [ChangeEvent, (actor: Actor) => boolean],
  ): void {
    for (const row of rows) {
      const id = Number(row.id);
      if (this.#delivered[kind].has(id) || id <= this.#cursor[kind] - WINDOW) continue;
      this.#remember(kind, id);
      this.#emit(...toEvent(row, id));
    }
  }

  #remember(kind: 'contact' | 'notification', id: number): void {
    this.#delivered[kind].add(id);
    if (id > this.#cursor[kind]) this.#cursor[kind] = id;
    if (this.#delivered[kind].size > WINDOW * 4) {
      for (const old of this.#delivered[kind])
        if (old <= this.#cursor[kind] - WINDOW) this.#delivered[kind].delete(old);
    }
  }

  #emit(change: ChangeEvent, allowed: (actor: Actor) => boolean): void {
    for (const [listener, actor] of this.#listeners) if (allowed(actor)) listener(change);
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#listeners.clear();
  }
}
