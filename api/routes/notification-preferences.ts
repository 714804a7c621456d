/**
 * @module
 * Each person's notification channels (issue 11): `GET /me/notification-preferences` lists every notification
 * type with its urgency and the channels it reaches the caller by (in-app always; e-mail and webhooks as chosen,
 * else the defaults: e-mail for urgent types and new work); `PUT` changes some types and the language of
 * e-mails. Only the caller's own preferences: there is no id to name someone else's.
 *
 * Problem codes: 401 without a token (before the body is looked at), `invalid_input` (422) for an unknown type
 * or channel, or anything else in the body.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import {
  CHANNEL_NAMES,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from '../../domain/notifications/index.ts';
import { router, type AppEnv } from '../context.ts';
import { requireActor } from '../middleware/auth.ts';
import { bearerSecurity, jsonResponse, problemResponses } from '../schemas.ts';
import { readPreferences, updatePreferences } from '../services/notification-preferences.ts';

const Channel = z.enum(CHANNEL_NAMES).openapi({
  description: '`in_app` (always on), `email`, `webhook` (the agency’s subscribed gateways).',
});

const PreferencesSchema = z
  .object({
    locale: z.enum(['vi', 'en']).openapi({ description: 'The language of e-mails.' }),
    email: z
      .string()
      .nullable()
      .openapi({ description: 'Where e-mail reaches the caller, from the registry; null when unknown.' }),
    types: z.array(
      z.object({
        type: z.enum(NOTIFICATION_KINDS as [NotificationKind, ...NotificationKind[]]),
        urgent: z.boolean().openapi({ description: 'Sent at once, even outside office hours.' }),
        channels: z.array(Channel),
        isDefault: z.boolean().openapi({ description: 'Nothing chosen: the defaults apply.' }),
      }),
    ),
  })
  .openapi('NotificationPreferences');

const typeChannels = Object.fromEntries(
  NOTIFICATION_KINDS.map((k) => [k, z.array(Channel).max(CHANNEL_NAMES.length).optional()]),
) as Record<NotificationKind, z.ZodOptional<z.ZodArray<typeof Channel>>>;

const UpdateSchema = z
  .object({
    locale: z.enum(['vi', 'en']).optional(),
    types: z
      .object(typeChannels)
      .strict()
      .optional()
      .openapi({
        description:
          'Per type, the channels wanted (in_app may be listed and cannot be turned off); types left out keep ' +
          'their setting. A type set to exactly its defaults follows future defaults.',
        example: { message: ['in_app', 'email'], escalated: ['in_app', 'email', 'webhook'] },
      }),
  })
  .strict()
  .openapi('NotificationPreferencesUpdate');

/** Signed in before anything else: a caller without a token is told 401 whatever they sent. */
const signedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  requireActor(c);
  await next();
};

export const notificationPreferenceRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/me/notification-preferences',
      tags: ['Notifications'],
      summary: 'My notification channels',
      description:
        'Every notification type with its urgency and the channels it reaches the caller by; the e-mail ' +
        'address the registry has for them and the language of e-mails.',
      security: bearerSecurity,
      middleware: [signedIn] as const,
      responses: { 200: jsonResponse('The preferences.', PreferencesSchema), ...problemResponses(401) },
    }),
    async (c) => c.json(await readPreferences(c.var.em, requireActor(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/me/notification-preferences',
      tags: ['Notifications'],
      summary: 'Choose my notification channels',
      description:
        'Sets the channels of the types given (others keep theirs) and, optionally, the language of e-mails. ' +
        'Answers the preferences as `GET` does.',
      security: bearerSecurity,
      middleware: [signedIn] as const,
      request: { body: { content: { 'application/json': { schema: UpdateSchema } }, required: true } },
      responses: {
        200: jsonResponse('The preferences, changed.', PreferencesSchema),
        ...problemResponses(400, 401, 422),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const body = c.req.valid('json');
      const at = c.var.deps.now?.() ?? Date.now();
      return c.json(await updatePreferences(c.var.em, actor, body, at), 200);
    },
  );
