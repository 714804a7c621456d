/**
 * @module
 * What the information-request journey needs of the registry: agencies, memberships, journalists and
 * resident-reporter registrations, readable by those who need them and writable by administrators.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { AGENCY_ROLES, hasAnyRole } from '../../domain/actor.ts';
import { isValidLocalDate, toLocalDate } from '../../domain/calendar/index.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import { AGENCY_KINDS, AGENCY_LEVELS, ROLES } from '../../domain/vocabulary.ts';
import {
  Agency,
  AgencyVersion,
  Journalist,
  Membership,
  ResidentRegistration,
} from '../../db/entities/index.ts';
import { escapeLikePattern, foldForSearch } from '../../domain/text/fold.ts';
import { router } from '../context.ts';
import { allowRoles, requireActor, requireRole } from '../middleware/auth.ts';
import { bearerSecurity, problemResponses } from '../schemas.ts';

const localDate = z.string().refine(isValidLocalDate, 'expected a date YYYY-MM-DD');
const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes');

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
  id: slug,
  name: z.string().trim().min(2).max(300),
  nameEn: z.string().trim().max(300).nullable().default(null),
  parentId: z.string().max(64).nullable().default(null),
  provinceId: z.string().max(64).nullable().default(null),
})
  .strict()
  .openapi('NewAgency');
const MemberSchema = z
  .object({ sub: z.string(), name: z.string(), role: z.enum(ROLES), title: z.string().nullable() })
  .openapi('Member');
const NewMembershipSchema = z
  .object({
    sub: z.string().trim().min(1).max(200),
    name: z.string().trim().min(1).max(200),
    title: z.string().trim().max(200).nullable().default(null),
    agencyId: z.string().max(64),
    role: z.enum(ROLES),
  })
  .strict();
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
    id: slug,
    sub: z.string().trim().min(1).max(200).nullable().default(null),
    fullName: z.string().trim().min(2).max(200),
    pressOrganisation: z.string().trim().min(2).max(300),
    pressCardNumber: z.string().trim().min(3).max(50),
    pressCardExpiresOn: localDate,
    email: z.email().max(200).nullable().default(null),
    phone: z.string().trim().max(50).nullable().default(null),
  })
  .strict();
const NewRegistrationSchema = z
  .object({ provinceId: z.string().max(64), validFrom: localDate, validTo: localDate })
  .strict()
  .refine((r) => r.validFrom <= r.validTo, {
    message: 'validFrom must not be after validTo',
    path: ['validTo'],
  });
const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });
const json = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});
const ok = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});

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
      responses: { 200: ok('Agencies', items(AgencySchema)), ...problemResponses(400, 401) },
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
      request: { body: json(NewAgencySchema) },
      responses: { 201: ok('Created', AgencySchema), ...problemResponses(401, 403, 409, 422) },
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
      await c.var.em.transactional(async (em) => {
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
      });
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
      request: { params: IdParam },
      responses: { 200: ok('Members', items(MemberSchema)), ...problemResponses(401, 403, 404) },
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
      request: { body: json(NewMembershipSchema) },
      responses: {
        201: ok('Created', MemberSchema.extend({ agencyId: z.string() })),
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
      await c.var.em.flush();
      return c.json(body, 201);
    },
  )
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
      responses: { 200: ok('Journalists', items(JournalistSchema)), ...problemResponses(401, 403) },
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
      request: { body: json(NewJournalistSchema) },
      responses: { 201: ok('Created', NewJournalistSchema), ...problemResponses(401, 403, 409, 422) },
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
      request: { params: IdParam, body: json(NewRegistrationSchema) },
      responses: {
        201: ok(
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
        200: ok(
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
