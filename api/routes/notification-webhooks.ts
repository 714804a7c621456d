/**
 * @module
 * Agencies' outgoing webhooks for notifications (issue 11): an IOffice, a Zalo OA relay or an SMS gateway that
 * receives the notifications of the agency's people who chose the webhook channel. Managed by administrators of
 * the agency's province (or central ones): subscribe (`POST`, the signing secret shown once), list with delivery
 * counts, unsubscribe, and the dead letters — deliveries given up after the last attempt — which can be sent
 * again.
 *
 * Deliveries are signed like the spokesperson change feed (`X-PL-Signature`), retried with backoff, in order per
 * subscription (`activities/notification-delivery.activities.ts`). The URL must pass the outbound policy
 * (public addresses, or `OUTBOUND_ALLOW_HOSTS`), judged here and again before every delivery.
 */
import { randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { Agency, NotificationWebhook } from '../../db/entities/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import { unsafeWebhookUrlError } from '../../domain/net/refusal-messages.ts';
import { judgeOutboundUrl } from '../../domain/net/outbound-url.ts';
import { WEBHOOK_KINDS } from '../../domain/notifications/index.ts';
import { administers } from '../../domain/registry/permissions.ts';
import { identifier, plainText } from '../../domain/text/policy.ts';
import type { Em } from '../../db/orm.ts';
import { router } from '../context.ts';
import { allowRoles, requireActor } from '../middleware/auth.ts';
import { bearerSecurity, jsonResponse, problemResponses } from '../schemas.ts';

const WebhookSchema = z
  .object({
    id: z.string(),
    agencyId: z.string(),
    kind: z.enum(WEBHOOK_KINDS),
    url: z.string(),
    description: z.string().nullable(),
    recipientIds: z.record(z.string(), z.string()),
    active: z.boolean(),
    lastError: z.string().nullable(),
    deliveries: z.object({ pending: z.number().int(), delivered: z.number().int(), dead: z.number().int() }),
  })
  .openapi('NotificationWebhook');

const DeadLetterSchema = z
  .object({
    deliveryId: z.string(),
    notificationId: z.string(),
    type: z.string(),
    contactId: z.string().nullable(),
    recipientSub: z.string(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('NotificationDeadLetter');

const agencyParam = z.object({
  agencyId: identifier(64).openapi({ param: { name: 'agencyId', in: 'path' } }),
});
const webhookParam = z.object({ id: identifier(40).openapi({ param: { name: 'id', in: 'path' } }) });

async function administeredAgency(em: Em, actor: Actor, agencyId: string) {
  const agency = await em.findOne(Agency, { id: agencyId });
  if (!agency) throw NotFoundError.of('Agency', agencyId);
  if (!administers(actor, { id: agency.id, provinceId: agency.provinceId ?? null }))
    throw ForbiddenError.because(
      'outside_your_province',
      'Only administrators of the agency’s province manage its webhooks.',
    );
  return agency;
}

async function administeredWebhook(em: Em, actor: Actor, id: string) {
  const hook = await em.findOne(NotificationWebhook, { id });
  if (!hook) throw NotFoundError.of('Notification webhook', id);
  const agency = await em.findOne(Agency, { id: hook.agencyId });
  // Another province's webhook is a 404, as if it did not exist.
  if (!agency || !administers(actor, { id: agency.id, provinceId: agency.provinceId ?? null }))
    throw NotFoundError.of('Notification webhook', id);
  return hook;
}

async function viewOf(
  em: Em,
  hooks: {
    id: string;
    agencyId: string;
    kind: string;
    url: string;
    description?: string | null;
    recipientIds?: unknown;
    active: boolean;
    lastError?: string | null;
  }[],
) {
  const counts = new Map<string, { pending: number; delivered: number; dead: number }>();
  if (hooks.length > 0) {
    const rows = await em.execute<{ address: string; status: string; n: number }[]>(
      `select address, status, count(*)::int as n from notification_delivery where channel = 'webhook'
       and address in (${hooks.map(() => '?').join(', ')}) group by address, status`,
      hooks.map((h) => h.id),
    );
    for (const r of rows) {
      const c = counts.get(r.address) ?? { pending: 0, delivered: 0, dead: 0 };
      if (r.status === 'pending' || r.status === 'sending') c.pending += Number(r.n);
      else if (r.status === 'delivered') c.delivered += Number(r.n);
      else if (r.status === 'dead') c.dead += Number(r.n);
      counts.set(r.address, c);
    }
  }
  return hooks.map((h) => ({
    id: h.id,
    agencyId: h.agencyId,
    kind: h.kind as (typeof WEBHOOK_KINDS)[number],
    url: h.url,
    description: h.description ?? null,
    recipientIds: (h.recipientIds ?? {}) as Record<string, string>,
    active: h.active,
    lastError: h.lastError ?? null,
    deliveries: counts.get(h.id) ?? { pending: 0, delivered: 0, dead: 0 },
  }));
}

export const notificationWebhookRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/agencies/{agencyId}/notification-webhooks',
      tags: ['Notifications'],
      summary: 'Subscribe a receiver to an agency’s notifications',
      description:
        'The agency’s people who chose the `webhook` channel get their notifications POSTed here, signed with ' +
        '`X-PL-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>` (the secret is shown only now), ' +
        'with `X-PL-Delivery-Key` to drop repeats, retried with backoff and in order. `kind`: `generic` (this ' +
        'API’s JSON) or `zalo_oa` (Zalo OA’s `message/cs` body, for persons listed in `recipientIds` with their ' +
        'Zalo user id). The URL must be at a public address (422 `unsafe_webhook_url` otherwise).',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      request: {
        params: agencyParam,
        body: {
          content: {
            'application/json': {
              schema: z
                .object({
                  url: plainText({ max: 1000 }).pipe(z.url({ protocol: /^https?$/ })),
                  kind: z.enum(WEBHOOK_KINDS).default('generic'),
                  description: plainText({ max: 200 }).optional(),
                  recipientIds: z.record(identifier(200), identifier(200)).optional(),
                })
                .strict(),
            },
          },
          required: true,
        },
      },
      responses: {
        201: jsonResponse('Subscribed.', WebhookSchema.extend({ secret: z.string() })),
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { agencyId } = c.req.valid('param');
      await administeredAgency(c.var.em, actor, agencyId);
      const body = c.req.valid('json');
      const target = judgeOutboundUrl(body.url, c.var.deps.outboundAllowHosts);
      if (!target.allowed) throw unsafeWebhookUrlError(target.reason, target.host);
      const hook = c.var.em.create(NotificationWebhook, {
        id: `nwh-${randomBytes(6).toString('hex')}`,
        agencyId,
        kind: body.kind,
        url: target.url.href,
        secret: randomBytes(24).toString('base64url'),
        recipientIds: body.recipientIds ?? {},
        description: body.description ?? null,
        active: true,
        lastError: null,
        createdBy: actor.sub,
        createdAt: new Date(),
      });
      await c.var.em.flush();
      const [view] = await viewOf(c.var.em, [hook]);
      return c.json({ ...view!, secret: hook.secret }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/agencies/{agencyId}/notification-webhooks',
      tags: ['Notifications'],
      summary: 'An agency’s notification webhooks, with delivery counts',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      request: { params: agencyParam },
      responses: {
        200: jsonResponse('The webhooks.', z.object({ items: z.array(WebhookSchema) })),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { agencyId } = c.req.valid('param');
      await administeredAgency(c.var.em, actor, agencyId);
      const hooks = await c.var.em.find(NotificationWebhook, { agencyId }, { orderBy: { createdAt: 'asc' } });
      return c.json({ items: await viewOf(c.var.em, hooks) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/notification-webhooks/{id}',
      tags: ['Notifications'],
      summary: 'Unsubscribe a notification webhook',
      description: 'Nothing more is sent to it; deliveries still waiting are skipped.',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      request: { params: webhookParam },
      responses: { 204: { description: 'Unsubscribed.' }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const hook = await administeredWebhook(c.var.em, requireActor(c), c.req.valid('param').id);
      hook.active = false;
      await c.var.em.flush();
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/notification-webhooks/{id}/dead-letters',
      tags: ['Notifications'],
      summary: 'Deliveries given up',
      description:
        'Notifications this webhook did not accept after the last attempt (or refused for good), newest first, ' +
        'with the last error. `POST …/dead-letters/{deliveryId}/retry` sends one again.',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      request: { params: webhookParam },
      responses: {
        200: jsonResponse('The dead letters.', z.object({ items: z.array(DeadLetterSchema) })),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const hook = await administeredWebhook(c.var.em, requireActor(c), c.req.valid('param').id);
      const rows = await c.var.em.execute<
        {
          id: string | number;
          notification_id: string | number;
          type: string;
          contact_id: string | null;
          recipient_sub: string;
          attempts: number;
          last_error: string | null;
          created_at: Date | string;
        }[]
      >(
        `select d.id, d.notification_id, n.type, n.contact_id, d.recipient_sub, d.attempts, d.last_error, d.created_at
         from notification_delivery d join notification n on n.id = d.notification_id
         where d.channel = 'webhook' and d.address = ? and d.status = 'dead' order by d.id desc limit 200`,
        [hook.id],
      );
      return c.json(
        {
          items: rows.map((r) => ({
            deliveryId: String(r.id),
            notificationId: String(r.notification_id),
            type: r.type,
            contactId: r.contact_id,
            recipientSub: r.recipient_sub,
            attempts: Number(r.attempts),
            lastError: r.last_error,
            createdAt: new Date(r.created_at).toISOString(),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/notification-webhooks/{id}/dead-letters/{deliveryId}/retry',
      tags: ['Notifications'],
      summary: 'Send a dead letter again',
      description: 'Puts the delivery back at the end of the webhook’s queue, with its attempts reset.',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      request: {
        params: webhookParam.extend({
          deliveryId: z
            .string()
            .regex(/^[1-9][0-9]{0,14}$/)
            .openapi({ param: { name: 'deliveryId', in: 'path' } }),
        }),
      },
      responses: { 202: { description: 'Queued again.' }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id, deliveryId } = c.req.valid('param');
      const hook = await administeredWebhook(c.var.em, requireActor(c), id);
      const now = new Date(c.var.deps.now?.() ?? Date.now());
      const rows = await c.var.em.execute<{ id: string }[]>(
        `update notification_delivery set status = 'pending', attempts = 0, not_before = ?, ordered_at = ?, last_error = null
         where id = ? and channel = 'webhook' and address = ? and status = 'dead' returning id`,
        [now, now, Number(deliveryId), hook.id],
      );
      if (rows.length === 0) throw NotFoundError.of('Dead letter', deliveryId);
      return c.body(null, 202);
    },
  );
