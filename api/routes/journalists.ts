/**
 * @module
 * Journalists and resident-reporter registrations (the list agencies see), and `/me`, the caller as the
 * registry knows them.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { hasAnyRole } from '../../domain/actor.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import { ROLES } from '../../domain/vocabulary.ts';
import { Agency, Journalist, ResidentRegistration } from '../../db/entities/index.ts';
import { escapeLikePattern, foldForSearch } from '../../domain/text/fold.ts';
import { router } from '../context.ts';
import { allowRoles, requireActor, requireRole } from '../middleware/auth.ts';
import {
  bearerSecurity,
  idParam,
  itemsOf,
  jsonBody,
  jsonResponse,
  localDateSchema,
  problemResponses,
  slugSchema,
} from '../schemas.ts';

const JournalistSchema = z
  .object({
    id: z.string(),
    fullName: z.string(),
    pressOrganisation: z.string(),
    pressCardNumber: z.string(),
    pressCardExpiresOn: z.string(),
    email: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
    residentProvinces: z.array(
      z.object({ provinceId: z.string(), validFrom: z.string(), validTo: z.string() }),
    ),
  })
  .openapi('Journalist');
const NewJournalistSchema = z
  .object({
    id: slugSchema,
    sub: z.string().trim().min(1).max(200).nullable().default(null),
    fullName: z.string().trim().min(2).max(200),
    pressOrganisation: z.string().trim().min(2).max(300),
    pressCardNumber: z.string().trim().min(3).max(50),
    pressCardExpiresOn: localDateSchema,
    email: z.email().max(200).nullable().default(null),
    phone: z.string().trim().max(50).nullable().default(null),
  })
  .strict();
const NewRegistrationSchema = z
  .object({ provinceId: z.string().max(64), validFrom: localDateSchema, validTo: localDateSchema })
  .strict()
  .refine((r) => r.validFrom <= r.validTo, {
    message: 'validFrom must not be after validTo',
    path: ['validTo'],
  });

export const journalistRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/journalists',
      tags: ['Registry'],
      summary: 'Journalists and their resident registrations',
      security: bearerSecurity,
      description:
        'Agency users see names, press cards and residency; phones and e-mails only administrators and supervisors.',
      request: {
        query: z.object({ residentIn: z.string().max(64).optional(), q: z.string().max(200).optional() }),
      },
      responses: {
        200: jsonResponse('Journalists', itemsOf(JournalistSchema)),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const actor = requireRole(c, ['agency_staff', 'spokesperson', 'agency_head', 'supervisor', 'admin']);
      const { residentIn, q } = c.req.valid('query');
      const seesContactDetails = hasAnyRole(actor, ['supervisor', 'admin']);
      const words = foldForSearch(q ?? '')
        .split(' ')
        .filter(Boolean)
        .slice(0, 8);
      const journalists = await c.var.em.find(
        Journalist,
        words.length
          ? { $and: words.map((w) => ({ searchText: { $like: `%${escapeLikePattern(w)}%` } })) }
          : {},
        { orderBy: { fullName: 'asc' }, limit: 500 },
      );
      const registrations = await c.var.em.find(ResidentRegistration, {
        journalistId: { $in: journalists.map((j) => j.id) },
      });
      const result = journalists
        .map((j) => ({
          id: j.id,
          fullName: j.fullName,
          pressOrganisation: j.pressOrganisation,
          pressCardNumber: j.pressCardNumber,
          pressCardExpiresOn: j.pressCardExpiresOn,
          ...(seesContactDetails ? { email: j.email ?? null, phone: j.phone ?? null } : {}),
          residentProvinces: registrations
            .filter((r) => r.journalistId === j.id)
            .map(({ provinceId, validFrom, validTo }) => ({ provinceId, validFrom, validTo })),
        }))
        .filter((j) => !residentIn || j.residentProvinces.some((r) => r.provinceId === residentIn));
      return c.json({ items: result }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/journalists',
      tags: ['Registry'],
      summary: 'Register a journalist (admin)',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      request: { body: jsonBody(NewJournalistSchema) },
      responses: {
        201: jsonResponse('Created', NewJournalistSchema),
        ...problemResponses(401, 403, 409, 422),
      },
    }),
    async (c) => {
      requireRole(c, ['admin']);
      const body = c.req.valid('json');
      const em = c.var.em;
      if (
        await em.findOne(Journalist, {
          $or: [
            { id: body.id },
            { pressCardNumber: body.pressCardNumber },
            ...(body.sub ? [{ sub: body.sub }] : []),
          ],
        })
      ) {
        throw ConflictError.alreadyExists('Journalist', body.id);
      }
      em.create(Journalist, {
        ...body,
        verification: null,
        searchText: foldForSearch(`${body.fullName} ${body.pressOrganisation} ${body.pressCardNumber}`),
      });
      await em.flush();
      return c.json(body, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/journalists/{id}/resident-registrations',
      tags: ['Registry'],
      summary: 'Register a resident reporter in a province (admin)',
      security: bearerSecurity,
      middleware: [allowRoles('admin')] as const,
      request: { params: idParam, body: jsonBody(NewRegistrationSchema) },
      responses: {
        201: jsonResponse(
          'Created',
          z.object({
            journalistId: z.string(),
            provinceId: z.string(),
            validFrom: z.string(),
            validTo: z.string(),
          }),
        ),
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const actor = requireRole(c, ['admin']);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      if (!(await c.var.em.findOne(Journalist, { id }))) throw NotFoundError.of('Journalist', id);
      if (
        !(await c.var.em.findOne(Agency, {
          id: body.provinceId,
          level: 'province',
          kind: 'provincial_peoples_committee',
        }))
      )
        throw NotFoundError.of('Province', body.provinceId);
      if (actor.provinceId && body.provinceId !== actor.provinceId)
        throw ForbiddenError.because('outside_your_province', 'That province is not yours to manage.');
      c.var.em.create(ResidentRegistration, { journalistId: id, ...body });
      await c.var.em.flush();
      return c.json({ journalistId: id, ...body }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['Registry'],
      summary: 'Who the caller is',
      security: bearerSecurity,
      responses: {
        200: jsonResponse(
          'The caller',
          z.object({
            sub: z.string(),
            name: z.string(),
            roles: z.array(z.enum(ROLES)),
            agencyId: z.string().nullable(),
            provinceId: z.string().nullable(),
            journalist: JournalistSchema.nullable(),
          }),
        ),
        ...problemResponses(401),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const j = await c.var.em.findOne(Journalist, { sub: actor.sub });
      const regs = j ? await c.var.em.find(ResidentRegistration, { journalistId: j.id }) : [];
      const journalist = j
        ? {
            id: j.id,
            fullName: j.fullName,
            pressOrganisation: j.pressOrganisation,
            pressCardNumber: j.pressCardNumber,
            pressCardExpiresOn: j.pressCardExpiresOn,
            residentProvinces: regs.map(({ provinceId, validFrom, validTo }) => ({
              provinceId,
              validFrom,
              validTo,
            })),
          }
        : null;
      return c.json(
        {
          sub: actor.sub,
          name: actor.name,
          roles: actor.roles,
          agencyId: actor.agencyId ?? null,
          provinceId: actor.provinceId ?? null,
          journalist,
        },
        200,
      );
    },
  );
