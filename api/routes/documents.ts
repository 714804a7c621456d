/**
 * @module
 * The department's documents about a contact (issue 8): the formal reminder letters that name it, and their
 * PDF and DOCX downloads. Letters are for the agency side (the contact's agency, the province's supervisors
 * and auditors, national overseers), never for the journalist. Also the whole case as one ZIP for appeals
 * (its view, timeline, messages with internal notes, letters and attached files; issue 10) and the board's
 * "retry now".
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Actor } from '../../domain/actor.ts';
import type { AnyContactState, CarriedContactState } from '../../domain/contact/state.ts';
import { kindOf } from '../../domain/contact/kinds.ts';
import { mayView } from '../../domain/contact/machine.ts';
import { contactView } from '../../domain/contact/views.ts';
import { buildCaseArchive } from '../../documents/case-archive/index.ts';
import { seesAgencySide } from '../../domain/contact/visibility.ts';
import { FIELD_LIMITS } from '../../domain/contact/field-limits.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { longText } from '../../domain/text/policy.ts';
import { Contact } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';
import { documentFile, documentsOfContact } from '../../db/repositories/documents.ts';
import { router } from '../context.ts';
import { storedContact } from '../services/visible-contact.ts';
import {
  archiveDocuments,
  archiveMessages,
  DEFAULT_ATTACHMENT_STORE,
} from '../services/case-archive-contents.ts';
import { requireActor } from '../middleware/auth.ts';
import { bearerSecurity, idParam, jsonBody, jsonResponse, problemResponses } from '../schemas.ts';

const DocumentSchema = z
  .object({
    id: z.string(),
    type: z.literal('reminder_letter'),
    number: z.string().openapi({ example: '05/SVHTTDL-QLBC' }),
    sequence: z.number().int(),
    year: z.number().int(),
    issuerId: z.string(),
    addresseeAgencyId: z.string(),
    createdAt: z.string(),
    createdByName: z.string(),
    contactIds: z.array(z.string()),
    pdfUrl: z.string(),
    docxUrl: z.string(),
  })
  .openapi('IssuedDocument');

const FORMATS = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** Whether `actor` reads the contact from the agency side (its agency, supervisors, auditors). */
function readsAgencySide(state: CarriedContactState, actor: Actor): boolean {
  return (
    mayView(state, actor) &&
    seesAgencySide(actor, {
      journalistSub: state.journalist.sub,
      agencyId: state.agencyId,
      provinceId: state.provinceId,
    })
  );
}

/** The contact as the caller may read it from the agency side, or 404 (as if it did not exist). */
async function agencySideContact(em: Em, id: string, actor: Actor): Promise<AnyContactState> {
  return storedContact(em, id, (state) => readsAgencySide(state, actor));
}

const urlsOf = (id: string) => ({
  pdfUrl: `/api/v1/documents/${id}/pdf`,
  docxUrl: `/api/v1/documents/${id}/docx`,
});

export const documentRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/contacts/{id}/documents',
      tags: ['Supervision'],
      summary: 'The formal reminder letters that name a contact',
      description: 'For the agency side only (the agency, supervisors, auditors). Newest first.',
      security: bearerSecurity,
      request: { params: idParam },
      responses: {
        200: jsonResponse('The documents.', z.object({ items: z.array(DocumentSchema) })),
        ...problemResponses(401, 404),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      await agencySideContact(c.var.em, id, actor);
      const items = (await documentsOfContact(c.var.em, id)).map((d) => ({ ...d, ...urlsOf(d.id) }));
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/documents/{id}/{format}',
      tags: ['Supervision'],
      summary: 'Download a document as PDF or DOCX',
      security: bearerSecurity,
      request: {
        params: idParam.extend({
          format: z.enum(['pdf', 'docx']).openapi({ param: { name: 'format', in: 'path' } }),
        }),
      },
      responses: {
        200: {
          description: 'The document.',
          content: {
            [FORMATS.pdf]: { schema: z.string().openapi({ format: 'binary' }) },
            [FORMATS.docx]: { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
        ...problemResponses(401, 404),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id, format } = c.req.valid('param');
      const file = await documentFile(c.var.em, id, format);
      if (!file) throw NotFoundError.of('Document', id);
      // Readable by whoever reads one of the contacts it names from the agency side.
      let allowed = false;
      for (const contactId of file.contactIds) {
        const row = await c.var.em.findOne(Contact, { id: contactId });
        const state = row?.state as AnyContactState | undefined;
        if (state && readsAgencySide(state, actor)) {
          allowed = true;
          break;
        }
      }
      if (!allowed) throw NotFoundError.of('Document', id);
      const fileName = `van-ban-don-doc-${file.numberText.replace(/[^A-Za-z0-9-]+/g, '-')}.${format}`;
      return c.body(new Uint8Array(file.bytes), 200, {
        'content-type': FORMATS[format],
        'content-disposition': `attachment; filename="${fileName}"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/contacts/{id}/retry',
      tags: ['Supervision'],
      summary: 'Retry the contact’s delayed recordings now',
      description:
        'For operators (administrators) and the province’s supervisors. Sent as a validated Update; the workflow records who asked, when and why. Never a terminate or reset.',
      security: bearerSecurity,
      request: {
        params: idParam,
        body: jsonBody(z.object({ reason: longText(FIELD_LIMITS.reason) })),
      },
      responses: {
        200: jsonResponse('What still waits to be recorded.', z.object({ delayedEvents: z.number().int() })),
        ...problemResponses(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const row = await c.var.em.findOne(Contact, { id });
      const state = row?.state as AnyContactState | undefined;
      if (!state || !mayView(state, actor)) throw NotFoundError.of('Contact', id);
      return c.json(await c.var.deps.workflows.retry(id, actor, reason), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/contacts/{id}/archive',
      tags: ['Supervision'],
      summary: 'The whole case as a ZIP, for appeals',
      description:
        'The contact as the agency side sees it, its timeline and its whole message thread with internal notes (CSV and JSON), and every document: the reminder letters that name it (PDF and DOCX) and every file attached to it, unchanged, with a README listing SHA-256 hashes. For the agency side only.',
      security: bearerSecurity,
      request: { params: idParam },
      responses: {
        200: {
          description: 'The archive.',
          content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...problemResponses(401, 404),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const { em, deps } = c.var;
      const state = await agencySideContact(em, id, actor);
      const now = deps.now?.() ?? Date.now();
      const view = contactView(kindOf(state.kind), state, actor, now);
      const store = deps.attachments?.store ?? DEFAULT_ATTACHMENT_STORE;
      const messages = await archiveMessages(em, id);
      const documents = await archiveDocuments(em, store, id);
      const zip = buildCaseArchive({
        contactId: id,
        generatedAt: new Date(now).toISOString(),
        contact: view,
        timeline: view.timeline.map((e) => ({
          at: new Date(e.at).toISOString(),
          type: e.type,
          ...(e.actor ? { actorName: e.actor.name } : {}),
          ...(e.text !== undefined ? { text: e.text } : {}),
          ...(e.data !== undefined ? { data: e.data } : {}),
        })),
        messages,
        documents,
      });
      return c.body(new Uint8Array(zip), 200, {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="ho-so-${id}.zip"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      });
    },
  );
