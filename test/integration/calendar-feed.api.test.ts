/**
 * Appointments in calendars (issue 7): the `.ics` of one meeting behind the usual visibility rule, and the
 * private feed — made, shown once, polled without a bearer token, replaced and revoked — listing what its owner
 * may see. Contacts are projection rows with crafted appointment states: the reading path needs nothing more.
 *
 * The routes are mounted on a small app that runs the API's own context and `authenticate()` middleware, so
 * this file does not depend on `createApp` mounting them (see the route module for the mount line).
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER, type DevIssuer } from '../../api/auth/dev-issuer.ts';
import { createVerifier } from '../../api/auth/verifier.ts';
import { router, type AppDeps } from '../../api/context.ts';
import { handleError, problem } from '../../api/errors.ts';
import { authenticate } from '../../api/middleware/auth.ts';
import { contactCalendarRoutes } from '../../api/routes/contact-calendar.ts';
import type { AppointmentState, Meeting } from '../../domain/appointment/state.ts';
import { defaultCalendar } from '../../domain/calendar/index.ts';
import type { ContactKind } from '../../domain/vocabulary.ts';
import { Agency, CalendarFeed, Contact } from '../../db/entities/index.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../db/scratch-database.ts';
import { DEMO_USERS } from '../../db/seeders/demo-data.ts';
import { seedDemoData } from '../../db/seeders/demo.ts';
import { AgencyScopes } from '../../api/services/agency-scopes.ts';
import { expectJson, expectProblem, USERS } from '../support/api-helpers.ts';

const vn = (local: string): number => Date.parse(`${local}+07:00`);
const NOW = vn('2026-12-02T10:00');

let db: ScratchDatabase;
let issuer: DevIssuer;
let app: Hono;
let clock = NOW;

function miniApp(deps: AppDeps): Hono {
  const api = router();
  const agencyScopes = new AgencyScopes({ ttlMs: 0 });
  api.use('*', async function provideContext(c, next) {
    c.set('deps', deps);
    c.set('em', deps.orm.em.fork());
    // Every sign-in reads the registry: the tests change agencies behind the app's back.
    c.set('agencyScopes', agencyScopes);
    await next();
  });
  api.use('*', authenticate());
  api.route('/', contactCalendarRoutes);
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  api.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 't', version: '0' } });
  const root = new Hono();
  root.route('/api/v1', api);
  root.notFound((c) => problem(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`));
  root.onError(handleError);
  return root;
}

const tokens = new Map<string, string>();
async function call(method: string, path: string, as?: string, base = 'http://localhost'): Promise<Response> {
  const headers: Record<string, string> = {};
  if (as) {
    let token = tokens.get(as);
    if (!token) {
      const user = DEMO_USERS.find((u) => u.sub === as);
      if (!user) throw new Error(`No demo user ${as}`);
      ({ token } = await issuer.mint({
        sub: as,
        name: user.name,
        roles: user.roles,
        agencyId: user.agencyId ?? undefined,
      }));
      tokens.set(as, token);
    }
    headers.authorization = `Bearer ${token}`;
  }
  return app.request(new URL(`/api/v1${path}`, base).toString(), { method, headers });
}

const meetingAt = (day: string): Meeting => ({
  slot: { start: vn(`${day}T09:00`), end: vn(`${day}T10:00`) },
  place: 'Phòng họp số 2, Sở Y tế, 34 Trần Hưng Đạo, Đông Hà',
  host: { id: 'sp-1', name: 'Hoàng Minh Đức', title: 'Người phát ngôn' },
  agreedAt: vn('2026-12-01T08:00'),
});

interface Seed {
  id: string;
  kind?: ContactKind;
  agencyId: string;
  provinceId: string;
  journalistSub: string;
  status: string;
  meeting?: Meeting;
  sequence?: number;
}

function stateOf(s: Seed): AppointmentState {
  return {
    contactId: s.id,
    kind: 'appointment',
    agencyId: s.agencyId,
    provinceId: s.provinceId,
    journalist: { sub: s.journalistSub, name: 'Phóng viên' },
    subject: `Làm việc về tiêm chủng mở rộng (${s.id})`,
    status: s.status as AppointmentState['status'],
    clocks: {},
    timeline: [],
    submittedAt: vn('2026-11-30T08:00'),
    updatedAt: vn('2026-12-01T08:00'),
    calendar: defaultCalendar(),
    questions: 'Số liệu tiêm chủng năm 2026 ra sao?',
    format: 'in_person',
    proposal: { by: 'journalist', slots: [], at: vn('2026-11-30T08:00') },
    meeting: s.meeting,
    sequence: s.sequence ?? 0,
    ...(s.status === 'cancelled'
      ? {
          cancellation: { reason: 'Trùng lịch họp', by: { sub: 'x', name: 'X' }, at: vn('2026-12-01T09:00') },
        }
      : {}),
  };
}

const SEEDS: Seed[] = [
  // Trần Thị Bình with the Department of Health: agreed.
  {
    id: 'LV-YTE0000001',
    agencyId: 'qt-so-yte',
    provinceId: 'quang-tri',
    journalistSub: USERS.otherReporter,
    status: 'scheduled',
    meeting: meetingAt('2026-12-07'),
  },
  // Nguyễn Văn An with the Department of Construction: agreed, then cancelled (the meeting stays, as CANCELLED).
  {
    id: 'LV-XD00000001',
    agencyId: 'qt-so-xay-dung',
    provinceId: 'quang-tri',
    journalistSub: USERS.reporter,
    status: 'cancelled',
    meeting: meetingAt('2026-12-09'),
    sequence: 1,
  },
  // Bình's second proposal, nothing agreed yet.
  {
    id: 'LV-YTE0000002',
    agencyId: 'qt-so-yte',
    provinceId: 'quang-tri',
    journalistSub: USERS.otherReporter,
    status: 'submitted',
  },
  // Another province: no Quảng Trị reader sees it.
  {
    id: 'LV-HUE0000001',
    agencyId: 'hue-so-yte',
    provinceId: 'hue',
    journalistSub: USERS.otherReporter,
    status: 'scheduled',
    meeting: meetingAt('2026-12-08'),
  },
  // An information request: no meeting to export.
  {
    id: 'YC-YTE0000001',
    kind: 'information_request',
    agencyId: 'qt-so-yte',
    provinceId: 'quang-tri',
    journalistSub: USERS.reporter,
    status: 'submitted',
  },
];

beforeAll(async () => {
  db = await createScratchDatabase(process.env.DATABASE_URL, 'pl_test');
  await seedDemoData(db.orm.em.fork());
  issuer = await createDevIssuer();
  const em = db.orm.em.fork();
  for (const s of SEEDS) {
    const state = stateOf(s);
    em.create(Contact, {
      id: s.id,
      kind: s.kind ?? 'appointment',
      agencyId: s.agencyId,
      provinceId: s.provinceId,
      journalistSub: s.journalistSub,
      journalistName: 'Phóng viên',
      subject: state.subject,
      status: s.status,
      submittedAt: new Date(state.submittedAt),
      updatedAt: new Date(state.updatedAt),
      nextMeetingAt: s.meeting && s.status === 'scheduled' ? new Date(s.meeting.slot.start) : null,
      lastSeq: 1,
      searchText: s.id.toLowerCase(),
      state: s.kind === 'information_request' ? { ...state, kind: 'information_request' } : state,
    });
  }
  await em.flush();
  const deps = {
    orm: db.orm,
    verifyToken: createVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwks: issuer.jwks }),
    temporalReady: () => Promise.resolve(true),
    now: () => clock,
  } satisfies Partial<AppDeps>;
  app = miniApp(deps as Partial<AppDeps> as AppDeps);
});
afterAll(async () => db?.drop());

function eventsOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  return calendar.getAllSubcomponents('vevent').map((v) => ({
    uid: String(v.getFirstPropertyValue('uid')),
    status: String(v.getFirstPropertyValue('status')),
    sequence: Number(v.getFirstPropertyValue('sequence')),
    summary: String(v.getFirstPropertyValue('summary')),
  }));
}

describe('GET /contacts/{id}/calendar.ics', () => {
  it('gives the journalist their agreed meeting as an attachment', async () => {
    const res = await call('GET', '/contacts/LV-YTE0000001/calendar.ics', USERS.otherReporter);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="LV-YTE0000001.ics"');
    const ics = await res.text();
    expect(ics).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20261207T090000');
    expect(eventsOf(ics)).toEqual([
      {
        uid: 'LV-YTE0000001@press-liaison',
        status: 'CONFIRMED',
        sequence: 0,
        summary: 'Làm việc về tiêm chủng mở rộng (LV-YTE0000001)',
      },
    ]);
  });

  it("gives the agency's staff and the province's supervisor the same event", async () => {
    for (const who of [USERS.clerk, USERS.spokesperson, USERS.supervisor]) {
      const res = await call('GET', '/contacts/LV-YTE0000001/calendar.ics', who);
      expect(res.status, who).toBe(200);
      expect(eventsOf(await res.text()).map((e) => e.uid)).toEqual(['LV-YTE0000001@press-liaison']);
    }
  });

  it('writes a cancelled meeting as CANCELLED with its raised SEQUENCE', async () => {
    const res = await call('GET', '/contacts/LV-XD00000001/calendar.ics', USERS.reporter);
    expect(eventsOf(await res.text())).toMatchObject([{ status: 'CANCELLED', sequence: 1 }]);
  });

  it('answers 404 for a contact the caller may not see, exactly as for none', async () => {
    await expectProblem(await call('GET', '/contacts/LV-YTE0000001/calendar.ics', USERS.foreignClerk), 404);
    await expectProblem(await call('GET', '/contacts/LV-YTE0000001/calendar.ics', USERS.reporter), 404);
    await expectProblem(await call('GET', '/contacts/LV-HUE0000001/calendar.ics', USERS.supervisor), 404);
    await expectProblem(await call('GET', '/contacts/LV-NONE0000000/calendar.ics', USERS.clerk), 404);
  });

  it('answers 409 no_meeting before a meeting is agreed, and for other kinds', async () => {
    await expectProblem(
      await call('GET', '/contacts/LV-YTE0000002/calendar.ics', USERS.otherReporter),
      409,
      'no_meeting',
    );
    await expectProblem(
      await call('GET', '/contacts/YC-YTE0000001/calendar.ics', USERS.clerk),
      409,
      'no_meeting',
    );
  });

  it('needs a bearer token', async () => {
    await expectProblem(await call('GET', '/contacts/LV-YTE0000001/calendar.ics'), 401);
  });
});

describe('the private calendar feed', () => {
  it('is made once, shown once, polled without a token, replaced and revoked', async () => {
    const who = USERS.clerk;
    expect(await expectJson(await call('GET', '/me/calendar-feed', who), 200)).toEqual({
      url: null,
      active: false,
      createdAt: null,
      lastUsedAt: null,
    });

    const made = await call('POST', '/me/calendar-feed', who, 'https://press.example.vn');
    expect(made.headers.get('cache-control')).toBe('no-store');
    const first = await expectJson<{ url: string; createdAt: number }>(made, 201);
    expect(first.createdAt).toBe(NOW);
    const match = /^https:\/\/press\.example\.vn\/api\/v1\/calendar-feeds\/([A-Za-z0-9_-]{43})\.ics$/.exec(
      first.url,
    );
    expect(match, first.url).not.toBeNull();
    const token = match?.[1] ?? '';

    // Only the hash is kept, with the owner's scope.
    const rows = await db.orm.em.fork().find(CalendarFeed, { sub: who });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows[0])).not.toContain(token);
    expect(rows[0]?.actor).toMatchObject({ sub: who, roles: ['agency_staff'], agencyId: 'qt-so-yte' });

    expect(await expectJson(await call('GET', '/me/calendar-feed', who), 200)).toEqual({
      url: null,
      active: true,
      createdAt: NOW,
      lastUsedAt: null,
    });

    clock = NOW + 60_000;
    const feed = await app.request(first.url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(feed.headers.get('cache-control')).toBe('private, max-age=300');
    const ics = await feed.text();
    expect(ics).toContain('X-WR-CALNAME:Lịch làm việc với báo chí — Lê Thị Cúc');
    expect(eventsOf(ics).map((e) => e.uid)).toEqual(['LV-YTE0000001@press-liaison']);
    expect(await expectJson(await call('GET', '/me/calendar-feed', who), 200)).toMatchObject({
      lastUsedAt: NOW + 60_000,
    });

    // A new feed replaces the old one: the old URL stops working at once.
    clock = NOW + 120_000;
    const second = await expectJson<{ url: string }>(await call('POST', '/me/calendar-feed', who), 201);
    expect(second.url).toMatch(/^http:\/\/localhost\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(second.url).not.toBe(first.url);
    await expectProblem(await app.request(first.url), 404, 'not_found');
    expect((await app.request(second.url)).status).toBe(200);
    expect(await expectJson(await call('GET', '/me/calendar-feed', who), 200)).toEqual({
      url: null,
      active: true,
      createdAt: NOW + 120_000,
      lastUsedAt: NOW + 120_000,
    });

    const revoked = await call('DELETE', '/me/calendar-feed', who);
    expect(revoked.status).toBe(204);
    await expectProblem(await app.request(second.url), 404, 'not_found');
    expect(await expectJson(await call('GET', '/me/calendar-feed', who), 200)).toMatchObject({
      active: false,
    });
    // Revoking nothing is not an error.
    expect((await call('DELETE', '/me/calendar-feed', who)).status).toBe(204);
  });

  async function feedOf(who: string) {
    const { url } = await expectJson<{ url: string }>(await call('POST', '/me/calendar-feed', who), 201);
    const res = await app.request(url);
    expect(res.status).toBe(200);
    return eventsOf(await res.text());
  }

  it('lists what its owner may see: own proposals, the agency’s, the province’s', async () => {
    expect((await feedOf(USERS.otherReporter)).map((e) => e.uid).sort()).toEqual([
      'LV-HUE0000001@press-liaison',
      'LV-YTE0000001@press-liaison',
    ]);
    expect(await feedOf(USERS.foreignClerk)).toMatchObject([
      { uid: 'LV-XD00000001@press-liaison', status: 'CANCELLED', sequence: 1 },
    ]);
    // Latest meeting first.
    expect((await feedOf(USERS.supervisor)).map((e) => e.uid)).toEqual([
      'LV-XD00000001@press-liaison',
      'LV-YTE0000001@press-liaison',
    ]);
    // A role that sees no contacts gets an empty, valid calendar.
    expect(await feedOf(USERS.admin)).toEqual([]);
  });

  it('leaves one live feed when several are made at once', async () => {
    const made = await Promise.all(
      Array.from({ length: 5 }, () => call('POST', '/me/calendar-feed', USERS.spokesperson)),
    );
    const urls = await Promise.all(made.map((r) => expectJson<{ url: string }>(r, 201)));
    const live = await db.orm.em.fork().find(CalendarFeed, { sub: USERS.spokesperson, revokedAt: null });
    expect(live).toHaveLength(1);
    const statuses = await Promise.all(urls.map(async ({ url }) => (await app.request(url)).status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  });

  it("stops when the owner's agency is dissolved, as a sign-in would be refused", async () => {
    const { url } = await expectJson<{ url: string }>(
      await call('POST', '/me/calendar-feed', USERS.foreignClerk),
      201,
    );
    const em = db.orm.em.fork();
    await em.nativeUpdate(Agency, { id: 'qt-so-xay-dung' }, { dissolvedOn: '2026-12-01' });
    try {
      await expectProblem(await app.request(url), 404, 'not_found');
    } finally {
      await em.nativeUpdate(Agency, { id: 'qt-so-xay-dung' }, { dissolvedOn: null });
    }
    expect((await app.request(url)).status).toBe(200);
  });

  it('answers 404 to an unknown token and 400 to a malformed one, with no token needed either way', async () => {
    await expectProblem(await call('GET', `/calendar-feeds/${'A'.repeat(43)}.ics`), 404, 'not_found');
    await expectProblem(await call('GET', '/calendar-feeds/not-a-token.ics'), 400, 'invalid_input');
    await expectProblem(await call('GET', `/calendar-feeds/${'A'.repeat(43)}`), 400, 'invalid_input');
  });

  it('needs a bearer token to make, read or revoke a feed', async () => {
    await expectProblem(await call('GET', '/me/calendar-feed'), 401);
    await expectProblem(await call('POST', '/me/calendar-feed'), 401);
    await expectProblem(await call('DELETE', '/me/calendar-feed'), 401);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = await expectJson<{ paths: Record<string, Record<string, { security?: unknown }>> }>(
      await call('GET', '/openapi.json'),
      200,
    );
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/calendar-feeds/{file}',
      '/contacts/{id}/calendar.ics',
      '/me/calendar-feed',
    ]);
    expect(doc.paths['/calendar-feeds/{file}']?.get?.security).toBeUndefined();
    expect(doc.paths['/contacts/{id}/calendar.ics']?.get?.security).toEqual([{ bearer: [] }]);
  });
});
