/**
 * @module
 * Live changes for Server-Sent Events. One poller per API process reads new timeline entries and
 * notifications from the database (the projection is the change log) and fans them out to subscribers
 * allowed to see them. Polling the database, rather than an in-process bus, works the same whether the
 * worker runs in this process or elsewhere, on PostgreSQL and on PGlite.
 *
 * Sequences can commit out of order, so each poll re-reads a window behind the cursor and drops ids it has
 * already delivered.
 *
 * A subscriber starts at the current position: it gets what happens after it subscribed, never a backlog.
 * Every event carries a position (`<timeline id>-<notification id>`, the SSE event id), so a client that
 * reconnects with `Last-Event-ID` can ask for what it missed; that replay is bounded to the last
 * {@link RESUME_WINDOW} ids of each kind and scoped to the caller like live events.
 *
 * Who receives a contact event is the contact view's rule (domain/contact/visibility.ts): the caller must see
 * the contact, and an event whose timeline entry is for the agency side only (a draft submitted or returned, a
 * reminder, the health of side effects — by `audience` or by legacy type) reaches only the agency side.
 */
import type { Actor } from '../domain/actor.ts';
import { isAgencyOnly, maySeeContact, seesAgencySide, type Visible } from '../domain/contact/visibility.ts';
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

interface ContactRow {
  id: string | number;
  contact_id: string;
  seq: number;
  type: string;
  audience: string | null;
  status: string;
  agency_id: string;
  province_id: string | null;
  journalist_sub: string;
  /** PostgreSQL gives a text[] as an array; null when no other agency sees the contact. */
  also_visible_to: string[] | null;
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

/** Ids re-read behind the cursor for late commits. */
const WINDOW = 200;
/** How far back (in ids of each kind) a reconnecting client may resume. */
export const RESUME_WINDOW = 500;

/** Where a subscriber is in both change logs: the last timeline entry and notification ids it is past. */
export interface StreamPosition {
  contact: number;
  notification: number;
}

/** The SSE event id of a position. */
export function encodePosition(position: StreamPosition): string {
  return `${position.contact}-${position.notification}`;
}

/** A position from a `Last-Event-ID` header; `undefined` for anything that is not one of ours. */
export function parsePosition(text: string | undefined): StreamPosition | undefined {
  const match = /^(\d{1,15})-(\d{1,15})$/.exec(text?.trim() ?? '');
  return match ? { contact: Number(match[1]), notification: Number(match[2]) } : undefined;
}

export type Listener = (change: ChangeEvent, position: StreamPosition) => void;

export interface Subscription {
  /**
   * The position the subscriber starts from (nothing at or before it is delivered live), once the poller knows
   * it; settled at `close()` at the latest.
   */
  readonly start: Promise<StreamPosition>;
  close(): void;
}

interface Subscriber {
  actor: Actor;
  listener: Listener;
  /** Unset until the poller has placed its cursor at "now" for a new round of subscribers. */
  floor: StreamPosition | undefined;
  placed: (position: StreamPosition) => void;
}

const ALL = Number.MAX_SAFE_INTEGER;

const CONTACT_ROWS = `select t.id, t.contact_id, t.seq, t.type, t.audience, c.status, c.agency_id, c.province_id, c.journalist_sub,
  c.also_visible_to from timeline_entry t join contact c on c.id = t.contact_id where t.id > ? and t.id <= ? order by t.id limit ?`;

const NOTIFICATION_ROWS = `select id, contact_id, link, type, text, recipient_sub, recipient_agency_id, recipient_roles, recipient_province_id
  from notification where id > ? and id <= ? order by id limit ?`;

function rolesOf(value: string[] | string | null): string[] {
  if (!value) return [];
  return Array.isArray(value) ? value : value.replace(/[{}]/g, '').split(',').filter(Boolean);
}

/**
 * Whether `actor` receives the event of timeline entry `row`: they see the contact, and the entry is one the
 * contact view shows them (agency-only entries reach the agency side alone).
 */
export function receivesContactEvent(
  actor: Actor,
  row: Pick<ContactRow, 'type' | 'audience' | 'agency_id' | 'province_id' | 'journalist_sub'> &
    Partial<Pick<ContactRow, 'also_visible_to'>>,
): boolean {
  const contact: Visible = {
    journalistSub: row.journalist_sub,
    agencyId: row.agency_id,
    provinceId: row.province_id,
    alsoVisibleTo: row.also_visible_to,
  };
  if (!maySeeContact(actor, contact)) return false;
  const entry = { type: row.type, audience: row.audience ? ('agency' as const) : undefined };
  return !isAgencyOnly(entry) || seesAgencySide(actor, contact);
}

export function receivesNotification(actor: Actor, row: NotificationRowData): boolean {
  if (row.recipient_sub) return row.recipient_sub === actor.sub;
  const roles = rolesOf(row.recipient_roles);
  if (row.recipient_province_id)
    return actor.provinceId === row.recipient_province_id && actor.roles.includes('supervisor');
  return actor.agencyId === row.recipient_agency_id && actor.roles.some((r) => roles.includes(r));
}

function contactEvent(row: ContactRow, id: number): ChangeEvent {
  return {
    event: 'contact',
    id,
    data: { contactId: row.contact_id, seq: row.seq, type: row.type, status: row.status },
  };
}

function notificationEvent(row: NotificationRowData, id: number): ChangeEvent {
  return {
    event: 'notification',
    id,
    data: { notificationId: id, contactId: row.contact_id, link: row.link, type: row.type, text: row.text },
  };
}

export class ChangeStream {
  readonly #orm: Orm;
  readonly #subscribers = new Set<Subscriber>();
  readonly #perUser = new Map<string, number>();
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #cursor: StreamPosition = { contact: 0, notification: 0 };
  #delivered = { contact: new Set<number>(), notification: new Set<number>() };
  #started = false;
  #polling = false;
  /** Bumped when the last subscriber leaves: a poll still running from before delivers nothing. */
  #generation = 0;

  constructor(orm: Orm, intervalMs = 400) {
    this.#orm = orm;
    this.#intervalMs = intervalMs;
  }

  /** Open subscriptions of user `sub` in this process. */
  subscriptions(sub: string): number {
    return this.#perUser.get(sub) ?? 0;
  }

  /**
   * Delivers to `listener` every change `actor` may see from now on. With `maxPerUser`, refuses (returns
   * `undefined`) when the actor already holds that many subscriptions; the check and the registration happen
   * in one synchronous step, so parallel requests cannot both take the last slot.
   */
  subscribe(
    actor: Actor,
    listener: Listener,
    options: { maxPerUser?: number } = {},
  ): Subscription | undefined {
    const held = this.subscriptions(actor.sub);
    if (options.maxPerUser !== undefined && held >= options.maxPerUser) return undefined;
    let placed!: (position: StreamPosition) => void;
    const start = new Promise<StreamPosition>((resolve) => (placed = resolve));
    const subscriber: Subscriber = { actor, listener, floor: undefined, placed };
    this.#subscribers.add(subscriber);
    this.#perUser.set(actor.sub, held + 1);
    // The next poll places it at the database's newest ids, not at the poller's cursor: the cursor may lag
    // behind rows already committed, which would then reach the newcomer as a backlog.
    void this.poll();
    this.#timer ??= setInterval(() => void this.poll(), this.#intervalMs);
    let open = true;
    return {
      start,
      close: () => {
        if (!open) return;
        open = false;
        this.#subscribers.delete(subscriber);
        // Whoever awaits `start` must not wait forever for a subscriber that is gone.
        if (!subscriber.floor) this.#place(subscriber, this.#cursor);
        const left = this.subscriptions(actor.sub) - 1;
        if (left > 0) this.#perUser.set(actor.sub, left);
        else this.#perUser.delete(actor.sub);
        if (this.#subscribers.size === 0) this.#idle();
      },
    };
  }

  /**
   * The changes `actor` may see after position `after` and up to `upTo` (a subscriber's start), in order,
   * each with the position it brings the client to. `undefined` when `after` is not a position this stream
   * can resume from: ahead of `upTo`, or more than {@link RESUME_WINDOW} ids behind it in either log.
   */
  async replay(
    actor: Actor,
    after: StreamPosition,
    upTo: StreamPosition,
  ): Promise<{ change: ChangeEvent; position: StreamPosition }[] | undefined> {
    const kinds = ['contact', 'notification'] as const;
    if (kinds.some((k) => after[k] > upTo[k] || upTo[k] - after[k] > RESUME_WINDOW)) return undefined;
    const em = this.#orm.em.fork();
    const out: { change: ChangeEvent; position: StreamPosition }[] = [];
    const contacts = await em.execute<ContactRow[]>(CONTACT_ROWS, [
      after.contact,
      upTo.contact,
      RESUME_WINDOW,
    ]);
    for (const row of contacts) {
      const id = Number(row.id);
      if (receivesContactEvent(actor, row))
        out.push({
          change: contactEvent(row, id),
          position: { contact: id, notification: after.notification },
        });
    }
    const notifications = await em.execute<NotificationRowData[]>(NOTIFICATION_ROWS, [
      after.notification,
      upTo.notification,
      RESUME_WINDOW,
    ]);
    for (const row of notifications) {
      const id = Number(row.id);
      if (receivesNotification(actor, row))
        out.push({
          change: notificationEvent(row, id),
          position: { contact: upTo.contact, notification: id },
        });
    }
    return out;
  }

  /** Reads what is new since the last poll and delivers it. Public for tests and the first subscription. */
  async poll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    const generation = this.#generation;
    const current = () => generation === this.#generation;
    try {
      const em = this.#orm.em.fork();
      if (!this.#started || [...this.#subscribers].some((s) => !s.floor)) {
        const [c] = await em.execute<{ max: string | null }[]>('select max(id) as max from timeline_entry');
        const [n] = await em.execute<{ max: string | null }[]>('select max(id) as max from notification');
        if (!current()) return;
        const now = { contact: Number(c?.max ?? 0), notification: Number(n?.max ?? 0) };
        for (const subscriber of this.#subscribers) if (!subscriber.floor) this.#place(subscriber, now);
        if (!this.#started) {
          this.#cursor = now;
          this.#started = true;
          return;
        }
      }
      const contacts = await em.execute<ContactRow[]>(CONTACT_ROWS, [
        Math.max(0, this.#cursor.contact - WINDOW),
        ALL,
        1000,
      ]);
      if (!current()) return;
      this.#deliver('contact', contacts, (row, id) => [
        contactEvent(row, id),
        (actor) => receivesContactEvent(actor, row),
      ]);
      const notifications = await em.execute<NotificationRowData[]>(NOTIFICATION_ROWS, [
        Math.max(0, this.#cursor.notification - WINDOW),
        ALL,
        1000,
      ]);
      if (!current()) return;
      this.#deliver('notification', notifications, (row, id) => [
        notificationEvent(row, id),
        (actor) => receivesNotification(actor, row),
      ]);
    } catch (error) {
      console.error(
        JSON.stringify({ level: 'warn', msg: 'change stream poll failed', error: String(error) }),
      );
    } finally {
      this.#polling = false;
      // A poll from before an idle spell blocked the new round's first poll: run it now rather than a tick later.
      if (!current() && this.#subscribers.size > 0 && !this.#started) void this.poll();
    }
  }

  #place(subscriber: Subscriber, position: StreamPosition): void {
    subscriber.floor = { ...position };
    subscriber.placed(subscriber.floor);
  }

  /**
   * Nobody listens: stop polling and forget the cursor. The next subscriber starts a new round at the then
   * current position, instead of the poller first wading through everything written while nobody listened.
   */
  #idle(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#generation += 1;
    this.#started = false;
    this.#delivered = { contact: new Set<number>(), notification: new Set<number>() };
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
      this.#emit(kind, id, ...toEvent(row, id));
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

  /** Sends a change to the subscribers allowed to see it that started before it (id above their floor). */
  #emit(
    kind: 'contact' | 'notification',
    id: number,
    change: ChangeEvent,
    allowed: (actor: Actor) => boolean,
  ): void {
    const position = { ...this.#cursor };
    for (const subscriber of this.#subscribers) {
      if (!subscriber.floor || id <= subscriber.floor[kind] || !allowed(subscriber.actor)) continue;
      subscriber.listener(change, position);
    }
  }

  close(): void {
    this.#subscribers.clear();
    this.#perUser.clear();
    this.#idle();
  }
}
