/**
 * @module
 * Delivering stored notifications to channels outside the app (issue 11): e-mail now, webhooks to come.
 *
 * - `notification_dispatch`: which notifications have been planned (recipients expanded, preferences and quiet
 *   hours applied). One row per notification, so planning twice plans nothing twice, and a notification
 *   committed late (serial ids are not commit order) is still found.
 * - `notification_delivery`: one row per notification, person and channel, unique by `deliveryKey`
 *   (`domain/notifications/channel.ts`): the send of that key happens at most once. Status `pending` (waiting
 *   for `not_before`), `sending` (claimed by an activity), `delivered`, `skipped` (no address), `dead` (gave
 *   up after the last attempt; listed for operators), with attempts and the last error.
 * - `notification_preference`: a person's chosen channels per type (overrides of the defaults) and language.
 */
import { defineEntity, p } from '@mikro-orm/core';

export const NotificationDispatch = defineEntity({
  name: 'NotificationDispatch',
  tableName: 'notification_dispatch',
  properties: {
    /** `notification.id`. */
    notificationId: p.bigint('number').primary().autoincrement(false),
    /** How many deliveries planning created (0: nobody to reach outside the app). */
    deliveries: p.integer(),
    plannedAt: p.datetime(),
  },
});

export const NotificationDelivery = defineEntity({
  name: 'NotificationDelivery',
  tableName: 'notification_delivery',
  indexes: [{ properties: ['status', 'notBefore'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    /** `deliveryKey(channel, notification, recipient)`: never sent twice. */
    deliveryKey: p.string().length(400).unique(),
    notificationId: p.bigint('number').index(),
    channel: p.string().length(20),
    recipientSub: p.string().length(200).index(),
    /** Where it goes: an e-mail address, a webhook subscription id. */
    address: p.string().length(300).nullable(),
    locale: p.string().length(2),
    status: p.string().length(20),
    attempts: p.integer(),
    lastError: p.text().nullable(),
    /**
     * When it was first due (quiet hours applied), never moved by a backoff: a webhook subscriber receives its
     * deliveries in this order, a failing one holding back the later ones until it is delivered or dead.
     */
    orderedAt: p.datetime().nullable(),
    /** Not sent before this instant (quiet hours, or the backoff after a failure). */
    notBefore: p.datetime(),
    /** When an activity claimed it (a claim older than the lease is taken again). */
    claimedAt: p.datetime().nullable(),
    /** The channel's own id of the send (the SMTP Message-ID). */
    reference: p.string().length(300).nullable(),
    createdAt: p.datetime(),
    deliveredAt: p.datetime().nullable(),
  },
});

export const NotificationPreference = defineEntity({
  name: 'NotificationPreference',
  tableName: 'notification_preference',
  properties: {
    /** The person's identity-provider subject. */
    sub: p.string().length(200).primary(),
    /** The language of e-mails: `vi` or `en`. */
    locale: p.string().length(2),
    /** Per notification type, the optional channels chosen (`ChannelOverrides`); types absent take defaults. */
    channels: p.json(),
    updatedAt: p.datetime(),
  },
});

/**
 * An agency's outgoing webhook for notifications (issue 11): an IOffice, a Zalo OA relay or an SMS gateway.
 * Deliveries to it are signed like the spokesperson change feed (`X-PL-Signature`), retried, and sent in order;
 * the ones given up are its dead letters. `kind` picks the body: `generic` (this product's JSON) or `zalo_oa`
 * (Zalo OA's message JSON, for the person's Zalo user id in `recipientIds`).
 */
export const NotificationWebhook = defineEntity({
  name: 'NotificationWebhook',
  tableName: 'notification_webhook',
  properties: {
    id: p.string().length(40).primary(),
    agencyId: p.string().length(64).index(),
    kind: p.string().length(20),
    url: p.string().length(1000),
    secret: p.string().length(100),
    /** Per person (`sub`), their id at the receiver (a Zalo user id, a phone number); optional for `generic`. */
    recipientIds: p.json().nullable(),
    description: p.string().length(200).nullable(),
    active: p.boolean(),
    lastError: p.text().nullable(),
    createdBy: p.string().length(200),
    createdAt: p.datetime(),
  },
});
