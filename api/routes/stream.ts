/**
 * @module
 * `GET /stream`: Server-Sent Events of the caller's contacts and notifications. Widgets read it with
 * `fetch` so the bearer token travels in a header, never in a URL.
 */
import { streamSSE } from 'hono/streaming';
import type { ChangeEvent } from '../change-stream.ts';
import { router } from '../context.ts';
import { requireActor } from '../middleware/auth.ts';

export const streamRoutes = router().get('/stream', (c) => {
  const actor = requireActor(c);
  const changes = c.var.deps.changes;
  return streamSSE(c, async (stream) => {
    const queue: ChangeEvent[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = changes.subscribe(actor, (change) => {
      queue.push(change);
      wake?.();
    });
    stream.onAbort(unsubscribe);
    await stream.writeSSE({ event: 'ready', data: JSON.stringify({ sub: actor.sub }) });
    while (!stream.aborted && !stream.closed) {
      const change = queue.shift();
      if (change) {
        await stream.writeSSE({
          event: change.event,
          id: `${change.event}-${change.id}`,
          data: JSON.stringify(change.data),
        });
        continue;
      }
      // Wait for a change, or send a keep-alive comment every 15 s so proxies keep the connection open.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 15_000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
      if (queue.length === 0) await stream.write(': ping\n\n');
    }
    unsubscribe();
  });
});
