/**
 * @module
 * Agency history routes: rename, move or reclassify with an effective localDateSchema, merge into another agency, read
 * the history, and see an agency as it was on a given day.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { identifier, plainText } from '../../domain/text/policy.ts';
import { ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import { administers } from '../../domain/registry/permissions.ts';
import { AGENCY_KINDS } from '../../domain/vocabulary.ts';
import { Agency } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';
import { agencyAsOf, agencyHistory, changeAgency } from '../../db/repositories/agencies.ts';
import type { Actor } from '../../domain/actor.ts';
import { router } from '../context.ts';
import { allowRoles, requireActor } from '../middleware/auth.ts';
import {
  bearerSecurity,
  idParam,
  jsonBody,
  jsonResponse,
  localDateSchema,
  problemResponses,
} from '../schemas.ts';

const Version = z
  .object({
    validFrom: z.string(),
    validTo: z.string().nullable(),
    name: z.string(),
    nameEn: z.string().nullable(),
    kind: z.string(),
    level: z.string(),
    parentId: z.string().nullable(),
    provinceId: z.string().nullable(),
    reason: z.string(),
    mergedIntoId: z.string().nullable(),
  })
  .openapi('AgencyVersion');
function versionView(v: Awaited<ReturnType<typeof agencyHistory>>[number]) {
  return {
    validFrom: v.validFrom,
    validTo: v.validTo ?? null,
    name: v.name,
    nameEn: v.nameEn ?? null,
    kind: v.kind,
    level: v.level,
    parentId: v.parentId ?? null,
    provinceId: v.provinceId ?? null,
    reason: v.reason,
    mergedIntoId: v.mergedIntoId ?? null,
  };
}

async function administered(em: Em, actor: Actor, id: string) {
  const agency = await em.findOne(Agency, { id });
  if (!agency) throw NotFoundError.of('Agency', id);
  if (!administers(actor, { id, provinceId: agency.provinceId ?? null })) {
    throw ForbiddenError.because(
      'outside_your_province',
      'Administrators of a province manage only agencies of that province.',
    );
  }
  return agency;
}

export const agencyRoutes = router()
  .openapi(
    createRoute({
      method: 'patch',
      path: '/agencies/{id}',
      tags: ['Registry'],
      summary: 'Rename, move or reclassify an agency from a localDateSchema (admin)',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      request: {
        params: idParam,
        body: jsonBody(
          z
            .object({
              name: plainText({ min: 2, max: 300 }).optional(),
              nameEn: plainText({ min: 0, max: 300 }).nullable().optional(),
              parentId: identifier(64).nullable().optional(),
              kind: z.enum(AGENCY_KINDS).optional(),
              effectiveFrom: localDateSchema,
              reason: z.enum(['renamed', 'moved', 'reclassified']),
            })
            .strict(),
        ),
      },
      responses: { 200: jsonResponse('The new version', Version), ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const { effectiveFrom, ...change } = c.req.valid('json');
      await administered(c.var.em, actor, id);
      await c.var.em.transactional((em) => changeAgency(em, id, change, effectiveFrom, actor));
      c.var.agencyScopes.forget(id);
      const history = await agencyHistory(c.var.em.fork(), id);
      return c.json(versionView(history.at(-1)!), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/agencies/{id}/merge',
      tags: ['Registry'],
      summary: 'Merge an agency into another from a localDateSchema (admin)',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      request: {
        params: idParam,
        body: jsonBody(z.object({ intoId: identifier(64), effectiveFrom: localDateSchema }).strict()),
      },
      responses: {
        200: jsonResponse('The closing version', Version),
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const { intoId, effectiveFrom } = c.req.valid('json');
      await administered(c.var.em, actor, id);
      await administered(c.var.em, actor, intoId);
      await c.var.em.transactional((em) =>
        changeAgency(em, id, { reason: 'merged_into', mergedIntoId: intoId }, effectiveFrom, actor),
      );
      c.var.agencyScopes.forget(id, intoId);
      const history = await agencyHistory(c.var.em.fork(), id);
      return c.json(versionView(history.at(-1)!), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/agencies/{id}/history',
      tags: ['Registry'],
      summary: "An agency's versions, oldest first",
      security: bearerSecurity,
      request: { params: idParam, query: z.object({ asOf: localDateSchema.optional() }) },
      responses: {
        200: jsonResponse('Versions', z.object({ items: z.array(Version), asOf: Version.nullable() })),
        ...problemResponses(400, 401, 404),
      },
    }),
    async (c) => {
      requireActor(c);
      const { id } = c.req.valid('param');
      const { asOf } = c.req.valid('query');
      const history = await agencyHistory(c.var.em, id);
      if (history.length === 0) throw NotFoundError.of('Agency', id);
      const then = asOf ? await agencyAsOf(c.var.em, id, asOf) : undefined;
      return c.json({ items: history.map(versionView), asOf: then ? versionView(then) : null }, 200);
    },
  );
