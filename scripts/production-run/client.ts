/**
 * @module
 * The load's HTTP client, as a careful real client behaves against two API processes behind no balancer: each
 * attempt goes to the next API in turn (round robin, passing over one that just did not answer for 2 s), and an
 * attempt without a definitive answer is sent again to the next one — after a network error (the process died), a 503 (the workflow service did not answer:
 * wait `Retry-After`), a 502/504, a 429 (wait `Retry-After`) or a 500 (counted: it is a finding) — until a
 * definitive answer or `giveUpAfterMs`. Every attempt is recorded, for the figures and for the chaos run's
 * recovery times.
 */

export interface AttemptRecord {
  /** `create` or the action's name. */
  op: string;
  /** Index of the API process that was asked. */
  api: number;
  /** The HTTP status, or `network` when no answer came. */
  status: string;
  /** performance.now() when sent and when settled. */
  sentAt: number;
  settledAt: number;
}

export interface CallResult {
  /** The definitive status (`network` or a retryable one only when it gave up). */
  status: string;
  body: unknown;
  /** Milliseconds from the first attempt to the definitive answer, retries and waits included. */
  ms: number;
  attempts: number;
  /** An earlier attempt of this request got no definitive answer: it may have been carried out. */
  uncertainBefore: boolean;
}

/** How long an API that did not answer is passed over before it is tried again. */
const DOWN_MS = 2_000;

const RETRYABLE = new Set(['network', '429', '500', '502', '503', '504']);

export class LoadClient {
  readonly attempts: AttemptRecord[] = [];
  #next = 0;
  readonly #apis: string[];
  readonly #giveUpAfterMs: number;

  constructor(apis: string[], options: { giveUpAfterMs: number }) {
    this.#apis = apis;
    this.#giveUpAfterMs = options.giveUpAfterMs;
    this.#downUntil = apis.map(() => 0);
  }

  /** performance.now() until which an API that did not answer is passed over. */
  readonly #downUntil: number[];

  /**
   * The API for the next attempt: round robin, passing over one that just failed to answer at all (for
   * {@link DOWN_MS}), as a client-side balancer's passive health check does — unless every one is down.
   */
  #pick(): number {
    const now = performance.now();
    for (let tried = 0; tried < this.#apis.length; tried++) {
      const index = this.#next % this.#apis.length;
      this.#next += 1;
      if (this.#downUntil[index]! <= now) return index;
    }
    const index = this.#next % this.#apis.length;
    this.#next += 1;
    return index;
  }

  async call(
    op: string,
    method: 'GET' | 'POST',
    path: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<CallResult> {
    const started = performance.now();
    let attempts = 0;
    let uncertainBefore = false;
    for (;;) {
      const api = this.#pick();
      const sentAt = performance.now();
      attempts += 1;
      let status: string;
      let text = '';
      let retryAfter: string | null = null;
      try {
        const response = await fetch(`${this.#apis[api]}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
          // Longer than the API's own 10 s deadline on Temporal calls: a hung process is a lost answer.
          signal: AbortSignal.timeout(30_000),
        });
        text = await response.text();
        status = String(response.status);
        retryAfter = response.headers.get('retry-after');
      } catch {
        status = 'network';
        this.#downUntil[api] = performance.now() + DOWN_MS;
      }
      const settledAt = performance.now();
      this.attempts.push({ op, api, status, sentAt, settledAt });
      const giveUp = settledAt - started > this.#giveUpAfterMs;
      if (!RETRYABLE.has(status) || giveUp) {
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON: keep the text
        }
        return { status, body: parsed, ms: settledAt - started, attempts, uncertainBefore };
      }
      // Only a 429 is refused before anything happens: after a 503 or a lost answer the Update may still land.
      if (status !== '429') uncertainBefore = true;
      const seconds = Number(retryAfter);
      const wait =
        Number.isFinite(seconds) && seconds > 0
          ? Math.min(seconds * 1000, 5_000)
          : Math.min(250 * 2 ** Math.min(attempts - 1, 3), 2_000);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
