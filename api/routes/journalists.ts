/**
 * @module
 * Journalists and resident-reporter registrations, scoped by province (issue 6, defect 10): supervisors,
 * province administrators and agency users see the journalists of their province (the rule is in
 * `db/repositories/journalists.ts`), central administrators all; phones and e-mails only supervisors and
 * administrators. Also `/me`, the caller as the registry knows them. Press-card verifications are in
 * `journalist-verifications.ts`, mounted here.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Actor } from '../../domain/actor.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import {
  JOURNALIST_READERS,
  journalistScope,
  seesJournalistContactDetails,
} from '../../domain/registry/permissions.ts';
import { identifier, plainText } from '../../domain/text/policy.ts';
import { AGENCY_LEVELS, ROLES } from '../../domain/vocabulary.ts';
import { Journalist, ResidentRegistration } from '../../db/entities/index.ts';
import { insertNew } from '../../db/insert-new.ts';
import type { Em } from '../../db/orm.ts';
import {
  findJournalistIds,
  isJournalistInScope,
  verificationHistory,
} from '../../db/repositories/journalists.ts';
import { foldForSearch } from '../../domain/text/fold.ts';
import { router } from '../context.ts';
import { allowRoles, requireActor, requireRole } from '../middleware/auth.ts';
import { administeredProvince } from '../services/administered-province.ts';
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
import { journalistVerificationRoutes, VerificationSchema } from './journalist-verifications.ts';

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
const JournalistDetailSchema = JournalistSchema.extend({
  verification: VerificationSchema.nullable()
    .optional()
    .openapi({ description: 'The current (latest) verification; supervisors and administrators only.' }),
}).openapi('JournalistDetail');
const NewJournalistSchema = z
  .object({
    id: slugSchema,
    sub: identifier(200).nullable().default(null),
    fullName: plainText({ min: 2, max: 200 }),
    pressOrganisation: plainText({ min: 2, max: 300 }),
    pressCardNumber: plainText({ min: 3, max: 50 }),
    pressCardExpiresOn: localDateSchema,
    email: z.email().max(200).nullable().default(null),
    phone: plainText({ min: 0, max: 50 }).nullable().default(null),
  })
  .strict();
const NewRegistrationSchema = z
  .object({ provinceId: identifier(64), validFrom: localDateSchema, validTo: localDateSchema })
  .strict()
  .refine((r) => r.validFrom <= r.validTo, {
    message: 'validFrom must not be after validTo',
    path: ['validTo'],
  });

/** The journalists `ids` as `actor` may see them, in the order given. */
async function journalistViews(em: Em, actor: Actor, ids: readonly string[]) {
  const rows = await em.find(Journalist, { id: { $in: [...ids] } });
  const byId = new Map(rows.map((j) => [j.id, j]));
  const registrations = await em.find(
    ResidentRegistration,
    { journalistId: { $in: [...ids] } },
    { orderBy: { validFrom: 'asc', id: 'asc' } },
  );
  const seesContactDetails = seesJournalistContactDetails(actor);
  return ids.flatMap((id) => {
    const j = byId.get(id);
    if (!j) return [];
    return [
      {
        id: j.id,
        fullName: j.fullName,
        pressOrganisation: j.pressOrganisation,
        pressCardNumber: j.pressCardNumber,
        pressCardExpiresOn: j.pressCardExpiresOn,
        ...(seesContactDetails ? { email: j.email ?? null, phone: j.phone ?? null } : {}),
        residentProvinces: registrations
          .filter((r) => r.journalistId === j.id)
          .map(({ provinceId, validFrom, validTo }) => ({ provinceId, validFrom, validTo })),
      },
    ];
  });
}

export const journalistRoutes = router()
  .route('/', journalistVerificationRoutes)
  .openapi(
    createRoute({
      method: 'get',
      path: '/journalists',
      tags: ['Registry'],
      summary: 'Journalists of your province and their resident registrations',
      security: bearerSecurity,
      description:
        "A province's journalists are those with a resident registration in it or a press contact with one of " +
        'its agencies; central administrators see all. Agency users see names, press cards and residency; ' +
        'phones and e-mails only supervisors and administrators. At most 500, by name.',
      middleware: [allowRoles(...JOURNALIST_READERS)] as const,
      request: {
        query: z.object({
          residentIn: identifier(64).optional(),
          q: plainText({ min: 0, max: 200 }).optional(),
        }),
      },
      responses: {
        200: jsonResponse('Journalists', itemsOf(JournalistSchema)),
        ...problemResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const actor = requireRole(c, JOURNALIST_READERS);
      const { residentIn, q } = c.req.valid('query');
      const ids = await findJournalistIds(c.var.em, {
        scope: journalistScope(actor),
        q,
        residentIn,
        limit: 500,
      });
      return c.json({ items: await journalistViews(c.var.em, actor, ids) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/journalists/{id}',
      tags: ['Registry'],
      summary: 'One journalist of your province',
      security: bearerSecurity,
      description:
        'As in the list, with the current press-card verification for supervisors and administrators. A ' +
        "journalist outside the caller's province is refused (403 `outside_your_province`).",
      middleware: [allowRoles(...JOURNALIST_READERS)] as const,
      request: { params: idParam },
      responses: {
        200: jsonResponse('The journalist', JournalistDetailSchema),
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const actor = requireRole(c, JOURNALIST_READERS);
      const { id } = c.req.valid('param');
      const [view] = await journalistViews(c.var.em, actor, [id]);
      if (!view) throw NotFoundError.of('Journalist', id);
      if (!(await isJournalistInScope(c.var.em, journalistScope(actor), id)))
        throw ForbiddenError.because(
          'outside_your_province',
          'That journalist is not one of your province’s.',
        );
      if (!seesJournalistContactDetails(actor)) return c.json(view, 200);
      const { current } = await verificationHistory(c.var.em, id);
      return c.json(
        {
          ...view,
          verification: current && { ...current, verifiedAt: new Date(current.verifiedAt).toISOString() },
        },
        200,
      );
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
        searchText: foldForSearch(`${body.fullName} ${body.pressOrganisation} ${body.pressCardNumber}`),
      });
      await insertNew('Journalist', body.id, () => em.flush());
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
      await administeredProvince(c.var.em, actor, body.provinceId);
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
            agencyLevel: z
              .enum(AGENCY_LEVELS)
              .nullable()
              .openapi({ description: "The level of the caller's agency as the registry has it." }),
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
          agencyLevel: actor.agencyLevel ?? null,
          journalist,
        },
        200,
      );
    },
  );
