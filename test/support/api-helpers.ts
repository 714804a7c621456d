/** Small helpers for API-level tests: expect a status and parse, open a request, act. */
import { expect } from 'vitest';
import type { ContactView } from '../../domain/information-request/index.ts';
import type { Harness } from './harness.ts';

export const USERS = {
  reporter: 'pv-nguyen-van-an',
  otherReporter: 'pv-tran-thi-binh',
  clerk: 'yte-van-thu',
  officer: 'yte-chuyen-vien',
  spokesperson: 'yte-phat-ngon',
  head: 'yte-giam-doc',
  foreignClerk: 'xd-van-thu',
  supervisor: 'vhttdl-giam-sat',
  auditor: 'vhttdl-kiem-tra',
  nationalAuditor: 'bo-kiem-tra',
  admin: 'admin-quang-tri',
  centralAdmin: 'admin-trung-uong',
} as const;

export async function expectJson<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

export interface ProblemBody {
  status: number;
  code: string;
  detail?: string;
  allowedActions?: string[];
  issues?: { path: string; message: string }[];
}

export async function expectProblem(response: Response, status: number, code?: string): Promise<ProblemBody> {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = await expectJson<ProblemBody>(response, status);
  if (code) expect(body.code).toBe(code);
  return body;
}

let counter = 0;

export async function openRequest(
  h: Harness,
  overrides: Partial<{ subject: string; question: string; agencyId: string; key: string }> = {},
) {
  counter += 1;
  const key = overrides.key ?? `test-${Date.now()}-${counter}`;
  return expectJson<ContactView>(
    await h.call('POST', '/contacts', {
      as: USERS.reporter,
      headers: { 'idempotency-key': key },
      body: {
        kind: 'information_request',
        agencyId: overrides.agencyId ?? 'qt-so-yte',
        subject: overrides.subject ?? `Yêu cầu số ${counter}`,
        question: overrides.question ?? 'Xin cung cấp số liệu tiêm chủng mở rộng năm 2026.',
      },
    }),
    201,
  );
}

export async function act(
  h: Harness,
  id: string,
  as: string,
  action: string,
  body: unknown = {},
): Promise<ContactView> {
  return expectJson<ContactView>(
    await h.call('POST', `/contacts/${id}/actions/${action}`, { as, body }),
    200,
  );
}

/** Polls `read` until `done` holds or `timeoutMs` passes. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}
