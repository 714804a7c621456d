/**
 * @module
 * Activities of a calendar change's fan-out (issue 11): the open contacts page by page, the new calendar
 * version sent to each through its validated `applyCalendar` Update, and the change's progress row; and the
 * reading of a version's years for the workflows that hold only its number. Idempotent: the
 * Update id is the change and the contact, so a retried page re-sends nothing Temporal has applied; the
 * progress is written as absolute figures the workflow keeps.
 */
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { YearSchedule } from '../domain/calendar/index.ts';
import type { Orm } from '../db/orm.ts';
import { calendarVersionYears } from '../api/services/calendar-versions.ts';
import { applyCalendarUpdate, type CalendarChangeOutcome } from '../workflows/messages.ts';
import type { CalendarChangeSent } from '../workflows/calendar-change.workflow.ts';

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

    /**
     * Open contacts that opened around the change (from a minute before it) and whose recorded state still
     * references an older calendar version: the ones the pages may have missed. Contacts that took the new
     * version without a due date moving record nothing, so a few may be sent it again; their Update id makes
     * that a no-op.
     */
    async openContactIdsBeforeVersion(input: {
      changeId: string;
      version: number;
      limit: number;
    }): Promise<string[]> {
      const rows = await deps.orm.em.fork().execute<{ id: string }[]>(
        `select c.id from contact c, calendar_change ch
          where ch.id = ? and c.open and c.submitted_at >= ch.created_at - interval '1 minute'
            and coalesce((c.state -> 'calendar' ->> 'version')::int, 0) < ?
          order by c.id limit ?`,
        [input.changeId, input.version, input.limit],
      );
      return rows.map((r) => r.id);
    },

    /** How many contacts are open now (the progress's total; contacts opened later read the new calendar). */
    async countOpenContacts(): Promise<number> {
      const [row] = await deps.orm.em
        .fork()
        .execute<{ n: number }[]>('select count(*)::int as n from contact where open');
      return Number(row?.n ?? 0);
    },

    /**
     * The years of a calendar version, for a workflow that holds only its number (a local activity: Temporal
     * records the answer, so a replay reads the same years). Versions never change, so any retry reads the same.
     */
    async readCalendarVersion(input: { version: number }): Promise<YearSchedule[]> {
      const years = await calendarVersionYears(deps.orm.em.fork(), input.version);
      // Without the sources (links to the notices): nothing counts on them, and the answer lives in the history.
      return years.map((year) => ({ ...year, sources: [] }));
    },

    /** Sends the change (its year and version) to each contact; counts what it did. */
    async applyCalendarToContacts(
      input: CalendarChangeSent & { changeId: string; contactIds: string[] },
    ): Promise<{ moved: number; unchanged: number; ended: number }> {
      const change =
        'schedule' in input
          ? { changeId: input.changeId, schedule: input.schedule }
          : { changeId: input.changeId, year: input.year, version: input.version };
      const { client } = Context.current();
      const tally = { moved: 0, unchanged: 0, ended: 0 };
      await eachLimited(input.contactIds, CONCURRENCY, async (contactId) => {
        try {
          const outcome: CalendarChangeOutcome = await client.workflow
            .getHandle(contactId)
            .executeUpdate(applyCalendarUpdate, {
              updateId: `${input.changeId}:${contactId}`,
              args: [change],
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
