/**
 * @module
 * Appointments in people's calendars (issue 7): one meeting as an `.ics` download, and a private feed that a
 * calendar application subscribes to. The feed URL carries a secret instead of a bearer token (calendar
 * applications cannot send one); only the secret's SHA-256 is stored, so the URL is shown once, when it is
 * made. A new feed revokes the previous one. The feed lists what its owner may see, through the same visibility
 * rule as every other contact read, with the roles and agency they had when they made it (the actor snapshot),
 * checked against the registry again at every poll.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import type { Actor } from '../../domain/actor.ts';
import type { AppointmentState } from '../../domain/appointment/state.ts';
import { toLocalDate } from '../../domain/calendar/index.ts';
import { contactScope, maySeeContact, visibleOf } from '../../domain/contact/visibility.ts';
import { contactScopeSql } from '../services/contact-scope.ts';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { resolveActor } from '../../domain/registry/actor-scope.ts';
import { identifier } from '../../domain/text/policy.ts';
import { Agency, CalendarFeed, Contact } from '../../db/entities/index.ts';
import { registeredAgency } from '../services/agency-scopes.ts';
import type { Em } from '../../db/orm.ts';
import { router } from '../context.ts';
import { requireActor } from '../middleware/auth.ts';
import { bearerSecurity, jsonResponse, problemResponses } from '../schemas.ts';
import { appointmentCalendar, hasMeeting } from '../services/icalendar.ts';

const ICS_TYPE = 'text/calendar; charset=utf-8';
/** How many meetings a feed lists at most: the latest by start. */
export const FEED_LIMIT = 500;
/** Calendar applications are asked to poll no more often than this; responses may be cached as long. */
const FEED_MAX_AGE_SECONDS = 300;
/** `lastUsedAt` is written at most this often per feed: a poll is a read, not a write. */
const LAST_USED_RESOLUTION_MS = 60_000;

const icsBody = z.string().openapi({ format: 'binary', description: 'An iCalendar (RFC 5545) document.' });

/** 32 random bytes, base64url: 43 characters. */
const feedTokenPattern = /^[A-Za-z0-9_-]{43}$/;

const sha256 = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const CalendarFeedStatusSchema = z
  .object({
    url: z.null().openapi({
      description: 'Always null: the address is shown only once, by `POST`; the server keeps its hash.',
    }),
    active: z.boolean(),
    createdAt: z.number().nullable().openapi({ description: 'Epoch milliseconds; null without a feed.' }),
    lastUsedAt: z
      .number()
      .nullable()
      .openapi({ description: 'When a calendar application last read the feed (to the minute).' }),
  })
  .openapi('CalendarFeedStatus');

const NewCalendarFeedSchema = z
  .object({
    url: z.string().openapi({
      description: 'The secret subscription URL. Shown only now: the server keeps its hash, not the URL.',
      example: 'https://press-liaison.example.gov.vn/api/v1/calendar-feeds/3q2-7wEJ…k.ics',
    }),
    createdAt: z.number(),
  })
  .openapi('NewCalendarFeed');

/** The actor snapshot a feed keeps: the scope it lists. */
function snapshot(actor: Actor): Actor {
  return {
    sub: actor.sub,
    name: actor.name,
    roles: [...actor.roles],
    agencyId: actor.agencyId,
    provinceId: actor.provinceId,
  };
}

/**
 * The feed's owner as a sign-in would resolve them today: the snapshot's identity checked against the registry
 * again (`resolveActor`), so a feed stops when its agency is dissolved or merged, and a supervisor's province
 * follows the registry. Undefined when the registry now refuses them.
 */
async function currentOwner(em: Em, stored: Actor, now: number): Promise<Actor | undefined> {
  const identity = { sub: stored.sub, name: stored.name, roles: stored.roles, agencyId: stored.agencyId };
  const row = identity.agencyId === undefined ? null : await em.findOne(Agency, { id: identity.agencyId });
  // Read afresh, not through the API's short-lived AgencyScopes: a feed has no token to expire.
  const resolved = resolveActor(identity, row && registeredAgency(row), toLocalDate(now));
  return resolved.ok ? resolved.actor : undefined;
}

/** The appointments with a meeting that `actor` may see, latest meeting first. */
async function visibleMeetings(em: Em, actor: Actor): Promise<AppointmentState[]> {
  const scope = contactScopeSql(contactScope(actor));
  if (!scope) return [];
  // A cancelled meeting stays in the state (its event must say CANCELLED), while `next_meeting_at` may be cleared.
  const rows = await em.execute<{ state: AppointmentState }[]>(
    `select state from contact
     where kind = 'appointment' and ${scope.sql}
       and (next_meeting_at is not null or jsonb_typeof(state -> 'meeting') = 'object')
     order by (state -> 'meeting' -> 'slot' ->> 'start')::numeric desc nulls last, id
     limit ?`,
    [...scope.params, FEED_LIMIT],
  );
  return rows.map((r) => r.state).filter(hasMeeting);
}

/** The caller's live feed, if any (the newest, should a race have left two). */
async function activeFeed(em: Em, sub: string) {
  return await em.findOne(
    CalendarFeed,
    { sub, revokedAt: null },
    { orderBy: { createdAt: 'desc', id: 'desc' } },
  );
}

const ContactIdParam = z.object({
  id: identifier(64).openapi({ param: { name: 'id', in: 'path' }, example: 'LV-7KQ2M9TXAB' }),
});

const FeedFileParam = z.object({
  file: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}\.ics$/, 'the feed token followed by .ics')
    .openapi({
      param: { name: 'file', in: 'path' },
      description: 'The secret token of `POST /me/calendar-feed` followed by `.ics`.',
    }),
});

export const contactCalendarRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/contacts/{id}/calendar.ics',
      tags: ['Calendar'],
      summary: "An appointment's meeting as an iCalendar file",
      description:
        'One `VEVENT` with `UID` `<id>@press-liaison` (stable, so a newer file replaces the event), `SEQUENCE` ' +
        'raised by every reschedule or cancel, times in `Asia/Ho_Chi_Minh`, and `STATUS` `CONFIRMED`, ' +
        '`TENTATIVE` (a reschedule is being negotiated) or `CANCELLED`. 409 `no_meeting` until a meeting is agreed.',
      security: bearerSecurity,
      request: { params: ContactIdParam },
      responses: {
        200: { description: 'The meeting (attachment)', content: { 'text/calendar': { schema: icsBody } } },
        ...problemResponses(400, 401, 404, 409),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      const row = await c.var.em.findOne(Contact, { id });
      const state = row?.state as (AppointmentState & { kind: string }) | undefined;
      // A contact the caller may not see answers exactly like one that does not exist.
      if (!state || !maySeeContact(actor, visibleOf(state))) throw NotFoundError.of('Contact', id);
      if (!hasMeeting(state))
        throw new ConflictError(
          'no_meeting',
          state.kind === 'appointment'
            ? 'No meeting has been agreed for this appointment yet.'
            : 'Only work appointments have a meeting to put in a calendar.',
          { contactId: id },
        );
      return c.body(appointmentCalendar([state], { name: state.subject }), 200, {
        'content-type': ICS_TYPE,
        'content-disposition': `attachment; filename="${id}.ics"`,
        'cache-control': 'private, no-cache',
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me/calendar-feed',
      tags: ['Calendar'],
      summary: 'Whether the caller has a calendar subscription',
      description:
        'The URL itself is not recoverable: make a new one to see it again (the old one stops working).',
      security: bearerSecurity,
      responses: {
        200: jsonResponse('The subscription', CalendarFeedStatusSchema),
        ...problemResponses(401),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const feed = await activeFeed(c.var.em, actor.sub);
      c.header('cache-control', 'no-store');
      return c.json(
        {
          url: null,
          active: feed !== null,
          createdAt: feed ? feed.createdAt.getTime() : null,
          lastUsedAt: feed?.lastUsedAt ? feed.lastUsedAt.getTime() : null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/me/calendar-feed',
      tags: ['Calendar'],
      summary: 'Make a private calendar subscription URL (revokes the previous one)',
      description:
        'The feed lists the work appointments the caller may see now (own proposals, the agency’s, the ' +
        'province’s for supervisors), up to the latest 500 meetings. Anyone holding the URL can read it: ' +
        'treat it like a password, and revoke it with `DELETE` if it leaks.',
      security: bearerSecurity,
      responses: {
        201: jsonResponse('The new subscription', NewCalendarFeedSchema),
        ...problemResponses(401),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const now = new Date(c.var.deps.now?.() ?? Date.now());
      const token = randomBytes(32).toString('base64url');
      await c.var.em.transactional(async (em) => {
        // One live feed per person, even when two requests race: they take turns per subject.
        await em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`calendar_feed:${actor.sub}`]);
        await em.nativeUpdate(CalendarFeed, { sub: actor.sub, revokedAt: null }, { revokedAt: now });
        em.create(CalendarFeed, {
          sub: actor.sub,
          tokenHash: sha256(token),
          actor: snapshot(actor),
          createdAt: now,
          revokedAt: null,
          lastUsedAt: null,
        });
      });
      const origin = new URL(c.req.url).origin;
      c.header('cache-control', 'no-store');
      return c.json({ url: `${origin}/api/v1/calendar-feeds/${token}.ics`, createdAt: now.getTime() }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/me/calendar-feed',
      tags: ['Calendar'],
      summary: "Revoke the caller's calendar subscription",
      security: bearerSecurity,
      responses: { 204: { description: 'Revoked (or there was none)' }, ...problemResponses(401) },
    }),
    async (c) => {
      const actor = requireActor(c);
      const now = new Date(c.var.deps.now?.() ?? Date.now());
      await c.var.em.nativeUpdate(CalendarFeed, { sub: actor.sub, revokedAt: null }, { revokedAt: now });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendar-feeds/{file}',
      tags: ['Calendar'],
      summary: 'A private calendar feed (no bearer token: the URL is the secret)',
      description:
        'What calendar applications poll: `GET /calendar-feeds/<token>.ics` with the URL of ' +
        '`POST /me/calendar-feed`. An unknown or revoked token is a 404.',
      request: { params: FeedFileParam },
      responses: {
        200: { description: 'The meetings', content: { 'text/calendar': { schema: icsBody } } },
        ...problemResponses(400, 404),
      },
    }),
    async (c) => {
      const token = c.req.valid('param').file.slice(0, -'.ics'.length);
      // Looked up by hash only: the database never sees, and no comparison ever touches, the secret itself.
      const feed = feedTokenPattern.test(token)
        ? await c.var.em.findOne(CalendarFeed, { tokenHash: sha256(token), revokedAt: null })
        : null;
      const now = c.var.deps.now?.() ?? Date.now();
      const owner = feed && (await currentOwner(c.var.em, feed.actor as Actor, now));
      if (!feed || !owner)
        throw new NotFoundError('not_found', 'No such calendar feed: it may have been revoked.');
      const meetings = await visibleMeetings(c.var.em, owner);
      if (!feed.lastUsedAt || now - feed.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
        await c.var.em.nativeUpdate(CalendarFeed, { id: feed.id }, { lastUsedAt: new Date(now) });
      }
      const ics = appointmentCalendar(meetings, {
        name: `Lịch làm việc với báo chí — ${owner.name}`,
        refreshSeconds: FEED_MAX_AGE_SECONDS * 3,
      });
      return c.body(ics, 200, {
        'content-type': ICS_TYPE,
        'content-disposition': 'inline; filename="press-liaison.ics"',
        'cache-control': `private, max-age=${FEED_MAX_AGE_SECONDS}`,
        // The URL is a credential: never indexed (and, app-wide, never sent on as a referrer).
        'x-robots-tag': 'noindex',
      });
    },
  );
