/**
 * @module
 * A person's notification preferences (issue 11): per type, the channels outside the app they want, and the
 * language of their e-mail. Stored as overrides of the defaults (`domain/notifications/preferences.ts`) in
 * `notification_preference`; read by the delivery planner (`activities/notification-delivery.activities.ts`).
 */
import type { Actor } from '../../domain/actor.ts';
import {
  mergePreferences,
  preferencesView,
  type ChannelName,
  type ChannelOverrides,
  type NotificationKind,
  type TypePreference,
} from '../../domain/notifications/index.ts';
import type { Em } from '../../db/orm.ts';

export interface NotificationPreferencesView {
  locale: 'vi' | 'en';
  /** Where e-mail reaches the person, as the registry knows it; null when it does not. */
  email: string | null;
  types: TypePreference[];
}

async function stored(
  em: Em,
  sub: string,
): Promise<{ locale: 'vi' | 'en'; channels: ChannelOverrides } | null> {
  const [row] = await em.execute<{ locale: string; channels: ChannelOverrides | string }[]>(
    `select locale, channels from notification_preference where sub = ?`,
    [sub],
  );
  if (!row) return null;
  return {
    locale: row.locale === 'en' ? 'en' : 'vi',
    channels:
      typeof row.channels === 'string' ? (JSON.parse(row.channels) as ChannelOverrides) : row.channels,
  };
}

async function emailOf(em: Em, sub: string): Promise<string | null> {
  const [row] = await em.execute<{ email: string | null }[]>(
    `select email from (select email from membership where sub = ? and email is not null
       union all select email from journalist where sub = ? and email is not null) e limit 1`,
    [sub, sub],
  );
  return row?.email ?? null;
}

export async function readPreferences(em: Em, actor: Actor): Promise<NotificationPreferencesView> {
  const prefs = await stored(em, actor.sub);
  return {
    locale: prefs?.locale ?? 'vi',
    email: await emailOf(em, actor.sub),
    types: preferencesView(prefs?.channels),
  };
}

export async function updatePreferences(
  em: Em,
  actor: Actor,
  update: {
    locale?: 'vi' | 'en' | undefined;
    types?: Partial<Record<NotificationKind, ChannelName[]>> | undefined;
  },
  at: number,
): Promise<NotificationPreferencesView> {
  await em.transactional(async (tx) => {
    const [row] = await tx.execute<{ locale: string; channels: ChannelOverrides | string }[]>(
      `select locale, channels from notification_preference where sub = ? for update`,
      [actor.sub],
    );
    const current = row
      ? typeof row.channels === 'string'
        ? (JSON.parse(row.channels) as ChannelOverrides)
        : row.channels
      : {};
    const channels = mergePreferences(current, update.types ?? {});
    const locale = update.locale ?? (row?.locale === 'en' ? 'en' : 'vi');
    await tx.execute(
      `insert into notification_preference (sub, locale, channels, updated_at) values (?, ?, ?::jsonb, ?)
       on conflict (sub) do update set locale = excluded.locale, channels = excluded.channels, updated_at = excluded.updated_at`,
      [actor.sub, locale, JSON.stringify(channels), new Date(at)],
    );
  });
  return readPreferences(em, actor);
}
