/**
 * @module
 * Managing an agency's spokespersons: list, add, change (optimistic concurrency), end a term, re-confirm,
 * and read an entry's history. Every write lands in the change feed in the same transaction.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { identifier, optionalLongText, plainText } from '../../domain/text/policy.ts';
import type { Actor } from '../../domain/actor.ts';
import { ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import { mayManageSpokespersons } from '../../domain/registry/permissions.ts';
import { isStale, SPOKESPERSON_ROLE_TYPES } from '../../domain/registry/spokesperson.ts';
import { Agency, Spokesperson, SpokespersonChange } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';
import {
  confirmSpokesperson,
  createSpokesperson,
  toRecord,
  updateSpokesperson,
  type SpokespersonRow,
} from '../../db/repositories/spokespersons.ts';
import { router } from '../context.ts';
import { requireActor } from '../middleware/auth.ts';
import {
  bearerSecurity,
  idParam,
  jsonBody,
  jsonResponse,
  localDateSchema,
  problemResponses,
} from '../schemas.ts';
import { STALE_AFTER_MONTHS } from '../services/directory.ts';

const date = localDateSchema;
const text = (max: number) => plainText({ max });
/** A text that may be empty (stored as null). */
const optionalText = (max: number) =>
  plainText({ min: 0, max })
    .nullable()
    .transform((v) => v || null);

/** The fields as PATCH takes them: every one optional, nothing defaulted. */
const Fields = {
  fullName: text(200),
  roleType: z.enum(SPOKESPERSON_ROLE_TYPES),
  title: text(300),
  phone: optionalText(50).refine((v) => v === null || /^[+0-9 ().-]{6,30}$/.test(v), 'a phone number'),
  email: optionalText(200).refine((v) => v === null || z.email().safeParse(v).success, 'an e-mail address'),
  termStart: date,
  termEnd: date.nullable(),
  authorizedCase: optionalText(500),
  delegatedById: optionalText(64),
  documentNumber: optionalText(100),
  documentDate: date.nullable(),
  documentUrl: optionalText(1000).refine((v) => v === null || /^https?:\/\//.test(v), 'an http(s) link'),
  topics: optionalText(500),
};
const NULLABLE_FIELDS = [
  'phone',
  'email',
  'termEnd',
  'authorizedCase',
  'delegatedById',
  'documentNumber',
  'documentDate',
  'documentUrl',
  'topics',
] as const;

const NewSpokesperson = z
  .object({
    agencyId: identifier(64),
    ...Fields,
    // On create, an absent optional field means "none".
    ...(Object.fromEntries(NULLABLE_FIELDS.map((k) => [k, Fields[k].default(null)])) as {
      [K in (typeof NULLABLE_FIELDS)[number]]: z.ZodDefault<(typeof Fields)[K]>;
    }),
  })
  .strict()
  .openapi('NewSpokesperson');
const SpokespersonPatch = z
  .object({
    ...Object.fromEntries(Object.entries(Fields).map(([k, v]) => [k, v.optional()])),
    expectedVersion: z.number().int().min(1).optional(),
  })
  .strict()
  .openapi('SpokespersonPatch');
const SpokespersonSchema = z
  .object({
    id: z.string(),
    agencyId: z.string(),
    provinceId: z.string().nullable(),
    fullName: z.string(),
    roleType: z.enum(SPOKESPERSON_ROLE_TYPES),
    title: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    termStart: z.string(),
    termEnd: z.string().nullable(),
    authorizedCase: z.string().nullable(),
    delegatedById: z.string().nullable(),
    documentNumber: z.string().nullable(),
    documentDate: z.string().nullable(),
    documentUrl: z.string().nullable(),
    topics: z.string().nullable(),
    version: z.number().int(),
    lastConfirmedAt: z.string(),
    stale: z.boolean(),
  })
  .openapi('Spokesperson');
function view(row: SpokespersonRow, now: number, staleAfterMonths: number) {
  return {
    ...toRecord(row),
    stale: isStale(new Date(row.lastConfirmedAt).getTime(), now, staleAfterMonths),
  };
}

/** Loads the agency and checks the caller may manage its spokespersons (403 otherwise, 404 if unknown). */
async function managedAgency(em: Em, actor: Actor, agencyId: string) {
  const agency = await em.findOne(Agency, { id: agencyId });
  if (!agency) throw NotFoundError.of('Agency', agencyId);
  if (!mayManageSpokespersons(actor, { id: agency.id, provinceId: agency.provinceId ?? null }))
    throw notYourAgency();
  return agency;
}

const notYourAgency = () =>
  ForbiddenError.because(
    'not_your_agency',
    'You may manage only the spokespersons of your own agency (or, as an administrator, of your province).',
  );

async function managedSpokesperson(em: Em, actor: Actor, id: string): Promise<SpokespersonRow> {
  const row = (await em.findOne(Spokesperson, { id })) as SpokespersonRow | null;
  if (!row) throw NotFoundError.of('Spokesperson', id);
  await managedAgency(em, actor, row.agencyId);
  return row;
}

export const spokespersonRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/spokespersons',
      tags: ['Spokespersons'],
      summary: "An agency's spokespersons (its managers)",
      description:
        "Without `agencyId`, the caller's own agency: a page can ask for it together with `/me` instead of after it.",
      security: bearerSecurity,
      request: {
        query: z.object({
          agencyId: text(64).optional(),
          includeEnded: z.enum(['true', 'false']).optional(),
        }),
      },
      responses: {
        200: jsonResponse('Spokespersons', z.object({ items: z.array(SpokespersonSchema) })),
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const query = c.req.valid('query');
      const agencyId = query.agencyId ?? actor.agencyId;
      // Everyone who may manage spokespersons works for an agency (tokens of agency roles must name one).
      if (!agencyId) throw notYourAgency();
      const includeEnded = query.includeEnded;
      await managedAgency(c.var.em, actor, agencyId);
      const rows = (await c.var.em.find(
        Spokesperson,
        { agencyId },
        { orderBy: { termEnd: 'desc', fullName: 'asc' } },
      )) as SpokespersonRow[];
      const now = c.var.deps.now?.() ?? Date.now();
      const today = new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
      const items = rows
        .filter((r) => includeEnded === 'true' || r.termEnd === null || r.termEnd >= today)
        .map((r) => view(r, now, c.var.deps.staleAfterMonths ?? STALE_AFTER_MONTHS));
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/spokespersons',
      tags: ['Spokespersons'],
      summary: 'Add a spokesperson',
      security: bearerSecurity,
      request: { body: jsonBody(NewSpokesperson) },
      responses: {
        201: jsonResponse('Created', SpokespersonSchema),
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid('json');
      await managedAgency(c.var.em, actor, input.agencyId);
      const row = await c.var.em.transactional((em) => createSpokesperson(em, input, actor));
      c.var.deps.onSpokespersonChange?.();
      c.header('location', `/api/v1/spokespersons/${row.id}`);
      return c.json(view(row, Date.now(), c.var.deps.staleAfterMonths ?? STALE_AFTER_MONTHS), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/spokespersons/{id}',
      tags: ['Spokespersons'],
      summary: 'Change a spokesperson',
      security: bearerSecurity,
      request: { params: idParam, body: jsonBody(SpokespersonPatch) },
      responses: {
        200: jsonResponse('Changed', SpokespersonSchema),
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const { expectedVersion, ...changes } = c.req.valid('json') as Record<string, unknown> & {
        expectedVersion?: number;
      };
      await managedSpokesperson(c.var.em, actor, id);
      const row = await c.var.em.transactional((em) =>
        updateSpokesperson(em, id, changes, actor, { expectedVersion }),
      );
      c.var.deps.onSpokespersonChange?.();
      return c.json(view(row, Date.now(), c.var.deps.staleAfterMonths ?? STALE_AFTER_MONTHS), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/spokespersons/{id}/end-term',
      tags: ['Spokespersons'],
      summary: "End a spokesperson's term",
      security: bearerSecurity,
      request: { params: idParam, body: jsonBody(z.object({ termEnd: date }).strict()) },
      responses: { 200: jsonResponse('Ended', SpokespersonSchema), ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      await managedSpokesperson(c.var.em, actor, id);
      const row = await c.var.em.transactional((em) =>
        updateSpokesperson(em, id, { termEnd: c.req.valid('json').termEnd }, actor),
      );
      c.var.deps.onSpokespersonChange?.();
      return c.json(view(row, Date.now(), c.var.deps.staleAfterMonths ?? STALE_AFTER_MONTHS), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/spokespersons/{id}/confirm',
      tags: ['Spokespersons'],
      summary: 'Confirm the entry is still correct',
      security: bearerSecurity,
      request: {
        params: idParam,
        body: jsonBody(z.object({ note: optionalLongText({ max: 1000 }) }).strict()),
      },
      responses: {
        200: jsonResponse('Confirmed', SpokespersonSchema),
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      await managedSpokesperson(c.var.em, actor, id);
      const row = await c.var.em.transactional((em) =>
        confirmSpokesperson(em, id, actor, c.req.valid('json').note ?? null),
      );
      return c.json(view(row, Date.now(), c.var.deps.staleAfterMonths ?? STALE_AFTER_MONTHS), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/spokespersons/{id}/history',
      tags: ['Spokespersons'],
      summary: "An entry's full change history",
      security: bearerSecurity,
      request: { params: idParam },
      responses: {
        200: jsonResponse(
          'Changes, oldest first',
          z.object({
            items: z.array(
              z.object({
                id: z.number(),
                changeType: z.string(),
                version: z.number(),
                at: z.string(),
                actorSub: z.string(),
                snapshot: z.unknown(),
              }),
            ),
          }),
        ),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      await managedSpokesperson(c.var.em, actor, id);
      const changes = await c.var.em.find(
        SpokespersonChange,
        { spokespersonId: id },
        { orderBy: { id: 'asc' } },
      );
      return c.json(
        {
          items: changes.map((ch) => ({
            id: ch.id,
            changeType: ch.changeType,
            version: ch.version,
            at: new Date(ch.at).toISOString(),
            actorSub: ch.actorSub,
            snapshot: ch.snapshot,
          })),
        },
        200,
      );
    },
  );
