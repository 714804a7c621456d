/**
 * @module
 * The public directory (no sign-in): spokespersons in office today, who to call for what, and the agency
 * list its filters need. Decree 09/2017 requires spokesperson names, titles, phones and e-mails to be public.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { identifier, plainText } from '../../domain/text/policy.ts';
import { AGENCY_LEVELS } from '../../domain/vocabulary.ts';
import { router } from '../context.ts';
import { cursorParam, problemResponses } from '../schemas.ts';
import { searchDirectory, wordConditions } from '../services/directory.ts';

const DirectoryEntry = z
  .object({
    id: z.string(),
    fullName: z.string(),
    roleType: z.enum(['head', 'spokesperson', 'authorized']),
    title: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    topics: z.string().nullable(),
    termStart: z.string(),
    termEnd: z.string().nullable(),
    stale: z
      .boolean()
      .openapi({ description: 'Not re-confirmed by the agency recently; the details may be out of date.' }),
    agency: z.object({
      id: z.string(),
      name: z.string(),
      nameEn: z.string().nullable(),
      level: z.string(),
      kind: z.string(),
      provinceId: z.string().nullable(),
    }),
  })
  .openapi('DirectoryEntry');

const PublicAgency = z
  .object({
    id: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    level: z.string(),
    kind: z.string(),
    parentId: z.string().nullable(),
    provinceId: z.string().nullable(),
  })
  .openapi('PublicAgency');

export const publicRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/public/spokespersons',
      tags: ['Public directory'],
      summary: 'Spokespersons in office today (no sign-in)',
      description:
        'Search ignores case and Vietnamese diacritics: "nguyen van a" finds "Nguyễn Văn A", "so y te" finds "Sở Y tế".',
      request: {
        query: z.object({
          q: plainText({ min: 0, max: 200 }).optional(),
          provinceId: identifier(64).optional(),
          level: z.enum(AGENCY_LEVELS).optional(),
          agencyId: identifier(64).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: cursorParam,
        }),
      },
      responses: {
        200: {
          description: 'A page of the directory',
          content: {
            'application/json': {
              schema: z.object({ items: z.array(DirectoryEntry), nextCursor: z.string().nullable() }),
            },
          },
        },
        ...problemResponses(400, 422),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      // Changes must show at once (an agency just updated a phone number): browsers revalidate every time.
      c.header('cache-control', 'no-cache');
      return c.json(
        await searchDirectory(c.var.em, {
          ...q,
          now: c.var.deps.now?.() ?? Date.now(),
          staleAfterMonths: c.var.deps.staleAfterMonths,
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/public/agencies',
      tags: ['Public directory'],
      summary: 'Agencies in force, for directory filters and agency search (no sign-in)',
      request: {
        query: z.object({
          provinceId: identifier(64).optional(),
          level: z.enum(AGENCY_LEVELS).optional(),
          q: plainText({ min: 0, max: 200 })
            .optional()
            .openapi({ description: 'Ignores case and Vietnamese diacritics.' }),
        }),
      },
      responses: {
        200: {
          description: 'Agencies in force',
          content: { 'application/json': { schema: z.object({ items: z.array(PublicAgency) }) } },
        },
        ...problemResponses(400),
      },
    }),
    async (c) => {
      const { provinceId, level, q } = c.req.valid('query');
      const words = wordConditions('search_text', q);
      const where = ['dissolved_on is null', ...words.sql];
      const params: string[] = [...words.params];
      if (provinceId) {
        where.push('province_id = ?');
        params.push(provinceId);
      }
      if (level) {
        where.push('level = ?');
        params.push(level);
      }
      const rows = await c.var.em.execute<
        {
          id: string;
          name: string;
          name_en: string | null;
          level: string;
          kind: string;
          parent_id: string | null;
          province_id: string | null;
        }[]
      >(
        `select id, name, name_en, level, kind, parent_id, province_id from agency where ${where.join(' and ')}
         order by case level when 'central' then 0 when 'province' then 1 else 2 end, name limit 5000`,
        params,
      );
      c.header('cache-control', 'public, max-age=300');
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            name: r.name,
            nameEn: r.name_en,
            level: r.level,
            kind: r.kind,
            parentId: r.parent_id,
            provinceId: r.province_id,
          })),
        },
        200,
      );
    },
  );
