/**
 * @module
 * Press organisations and their representative offices in provinces. (Press-card verifications moved to
 * `journalist-verifications.ts`, where they are kept as a history scoped by province.)
 */
import { createRoute, z } from '@hono/zod-openapi';
import { identifier, plainText } from '../../domain/text/policy.ts';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { escapeLikePattern, foldForSearch } from '../../domain/text/fold.ts';
import { PressOrganisation, RepresentativeOffice } from '../../db/entities/index.ts';
import { insertNew } from '../../db/insert-new.ts';
import { router } from '../context.ts';
import { allowRoles, requireActor, requireRole } from '../middleware/auth.ts';
import { administeredProvince } from '../services/administered-province.ts';
import { bearerSecurity, idParam, jsonBody, jsonResponse, problemResponses } from '../schemas.ts';

const KINDS = ['newspaper', 'magazine', 'radio_television', 'news_agency', 'online'] as const;
const Office = z.object({ provinceId: z.string(), address: z.string(), phone: z.string().nullable() });
const Organisation = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(KINDS),
    licenceNumber: z.string().nullable(),
    offices: z.array(Office),
  })
  .openapi('PressOrganisation');
export const pressRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/press-organisations',
      tags: ['Registry'],
      summary: 'Press organisations and their representative offices',
      security: bearerSecurity,
      request: { query: z.object({ q: plainText({ min: 0, max: 200 }).optional() }) },
      responses: {
        200: jsonResponse('Organisations', z.object({ items: z.array(Organisation) })),
        ...problemResponses(401),
      },
    }),
    async (c) => {
      requireActor(c);
      const words = foldForSearch(c.req.valid('query').q ?? '')
        .split(' ')
        .filter(Boolean)
        .slice(0, 8);
      const orgs = await c.var.em.find(
        PressOrganisation,
        words.length
          ? { $and: words.map((w) => ({ searchText: { $like: `%${escapeLikePattern(w)}%` } })) }
          : {},
        { orderBy: { name: 'asc' }, limit: 500 },
      );
      const offices = await c.var.em.find(RepresentativeOffice, {
        pressOrganisationId: { $in: orgs.map((o) => o.id) },
      });
      return c.json(
        {
          items: orgs.map((o) => ({
            id: o.id,
            name: o.name,
            kind: o.kind,
            licenceNumber: o.licenceNumber ?? null,
            offices: offices
              .filter((f) => f.pressOrganisationId === o.id)
              .map((f) => ({ provinceId: f.provinceId, address: f.address, phone: f.phone ?? null })),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/press-organisations',
      tags: ['Registry'],
      summary: 'Register a press organisation (admin)',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      request: {
        body: jsonBody(
          z
            .object({
              id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
              name: plainText({ min: 2, max: 300 }),
              kind: z.enum(KINDS),
              licenceNumber: plainText({ min: 0, max: 100 }).nullable().default(null),
            })
            .strict(),
        ),
      },
      responses: { 201: jsonResponse('Created', Organisation), ...problemResponses(401, 403, 409, 422) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      if (await c.var.em.findOne(PressOrganisation, { id: body.id }))
        throw ConflictError.alreadyExists('Press organisation', body.id);
      c.var.em.create(PressOrganisation, {
        ...body,
        searchText: foldForSearch(body.name),
        createdAt: new Date(),
      });
      await insertNew('Press organisation', body.id, () => c.var.em.flush());
      return c.json({ ...body, offices: [] }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/press-organisations/{id}/offices',
      tags: ['Registry'],
      summary: 'Add a representative office in a province (admin)',
      description:
        'Administrators of a province add offices in that province only (403 `outside_your_province`); central administrators in any.',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      request: {
        params: idParam,
        body: jsonBody(
          z
            .object({
              provinceId: identifier(64),
              address: plainText({ min: 5, max: 500 }),
              phone: plainText({ min: 0, max: 50 }).nullable().default(null),
            })
            .strict(),
        ),
      },
      responses: { 201: jsonResponse('Created', Office), ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const actor = requireRole(c, ['admin']);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      if (!(await c.var.em.findOne(PressOrganisation, { id })))
        throw NotFoundError.of('Press organisation', id);
      await administeredProvince(c.var.em, actor, body.provinceId);
      c.var.em.create(RepresentativeOffice, { pressOrganisationId: id, ...body, createdAt: new Date() });
      await c.var.em.flush();
      return c.json(body, 201);
    },
  );
