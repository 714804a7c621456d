/**
 * @module
 * `GET /stream`: Server-Sent Events of the caller's contacts and notifications. Widgets read it with
 * `fetch` so the bearer token travels in a header, never in a URL.
 *
 * A user holds at most `streamsPerUser` streams in this process (one more is answered `429`); a stream's slot
 * is freed when its connection closes. A new stream starts at the current position: the first event is
 * `ready` (`{ sub, resumed }`) and only later changes follow. A client reconnecting with `Last-Event-ID` (the
 * id of the last event it got) first receives what it missed, if that is recent enough (`resumed: true`);
 * otherwise it should reload what it shows.
 *
 * Contact events follow the contact view's rule (domain/contact/visibility.ts), live and resumed alike: a
 * journalist gets the events of their own contacts that their view shows, never agency-only ones (a draft
 * submitted or returned, a reminder); the agency side gets them all.
 */
import { streamSSE } from 'hono/streaming';
import { encodePosition, parsePosition, type ChangeEvent, type StreamPosition } from '../change-stream.ts';
import { router } from '../context.ts';
import { requireActor } from '../middleware/auth.ts';
import { DEFAULT_LIMITS, tooManyRequests } from '../middleware/rate-limit.ts';

/** What a client over its stream cap is told to wait: streams end when pages close, not on a clock. */
const STREAM_RETRY_AFTER_SECONDS = 10;

interface Queued {
  change: ChangeEvent;
  position: StreamPosition;
}

export const streamRoutes = router().get('/stream', (c) => {
  const actor = requireActor(c);
  const changes = c.var.deps.changes;
  const queue: Queued[] = [];
  let wake: (() => void) | undefined;
  // Subscribed before the response starts, so the cap is checked and the slot taken in one step.
  const subscription = changes.subscribe(
    actor,
    (change, position) => {
      queue.push({ change, position });
      wake?.();
    },
    { maxPerUser: c.var.deps.limits?.streamsPerUser ?? DEFAULT_LIMITS.streamsPerUser },
  );
  if (!subscription) return tooManyRequests(c, 'streams_per_user', STREAM_RETRY_AFTER_SECONDS);
  const resumeFrom = parsePosition(c.req.header('last-event-id'));
  return streamSSE(c, async (stream) => {
    stream.onAbort(() => {
      subscription.close();
      wake?.();
    });
    try {
      const start = await subscription.start;
      if (stream.aborted) return;
      const missed = resumeFrom ? await changes.replay(actor, resumeFrom, start) : undefined;
      await stream.writeSSE({
        event: 'ready',
        id: encodePosition(missed && resumeFrom ? resumeFrom : start),
        data: JSON.stringify({ sub: actor.sub, resumed: missed !== undefined }),
      });
      // Missed changes are all at or before `start`, live ones after it: replayed first, order is kept.
      if (missed) queue.unshift(...missed);
      while (!stream.aborted && !stream.closed) {
        const next = queue.shift();
        if (next) {
          await stream.writeSSE({
            event: next.change.event,
            id: encodePosition(next.position),
            data: JSON.stringify(next.change.data),
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
        if (queue.length === 0 && !stream.aborted) await stream.write(': ping\n\n');
      }
    } finally {
      subscription.close();
    }
  });
});
