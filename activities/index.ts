/**
 * @module
 * `createActivities(deps)`: every activity the worker registers, built from injected dependencies
 * (the samples' factory pattern). Workflows import `ContactActivities` as a type only.
 */
import type { Orm } from '../db/orm.ts';
import type { OutboundPolicy } from './outbound/safe-fetch.ts';
import { createCalendarActivities } from './calendar.activities.ts';
import { createContactActivities } from './contact.activities.ts';
import { createLetterActivities } from './letter.activities.ts';
import {
  createNotificationDeliveryActivities,
  type NotificationDeliveryConfig,
} from './notification-delivery.activities.ts';
import { createRegistryActivities } from './registry.activities.ts';
import { createSupervisionJobActivities } from './supervision-jobs.activities.ts';
import { createWebhookActivities } from './webhook.activities.ts';

export interface ActivityDeps {
  orm: Orm;
  now?: () => number;
  /** Allow-list and resolver for HTTP to user-supplied URLs (webhooks); default: public addresses only. */
  outbound?: OutboundPolicy;
  /** Channels and timing for notifications sent outside the app (issue 11); absent: in-app only. */
  notifications?: NotificationDeliveryConfig | undefined;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createContactActivities(deps),
    ...createWebhookActivities(deps),
    ...createRegistryActivities(deps),
    ...createLetterActivities(deps),
    ...createSupervisionJobActivities(deps),
    ...createCalendarActivities(deps),
    ...createNotificationDeliveryActivities(deps),
  };
}

export type ContactActivities = ReturnType<typeof createActivities>;
export type WebhookActivities = ReturnType<typeof createWebhookActivities>;
export type RegistryActivities = ReturnType<typeof createRegistryActivities>;
