/**
 * @module
 * The load side of the crash test: intended creates (one Idempotency-Key each), a wave that sends them all
 * at once and can `kill -9` the product after a given number of answers, and the bookkeeping of which
 * answers were lost.
 */
import { informationRequestId } from '../api/services/contact-ids.ts';
import { DEMO_PROVINCE_ID } from '../db/seeders/demo-data.ts';
import { devToken } from './product-process.ts';

export interface Intent {
  reporter: string;
  key: string;
  subject: string;
  expectedId: string;
  /** The contact id the API answered with, once it has. */
  answeredId?: string;
  /** When the last attempt was sent (ms since the epoch). */
  lastSentAt?: number;
  /** The contact's `submittedAt` as answered: before `lastSentAt` means an earlier, lost attempt opened it. */
  submittedAt?: number;
  attempts: number;
}

export interface WaveResult {
  sent: number;
  created: number;
  /** No answer at all: the connection died with the process. */
  lost: number;
  /** 503: the workflow service did not answer within the API's deadline; retried like a lost answer. */
  unavailable: number;
  /** 429: a rate limit; retried like a lost answer. */
  limited: number;
  /** Any other answer: a bug, reported and counted as a failure. */
  failures: string[];
  /** When the process was killed during this wave, if it was. */
  killedAt?: number;
  /** Milliseconds from sending to the kill, and the answers of each kind that had arrived by then. */
  killedAfterMs?: number;
  createdBeforeKill?: number;
  settledBeforeKill?: number;
}

export function intents(reporters: string[], count: number, run: string): Intent[] {
  return Array.from({ length: count }, (_, i) => {
    const reporter = reporters[i % reporters.length]!;
    const key = `crash-${run}-${String(i).padStart(4, '0')}`;
    return {
      reporter,
      key,
      subject: `Kiểm thử sự cố ${run} #${i}`,
      expectedId: informationRequestId(reporter, key),
      attempts: 0,
    };
  });
}

/** The body of the intent's create: the same on every attempt, so a retry asks for the same contact. */
export function createBody(intent: Intent) {
  return {
    kind: 'information_request',
    agencyId: 'qt-so-yte',
    subject: intent.subject,
    question: 'Xin cung cấp số liệu tiêm chủng mở rộng năm 2026 theo từng xã.',
  };
}

async function send(api: string, token: string, intent: Intent): Promise<Response | undefined> {
  intent.attempts += 1;
  intent.lastSentAt = Date.now();
  try {
    return await fetch(`${api}/contacts`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': intent.key,
      },
      body: JSON.stringify(createBody(intent)),
      signal: AbortSignal.timeout(120_000),
    });
  } catch {
    return undefined;
  }
}

/** When to `kill -9` the product during a wave: after this many created answers or this long, if sooner. */
export interface KillPoint {
  afterCreated: number;
  afterMs: number;
  kill: () => Promise<unknown>;
}

/**
 * Sends every intent at once. At the kill point, calls `kill` (without waiting for the other requests,
 * which then lose their answers), and resolves once every request has settled.
 */
export async function wave(
  api: string,
  tokens: Map<string, string>,
  batch: Intent[],
  killPoint?: KillPoint,
): Promise<WaveResult> {
  const result: WaveResult = {
    sent: batch.length,
    created: 0,
    lost: 0,
    unavailable: 0,
    limited: 0,
    failures: [],
  };
  let killing: Promise<unknown> | undefined;
  let settled = 0;
  const sentAt = Date.now();
  const killNow = () => {
    if (killing || !killPoint) return;
    result.killedAt = Date.now();
    result.killedAfterMs = result.killedAt - sentAt;
    result.createdBeforeKill = result.created;
    result.settledBeforeKill = settled;
    killing = killPoint.kill();
  };
  const timer = killPoint ? setTimeout(killNow, killPoint.afterMs) : undefined;
  await Promise.all(
    batch.map(async (intent) => {
      const response = await send(api, tokens.get(intent.reporter)!, intent);
      settled += 1;
      if (!response) {
        result.lost += 1;
        return;
      }
      const text = await response.text().catch(() => undefined);
      if (text === undefined) {
        result.lost += 1;
      } else if (response.status === 201) {
        const view = JSON.parse(text) as { id: string; submittedAt: number };
        intent.answeredId = view.id;
        intent.submittedAt = view.submittedAt;
        result.created += 1;
        if (killPoint && result.created === killPoint.afterCreated) killNow();
      } else if (response.status === 503) {
        result.unavailable += 1;
      } else if (response.status === 429) {
        result.limited += 1;
      } else {
        result.failures.push(`${intent.key}: ${response.status} ${text.slice(0, 300)}`);
      }
    }),
  );
  clearTimeout(timer);
  await killing;
  return result;
}

/** A whole number in [min, max]. */
export function randomBetween(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

/**
 * Registers `count` resident reporters in the demo province through the API, as the demo administrator, and
 * returns their subjects: each reporter has its own per-user create limit, so a load spread over them stays
 * under it.
 */
export async function registerReporters(api: string, run: string, count: number): Promise<string[]> {
  const admin = await devToken(api, 'admin-quang-tri', ['admin'], DEMO_PROVINCE_ID);
  const post = async (url: string, body: unknown) => {
    const response = await fetch(`${api}${url}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  };
  const subs: string[] = [];
  for (let i = 1; i <= count; i++) {
    const id = `crash-${run}-${i}`;
    await post('/journalists', {
      id,
      sub: `pv-${id}`,
      fullName: `Phóng viên kiểm thử ${i}`,
      pressOrganisation: 'Báo Kiểm Thử',
      pressCardNumber: `KT-${run}-${i}`,
      pressCardExpiresOn: '2035-12-31',
    });
    await post(`/journalists/${id}/resident-registrations`, {
      provinceId: DEMO_PROVINCE_ID,
      validFrom: '2025-01-01',
      validTo: '2035-12-31',
    });
    subs.push(`pv-${id}`);
  }
  return subs;
}
