/**
 * @module
 * A contact's message thread (issue 10): `POST` and `GET /contacts/{id}/messages`. A message is not an
 * action — no status changes and no workflow Update; it moves the contact's last action (the board's idle
 * clock) and notifies the other side. Who reads, who writes and what internal notes are is in
 * `domain/messages/rules.ts`; a contact the caller may not see answers 404, as if it did not exist.
 *
 * Problem codes: `message_not_allowed` and `internal_note_not_allowed` (403), `not_found` (404),
 * `contact_closed` (409), `invalid_input` (a body or cursor that does not fit) and `attachment_not_on_contact`
 * (422).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { FIELD_LIMITS } from '../../domain/contact/field-limits.ts';
import { isTerminal } from '../../domain/contact/machine.ts';
import { kindOf } from '../../domain/contact/kinds.ts';
import { visibleOf } from '../../domain/contact/visibility.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import {
  assertMayWriteMessage,
  messageNotifications,
  MESSAGE_GRACE_DAYS,
  readsInternalNotes,
  resolveAttachments,
  threadOpen,
  writerSide,
} from '../../domain/messages/index.ts';
import { identifier, longText } from '../../domain/text/policy.ts';
import { router } from '../context.ts';
import { requireActor } from '../middleware/auth.ts';
import {
  bearerSecurity,
  cursorParam,
  idParam,
  jsonBody,
  jsonResponse,
  problemResponses,
} from '../schemas.ts';
import { listMessages, postMessage } from '../services/messages.ts';
import { attachmentsVisibleTo } from '../services/visible-attachments.ts';
import { visibleContact } from '../services/visible-contact.ts';

/** Attachments one message may refer to. */
const MAX_ATTACHMENTS_PER_MESSAGE = 10;
const DEFAULT_PAGE = 100;
const MAX_PAGE = 200;

const MessageAttachmentSchema = z
  .object({ id: z.string(), name: z.string(), size: z.number().int(), type: z.string() })
  .openapi('MessageAttachment');

const MessageSchema = z
  .object({
    id: z.string(),
    contactId: z.string(),
    at: z.string().openapi({ description: 'ISO 8601.' }),
    author: z.object({
      sub: z.string(),
      name: z.string(),
      side: z.enum(['journalist', 'agency']),
    }),
    text: z.string(),
    internal: z.boolean().openapi({
      description: 'An internal note of the agency side: the journalist never sees it.',
    }),
    attachments: z.array(MessageAttachmentSchema),
  })
  .openapi('Message');

const NewMessageSchema = z
  .object({
    text: longText(FIELD_LIMITS.message),
    internal: z.boolean().optional(),
    attachmentIds: z.array(identifier(64)).max(MAX_ATTACHMENTS_PER_MESSAGE).optional(),
  })
  .strict()
  .openapi('NewMessage');

const cursorOf = (id: number) => Buffer.from(`m${id}`).toString('base64url');
function afterOf(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^m(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw InvalidInputError.because('The cursor is not one this API returned.');
  return Number(match[1]);
}

export const messageRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/contacts/{id}/messages',
      tags: ['Messages'],
      summary: 'Write in a contact’s thread',
      description:
        'For the contact’s journalist, its agency (staff, spokesperson, head) and the supervising department ' +
        '(`403 message_not_allowed` for others who see it). `internal: true` makes an internal note, read by ' +
        'the agency side only; the journalist may not write one (`403 internal_note_not_allowed`). ' +
        '`attachmentIds` refer to files already attached to this contact (`422 attachment_not_on_contact` for ' +
        `any other id). Open contacts take messages, and ended ones for ${MESSAGE_GRACE_DAYS} days (` +
        '`409 contact_closed` after). Not an action: the status does not change; it counts as the ' +
        'contact’s last action on the supervision board and notifies the other side.',
      security: bearerSecurity,
      request: { params: idParam, body: jsonBody(NewMessageSchema) },
      responses: {
        201: jsonResponse('The message.', MessageSchema),
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const internal = body.internal ?? false;
      const state = await visibleContact(c.var.em, id, actor);
      const now = c.var.deps.now?.() ?? Date.now();
      const contact = visibleOf(state);
      const side = assertMayWriteMessage(
        actor,
        { ...contact, terminal: isTerminal(kindOf(state.kind), state), updatedAt: state.updatedAt },
        { internal },
        now,
      );
      // Only files the writer may see: a journalist cannot share an internal note's file by citing its id.
      const { attachments, missing } = resolveAttachments(
        body.attachmentIds ?? [],
        await attachmentsVisibleTo(c.var.em, state, actor),
      );
      if (missing.length > 0)
        throw new InvalidInputError(
          'attachment_not_on_contact',
          'A message refers only to files attached to the same contact.',
          { attachmentIds: missing },
        );
      const message = await postMessage(c.var.em, {
        contactId: id,
        author: { sub: actor.sub, name: actor.name, side },
        text: body.text,
        internal,
        attachments,
        at: now,
        notifications: messageNotifications(
          actor,
          side,
          { ...contact, subject: state.subject, assigneeSub: state.assignee?.sub },
          { internal },
        ),
      });
      return c.json(message, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/contacts/{id}/messages',
      tags: ['Messages'],
      summary: 'A contact’s thread',
      description:
        'For whoever may see the contact, oldest first. Internal notes (`internal: true`) only for the ' +
        'agency side. Pages of `limit` (default 100, at most 200); `nextCursor` continues. `mayWrite` and ' +
        '`mayWriteInternal` say what the caller may write now, so a widget offers exactly that.',
      security: bearerSecurity,
      request: {
        params: idParam,
        query: z.object({
          limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional(),
          cursor: cursorParam,
        }),
      },
      responses: {
        200: jsonResponse(
          'The messages.',
          z.object({
            items: z.array(MessageSchema),
            nextCursor: z.string().nullable(),
            mayWrite: z.boolean().openapi({ description: 'Whether the caller may write in the thread now.' }),
            mayWriteInternal: z.boolean().openapi({ description: 'Whether they may write internal notes.' }),
          }),
        ),
        ...problemResponses(400, 401, 404, 422),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const { limit, cursor } = c.req.valid('query');
      const state = await visibleContact(c.var.em, id, actor);
      const after = afterOf(cursor);
      const contact = visibleOf(state);
      const page = await listMessages(c.var.em, id, {
        withInternal: readsInternalNotes(actor, contact),
        after,
        limit: limit ?? DEFAULT_PAGE,
      });
      const open = threadOpen(
        { terminal: isTerminal(kindOf(state.kind), state), updatedAt: state.updatedAt },
        c.var.deps.now?.() ?? Date.now(),
      );
      const side = open ? writerSide(actor, contact) : undefined;
      return c.json(
        {
          items: page.items,
          nextCursor: page.next ? cursorOf(page.next) : null,
          mayWrite: side !== undefined,
          mayWriteInternal: side === 'agency',
        },
        200,
      );
    },
  );
