/**
 * `npm run replay:record -- <scenario> [--prefix v4] [--out <dir>]`: records the Temporal history of one
 * scenario for the replay tests (test/replay/replay.test.ts), as `<out>/<prefix>-<scenario>.json` (default
 * `test/replay/histories/`; prefix by default one version after the newest there, e.g. `v4` after `v3-…`).
 * Record with a new version tag whenever a workflow changed on purpose, and keep the older files: they are
 * the workflows already running in production. `--list` lists the scenarios.
 *
 * It starts what the integration tests start: a Temporal dev server in memory (`TEMPORAL_ADDRESS` to use a
 * running one instead; the CLI is found as `TEMPORAL_CLI`, on `PATH` or in `.cache/temporal/`), a migrated
 * scratch database with the demo data (PostgreSQL on `DATABASE_URL`'s server, dropped afterwards, else PGlite
 * in memory), a worker on a task queue of its own, and the API app in process. It then drives the scenario
 * through the API as the demo users — the same steps as the tests that recorded the committed histories —
 * fetches the workflow's history and writes it. Payloads are encrypted with the tests' keys
 * (test/support/payload-encryption.ts), as the replay test expects.
 *
 * The tests still record too, with `RECORD_HISTORIES=<tag> npm run test:integration` (see
 * test/support/histories.ts); this script records one scenario without running the test suite.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { Opening } from '../domain/contact/state.ts';
import { openingSearchAttributes } from '../workflows/search-attributes.ts';
import { testPayloadCodec } from '../test/support/payload-encryption.ts';
import type { Orm } from '../db/orm.ts';
import { flakyContactWrites } from '../test/support/flaky-writes.ts';
import { durationRule, PROVINCE_RULES } from '../test/support/rules.ts';
import { freePort } from './product-process.ts';

export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../test/replay/histories/', import.meta.url));

const USERS = {
  reporter: 'pv-nguyen-van-an',
  clerk: 'yte-van-thu',
  officer: 'yte-chuyen-vien',
  spokesperson: 'yte-phat-ngon',
  head: 'yte-giam-doc',
  admin: 'admin-quang-tri',
  supervisor: 'vhttdl-giam-sat',
} as const;

/** What a scenario drives: the API as any demo user, the Temporal client, the database. */
export interface RecordingEnv {
  orm: Orm;
  client: Client;
  taskQueue: string;
  /** Port of a loopback webhook receiver the worker may deliver to (allow-listed). */
  receiverPort: number;
  /** An API call as demo user `as`; fails unless the answer has status `expect` (default 200). */
  call<T = unknown>(
    method: string,
    path: string,
    options?: { as?: string; body?: unknown; headers?: Record<string, string>; expect?: number },
  ): Promise<T>;
}

export interface Scenario {
  description: string;
  /** Drives the scenario; resolves with the id of the workflow whose history is recorded. */
  run(env: RecordingEnv): Promise<string>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the scenario to get there.');
    await sleep(200);
  }
}

interface View {
  id: string;
  status: string;
  escalationLevel: number;
}

let opened = 0;
async function openRequest(env: RecordingEnv, subject?: string): Promise<View> {
  opened += 1;
  return env.call<View>('POST', '/contacts', {
    as: USERS.reporter,
    headers: { 'idempotency-key': `record-${Date.now()}-${opened}` },
    body: {
      kind: 'information_request',
      agencyId: 'qt-so-yte',
      subject: subject ?? `Yêu cầu số ${opened}`,
      question: 'Xin cung cấp số liệu tiêm chủng mở rộng năm 2026.',
    },
    expect: 201,
  });
}

type Year = {
  year: number;
  status: 'derived' | 'confirmed';
  daysOff: { date: string; kind: 'holiday' | 'compensatory' | 'extra_day_off'; name: string }[];
  workingWeekendDays: { date: string; name: string }[];
  sources: string[];
};

/** Today's year and the next, as the API serves them. */
async function yearsAroundToday(env: RecordingEnv): Promise<{ today: string; current: Year; next: Year }> {
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  return {
    today,
    current: await env.call<Year>('GET', `/calendar/${year}`),
    next: await env.call<Year>('GET', `/calendar/${year + 1}`),
  };
}

/** Confirms the first working day after today as a day off (it moves every running deadline) and waits. */
async function confirmDayOffAfterToday(env: RecordingEnv): Promise<void> {
  const { today, current, next } = await yearsAroundToday(env);
  const off = new Set([...current.daysOff, ...next.daysOff].map((d) => d.date));
  const worked = new Set([...current.workingWeekendDays, ...next.workingWeekendDays].map((d) => d.date));
  let day = today;
  do {
    day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  } while (off.has(day) || ([0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()) && !worked.has(day)));
  const schedule = Number(day.slice(0, 4)) === current.year ? current : next;
  const { change } = await env.call<{ change: { id: string } }>('PUT', `/calendar/${schedule.year}`, {
    as: USERS.admin,
    body: {
      ...schedule,
      daysOff: [...schedule.daysOff, { date: day, kind: 'extra_day_off', name: 'Nghỉ đột xuất' }],
    },
    expect: 202,
  });
  await eventually(
    () => env.call<{ status: string }>('GET', `/calendar/changes/${change.id}`, { as: USERS.admin }),
    (s) => s.status === 'done',
  );
}

/** The input a workflow was started with, decrypted. */
async function startInput(env: RecordingEnv, workflowId: string): Promise<Opening> {
  const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
  const payload = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
  const [decoded] = await testPayloadCodec.decode([payload]);
  return defaultPayloadConverter.fromPayload<Opening>(decoded!);
}

const act = (env: RecordingEnv, id: string, as: string, action: string, body: unknown = {}) =>
  env.call<View>('POST', `/contacts/${id}/actions/${action}`, { as, body });

const assignOfficer = { assigneeSub: USERS.officer, assigneeName: 'Phạm Văn Dũng' };

const shortRule = (
  clock: string,
  span: string,
  warn: string,
  grace: string,
  kind: 'information_request' | 'appointment' = 'information_request',
) => durationRule(kind, clock, span, warn, grace);

/** Deadline rules for this run's scratch database (thrown away afterwards: nothing to restore). */
const useRules = (env: RecordingEnv, rules: unknown[]) =>
  env.call('PUT', PROVINCE_RULES, { as: USERS.admin, body: { items: rules } });

/** A journalist without residency: appointments are open to every press-card holder. */
const APPOINTMENT_JOURNALIST = 'pv-tran-thi-binh';

const isoVietnam = (ms: number) => `${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;

/** A 30-minute slot starting `seconds` from now (whole seconds). */
function slotIn(seconds: number) {
  const start = Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000;
  return { start: isoVietnam(start), end: isoVietnam(start + 30 * 60_000) };
}

async function proposeAppointment(env: RecordingEnv, inSeconds: number): Promise<View> {
  return env.call<View>('POST', '/contacts', {
    as: APPOINTMENT_JOURNALIST,
    headers: { 'idempotency-key': `record-appt-${Date.now()}` },
    body: {
      kind: 'appointment',
      agencyId: 'qt-so-yte',
      subject: 'Làm việc về dự án bệnh viện',
      questions: 'Tiến độ giải ngân dự án bệnh viện tỉnh đến nay ra sao?',
      format: 'in_person',
      proposedSlots: [slotIn(inSeconds)],
    },
    expect: 201,
  });
}

/**
 * The scenarios of the committed histories, each the steps of the test that first recorded it
 * (test/integration/information-request.workflow.test.ts, recording-failures.test.ts,
 * registry.staleness.test.ts, registry.spokespersons.test.ts), since v5 the supervision steps
 * (reminder-letters.api.test.ts, recording-failures.test.ts), and since v6 the walk-in and the difficulty
 * report (walk-in.api.test.ts, difficulty-report.api.test.ts).
 */
export const SCENARIOS: Record<string, Scenario> = {
  'return-and-approve': {
    description: 'assign, a draft returned, the corrected draft approved',
    async run(env) {
      const c = await openRequest(env);
      await act(env, c.id, USERS.clerk, 'assign', assignOfficer);
      await act(env, c.id, USERS.officer, 'submit_answer', { text: 'Bản nháp thứ nhất.' });
      await act(env, c.id, USERS.head, 'return_answer', { reason: 'Thiếu số liệu tháng 10.' });
      await act(env, c.id, USERS.officer, 'submit_answer', { text: 'Bản nháp thứ hai, đủ số liệu.' });
      await act(env, c.id, USERS.head, 'approve_answer', { note: 'Đồng ý.' });
      return c.id;
    },
  },
  escalation: {
    description: 'first-response clock of 2 s: warning, overdue, escalation, then assigned',
    async run(env) {
      await useRules(env, [
        shortRule('first_response', 'PT2S', 'PT1S', 'PT2S'),
        shortRule('answer', 'PT1H', 'PT10M', 'PT1H'),
      ]);
      const c = await openRequest(env);
      await eventually(
        () => env.call<View>('GET', `/contacts/${c.id}`, { as: USERS.clerk }),
        (v) => v.escalationLevel === 2,
      );
      await act(env, c.id, USERS.clerk, 'assign', assignOfficer);
      return c.id;
    },
  },
  clarification: {
    description: 'clarification requested and given: the answer clock pauses and the due date moves',
    async run(env) {
      await useRules(env, [
        shortRule('first_response', 'PT1H', 'PT10M', 'PT1H'),
        shortRule('answer', 'PT2H', 'PT10M', 'PT1H'),
      ]);
      const c = await openRequest(env);
      await act(env, c.id, USERS.clerk, 'request_clarification', {
        question: 'Anh cần số liệu của tháng nào?',
      });
      await sleep(1500);
      await act(env, c.id, USERS.reporter, 'clarify', { text: 'Tháng 10 và tháng 11.' });
      return c.id;
    },
  },
  'follow-up': {
    description: 'answered, then reopened by a follow-up question',
    async run(env) {
      const c = await openRequest(env);
      await act(env, c.id, USERS.clerk, 'assign', assignOfficer);
      await act(env, c.id, USERS.officer, 'submit_answer', { text: 'Trả lời lần một.' });
      await act(env, c.id, USERS.spokesperson, 'approve_answer');
      await act(env, c.id, USERS.reporter, 'follow_up', { question: 'Xin thêm số liệu theo từng xã.' });
      return c.id;
    },
  },
  'recording-refused': {
    description: 'the database refuses an action (a data error): undone, noted, the next action taken',
    async run(env) {
      await env.orm.em
        .fork()
        .execute(
          `alter table timeline_entry add constraint record_refuse_text check (text is null or text not like '%POISON%')`,
        );
      const c = await openRequest(env);
      await env.call('POST', `/contacts/${c.id}/actions/request_clarification`, {
        as: USERS.clerk,
        body: { question: 'Xin làm rõ POISON giúp chúng tôi' },
        expect: 422,
      });
      await act(env, c.id, USERS.clerk, 'assign', {
        assigneeSub: USERS.officer,
        assigneeName: 'Chuyên viên',
      });
      return c.id;
    },
  },
  'recording-delayed': {
    description: 'the database fails for a while (transient): the step stands, recorded once retried',
    async run(env) {
      const flaky = await flakyContactWrites(env.orm);
      const c = await openRequest(env);
      await flaky.fail();
      await act(env, c.id, USERS.clerk, 'assign', {
        assigneeSub: USERS.officer,
        assigneeName: 'Chuyên viên',
      });
      await flaky.recover();
      const { retryRecordingUpdate } = await import('../workflows/messages.ts');
      const handle = env.client.workflow.getHandle(c.id);
      // Refused first (not an admin), then retried by one: both are in the committed history.
      await handle
        .executeUpdate(retryRecordingUpdate, {
          args: [{ actor: { sub: 'x', name: 'x', roles: ['journalist'] } }],
        })
        .then(
          () => {
            throw new Error('A journalist was allowed to retry the recording.');
          },
          () => undefined,
        );
      await handle.executeUpdate(retryRecordingUpdate, {
        args: [{ actor: { sub: USERS.admin, name: 'Quản trị', roles: ['admin'] } }],
      });
      return c.id;
    },
  },
  'reminder-letter': {
    description: 'assigned, then reminded by the supervisor: the reminder letter issued and noted',
    async run(env) {
      const c = await openRequest(env);
      await act(env, c.id, USERS.clerk, 'assign', assignOfficer);
      const view = await act(env, c.id, USERS.supervisor, 'remind', {
        message: 'Đề nghị Sở Y tế khẩn trương trả lời phóng viên theo đúng thời hạn.',
      });
      const types = (view as unknown as { timeline: { type: string }[] }).timeline.map((e) => e.type);
      if (!types.includes('reminder_letter'))
        throw new Error(`No reminder letter on the timeline: ${types.join(', ')}.`);
      return c.id;
    },
  },
  'retry-audit': {
    description: 'recording delayed (ContactHealth set), then retried by an administrator with a reason',
    async run(env) {
      const flaky = await flakyContactWrites(env.orm);
      const c = await openRequest(env);
      await flaky.fail();
      await act(env, c.id, USERS.clerk, 'assign', assignOfficer);
      await flaky.recover();
      // An operator's retry goes to the workflow (province administrators do not see contacts in the API).
      const { contactStateQuery, retryRecordingUpdate } = await import('../workflows/messages.ts');
      const handle = env.client.workflow.getHandle(c.id);
      const health = await handle.executeUpdate(retryRecordingUpdate, {
        args: [
          {
            actor: { sub: USERS.admin, name: 'Quản trị hệ thống', roles: ['admin'] },
            reason: 'Cơ sở dữ liệu đã hoạt động lại',
          },
        ],
      });
      if (health.delayedEvents !== 0) throw new Error(`Still ${health.delayedEvents} event(s) delayed.`);
      const last = (await handle.query(contactStateQuery)).timeline.at(-1);
      if (last?.type !== 'retry_requested') throw new Error(`The retry was not audited: ${last?.type}.`);
      return c.id;
    },
  },
  'staleness-sweep': {
    description: 'the daily sweep prompting agencies with stale spokesperson entries (every entry stale)',
    async run(env) {
      const workflowId = `staleness-record-${Date.now()}`;
      await env.client.workflow.execute('spokespersonStalenessWorkflow', {
        taskQueue: env.taskQueue,
        workflowId,
        args: [{ months: 0 }],
      });
      return workflowId;
    },
  },
  'appointment-escalation': {
    description: 'an appointment nobody answers: warning, overdue, escalation of the response clock',
    async run(env) {
      await useRules(env, [shortRule('first_response', 'PT2S', 'PT1S', 'PT2S', 'appointment')]);
      const c = await proposeAppointment(env, 3600);
      await eventually(
        () => env.call<View>('GET', `/contacts/${c.id}`, { as: USERS.clerk }),
        (v) => v.escalationLevel === 2,
      );
      return c.id;
    },
  },
  'appointment-lifecycle': {
    description: 'counter-proposal, confirmation, reminder, meeting held and recorded, automatic close',
    async run(env) {
      await useRules(env, [
        shortRule('first_response', 'PT1H', 'PT10M', 'PT1H', 'appointment'),
        shortRule('record_result', 'PT1H', 'PT10M', 'PT1H', 'appointment'),
        shortRule('auto_close', 'PT3S', 'PT1S', 'PT1S', 'appointment'),
      ]);
      const c = await proposeAppointment(env, 3600);
      await act(env, c.id, USERS.clerk, 'assign', { assigneeSub: USERS.officer });
      await act(env, c.id, USERS.clerk, 'propose_time', {
        slots: [slotIn(4)],
        place: 'Phòng họp số 1',
        hostId: 'sp-qt-yte',
      });
      await act(env, c.id, APPOINTMENT_JOURNALIST, 'confirm', { slot: 0 });
      await eventually(
        () => env.call<View>('GET', `/contacts/${c.id}`, { as: USERS.clerk }),
        (v) => (v as unknown as { allowedActions: string[] }).allowedActions.includes('record_result'),
      );
      await act(env, c.id, USERS.officer, 'record_result', {
        held: true,
        summary: 'Giám đốc Sở trả lời về tiến độ giải ngân.',
        informationProvided: 'Báo cáo giải ngân quý III.',
      });
      await eventually(
        () => env.call<View>('GET', `/contacts/${c.id}`, { as: USERS.clerk }),
        (v) => v.status === 'closed',
      );
      return c.id;
    },
  },
  'calendar-change': {
    description:
      'an open request whose due dates move when the administrator confirms the year with one more day off, then assigned',
    async run(env) {
      const c = await openRequest(env);
      await confirmDayOffAfterToday(env);
      await act(env, c.id, USERS.clerk, 'assign', assignOfficer);
      return c.id;
    },
  },
  'legacy-calendar-change': {
    description:
      'a request opened as before calendar versions (its years in its input), moved onto the new version by a confirmed day off, then assigned',
    async run(env) {
      const model = await openRequest(env);
      const { current, next } = await yearsAroundToday(env);
      const legacy = {
        ...(await startInput(env, model.id)),
        contactId: `${model.id}-CU`,
        calendar: { schedules: [current, next] },
      };
      await env.client.workflow.start('informationRequestWorkflow', {
        workflowId: legacy.contactId,
        taskQueue: env.taskQueue,
        args: [legacy],
        typedSearchAttributes: openingSearchAttributes('information_request', legacy.agencyId),
      });
      await eventually(
        // 404 until its opening is recorded.
        () =>
          env.call<View>('GET', `/contacts/${legacy.contactId}`, { as: USERS.clerk }).catch(() => undefined),
        (v) => v !== undefined,
      );
      await confirmDayOffAfterToday(env);
      await act(env, legacy.contactId, USERS.clerk, 'assign', assignOfficer);
      return legacy.contactId;
    },
  },
  'walk-in': {
    description: 'a walk-in visit recorded by the clerk, its result recorded, acknowledged by the journalist',
    async run(env) {
      const c = await env.call<View>('POST', '/contacts', {
        as: USERS.clerk,
        headers: { 'idempotency-key': `record-walk-in-${Date.now()}` },
        body: {
          kind: 'walk_in',
          agencyId: 'qt-so-yte',
          journalistId: 'nb-0001',
          visitedAt: Date.now() - 3 * 3_600_000,
          subject: 'Tình hình dịch sốt xuất huyết',
          content: 'Phóng viên đến hỏi số ca sốt xuất huyết tháng 11 và biện pháp phòng chống của Sở.',
          hostId: 'sp-qt-yte',
        },
        expect: 201,
      });
      await act(env, c.id, USERS.officer, 'record_result', {
        held: true,
        summary: 'Sở cung cấp số ca bệnh và kế hoạch phun hoá chất.',
        informationProvided: 'Báo cáo số 123/BC-SYT ngày 28/11/2026.',
      });
      await act(env, c.id, USERS.reporter, 'acknowledge', { note: 'Cảm ơn Sở.' });
      return c.id;
    },
  },
  'difficulty-report': {
    description:
      'a difficulty report acknowledged, referred, answered, resolved, reopened once and resolved again',
    async run(env) {
      const c = await env.call<View>('POST', '/contacts', {
        as: USERS.reporter,
        headers: { 'idempotency-key': `record-report-${Date.now()}` },
        body: {
          kind: 'difficulty_report',
          provinceId: 'quang-tri',
          agencyId: 'qt-so-yte',
          subject: 'Không được tiếp nhận đề nghị cung cấp thông tin',
          description:
            'Tôi đã gửi yêu cầu ba tuần trước nhưng Sở Y tế chưa trả lời và không nghe điện thoại.',
        },
        expect: 201,
      });
      await act(env, c.id, USERS.supervisor, 'acknowledge_report', { note: 'Sở đã nhận phản ánh.' });
      await act(env, c.id, USERS.supervisor, 'refer', {
        toAgencyId: 'qt-so-yte',
        note: 'Đề nghị Sở Y tế trả lời nhà báo và báo cáo.',
      });
      await act(env, c.id, USERS.clerk, 'respond', {
        text: 'Sở đã liên hệ và gửi số liệu cho nhà báo ngày 01/12.',
      });
      await act(env, c.id, USERS.supervisor, 'resolve', { resolution: 'Sở Y tế đã cung cấp thông tin.' });
      await act(env, c.id, USERS.reporter, 'reopen', { reason: 'Số liệu còn thiếu tháng 10.' });
      await act(env, c.id, USERS.supervisor, 'acknowledge_report', {});
      await act(env, c.id, USERS.supervisor, 'resolve', {
        resolution: 'Sở Y tế đã bổ sung số liệu tháng 10.',
      });
      return c.id;
    },
  },
  'webhook-delivery': {
    description: 'a webhook subscription delivered to a receiver that was down, then deleted',
    async run(env) {
      const [{ serve }, { Hono }] = await Promise.all([import('@hono/node-server'), import('hono')]);
      let up = false;
      let received = 0;
      const receiver = new Hono().post('/hook', (c) => {
        if (!up) return c.text('down for maintenance', 503);
        received += 1;
        return c.text('ok');
      });
      const server = serve({ fetch: receiver.fetch, port: env.receiverPort, hostname: '127.0.0.1' });
      try {
        const sub = await env.call<{ id: string }>('POST', '/webhooks', {
          as: USERS.admin,
          body: { url: `http://127.0.0.1:${env.receiverPort}/hook` },
          expect: 201,
        });
        await env.call('POST', '/spokespersons', {
          as: USERS.clerk,
          body: {
            agencyId: 'qt-so-yte',
            fullName: 'Người mới sau đăng ký',
            roleType: 'spokesperson',
            title: 'Chánh Văn phòng Sở Y tế',
            phone: '0232 3822 199',
            email: 'linh.tran@quangtri.gov.vn',
            termStart: '2026-01-01',
            topics: 'Tiêm chủng',
          },
          expect: 201,
        });
        await sleep(1500);
        up = true;
        const all = await env.call<{ items: unknown[] }>('GET', '/spokespersons/changes?limit=1000', {
          as: USERS.admin,
        });
        await eventually(
          () => Promise.resolve(received),
          (n) => n >= all.items.length,
        );
        await env.call('DELETE', `/webhooks/${sub.id}`, { as: USERS.admin, expect: 204 });
        const delivery = env.client.workflow.getHandle(`webhook-${sub.id}`);
        await delivery.result();
        return delivery.workflowId;
      } finally {
        server.close();
      }
    },
  },
};

/** Starts what a scenario needs on the Temporal server at `address`; `close()` stops it all. */
export async function startRecordingEnv(address: string): Promise<RecordingEnv & { close(): Promise<void> }> {
  // Loaded here, not at the top: `--list` and `--help` answer without loading the product. The API first, as
  // the tests and the server load it: its zod OpenAPI extension must be in place before domain schemas exist.
  const { createApp } = await import('../api/app.ts');
  const [
    { Client, Connection },
    { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER },
    { createVerifier },
    { ChangeStream },
    { ContactWorkflows },
    { WebhookDeliveries },
    { createScratchDatabase },
    { DEMO_USERS },
    { seedDemoData },
    { parseAllowHosts },
    { testDataConverter, testPayloadCodec },
    { createWorker },
  ] = await Promise.all([
    import('@temporalio/client'),
    import('../api/auth/dev-issuer.ts'),
    import('../api/auth/verifier.ts'),
    import('../api/change-stream.ts'),
    import('../api/contact-workflows.ts'),
    import('../api/webhook-deliveries.ts'),
    import('../db/scratch-database.ts'),
    import('../db/seeders/demo-data.ts'),
    import('../db/seeders/demo.ts'),
    import('../domain/net/outbound-url.ts'),
    import('../test/support/payload-encryption.ts'),
    import('../worker/worker.ts'),
  ]);
  const db = await createScratchDatabase(process.env.DATABASE_URL, 'pl_record');
  const closers: (() => Promise<unknown>)[] = [() => db.drop()];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    await seedDemoData(db.orm.em.fork());
    const receiverPort = await freePort();
    const taskQueue = `record-${randomBytes(4).toString('hex')}`;
    const started = await createWorker({
      address,
      namespace: 'default',
      orm: db.orm,
      taskQueue,
      outbound: { allowHosts: parseAllowHosts(`127.0.0.1:${receiverPort}`) },
      dataConverter: testDataConverter,
    });
    const running = started.worker.run();
    closers.push(async () => {
      started.worker.shutdown();
      await running;
      await started.connection.close();
    });
    const connection = await Connection.connect({ address });
    closers.push(() => connection.close());
    const client = new Client({ connection, namespace: 'default', dataConverter: testDataConverter });
    const issuer = await createDevIssuer();
    const changes = new ChangeStream(db.orm, 100);
    closers.push(() => Promise.resolve(changes.close()));
    const webhooks = new WebhookDeliveries(client, db.orm, {
      taskQueue,
      pollInterval: '2 seconds',
      maxRetryInterval: '1 second',
    });
    const app = createApp({
      orm: db.orm,
      // Recording retries take about 15 s before the workflow answers (recording-delayed).
      workflows: new ContactWorkflows(client, { taskQueue, updateTimeoutMs: 60_000 }),
      verifyToken: createVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwks: issuer.jwks }),
      devIssuer: issuer,
      changes,
      webhooks,
      onSpokespersonChange: () => void webhooks.poke(),
      outboundAllowHosts: parseAllowHosts(`127.0.0.1:${receiverPort}`),
      // Meetings may begin seconds after they are agreed (appointment-lifecycle), at any hour.
      officeHours: 'always',
      codec: { codec: testPayloadCodec, namespace: 'default', corsOrigins: [] },
      temporalReady: async () => {
        await connection.workflowService.getSystemInfo({});
        return true;
      },
    });
    const tokens = new Map<string, string>();
    const tokenFor = async (sub: string) => {
      const cached = tokens.get(sub);
      if (cached) return cached;
      const user = DEMO_USERS.find((u) => u.sub === sub);
      if (!user) throw new Error(`No demo user '${sub}'.`);
      const { token } = await issuer.mint({
        sub,
        name: user.name,
        roles: user.roles,
        agencyId: user.agencyId ?? undefined,
      });
      tokens.set(sub, token);
      return token;
    };
    return {
      orm: db.orm,
      client,
      taskQueue,
      receiverPort,
      async call<T>(
        method: string,
        apiPath: string,
        options: { as?: string; body?: unknown; headers?: Record<string, string>; expect?: number } = {},
      ) {
        const headers: Record<string, string> = { ...options.headers };
        if (options.as) headers.authorization = `Bearer ${await tokenFor(options.as)}`;
        if (options.body !== undefined) headers['content-type'] = 'application/json';
        const response = await app.request(`/api/v1${apiPath}`, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
        });
        const text = await response.text();
        if (response.status !== (options.expect ?? 200))
          throw new Error(`${method} ${apiPath} answered ${response.status}: ${text}`);
        return (text ? JSON.parse(text) : undefined) as T;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Runs scenario `name` on the Temporal server at `address` (a dev server of its own when absent) and writes
 * its history to `<outDir>/<prefix>-<name>.json`. Resolves with the file's path.
 */
export async function recordScenario(
  name: string,
  options: { prefix: string; outDir?: string; address?: string | undefined },
): Promise<string> {
  const scenario = SCENARIOS[name];
  if (!scenario) throw new Error(`No scenario '${name}'. Scenarios: ${Object.keys(SCENARIOS).join(', ')}.`);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(options.prefix))
    throw new Error(`The prefix '${options.prefix}' is not a file-name tag like v4.`);
  const { startDevServer } = await import('../server/temporal-dev-server.ts');
  const { findTemporalCli } = await import('../server/temporal-binary.ts');
  const server = options.address
    ? undefined
    : await startDevServer({ binary: await findTemporalCli(), port: await freePort() });
  try {
    const env = await startRecordingEnv(options.address ?? server!.address);
    try {
      const workflowId = await scenario.run(env);
      const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
      const outDir = options.outDir ?? DEFAULT_OUT_DIR;
      await mkdir(outDir, { recursive: true });
      const file = path.resolve(outDir, `${options.prefix}-${name}.json`);
      await writeFile(file, historyToJSON(history));
      return file;
    } finally {
      await env.close();
    }
  } finally {
    await server?.stop();
  }
}

/**
 * The default tag: one version after the newest in test/replay/histories/ (`v4` after `v3-…`). Recording
 * several scenarios of one version, pass `--prefix` to each: the first one already moves the default on.
 */
export async function nextPrefix(dir = DEFAULT_OUT_DIR): Promise<string> {
  const files = await readdir(dir).catch(() => [] as string[]);
  const versions = files.map((f) => Number(/^v(\d+)-.*\.json$/.exec(f)?.[1] ?? 0));
  return `v${Math.max(0, ...versions) + 1}`;
}

const USAGE = `Usage: npm run replay:record -- <scenario> [--prefix v4] [--out <dir>]
       npm run replay:record -- --list`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      prefix: { type: 'string' },
      out: { type: 'string' },
      list: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.list) {
    const width = Math.max(...Object.keys(SCENARIOS).map((n) => n.length));
    for (const [name, s] of Object.entries(SCENARIOS)) console.log(`${name.padEnd(width)}  ${s.description}`);
    return;
  }
  const [name, ...rest] = positionals;
  if (!name || rest.length > 0) {
    console.error(
      `${USAGE}\n\n--prefix is the version tag of the new file; by default one after the newest committed (${await nextPrefix()}).`,
    );
    process.exitCode = 2;
    return;
  }
  const file = await recordScenario(name, {
    prefix: values.prefix ?? (await nextPrefix()),
    outDir: values.out,
    address: process.env.TEMPORAL_ADDRESS,
  });
  const relative = path.relative(process.cwd(), file);
  console.log(`Recorded '${name}' to ${relative.startsWith('..') ? file : relative}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    // The worker's native runtime and the database pool may keep the event loop alive: leave when done.
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
