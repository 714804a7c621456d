/**
 * @module
 * Press-card verifications as an append-only history (issue 6, defect 10). Supervisors and administrators
 * record a verification of a journalist of their province (central administrators: any journalist); each one
 * is a new record scoped to the verifier's province, so a supervisor of province A adds A's finding next to
 * province B's and can never replace it. The current verification is the latest record. `PUT
 * /journalists/{id}/verification` is kept for existing callers and appends the same way.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import { JOURNALIST_VERIFIERS, journalistScope } from '../../domain/registry/permissions.ts';
import {
  VERIFICATION_METHODS,
  VERIFICATION_RESULTS,
  verificationProvince,
  type VerificationRecord,
} from '../../domain/registry/verification.ts';
import { longText, plainText } from '../../domain/text/policy.ts';
import { Journalist, JournalistVerification } from '../../db/entities/index.ts';
import { isJournalistInScope, verificationHistory } from '../../db/repositories/journalists.ts';
import { router, type AppEnv } from '../context.ts';
import { allowRoles, requireRole } from '../middleware/auth.ts';
import { bearerSecurity, idParam, itemsOf, jsonBody, jsonResponse, problemResponses } from '../schemas.ts';

export const VerificationSchema = z
  .object({
    id: z.number().int(),
    journalistId: z.string(),
    result: z.enum(VERIFICATION_RESULTS),
    method: z.enum(VERIFICATION_METHODS),
    documentUrl: z.string().nullable(),
    note: z.string().nullable(),
    provinceId: z.string().nullable().openapi({
      description: 'The province it was made for; null: a central administrator, or before 2026-12.',
    }),
    agencyId: z.string().nullable(),
    verifiedBy: z.string(),
    verifiedByName: z.string(),
    verifiedAt: z.string().openapi({ description: 'ISO 8601.' }),
  })
  .openapi('JournalistVerification');

const NewVerificationSchema = z
  .object({
    method: z.enum(VERIFICATION_METHODS),
    result: z.enum(VERIFICATION_RESULTS).default('verified'),
    // The text policy first: `z.url()` alone would accept (and silently drop) tabs and line breaks.
    documentUrl: plainText({ max: 1000 })
      .pipe(z.url({ protocol: /^https?$/ }))
      .nullable()
      .default(null),
    note: longText({ min: 0, max: 1000 }).nullable().default(null),
  })
  .strict()
  .openapi('NewJournalistVerification');

const view = (r: VerificationRecord) => ({ ...r, verifiedAt: new Date(r.verifiedAt).toISOString() });

/** The journalist, if it exists and the verifier may see it; 404 first, then 403. */
async function journalistInScope(c: Context<AppEnv>, id: string) {
  const actor = requireRole(c, JOURNALIST_VERIFIERS);
  if (!(await c.var.em.findOne(Journalist, { id }))) throw NotFoundError.of('Journalist', id);
  if (!(await isJournalistInScope(c.var.em, journalistScope(actor), id)))
    throw ForbiddenError.because(
      'outside_your_province',
      'That journalist is not one of your province’s: verify only journalists registered or in contact with it.',
    );
  return actor;
}

const recordRequest = {
  description:
    'Supervisors and administrators, for journalists of their province (central administrators: any). ' +
    'Every call adds a record scoped to the caller’s province; earlier records, of any province, stay.',
  security: bearerSecurity,
  request: { params: idParam, body: jsonBody(NewVerificationSchema) },
};
const post = createRoute({
  method: 'post',
  path: '/journalists/{id}/verifications',
  tags: ['Registry'],
  summary: 'Record a press-card verification (appended to the history)',
  ...recordRequest,
  middleware: [allowRoles(...JOURNALIST_VERIFIERS)] as const,
  responses: {
    201: jsonResponse('The record as stored', VerificationSchema),
    ...problemResponses(401, 403, 404, 422),
  },
});
const put = createRoute({
  method: 'put',
  path: '/journalists/{id}/verification',
  tags: ['Registry'],
  summary: 'Record a press-card verification (old name of POST …/verifications; appends the same way)',
  deprecated: true,
  ...recordRequest,
  middleware: [allowRoles(...JOURNALIST_VERIFIERS)] as const,
  responses: {
    200: jsonResponse('The record as stored', VerificationSchema),
    ...problemResponses(401, 403, 404, 422),
  },
});

async function record(c: Context<AppEnv>, id: string, body: z.infer<typeof NewVerificationSchema>) {
  const actor = await journalistInScope(c, id);
  const row = c.var.em.create(JournalistVerification, {
    journalistId: id,
    ...body,
    provinceId: verificationProvince(actor),
    agencyId: actor.agencyId ?? null,
    verifiedBy: actor.sub,
    verifiedByName: actor.name,
    verifiedAt: new Date(c.var.deps.now?.() ?? Date.now()),
  });
  await c.var.em.flush();
  return view({
    id: row.id,
    journalistId: id,
    ...body,
    provinceId: row.provinceId ?? null,
    agencyId: row.agencyId ?? null,
    verifiedBy: row.verifiedBy,
    verifiedByName: row.verifiedByName,
    verifiedAt: row.verifiedAt.getTime(),
  });
}

export const journalistVerificationRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/journalists/{id}/verifications',
      tags: ['Registry'],
      summary: "A journalist's press-card verifications, oldest first, and the current one",
      security: bearerSecurity,
      middleware: [allowRoles(...JOURNALIST_VERIFIERS)] as const,
      request: { params: idParam },
      responses: {
        200: jsonResponse(
          'The history',
          itemsOf(VerificationSchema).extend({ current: VerificationSchema.nullable() }),
        ),
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await journalistInScope(c, id);
      const { history, current } = await verificationHistory(c.var.em, id);
      return c.json({ items: history.map(view), current: current && view(current) }, 200);
    },
  )
  .openapi(post, async (c) => c.json(await record(c, c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(put, async (c) => c.json(await record(c, c.req.valid('param').id, c.req.valid('json')), 200));
