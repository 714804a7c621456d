/**
 * Reads a Server-Sent Events response the way a widget does: events are collected as they arrive until
 * `stop()`, and `until()` waits for a condition on them. Shared by the live-stream tests.
 */
export interface ReceivedEvent {
  event: string;
  id?: string | undefined;
  data: Record<string, unknown>;
}

export interface EventReader {
  events: ReceivedEvent[];
  /** Resolves with the events once `predicate` holds, or after `ms` with what arrived by then. */
  until(predicate: (events: ReceivedEvent[]) => boolean, ms?: number): Promise<ReceivedEvent[]>;
  /** Cancels the response body and waits for the reader to finish. */
  stop(): Promise<void>;
}

/** Starts collecting the events of `response` (its body must be an event stream). */
export function readEvents(response: Response, defaultWaitMs = 10_000): EventReader {
  const events: ReceivedEvent[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          const id = /^id: (.*)$/m.exec(block)?.[1];
          if (event && data)
            events.push({ event, ...(id ? { id } : {}), data: JSON.parse(data) as Record<string, unknown> });
        }
      }
    } catch {
      // cancelled or aborted
    }
  })();
  return {
    events,
    async until(predicate, ms = defaultWaitMs) {
      const deadline = Date.now() + ms;
      while (!predicate(events) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return events;
    },
    async stop() {
      await reader.cancel().catch(() => undefined);
      await pump;
    },
  };
}
