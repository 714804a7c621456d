/**
 * @module
 * Activities of a calendar change's fan-out (issue 11): the open contacts page by page, the confirmed year
 * sent to each through its validated `applyCalendar` Update, and the change's progress row. Idempotent: the
 * Update id is the change and the contact, so a retried page re-sends nothing Temporal has applied; the
 * progress is written as absolute figures the workflow keeps.
 */
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { YearSchedule } from '../domain/calendar/index.ts';
import type { Orm } from '../db/orm.ts';
import { applyCalendarUpdate, type CalendarChangeOutcome } from '../workflows/messages.ts';

/** How many contacts of a page are updated at once: enough to hide round trips, few enough for the worker. */
const CONCURRENCY = 16;

export interface CalendarProgress {
  changeId: string;
  status?: 'running' | 'done' | 'failed';
  total?: number;
  done?: number;
  moved?: number;
  error?: string;
}

/** Runs `work` on every item, at most `limit` at a time, in order of start. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

/** An Update that found no running workflow: the contact ended meanwhile (its due dates no longer matter). */
function contactEnded(error: unknown): boolean {
  if (error instanceof WorkflowNotFoundError) return true;
  const text = `${(error as Error)?.name ?? ''} ${(error as Error)?.message ?? ''}`;
  return /workflow execution (already )?(completed|finished)|not found/i.test(text);
}

export function createCalendarActivities(deps: { orm: Orm; now?: () => number }) {
  const now = deps.now ?? Date.now;
  return {
    /** Open contacts after `after` (by id), at most `limit`. */
    async openContactIdsAfter(input: { after: string; limit: number }): Promise<string[]> {
      const rows = await deps.orm.em
        .fork()
        .execute<{ id: string }[]>('select id from contact where open and id > ? order by id limit ?', [
          input.after,
          input.limit,
        ]);
      return rows.map((r) => r.id);
    },

    /** How many contacts are open now (the progress's total; contacts opened later read the new calendar). */
    async countOpenContacts(): Promise<number> {
      const [row] = await deps.orm.em
        .fork()
        .execute<{ n: number }[]>('select count(*)::int as n from contact where open');
      return Number(row?.n ?? 0);
    },

    /** Sends the confirmed year to each contact; counts what it did. */
    async applyCalendarToContacts(input: {
      changeId: string;
      schedule: YearSchedule;
      contactIds: string[];
    }): Promise<{ moved: number; unchanged: number; ended: number }> {
      const { client } = Context.current();
      const tally = { moved: 0, unchanged: 0, ended: 0 };
      await eachLimited(input.contactIds, CONCURRENCY, async (contactId) => {
        try {
          const outcome: CalendarChangeOutcome = await client.workflow
            .getHandle(contactId)
            .executeUpdate(applyCalendarUpdate, {
              updateId: `${input.changeId}:${contactId}`,
              args: [{ changeId: input.changeId, schedule: input.schedule }],
            });
          tally[outcome]++;
        } catch (error) {
          if (!contactEnded(error)) throw error;
          tally.ended++;
        }
        Context.current().heartbeat(contactId);
      });
      return tally;
    },

    /** Writes the change's progress (absolute figures: a retry writes the same). */
    async recordCalendarProgress(input: CalendarProgress): Promise<void> {
      const finished = input.status === 'done' || input.status === 'failed';
      await deps.orm.em.fork().execute(
        `update calendar_change set
           status = coalesce(?, status), total = coalesce(?, total), done = coalesce(?, done),
           moved = coalesce(?, moved), error = coalesce(?, error),
           finished_at = case when ? then coalesce(finished_at, ?) else finished_at end
         where id = ?`,
        [
          input.status ?? null,
          input.total ?? null,
          input.done ?? null,
          input.moved ?? null,
          input.error ?? null,
          finished,
          new Date(now()),
          input.changeId,
        ],
      );
    },
  };
}
