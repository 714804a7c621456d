/**
 * @module
 * Delivering stored notifications outside the app (issue 11), in three idempotent steps that the durable
 * `notificationDeliveryWorkflow` repeats:
 *
 * 1. `planNotificationDeliveries`: for notifications not yet planned (`notification_dispatch`), expand the
 *    recipient (a person, an agency's roles, a province's supervisors) to persons through the registry's
 *    memberships (journalists through the journalist registry), read each person's channel preferences, and
 *    write one `notification_delivery` row per person and chosen channel, keyed by `deliveryKey`, not before
 *    the next working morning unless the type is urgent (`sendAt`). Planning the same notification again
 *    writes nothing: the dispatch row and the unique key say it is done.
 * 2. `dueNotificationDeliveries`: the ids of rows due now.
 * 3. `deliverNotification`: claims one row (`pending` → `sending`, or a claim whose lease ran out), sends it
 *    through its channel, and records the outcome. A row already delivered, skipped or dead is left alone, so a
 *    retried activity sends nothing twice. A channel's failure is recorded (attempts, last error, a backoff in
 *    `not_before`) and never thrown: it does not hold back the other deliveries, and never touches a contact's
 *    workflow. After the last attempt the row is `dead`, listed for operators.
 */
import type { CalendarData } from '../domain/calendar/index.ts';
import type { Recipient } from '../domain/contact/notifications.ts';
import type { Role } from '../domain/vocabulary.ts';
import {
  channelsFor,
  deliveryKey,
  sendAt,
  type ChannelName,
  type ChannelOverrides,
  type DeliveryResult,
  type NotificationChannel,
  type NotificationRecipient,
  type StoredNotification,
} from '../domain/notifications/index.ts';
import { calendarFor } from '../api/services/settings.ts';
import type { Em, Orm } from '../db/orm.ts';
import { createWebhookChannel, webhookDeliveryKey } from './notifications/webhook-channel.ts';
import type { OutboundPolicy } from './outbound/safe-fetch.ts';

export interface NotificationDeliveryConfig {
  /** The channels that can send (e-mail when `SMTP_URL` is set; webhooks). In-app needs none. */
  channels: NotificationChannel[];
  /** Office hours (`OFFICE_HOURS`): `always` turns quiet hours off. */
  officeHours?: CalendarData['officeHours'];
  /** Notifications older than this (ms) when first seen are not sent out (a first start over old data). */
  lookbackMs?: number;
  /** Attempts before a delivery is given up (`dead`). */
  maxAttempts?: number;
  /** Backoff after the n-th failed attempt, in ms. */
  backoffMs?: (attempts: number) => number;
  /** How long a claim holds before another activity may take the row again (a crashed sender). */
  leaseMs?: number;
  /** The webhook channel to agencies' subscriptions (`notification_webhook`); absent, no webhooks. */
  webhooks?: { publicBaseUrl: string } | undefined;
}

/** One person a notification reaches, before preferences. */
interface PersonRow {
  sub: string;
  name: string | null;
  email: string | null;
  agency_id: string | null;
  kind: 'agency' | 'journalist';
}

interface NotificationDbRow {
  id: string | number;
  key: string;
  type: string;
  text: string;
  contact_id: string | null;
  link: string | null;
  created_at: Date | string;
  recipient_sub: string | null;
  recipient_agency_id: string | null;
  recipient_roles: string[] | string | null;
  recipient_province_id: string | null;
}

interface DeliveryDbRow {
  id: string | number;
  delivery_key: string;
  notification_id: string | number;
  channel: string;
  recipient_sub: string;
  address: string | null;
  locale: string;
  status: string;
  attempts: number;
}

export interface DeliveryOutcome {
  id: number;
  /** `delivered`, `skipped`, `dead`, `pending` (to try again later), or `unchanged` (not due, or already done). */
  status: 'delivered' | 'skipped' | 'dead' | 'pending' | 'unchanged';
}

const DEFAULTS = {
  lookbackMs: 24 * 3_600_000,
  maxAttempts: 8,
  backoffMs: (attempts: number) => Math.min(60 * 60_000, 30_000 * 2 ** (attempts - 1)),
  leaseMs: 5 * 60_000,
};

const rolesOf = (value: string[] | string | null): string[] => {
  if (Array.isArray(value)) return value;
  if (!value) return [];
  // A PostgreSQL array literal: {a,b}
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .map((r) => r.replace(/^"|"$/g, ''))
    .filter(Boolean);
};

/** The stored row as every channel sees it. */
export function storedNotificationOf(row: NotificationDbRow): StoredNotification {
  const sub = row.recipient_sub ?? '';
  const province = row.recipient_province_id ?? '';
  const recipient: Recipient =
    sub !== ''
      ? { kind: 'person', sub }
      : province !== ''
        ? { kind: 'province_supervisors', provinceId: province }
        : {
            kind: 'agency_role',
            agencyId: row.recipient_agency_id ?? '',
            roles: rolesOf(row.recipient_roles) as Role[],
          };
  return {
    id: String(row.id),
    key: row.key,
    type: row.type,
    text: row.text,
    contactId: row.contact_id,
    link: row.link,
    createdAt: new Date(row.created_at).getTime(),
    recipient,
  };
}

/**
 * The persons a notification row reaches, by the rule of `addressedTo` (`api/services/notifications.ts`): a
 * non-empty `recipient_sub`; else a non-empty province (its supervisors: members with the `supervisor` role of
 * an agency in that province); else the agency's members holding one of the roles. Names and e-mail addresses
 * come from the memberships, or from the journalist registry for a journalist.
 */
export async function resolveRecipients(em: Em, row: NotificationDbRow): Promise<PersonRow[]> {
  const sub = row.recipient_sub ?? '';
  const province = row.recipient_province_id ?? '';
  if (sub !== '') {
    const rows = await em.execute<PersonRow[]>(
      `select m.sub, m.name, m.email, m.agency_id, 'agency' as kind from membership m where m.sub = ?
       union all
       select j.sub, j.full_name as name, j.email, null as agency_id, 'journalist' as kind from journalist j where j.sub = ?`,
      [sub, sub],
    );
    const withEmail = rows.find((r) => r.email) ?? rows[0];
    return [withEmail ?? { sub, name: null, email: null, agency_id: null, kind: 'agency' }];
  }
  if (province !== '') {
    return distinctBySub(
      await em.execute<PersonRow[]>(
        `select m.sub, m.name, m.email, m.agency_id, 'agency' as kind from membership m
         join agency a on a.id = m.agency_id
         where m.role = 'supervisor' and a.province_id = ? order by m.sub, m.email nulls last`,
        [province],
      ),
    );
  }
  const roles = rolesOf(row.recipient_roles);
  if (!row.recipient_agency_id || roles.length === 0) return [];
  return distinctBySub(
    await em.execute<PersonRow[]>(
      `select m.sub, m.name, m.email, m.agency_id, 'agency' as kind from membership m
       where m.agency_id = ? and m.role in (${roles.map(() => '?').join(', ')}) order by m.sub, m.email nulls last`,
      [row.recipient_agency_id, ...roles],
    ),
  );
}

/** Notices with the same key reach the same people (see {@link resolveRecipients}). */
function recipientKey(row: NotificationDbRow): string {
  if (row.recipient_sub) return `sub ${row.recipient_sub}`;
  if (row.recipient_province_id) return `province ${row.recipient_province_id}`;
  return `agency ${row.recipient_agency_id ?? ''} ${[...rolesOf(row.recipient_roles)].sort().join(' ')}`;
}

function distinctBySub(rows: PersonRow[]): PersonRow[] {
  const seen = new Map<string, PersonRow>();
  for (const r of rows) if (!seen.has(r.sub) || (!seen.get(r.sub)!.email && r.email)) seen.set(r.sub, r);
  return [...seen.values()];
}

const NOTIFICATION_COLUMNS = `n.id, n.key, n.type, n.text, n.contact_id, n.link, n.created_at, n.recipient_sub,
  n.recipient_agency_id, n.recipient_roles, n.recipient_province_id`;

export function createNotificationDeliveryActivities(deps: {
  orm: Orm;
  now?: () => number;
  outbound?: OutboundPolicy | undefined;
  notifications?: NotificationDeliveryConfig | undefined;
}) {
  const now = deps.now ?? Date.now;
  const config = { ...DEFAULTS, channels: [] as NotificationChannel[], ...deps.notifications };
  const channels = new Map<ChannelName, NotificationChannel>(config.channels.map((c) => [c.name, c]));
  if (config.webhooks && !channels.has('webhook'))
    channels.set(
      'webhook',
      createWebhookChannel({
        orm: deps.orm,
        outbound: deps.outbound,
        publicBaseUrl: config.webhooks.publicBaseUrl,
      }),
    );

  return {
    /** Plans up to `limit` notifications not planned yet; `more` when there may be others waiting. */
    async planNotificationDeliveries({
      limit,
    }: {
      limit: number;
    }): Promise<{ planned: number; more: boolean }> {
      const em = deps.orm.em.fork();
      const at = now();
      const rows = await em.execute<NotificationDbRow[]>(
        `select ${NOTIFICATION_COLUMNS} from notification n
         where n.created_at >= ? and not exists (select 1 from notification_dispatch d where d.notification_id = n.id)
         order by n.id limit ?`,
        [new Date(at - config.lookbackMs), limit],
      );
      if (rows.length === 0) return { planned: 0, more: false };
      const cal = await calendarFor(em, new Date(at).getUTCFullYear(), config.officeHours);
      const hooks = new Map<string, string[]>();
      const hooksOf = async (agencyId: string | null): Promise<string[]> => {
        if (!agencyId || !channels.has('webhook')) return [];
        let ids = hooks.get(agencyId);
        if (!ids) {
          ids = (
            await em.execute<{ id: string }[]>(
              `select id from notification_webhook where agency_id = ? and active order by created_at, id`,
              [agencyId],
            )
          ).map((r) => r.id);
          hooks.set(agencyId, ids);
        }
        return ids;
      };
      // One pass often holds several notices for the same people (each step of a contact notifies its agency's
      // officers): their recipients and preferences are read once per pass, not once per notice.
      const recipients = new Map<string, Promise<PersonRow[]>>();
      const recipientsOf = (row: NotificationDbRow): Promise<PersonRow[]> => {
        if (channels.size === 0) return Promise.resolve([]);
        const key = recipientKey(row);
        let found = recipients.get(key);
        if (!found) recipients.set(key, (found = resolveRecipients(em, row)));
        return found;
      };
      const personsByRow: PersonRow[][] = [];
      for (const row of rows) personsByRow.push(await recipientsOf(row));
      const prefs = await preferencesOf(em, [...new Set(personsByRow.flat().map((p) => p.sub))]);
      for (const [i, row] of rows.entries()) {
        const notification = storedNotificationOf(row);
        const persons = personsByRow[i]!;
        const inserts: unknown[][] = [];
        for (const person of persons) {
          const pref = prefs.get(person.sub);
          const recipient = { sub: person.sub };
          for (const channel of channelsFor(notification.type, pref?.channels)) {
            if (channel === 'in_app' || !channels.has(channel)) continue;
            const notBefore = new Date(sendAt(cal, notification.type, notification.createdAt, channel));
            const row = (key: string, address: string | null) => [
              key,
              notification.id,
              channel,
              person.sub,
              address,
              pref?.locale ?? 'vi',
              address ? 'pending' : 'skipped',
              address ? null : 'no_address',
              notBefore,
              notBefore,
              new Date(at),
            ];
            if (channel === 'email')
              inserts.push(row(deliveryKey(channel, notification, recipient), person.email));
            else
              for (const hook of await hooksOf(person.agency_id))
                inserts.push(row(webhookDeliveryKey(notification.key, person.sub, hook), hook));
          }
        }
        // The notice's deliveries and its dispatch mark in one statement: both or neither, one round trip.
        const deliveries = inserts.length
          ? `with deliveries as (
               insert into notification_delivery (delivery_key, notification_id, channel, recipient_sub, address,
                 locale, status, attempts, last_error, not_before, ordered_at, created_at)
               values ${inserts.map(() => '(?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)').join(', ')}
               on conflict (delivery_key) do nothing)
             `
          : '';
        await em.execute(
          `${deliveries}insert into notification_dispatch (notification_id, deliveries, planned_at) values (?, ?, ?)
           on conflict (notification_id) do nothing`,
          [...inserts.flat(), notification.id, inserts.length, new Date(at)],
        );
      }
      return { planned: rows.length, more: rows.length === limit };
    },

    /**
     * Ids of deliveries due now (pending and past `not_before`, or claimed and abandoned), oldest first. A
     * webhook delivery is due only at the head of its subscriber's queue (by `ordered_at`, then id): one that
     * is failing holds back the later ones until it is delivered or dead.
     */
    async dueNotificationDeliveries({ limit }: { limit: number }): Promise<{ ids: number[] }> {
      const em = deps.orm.em.fork();
      const at = now();
      const rows = await em.execute<{ id: string | number }[]>(
        `select d.id from notification_delivery d
         where ((d.status = 'pending' and d.not_before <= ?) or (d.status = 'sending' and d.claimed_at < ?))
           and (d.channel <> 'webhook' or not exists (
             select 1 from notification_delivery e where e.channel = 'webhook' and e.address = d.address
               and e.status in ('pending', 'sending') and (e.ordered_at, e.id) < (d.ordered_at, d.id)))
         order by d.not_before, d.id limit ?`,
        [new Date(at), new Date(at - config.leaseMs), limit],
      );
      return { ids: rows.map((r) => Number(r.id)) };
    },

    /** Sends delivery `id` once; see the module comment. Never throws for a channel's failure. */
    async deliverNotification({ id }: { id: number }): Promise<DeliveryOutcome> {
      const em = deps.orm.em.fork();
      const at = now();
      const [claimed] = await em.execute<DeliveryDbRow[]>(
        `update notification_delivery set status = 'sending', attempts = attempts + 1, claimed_at = ?
         where id = ? and ((status = 'pending' and not_before <= ?) or (status = 'sending' and claimed_at < ?))
         returning id, delivery_key, notification_id, channel, recipient_sub, address, locale, status, attempts`,
        [new Date(at), id, new Date(at), new Date(at - config.leaseMs)],
      );
      if (!claimed) return { id, status: 'unchanged' };
      const channel = channels.get(claimed.channel as ChannelName);
      const [row] = await em.execute<NotificationDbRow[]>(
        `select ${NOTIFICATION_COLUMNS} from notification n where n.id = ?`,
        [claimed.notification_id],
      );
      let result: DeliveryResult;
      if (!channel)
        result = {
          status: 'failed',
          retryable: true,
          reason: `channel ${claimed.channel} is not configured`,
        };
      else if (!row)
        result = { status: 'failed', retryable: false, reason: 'the notification no longer exists' };
      else {
        const [person] = await em.execute<
          { name: string | null; agency_id: string | null; kind: string; email: string | null }[]
        >(
          `select m.name, m.agency_id, 'agency' as kind, m.email from membership m where m.sub = ?
           union all select j.full_name, null, 'journalist', j.email from journalist j where j.sub = ? limit 1`,
          [claimed.recipient_sub, claimed.recipient_sub],
        );
        const recipient: NotificationRecipient = {
          sub: claimed.recipient_sub,
          name: person?.name ?? undefined,
          locale: claimed.locale === 'en' ? 'en' : 'vi',
          email: claimed.channel === 'email' ? (claimed.address ?? undefined) : (person?.email ?? undefined),
          webhookId: claimed.channel === 'webhook' ? (claimed.address ?? undefined) : undefined,
          kind: person?.kind === 'journalist' ? 'journalist' : 'agency',
          agencyId: person?.agency_id ?? undefined,
        };
        try {
          result = await channel.deliver(storedNotificationOf(row), recipient);
        } catch (error) {
          result = {
            status: 'failed',
            retryable: true,
            reason: error instanceof Error ? error.message : String(error),
          };
        }
      }
      return record(em, claimed, result, now());
    },
  };

  async function record(
    em: Em,
    d: DeliveryDbRow,
    result: DeliveryResult,
    at: number,
  ): Promise<DeliveryOutcome> {
    const id = Number(d.id);
    switch (result.status) {
      case 'delivered':
        await em.execute(
          `update notification_delivery set status = 'delivered', delivered_at = ?, reference = ?, last_error = null
           where id = ?`,
          [new Date(result.at), result.reference ?? null, id],
        );
        return { id, status: 'delivered' };
      case 'skipped':
        await em.execute(`update notification_delivery set status = 'skipped', last_error = ? where id = ?`, [
          result.reason,
          id,
        ]);
        return { id, status: 'skipped' };
      case 'deferred':
        await em.execute(
          `update notification_delivery set status = 'pending', attempts = attempts - 1, not_before = ? where id = ?`,
          [new Date(result.until), id],
        );
        return { id, status: 'pending' };
      case 'failed': {
        const dead = !result.retryable || d.attempts >= config.maxAttempts;
        await em.execute(
          `update notification_delivery set status = ?, last_error = ?, not_before = ? where id = ?`,
          [
            dead ? 'dead' : 'pending',
            `${new Date(at).toISOString()} attempt ${d.attempts}: ${result.reason}`.slice(0, 2000),
            new Date(at + (dead ? 0 : config.backoffMs(d.attempts))),
            id,
          ],
        );
        return { id, status: dead ? 'dead' : 'pending' };
      }
    }
  }
}

async function preferencesOf(
  em: Em,
  subs: string[],
): Promise<Map<string, { locale: 'vi' | 'en'; channels: ChannelOverrides }>> {
  if (subs.length === 0) return new Map();
  const rows = await em.execute<{ sub: string; locale: string; channels: ChannelOverrides | string }[]>(
    `select sub, locale, channels from notification_preference where sub in (${subs.map(() => '?').join(', ')})`,
    subs,
  );
  return new Map(
    rows.map((r) => [
      r.sub,
      {
        locale: r.locale === 'en' ? 'en' : 'vi',
        channels: typeof r.channels === 'string' ? (JSON.parse(r.channels) as ChannelOverrides) : r.channels,
      },
    ]),
  );
}

export type NotificationDeliveryActivities = ReturnType<typeof createNotificationDeliveryActivities>;
