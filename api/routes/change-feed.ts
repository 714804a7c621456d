/**
 * @module
 * The spokesperson change feed for higher levels (ultimately the Ministry): every create, update and end
 * of term in order, cursor-paginated; and webhook subscriptions that receive the same changes.
 */
import { randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../../domain/errors.ts';
import {
  changeFeedScope,
  isCentralAdmin,
  mayReadChangeFeed,
  NO_PROVINCE,
} from '../../domain/registry/permissions.ts';
import { judgeOutboundUrl } from '../../domain/net/outbound-url.ts';
import { unsafeWebhookUrlError } from '../../domain/net/refusal-messages.ts';
import { identifier, plainText } from '../../domain/text/policy.ts';
import { WebhookSubscription } from '../../db/entities/index.ts';
import { readChanges } from '../../db/repositories/spokesperson-changes.ts';
import { router } from '../context.ts';
import { requireActor } from '../middleware/auth.ts';
import { bearerSecurity, cursorParam, idParam, problemResponses } from '../schemas.ts';

const Change = z
  .object({
    id: z.number().int(),
    changeType: z.enum(['created', 'updated', 'term_ended']),
    spokespersonId: z.string(),
    agencyId: z.string(),
    provinceId: z.string().nullable(),
    version: z.number().int(),
    at: z.string(),
    snapshot: z.unknown().openapi({ description: 'The spokesperson after the change.' }),
  })
  .openapi('SpokespersonChange');

const cursorOf = (id: number) => Buffer.from(`c${id}`).toString('base64url');
function idOf(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^c(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw InvalidInputError.because('The cursor is not one this API returned.');
  return Number(match[1]);
}

const Subscription = z
  .object({
    id: z.string(),
    url: z.string(),
    provinceId: z.string().nullable(),
    deliveredUpTo: z.number(),
    lastError: z.string().nullable(),
    active: z.boolean(),
  })
  .openapi('WebhookSubscription');

function requireFeedReader(actor: ReturnType<typeof requireActor>) {
  if (!mayReadChangeFeed(actor))
    throw ForbiddenError.because(
      'role_required',
      'The change feed is for administrators and press supervisors.',
    );
}

export const changeFeedRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/spokespersons/changes',
      tags: ['Change feed'],
      summary: 'Spokesperson changes since a cursor, in order',
      description:
        'Start without `since`; keep the returned `nextCursor` and ask again. A cursor never skips or repeats a change.',
      security: bearerSecurity,
      request: {
        query: z.object({
          since: cursorParam,
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
      },
      responses: {
        200: {
          description: 'A page of changes',
          content: {
            'application/json': {
              schema: z.object({ items: z.array(Change), nextCursor: z.string(), hasMore: z.boolean() }),
            },
          },
        },
        ...problemResponses(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      requireFeedReader(actor);
      const { since, limit } = c.req.valid('query');
      const after = idOf(since);
      const changes = await readChanges(c.var.em, after, limit + 1, changeFeedScope(actor));
      const page = changes.slice(0, limit);
      return c.json(
        { items: page, nextCursor: cursorOf(page.at(-1)?.id ?? after), hasMore: changes.length > limit },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/webhooks',
      tags: ['Change feed'],
      summary: 'Subscribe a URL to the change feed',
      description:
        'Each change is POSTed as JSON, in order, with `X-PL-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>` and `X-PL-Change-Id`. A receiver that is down gets every change once it is back. The secret is shown only here. The receiver must be at a public address: loopback, private, link-local, metadata and other special-purpose addresses, internal names (`localhost`, `*.internal`, single-label names) and URLs with credentials are refused with 422 `unsafe_webhook_url`; where the name points is checked again before every delivery.',
      security: bearerSecurity,
      request: {
        body: {
          content: {
            'application/json': {
              schema: z
                .object({
                  url: plainText({ max: 1000 })
                    .pipe(z.url({ protocol: /^https?$/ }))
                    .openapi({
                      format: 'uri',
                      maxLength: 1000,
                      example: 'https://hooks.example.gov.vn/press-liaison',
                    }),
                  provinceId: identifier(64).nullable().default(null),
                })
                .strict(),
            },
          },
          required: true,
        },
      },
      responses: {
        201: {
          description: 'Subscribed',
          content: { 'application/json': { schema: Subscription.extend({ secret: z.string() }) } },
        },
        ...problemResponses(401, 403, 422, 503),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      requireFeedReader(actor);
      const { url: given, provinceId } = c.req.valid('json');
      // The same scope as reading the feed: a subscription without province is for central administrators
      // only (a null scope delivers every province).
      const own = changeFeedScope(actor);
      if (own === NO_PROVINCE || (own !== undefined && provinceId !== null && provinceId !== own)) {
        throw ForbiddenError.because(
          'outside_your_province',
          'You may subscribe only to your own province’s changes.',
        );
      }
      const scope = own ?? provinceId;
      const target = judgeOutboundUrl(given, c.var.deps.outboundAllowHosts);
      if (!target.allowed) throw unsafeWebhookUrlError(target.reason, target.host);
      // Stored as parsed: the spelling judged here is the one delivery judges again.
      const url = target.url.href;
      if (url.length > 1000)
        throw InvalidInputError.because('URL quá dài (tối đa 1000 ký tự). / The URL is too long.', [
          { path: 'url', message: 'URL quá dài (tối đa 1000 ký tự).', messageEn: 'at most 1000 characters' },
        ]);
      const sub = c.var.em.create(WebhookSubscription, {
        id: `wh-${randomBytes(6).toString('hex')}`,
        url,
        secret: randomBytes(24).toString('base64url'),
        ownerSub: actor.sub,
        provinceId: scope,
        createdAt: new Date(),
      });
      await c.var.em.flush();
      try {
        await c.var.deps.webhooks?.start(sub.id);
      } catch (error) {
        // Without its delivery workflow the subscription would stay active and never deliver, and the caller
        // never saw its secret: take it back, so a retry (503 asks for one) starts from nothing.
        c.var.em.remove(sub);
        await c.var.em.flush();
        throw error;
      }
      const { id, secret } = sub;
      return c.json(
        { id, url, secret, provinceId: scope, deliveredUpTo: 0, lastError: null, active: true },
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/webhooks',
      tags: ['Change feed'],
      summary: 'My webhook subscriptions and their delivery state',
      security: bearerSecurity,
      responses: {
        200: {
          description: 'Subscriptions',
          content: { 'application/json': { schema: z.object({ items: z.array(Subscription) }) } },
        },
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      requireFeedReader(actor);
      const subs = await c.var.em.find(
        WebhookSubscription,
        isCentralAdmin(actor) ? {} : { ownerSub: actor.sub },
        { orderBy: { createdAt: 'asc' } },
      );
      return c.json(
        {
          items: subs.map((s) => ({
            id: s.id,
            url: s.url,
            provinceId: s.provinceId ?? null,
            deliveredUpTo: Number(s.deliveredUpTo),
            lastError: s.lastError ?? null,
            active: s.active,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/webhooks/{id}',
      tags: ['Change feed'],
      summary: 'Unsubscribe',
      security: bearerSecurity,
      request: {
        params: idParam,
      },
      responses: { 204: { description: 'Unsubscribed' }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const actor = requireActor(c);
      requireFeedReader(actor);
      const sub = await c.var.em.findOne(WebhookSubscription, { id: c.req.valid('param').id });
      if (!sub || (sub.ownerSub !== actor.sub && !isCentralAdmin(actor)))
        throw NotFoundError.of('Webhook', c.req.valid('param').id);
      sub.active = false;
      await c.var.em.flush();
      await c.var.deps.webhooks?.stop(sub.id);
      return c.body(null, 204);
    },
  );
