/**
 * @module
 * Agencies and memberships: readable by those who need them, writable by administrators of the province.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { identifier, plainText } from '../../domain/text/policy.ts';
import { AGENCY_ROLES, hasAnyRole } from '../../domain/actor.ts';
import { toLocalDate } from '../../domain/calendar/index.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import { AGENCY_KINDS, AGENCY_LEVELS, ROLES } from '../../domain/vocabulary.ts';
import { Agency, AgencyVersion, Membership } from '../../db/entities/index.ts';
import { insertNew } from '../../db/insert-new.ts';
import { foldForSearch } from '../../domain/text/fold.ts';
import { router } from '../context.ts';
import { allowRoles, requireActor, requireRole } from '../middleware/auth.ts';
import {
  bearerSecurity,
  idParam,
  itemsOf,
  jsonBody,
  jsonResponse,
  problemResponses,
  slugSchema,
} from '../schemas.ts';

const AgencySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    level: z.enum(AGENCY_LEVELS),
    kind: z.enum(AGENCY_KINDS),
    parentId: z.string().nullable(),
    provinceId: z.string().nullable(),
  })
  .openapi('Agency');
const NewAgencySchema = AgencySchema.extend({
  id: slugSchema,
  name: plainText({ min: 2, max: 300 }),
  nameEn: plainText({ min: 0, max: 300 }).nullable().default(null),
  parentId: identifier(64).nullable().default(null),
  provinceId: identifier(64).nullable().default(null),
})
  .strict()
  .openapi('NewAgency');
const MemberSchema = z
  .object({ sub: z.string(), name: z.string(), role: z.enum(ROLES), title: z.string().nullable() })
  .openapi('Member');
const NewMembershipSchema = z
  .object({
    sub: identifier(200),
    name: plainText({ max: 200 }),
    title: plainText({ min: 0, max: 200 }).nullable().default(null),
    agencyId: identifier(64),
    role: z.enum(ROLES),
  })
  .strict();
export const registryRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/agencies',
      tags: ['Registry'],
      summary: 'List agencies',
      security: bearerSecurity,
      request: {
        query: z.object({
          provinceId: z.string().max(64).optional(),
          level: z.enum(AGENCY_LEVELS).optional(),
        }),
      },
      responses: { 200: jsonResponse('Agencies', itemsOf(AgencySchema)), ...problemResponses(400, 401) },
    }),
    async (c) => {
      requireActor(c);
      const { provinceId, level } = c.req.valid('query');
      const rows = await c.var.em.find(
        Agency,
        { ...(provinceId ? { provinceId } : {}), ...(level ? { level } : {}) },
        { orderBy: { level: 'asc', name: 'asc' } },
      );
      return c.json(
        {
          items: rows.map(({ id, name, nameEn, level, kind, parentId, provinceId }) => ({
            id,
            name,
            nameEn: nameEn ?? null,
            level,
            kind,
            parentId: parentId ?? null,
            provinceId: provinceId ?? null,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/agencies',
      tags: ['Registry'],
      summary: 'Create an agency (admin)',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      request: { body: jsonBody(NewAgencySchema) },
      responses: { 201: jsonResponse('Created', AgencySchema), ...problemResponses(401, 403, 409, 422) },
    }),
    async (c) => {
      const actor = requireRole(c, ['admin']);
      const body = c.req.valid('json');
      if (actor.provinceId && body.provinceId !== actor.provinceId) {
        throw ForbiddenError.because(
          'outside_your_province',
          'Administrators of a province manage only agencies of that province.',
        );
      }
      if (await c.var.em.findOne(Agency, { id: body.id }))
        throw ConflictError.alreadyExists('Agency', body.id);
      await insertNew('Agency', body.id, () =>
        c.var.em.transactional((em) => {
          em.create(Agency, { ...body, searchText: foldForSearch(`${body.name} ${body.nameEn ?? ''}`) });
          em.create(AgencyVersion, {
            agencyId: body.id,
            validFrom: toLocalDate(Date.now()),
            validTo: null,
            name: body.name,
            nameEn: body.nameEn,
            kind: body.kind,
            level: body.level,
            parentId: body.parentId,
            provinceId: body.provinceId,
            reason: 'created',
            mergedIntoId: null,
            recordedAt: new Date(),
            recordedBy: actor.sub,
          });
        }),
      );
      // A token naming it may have been refused (and that kept) before it existed.
      c.var.agencyScopes.forget(body.id);
      return c.json(body, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/agencies/{id}/members',
      tags: ['Registry'],
      summary: "An agency's members (to assign work)",
      security: bearerSecurity,
      request: { params: idParam },
      responses: { 200: jsonResponse('Members', itemsOf(MemberSchema)), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const agency = await c.var.em.findOne(Agency, { id });
      if (!agency) throw NotFoundError.of('Agency', id);
      const own = actor.agencyId === id && hasAnyRole(actor, AGENCY_ROLES);
      const oversees =
        hasAnyRole(actor, ['supervisor', 'admin']) &&
        !!actor.provinceId &&
        actor.provinceId === agency.provinceId;
      if (!own && !oversees)
        throw ForbiddenError.because(
          'not_your_agency',
          'Only the agency itself and its supervisors see its members.',
        );
      const rows = await c.var.em.find(Membership, { agencyId: id }, { orderBy: { name: 'asc' } });
      return c.json(
        { items: rows.map((m) => ({ sub: m.sub, name: m.name, role: m.role, title: m.title ?? null })) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/memberships',
      tags: ['Registry'],
      summary: 'Give a person a role in an agency (admin)',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      request: { body: jsonBody(NewMembershipSchema) },
      responses: {
        201: jsonResponse('Created', MemberSchema.extend({ agencyId: z.string() })),
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const actor = requireRole(c, ['admin']);
      const body = c.req.valid('json');
      const agency = await c.var.em.findOne(Agency, { id: body.agencyId });
      if (!agency) throw NotFoundError.of('Agency', body.agencyId);
      if (actor.provinceId && agency.provinceId !== actor.provinceId)
        throw ForbiddenError.because('outside_your_province', 'That agency is outside your province.');
      if (await c.var.em.findOne(Membership, { sub: body.sub, agencyId: body.agencyId, role: body.role }))
        throw ConflictError.alreadyExists('Membership', `${body.sub}@${body.agencyId}`);
      c.var.em.create(Membership, body);
      await insertNew('Membership', `${body.sub}@${body.agencyId}`, () => c.var.em.flush());
      return c.json(body, 201);
    },
  );
