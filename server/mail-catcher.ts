/**
 * @module
 * A catch-all SMTP server for demos and tests (issue 11): it accepts every message for every address on
 * 127.0.0.1 and keeps it (parsed, with its raw source) in memory, newest last. `npm start` runs one when no
 * `SMTP_URL` is set, prints its address, and the API lists what it caught at `GET /dev/mail`. Integration tests
 * start one on a random port and read what arrived — a real SMTP conversation, never a mock.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as received. */
export interface CaughtMail {
  /** Position in the catcher (1, 2, …). */
  id: number;
  receivedAt: string;
  /** The SMTP envelope: who sent it and to whom (RCPT TO), which may differ from the headers. */
  envelope: { from: string | null; to: string[] };
  messageId: string | null;
  from: string | null;
  to: string | null;
  subject: string | null;
  /** The plain-text part. */
  text: string | null;
  /** The HTML part. */
  html: string | null;
  /** Every header, lower-case names, as the message carried them (encoded words left encoded). */
  rawHeaders: string;
  /** The whole message as received. */
  raw: string;
}

export interface MailCatcher {
  /** `smtp://127.0.0.1:<port>`: what `SMTP_URL` should be to send here. */
  url: string;
  port: number;
  /** What arrived, oldest first (at most `keep`). */
  messages: CaughtMail[];
  /** Resolves with the first `count` messages once that many have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<CaughtMail[]>;
  close(): Promise<void>;
}

export async function startMailCatcher(
  options: { host?: string; port?: number; keep?: number } = {},
): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const keep = options.keep ?? 500;
  const messages: CaughtMail[] = [];
  const waiters = new Set<() => void>();
  let next = 1;
  const server = new SMTPServer({
    // Plain SMTP on loopback: no TLS upgrade offered, no login asked.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    banner: 'Press Liaison mail catcher',
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const text = raw.toString('utf8');
            const headerEnd = text.search(/\r?\n\r?\n/);
            messages.push({
              id: next++,
              receivedAt: new Date().toISOString(),
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              messageId: parsed.messageId ?? null,
              from: parsed.from?.text ?? null,
              to: Array.isArray(parsed.to)
                ? parsed.to.map((a) => a.text).join(', ')
                : (parsed.to?.text ?? null),
              subject: parsed.subject ?? null,
              text: parsed.text ?? null,
              html: typeof parsed.html === 'string' ? parsed.html : null,
              rawHeaders: headerEnd < 0 ? text : text.slice(0, headerEnd),
              raw: text,
            });
            if (messages.length > keep) messages.splice(0, messages.length - keep);
            for (const wake of waiters) wake();
            callback();
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${host}:${port}`,
    port,
    messages,
    waitFor(count, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(messages.slice(0, count));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Mail catcher: ${messages.length} of ${count} messages after ${timeoutMs} ms.`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
