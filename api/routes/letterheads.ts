/**
 * @module
 * A department's letterhead for its formal letters, and an agency's record of the letters it received
 * (issue 8). The letterhead is edited by the department's own supervisors or the province's administrators;
 * without one, letters use a letterhead derived from the registry (`domain/supervision/letterhead.ts`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { actsForAgency, AGENCY_ROLES, type Actor } from '../../domain/actor.ts';
import { NotFoundError, ForbiddenError } from '../../domain/errors.ts';
import { administers } from '../../domain/registry/permissions.ts';
import { defaultLetterhead } from '../../domain/supervision/letterhead.ts';
import { overseesProvince } from '../../domain/supervision/scope.ts';
import { longText, plainText } from '../../domain/text/policy.ts';
import { Agency } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';
import { configuredLetterhead, documentsToAgency, saveLetterhead } from '../../db/repositories/documents.ts';
import { router } from '../context.ts';
import { requireActor } from '../middleware/auth.ts';
import { bearerSecurity, idParam, jsonBody, jsonResponse, problemResponses } from '../schemas.ts';

const LetterheadSchema = z
  .object({
    parentBody: longText({ min: 0, max: 200 }).openapi({ example: 'Ủy ban nhân dân tỉnh Quảng Trị' }),
    issuingBody: longText({ max: 200 }).openapi({ example: 'Sở Văn hóa, Thể thao\nvà Du lịch' }),
    symbol: plainText({ max: 40 })
      .refine((s) => !s.includes('/'), 'the symbol after the number, without “/”')
      .openapi({ example: 'SVHTTDL-QLBC' }),
    place: plainText({ max: 100 }),
    signerAuthority: plainText({ max: 100 }).optional().openapi({ example: 'KT. GIÁM ĐỐC' }),
    signerTitle: plainText({ max: 100 }),
    signerName: plainText({ min: 0, max: 200 }),
    copyTo: z.array(plainText({ max: 200 })).max(10),
  })
  .openapi('Letterhead');

async function agencyOr404(em: Em, id: string) {
  const agency = await em.findOne(Agency, { id });
  if (!agency) throw NotFoundError.of('Agency', id);
  return agency;
}

async function agencyName(em: Em, id: string | null | undefined): Promise<string | null> {
  return id ? ((await em.findOne(Agency, { id }))?.name ?? null) : null;
}

/** The department's own supervisors, or an administrator of its province. */
function mayEditLetterhead(actor: Actor, department: { id: string; provinceId?: string | null }): boolean {
  return (
    actsForAgency(actor, department.id, ['supervisor']) ||
    administers(actor, { id: department.id, provinceId: department.provinceId ?? null })
  );
}

export const letterheadRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/agencies/{id}/letterhead',
      tags: ['Supervision'],
      summary: 'The letterhead a department prints on its formal letters',
      security: bearerSecurity,
      request: { params: idParam },
      responses: {
        200: jsonResponse(
          'The configured letterhead, or the one derived from the registry (`configured: false`).',
          LetterheadSchema.extend({ configured: z.boolean() }),
        ),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { em } = c.var;
      const department = await agencyOr404(em, c.req.valid('param').id);
      if (!overseesProvince(actor, department.provinceId) && !mayEditLetterhead(actor, department))
        throw ForbiddenError.because('forbidden', 'Only overseers of the province read its letterheads.');
      const configured = await configuredLetterhead(em, department.id);
      const fields =
        configured ??
        defaultLetterhead({
          departmentName: department.name,
          parentName: await agencyName(em, department.parentId),
          provinceName: await agencyName(em, department.provinceId),
        });
      const { signerAuthority, ...rest } = fields;
      return c.json(
        { ...rest, ...(signerAuthority ? { signerAuthority } : {}), configured: configured !== undefined },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/agencies/{id}/letterhead',
      tags: ['Supervision'],
      summary: 'Set a department’s letterhead',
      description:
        'For the department’s supervisors and the province’s administrators. Applies to letters issued afterwards.',
      security: bearerSecurity,
      request: { params: idParam, body: jsonBody(LetterheadSchema) },
      responses: {
        200: jsonResponse('Saved.', LetterheadSchema.extend({ configured: z.boolean() })),
        ...problemResponses(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { em } = c.var;
      const department = await agencyOr404(em, c.req.valid('param').id);
      if (!mayEditLetterhead(actor, department))
        throw ForbiddenError.because(
          'forbidden',
          'Only the department’s supervisors or the province’s administrators.',
        );
      const body = c.req.valid('json');
      await saveLetterhead(em, department.id, body, actor.sub);
      return c.json({ ...body, configured: true }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/agencies/{id}/documents',
      tags: ['Supervision'],
      summary: 'The formal letters an agency received (its record), newest first',
      security: bearerSecurity,
      request: { params: idParam },
      responses: {
        200: jsonResponse(
          'The letters.',
          z.object({
            items: z.array(
              z.object({
                id: z.string(),
                type: z.literal('reminder_letter'),
                number: z.string(),
                createdAt: z.string(),
                contactIds: z.array(z.string()),
                pdfUrl: z.string(),
                docxUrl: z.string(),
              }),
            ),
          }),
        ),
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { em } = c.var;
      const agency = await agencyOr404(em, c.req.valid('param').id);
      if (!actsForAgency(actor, agency.id, AGENCY_ROLES) && !overseesProvince(actor, agency.provinceId))
        throw ForbiddenError.because('forbidden', 'Only the agency and the overseers of its province.');
      const items = (await documentsToAgency(em, agency.id)).map((d) => ({
        id: d.id,
        type: d.type,
        number: d.number,
        createdAt: d.createdAt,
        contactIds: d.contactIds,
        pdfUrl: `/api/v1/documents/${d.id}/pdf`,
        docxUrl: `/api/v1/documents/${d.id}/docx`,
      }));
      return c.json({ items }, 200);
    },
  );
