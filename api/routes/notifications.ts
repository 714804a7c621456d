/**
 * @module
 * The in-app notification channel (issue 11): a person's notifications, newest first, with their own read
 * state. `GET /notifications`, `POST /notifications/{id}/read`, `POST /notifications/read-all`. The same
 * notifications reach the person live over `GET /stream` (`event: notification`); whose they are is one rule
 * (`addressedTo` in `api/services/notifications.ts`, `receivesNotification` in `api/change-stream.ts`). A
 * notification that is not the caller's answers 404, as if it did not exist.
 *
 * Problem codes: `not_found` (404), `invalid_input` (400 for a malformed id, limit or cursor; 422 for a cursor
 * or body this API did not hand out).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { InvalidInputError, NotFoundError } from '../../domain/errors.ts';
import { NOTIFICATION_KINDS, NOTIFICATION_PAGE } from '../../domain/notifications/index.ts';
import { router } from '../context.ts';
import { requireActor } from '../middleware/auth.ts';
import { bearerSecurity, cursorParam, jsonResponse, problemResponses } from '../schemas.ts';
import { listNotifications, markAllRead, markRead, unreadCount } from '../services/notifications.ts';

/** A notification id as this API hands them out: a positive serial of at most 15 digits. */
const notificationId = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/, 'a notification id')
  .openapi({ example: '42' });

const NotificationSchema = z
  .object({
    id: notificationId,
    type: z.string().openapi({
      description: `What happened: ${NOTIFICATION_KINDS.map((k) => `\`${k}\``).join(', ')} (more may come).`,
    }),
    text: z.string().openapi({ description: 'Vietnamese, shown as is; widgets may label it by `type`.' }),
    contactId: z.string().nullable().openapi({ description: 'The contact; null for registry notices.' }),
    link: z
      .string()
      .nullable()
      .openapi({ description: 'Where a registry notice leads (`registry:<agency>`); null otherwise.' }),
    read: z.boolean().openapi({ description: 'Whether the caller has read it (read state is per person).' }),
    createdAt: z.string().openapi({ description: 'ISO 8601.' }),
  })
  .openapi('Notification');

const ReadAllSchema = z
  .object({
    upTo: notificationId.optional().openapi({
      description:
        'Mark only notifications up to this id (the newest the person has seen), so one arriving meanwhile stays unread.',
    }),
  })
  .strict()
  .openapi('ReadAllNotifications');

const cursorOf = (id: number) => Buffer.from(`n${id}`).toString('base64url');
function beforeOf(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const match = /^n([1-9][0-9]{0,14})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw InvalidInputError.because('The cursor is not one this API returned.');
  return Number(match[1]);
}

export const notificationRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/notifications',
      tags: ['Notifications'],
      summary: 'My notifications',
      description:
        'The caller’s notifications — addressed to them, to their agency in one of their roles, or to their ' +
        'province’s supervisors — newest first, in pages of `limit` (default ' +
        `${NOTIFICATION_PAGE.default}, at most ${NOTIFICATION_PAGE.max}); \`nextCursor\` continues. ` +
        '`unread=true` lists unread ones only. `unreadCount` counts all the caller’s unread notifications.',
      security: bearerSecurity,
      request: {
        query: z.object({
          limit: z.coerce.number().int().min(1).max(NOTIFICATION_PAGE.max).optional(),
          cursor: cursorParam,
          unread: z
            .enum(['true', 'false'])
            .optional()
            .openapi({ description: '`true`: unread notifications only.' }),
        }),
      },
      responses: {
        200: jsonResponse(
          'The notifications.',
          z.object({
            items: z.array(NotificationSchema),
            nextCursor: z.string().nullable(),
            unreadCount: z.number().int(),
          }),
        ),
        ...problemResponses(400, 401, 422),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { limit, cursor, unread } = c.req.valid('query');
      const page = await listNotifications(c.var.em, actor, {
        before: beforeOf(cursor),
        limit: limit ?? NOTIFICATION_PAGE.default,
        unreadOnly: unread === 'true',
      });
      return c.json(
        {
          items: page.items,
          nextCursor: page.next ? cursorOf(page.next) : null,
          unreadCount: page.unreadCount,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/notifications/read-all',
      tags: ['Notifications'],
      summary: 'Mark all my notifications read',
      description:
        'Marks every notification of the caller read, or those up to `upTo`. `marked` counts the ones marked ' +
        'now; `unreadCount` is what is left unread.',
      security: bearerSecurity,
      request: { body: { content: { 'application/json': { schema: ReadAllSchema } }, required: false } },
      responses: {
        200: jsonResponse(
          'Done.',
          z.object({ marked: z.number().int(), unreadCount: z.number().int() }).openapi('ReadAllResult'),
        ),
        ...problemResponses(400, 401, 422),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { upTo } = c.req.valid('json');
      const now = c.var.deps.now?.() ?? Date.now();
      const marked = await markAllRead(c.var.em, actor, {
        upTo: upTo === undefined ? undefined : Number(upTo),
        at: now,
      });
      return c.json({ marked, unreadCount: await unreadCount(c.var.em, actor) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/notifications/{id}/read',
      tags: ['Notifications'],
      summary: 'Mark a notification read',
      description:
        'Marks one of the caller’s notifications read and returns it; again, it changes nothing. A ' +
        'notification that is not the caller’s is a 404.',
      security: bearerSecurity,
      request: { params: z.object({ id: notificationId.openapi({ param: { name: 'id', in: 'path' } }) }) },
      responses: {
        200: jsonResponse('The notification, read.', NotificationSchema),
        ...problemResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const item = await markRead(c.var.em, actor, Number(id), c.var.deps.now?.() ?? Date.now());
      if (!item) throw NotFoundError.of('Notification', id);
      return c.json(item, 200);
    },
  );
