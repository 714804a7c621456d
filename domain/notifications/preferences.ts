/**
 * @module
 * Which channels a person wants, per notification type (issue 11). In-app is always on: the stored row is the
 * notification. E-mail and webhooks are chosen per type; a person who chose nothing gets the defaults:
 * e-mail for urgent types and for work that lands on their desk, webhooks off.
 *
 * Stored as overrides only (`notification_preference.channels`: type → channels), so a type added later gets
 * its default until the person decides.
 */
import type { ChannelName } from './channel.ts';
import { isUrgent, NOTIFICATION_KINDS, type NotificationKind } from './types.ts';

/** Channels a person may turn on or off (in-app is not one of them). */
export const OPTIONAL_CHANNELS = ['email', 'webhook'] as const satisfies readonly ChannelName[];
export type OptionalChannel = (typeof OPTIONAL_CHANNELS)[number];

/** Types that put work on the recipient's desk: sent by e-mail unless the person says otherwise. */
const EMAIL_BY_DEFAULT: ReadonlySet<NotificationKind> = new Set<NotificationKind>([
  'new_request',
  'new_appointment',
  'forwarded_in',
  'assigned',
  'answer_submitted',
  'deadline_warning',
  'overdue',
]);

/** The channels of `type` for someone who chose nothing. */
export function defaultChannels(type: string): ChannelName[] {
  return isUrgent(type) || EMAIL_BY_DEFAULT.has(type as NotificationKind) ? ['in_app', 'email'] : ['in_app'];
}

/** A person's stored choices: per type, the optional channels they want (in-app is implied). */
export type ChannelOverrides = Partial<Record<string, OptionalChannel[]>>;

/** The channels `type` goes to for a person with `overrides`, in-app first. */
export function channelsFor(type: string, overrides: ChannelOverrides | null | undefined): ChannelName[] {
  const chosen = overrides?.[type];
  if (chosen === undefined) return defaultChannels(type);
  return ['in_app', ...OPTIONAL_CHANNELS.filter((c) => chosen.includes(c))];
}

/** One line of the preferences screen. */
export interface TypePreference {
  type: NotificationKind;
  urgent: boolean;
  channels: ChannelName[];
  /** Whether these are the defaults (nothing chosen for this type). */
  isDefault: boolean;
}

/** Every type with the channels it goes to for this person, in the order of `NOTIFICATION_TYPES`. */
export function preferencesView(overrides: ChannelOverrides | null | undefined): TypePreference[] {
  return NOTIFICATION_KINDS.map((type) => ({
    type,
    urgent: isUrgent(type),
    channels: channelsFor(type, overrides),
    isDefault: overrides?.[type] === undefined,
  }));
}

/**
 * Merges a person's update into their stored overrides: for each type given, the channels they want (in-app
 * may be listed, and is ignored: it cannot be turned off). A type set back to exactly its defaults is forgotten,
 * so it follows future defaults.
 */
export function mergePreferences(
  stored: ChannelOverrides | null | undefined,
  update: Partial<Record<NotificationKind, readonly ChannelName[]>>,
): ChannelOverrides {
  const next: ChannelOverrides = { ...stored };
  for (const [type, channels] of Object.entries(update)) {
    if (!channels) continue;
    const optional = OPTIONAL_CHANNELS.filter((c) => channels.includes(c));
    const defaults = defaultChannels(type).filter((c): c is OptionalChannel => c !== 'in_app');
    const same = optional.length === defaults.length && optional.every((c) => defaults.includes(c));
    if (same) delete next[type];
    else next[type] = optional;
  }
  return next;
}
