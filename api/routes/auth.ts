/**
 * @module
 * Development sign-in (`AUTH_MODE=dev` only): mint a token for any user and role, and list the demo users.
 * In `jwt` mode these routes do not exist (404), so production never mints tokens.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { identifier, plainText } from '../../domain/text/policy.ts';
import { ROLES } from '../../domain/vocabulary.ts';
import { DEMO_USERS } from '../../db/seeders/demo-data.ts';
import { router } from '../context.ts';
import { problemResponses } from '../schemas.ts';

const DevTokenRequest = z
  .object({
    sub: identifier(200),
    roles: z.array(z.enum(ROLES)).min(1).max(6),
    agencyId: identifier(64).optional(),
    name: plainText({ max: 200 }).optional(),
  })
  .strict()
  .openapi('DevTokenRequest');

const devToken = createRoute({
  method: 'post',
  path: '/auth/dev-token',
  tags: ['Auth'],
  summary: 'Mint a development token (AUTH_MODE=dev only)',
  request: { body: { content: { 'application/json': { schema: DevTokenRequest } }, required: true } },
  responses: {
    200: {
      description: 'A signed token.',
      content: { 'application/json': { schema: z.object({ token: z.string(), expiresAt: z.number() }) } },
    },
    ...problemResponses(404, 422),
  },
});

const demoUsers = createRoute({
  method: 'get',
  path: '/demo/users',
  tags: ['Auth'],
  summary: 'The demo users (AUTH_MODE=dev only)',
  responses: {
    200: {
      description: 'Demo users of every role.',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(
              z.object({
                sub: z.string(),
                name: z.string(),
                roles: z.array(z.enum(ROLES)),
                agencyId: z.string().nullable(),
                title: z.string(),
                description: z.string(),
              }),
            ),
          }),
        },
      },
    },
    ...problemResponses(404),
  },
});

export const devAuthRoutes = router()
  .openapi(devToken, async (c) => {
    const issuer = c.var.deps.devIssuer!;
    const body = c.req.valid('json');
    return c.json(
      await issuer.mint({
        sub: body.sub,
        roles: body.roles,
        agencyId: body.agencyId,
        name: body.name ?? body.sub,
      }),
      200,
    );
  })
  .openapi(demoUsers, (c) => c.json({ items: DEMO_USERS }, 200));
