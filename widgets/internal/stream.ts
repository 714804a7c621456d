/**
 * @module
 * Live changes from `GET /stream` (Server-Sent Events) read with `fetch`, because `EventSource` cannot send an
 * `Authorization` header and a token in the URL would end up in logs. One connection per {@link ApiClient},
 * shared by all widgets that listen; it opens with the first listener, closes with the last, and reconnects
 * with exponential backoff. After a reconnect, listeners get `{ event: 'reconnected' }` and should reload,
 * since changes may have been missed meanwhile.
 */
import type { ApiClient } from './api-client.ts';

export interface ContactChange {
  event: 'contact';
  data: { contactId: string; seq: number; type: string; status: string };
}
export interface NotificationMessage {
  event: 'notification';
  data: { notificationId: number; contactId: string; type: string; text: string };
}
export type StreamMessage = ContactChange | NotificationMessage | { event: 'reconnected' };
export type StreamListener = (message: StreamMessage) => void;

interface RawEvent {
  event: string;
  data: string;
  id: string | undefined;
}

/**
 * An incremental `text/event-stream` parser (WHATWG HTML §9.2.6): feed it decoded chunks; it calls `onEvent` for
 * each complete event. Handles `\r\n`, `\n` and `\r` line ends (even split across chunks) and `:` comments.
 */
export function createSseParser(onEvent: (event: RawEvent) => void): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  const line = (text: string): void => {
    if (text === '') {
      if (data.length) onEvent({ event: event || 'message', data: data.join('\n'), id });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) id = value;
  };
  return (chunk) => {
    buffer += chunk;
    // A trailing '\r' may be the first half of '\r\n': keep it until the next chunk decides.
    const held = buffer.endsWith('\r') ? 1 : 0;
    const lines = buffer.slice(0, buffer.length - held).split(/\r\n|\r|\n/);
    buffer = (lines.pop() ?? '') + (held ? '\r' : '');
    for (const l of lines) line(l);
  };
}

const MAX_BACKOFF_MS = 30_000;
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export class EventStream {
  readonly #client: ApiClient;
  readonly #listeners = new Set<StreamListener>();
  #controller: AbortController | undefined;
  #failures = 0;
  #connectedBefore = false;
  #needsFreshToken = false;

  constructor(client: ApiClient) {
    this.#client = client;
  }

  /** Starts listening; returns the function that stops. */
  subscribe(listener: StreamListener): () => void {
    this.#listeners.add(listener);
    if (!this.#controller) {
      this.#controller = new AbortController();
      void this.#run(this.#controller.signal);
    }
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) {
        this.#controller?.abort();
        this.#controller = undefined;
      }
    };
  }

  #emit(message: StreamMessage): void {
    for (const l of [...this.#listeners]) {
      try {
        l(message);
      } catch (error) {
        console.error('[press-liaison] stream listener failed', error);
      }
    }
  }

  async #run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const started = Date.now();
      try {
        await this.#connect(signal);
      } catch {
        // Network error, 401, 5xx: all end in the same backoff below.
      }
      if (signal.aborted) return;
      // A connection that lived a while was healthy: start the backoff again from one second.
      this.#failures = Date.now() - started > 10_000 ? 1 : this.#failures + 1;
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.#failures - 1));
      await sleep(delay / 2 + (Math.random() * delay) / 2, signal);
    }
  }

  async #connect(signal: AbortSignal): Promise<void> {
    const token = await this.#client.token(this.#needsFreshToken);
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (token) headers['authorization'] = `Bearer ${token}`;
    const response = await fetch(this.#client.url('/stream'), {
      headers,
      signal,
      cache: 'no-store',
      credentials: 'omit',
    });
    this.#needsFreshToken = response.status === 401;
    if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
    if (this.#connectedBefore) this.#emit({ event: 'reconnected' });
    this.#connectedBefore = true;
    const parse = createSseParser((raw) => this.#dispatch(raw));
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      parse(value);
    }
  }

  #dispatch(raw: RawEvent): void {
    if (raw.event !== 'contact' && raw.event !== 'notification') return;
    try {
      const data: unknown = JSON.parse(raw.data);
      if (data && typeof data === 'object') this.#emit({ event: raw.event, data } as StreamMessage);
    } catch {
      // A malformed event is skipped; the next one or a reload catches up.
    }
  }
}
