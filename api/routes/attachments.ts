/**
 * @module
 * Files attached to a contact: upload (multipart, field `file`), list and download. Whoever may see the
 * contact lists and downloads its attachments; its journalist, its agency and the supervising department
 * upload (`domain/attachments/rules.ts`). A contact the caller may not see answers 404, as if it did not
 * exist. The type is found from the content, never from the name or the client's `Content-Type`; the name is
 * made safe; the content is stored by SHA-256 in the configured store (`storage/attachments/`).
 *
 * Problem codes: `attach_not_allowed` (403), `too_many_attachments` (409), `attachment_too_large` (413),
 * `multipart_required` and `unsupported_attachment_type` (415), `malformed_multipart`, `file_required` and
 * `empty_attachment` (422), `not_found` (404).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  assertMayAttach,
  assertRoomForAttachment,
  attachmentName,
  contentDisposition,
  DEFAULT_ATTACHMENT_LIMITS,
  sniffContent,
  type AttachmentLimits,
  type RefusedContent,
} from '../../domain/attachments/index.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { identifier } from '../../domain/text/policy.ts';
import {
  addAttachment,
  countAttachments,
  PostgresqlAttachmentStore,
  readAttachmentContent,
  type AttachmentStore,
} from '../../storage/attachments/index.ts';
import { router, type AppEnv } from '../context.ts';
import { problem } from '../errors.ts';
import { requireActor } from '../middleware/auth.ts';
import { bearerSecurity, idParam, jsonResponse, problemResponses } from '../schemas.ts';
import { attachmentsVisibleTo } from '../services/visible-attachments.ts';
import { visibleContact } from '../services/visible-contact.ts';

const AttachmentSchema = z
  .object({
    id: z.string(),
    name: z.string().openapi({ example: 'Báo cáo tiến độ.pdf', description: 'The sanitised file name.' }),
    size: z.number().int().openapi({ description: 'Bytes.' }),
    type: z.string().openapi({ example: 'application/pdf', description: 'Found from the content.' }),
    sha256: z.string().openapi({ description: 'SHA-256 of the content, lower-case hex.' }),
  })
  .openapi('Attachment');

const AttachmentDetailSchema = AttachmentSchema.extend({
  createdAt: z.string(),
  uploadedBy: z.object({ sub: z.string(), name: z.string() }),
}).openapi('AttachmentDetail');

const binary = { type: 'string', format: 'binary' } as const;

/** The store and limits in force (defaults: the PostgreSQL store, `DEFAULT_ATTACHMENT_LIMITS`). */
const defaultStore = new PostgresqlAttachmentStore();
function settings(c: Context<AppEnv>): { store: AttachmentStore; limits: AttachmentLimits } {
  const configured = c.var.deps.attachments;
  return {
    store: configured?.store ?? defaultStore,
    limits: {
      maxBytes: configured?.limits?.maxBytes ?? DEFAULT_ATTACHMENT_LIMITS.maxBytes,
      maxPerContact: configured?.limits?.maxPerContact ?? DEFAULT_ATTACHMENT_LIMITS.maxPerContact,
    },
  };
}

/**
 * A problem answer from the upload handler. Its typed responses are the JSON ones; problems are documented
 * by `problemResponses` and built by `problem`, so the type checker is told this Response fits.
 */
const refuse = (...args: Parameters<typeof problem>) => problem(...args) as never;

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
const tooLarge = (c: Context<AppEnv>, limits: AttachmentLimits) =>
  problem(c, 413, 'attachment_too_large', `A file may be at most ${megabytes(limits.maxBytes)}.`, {
    limit: limits.maxBytes,
  });

/**
 * Who may upload, and whether the contact has room, is decided before the body is read: a refused caller
 * costs no upload. (The count is checked again under the contact's lock when the attachment is written.)
 */
const mayUpload: MiddlewareHandler<AppEnv> = async function mayUpload(c, next) {
  const actor = requireActor(c);
  const id = c.req.param('id') ?? '';
  const state = await visibleContact(c.var.em, id, actor);
  assertMayAttach(actor, {
    journalistSub: state.journalist.sub,
    agencyId: state.agencyId,
    provinceId: state.provinceId,
  });
  assertRoomForAttachment(await countAttachments(c.var.em, id), settings(c).limits);
  await next();
};

/** The body may exceed the file by the form's own bytes (boundaries, part headers). */
const FORM_OVERHEAD_BYTES = 64 * 1024;
const uploadLimit: MiddlewareHandler<AppEnv> = async function uploadLimit(c, next) {
  const { limits } = settings(c);
  const limit = bodyLimit({
    maxSize: limits.maxBytes + FORM_OVERHEAD_BYTES,
    onError: () => tooLarge(c, limits),
  });
  return limit(c, next);
};

const REFUSED: Record<Exclude<RefusedContent, 'empty'>, string> = {
  executable: 'Programs and scripts cannot be attached.',
  markup: 'HTML, SVG and XML files cannot be attached.',
  macros: 'Office files with macros cannot be attached; save it as .docx or .xlsx.',
  unknown: 'Attach PDF, PNG, JPEG, DOCX, XLSX or plain UTF-8 text.',
};

export const attachmentRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/contacts/{id}/attachments',
      tags: ['Attachments'],
      summary: 'Attach a file to a contact',
      description:
        'A `multipart/form-data` body with one file in the field `file`. For the contact’s journalist, its ' +
        'agency and the supervising department (`403 attach_not_allowed` for others who see it). Accepted ' +
        'types, told by the content: PDF, PNG, JPEG, DOCX, XLSX, plain UTF-8 text (`415 ' +
        'unsupported_attachment_type`, with a `reason`: `executable`, `markup`, `macros`, `unknown`). At most ' +
        '`ATTACHMENT_MAX_BYTES` (10 MB; `413 attachment_too_large`) and `ATTACHMENTS_PER_CONTACT` (20; `409 ' +
        'too_many_attachments`) per contact. The name is made safe and given the extension of the type found.',
      security: bearerSecurity,
      middleware: [mayUpload, uploadLimit] as const,
      request: {
        params: idParam,
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: { type: 'object', properties: { file: binary }, required: ['file'] },
            },
          },
        },
      },
      responses: {
        201: {
          ...jsonResponse('The attachment as stored.', AttachmentSchema),
          headers: z.object({ location: z.string() }),
        },
        ...problemResponses(401, 403, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const { store, limits } = settings(c);
      if (!/^multipart\/form-data\s*;/iu.test(c.req.header('content-type') ?? ''))
        return refuse(
          c,
          415,
          'multipart_required',
          'Send the file as multipart/form-data in the field `file`.',
        );
      let form: FormData;
      try {
        form = await c.req.formData();
      } catch {
        return refuse(c, 422, 'malformed_multipart', 'The multipart body could not be read.');
      }
      const files = form.getAll('file');
      const file = files[0];
      if (files.length !== 1 || !(file instanceof File))
        return refuse(c, 422, 'file_required', 'The form must hold exactly one file, in the field `file`.');
      if (file.size > limits.maxBytes) return tooLarge(c, limits) as never;
      const bytes = new Uint8Array(await file.arrayBuffer());
      const sniffed = sniffContent(bytes);
      if (!sniffed.ok) {
        if (sniffed.reason === 'empty') return refuse(c, 422, 'empty_attachment', 'The file is empty.');
        return refuse(c, 415, 'unsupported_attachment_type', REFUSED[sniffed.reason], {
          reason: sniffed.reason,
        });
      }
      const record = await addAttachment(c.var.em, store, {
        contactId: id,
        name: attachmentName(file.name, sniffed.type),
        type: sniffed.type.mime,
        bytes,
        by: { sub: actor.sub, name: actor.name },
        at: c.var.deps.now?.() ?? Date.now(),
        limits,
      });
      c.header('location', `/api/v1/contacts/${id}/attachments/${record.id}`);
      const { name, size, type, sha256 } = record;
      return c.json({ id: record.id, name, size, type, sha256 }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/contacts/{id}/attachments',
      tags: ['Attachments'],
      summary: 'The files attached to a contact',
      description:
        'Oldest first. The agency side sees every file; the journalist (or an agency a report was referred to) sees the files they uploaded and those shared with them — of messages that are not internal notes, of the approved answer, of the recorded result.',
      security: bearerSecurity,
      request: { params: idParam },
      responses: {
        200: jsonResponse('The attachments.', z.object({ items: z.array(AttachmentDetailSchema) })),
        ...problemResponses(401, 404),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const state = await visibleContact(c.var.em, id, actor);
      const items = (await attachmentsVisibleTo(c.var.em, state, actor)).map(
        ({ contactId: _contactId, ...item }) => item,
      );
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/contacts/{id}/attachments/{attachmentId}',
      tags: ['Attachments'],
      summary: 'Download a file attached to a contact',
      description:
        'Served with the type found at upload, `Content-Disposition: attachment` (the name in `filename*`, ' +
        'RFC 6266/8187, with an ASCII `filename` fallback) and `X-Content-Type-Options: nosniff`.',
      security: bearerSecurity,
      request: {
        params: idParam.extend({
          attachmentId: identifier(64).openapi({ param: { name: 'attachmentId', in: 'path' } }),
        }),
      },
      responses: {
        200: { description: 'The file.', content: { 'application/octet-stream': { schema: binary } } },
        ...problemResponses(401, 404),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id, attachmentId } = c.req.valid('param');
      const state = await visibleContact(c.var.em, id, actor);
      // A file not shared with the caller answers like one that does not exist.
      const attachment = (await attachmentsVisibleTo(c.var.em, state, actor)).find(
        (a) => a.id === attachmentId,
      );
      if (!attachment) throw NotFoundError.of('Attachment', attachmentId);
      const bytes = await readAttachmentContent(c.var.em, settings(c).store, attachment);
      return c.body(new Uint8Array(bytes), 200, {
        'content-type': attachment.type,
        'content-disposition': contentDisposition(attachment.name),
        'content-length': String(bytes.length),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      });
    },
  );
