/**
 * @module
 * `GET /dev/mail`: what `npm start`'s local catch-all SMTP server received (issue 11), newest first, so a demo
 * can read the e-mail notifications it sends without a mail server. Only mounted when that catch-all runs (no
 * `SMTP_URL`); it lists demo mail to demo addresses and nothing else.
 */
import { Hono } from 'hono';
import type { CaughtMail } from '../../server/mail-catcher.ts';
import type { AppEnv } from '../context.ts';

export function devMailRoutes(devMail: { url: string; messages: readonly CaughtMail[] }) {
  return new Hono<AppEnv>().get('/dev/mail', (c) => {
    const limit = Math.min(200, Math.max(1, Number(c.req.query('limit') ?? 50) || 50));
    const items = [...devMail.messages]
      .reverse()
      .slice(0, limit)
      .map((m) => ({
        id: m.id,
        receivedAt: m.receivedAt,
        envelope: m.envelope,
        messageId: m.messageId,
        from: m.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
      }));
    return c.json({ smtpUrl: devMail.url, count: devMail.messages.length, items });
  });
}
