/**
 * @module
 * The fan-out of a confirmed calendar year to every open contact (issue 11): page by page through the open
 * contacts, each sent the new calendar version in its own validated Update, with the progress in the change's row. Outlives
 * restarts of the worker and of the API that started it; continues as new every few pages so its history
 * stays small however many contacts there are (tens of thousands).
 */
import { ApplicationFailure, continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { ContactActivities } from '../activities/index.ts';
import type { YearSchedule } from '../domain/calendar/index.ts';

const progress = proxyActivities<ContactActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

const pages = proxyActivities<ContactActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', maximumAttempts: 20 },
});

/** Contacts per page, and pages per run before continuing as new. */
const PAGE = 200;
const PAGES_PER_RUN = 20;

/**
 * What each contact is sent: the year confirmed and the calendar version that holds it — or, for a fan-out
 * started before versions and still running after the deploy, the year's schedule as it was sent then.
 */
export type CalendarChangeSent = { year: number; version: number } | { schedule: YearSchedule };

export type CalendarChangeWorkflowInput = CalendarChangeSent & {
  changeId: string;
  /** Where a continued run resumes: the last contact id reached, and the figures so far. */
  after?: string;
  done?: number;
  moved?: number;
};

export async function calendarChangeWorkflow(
  input: CalendarChangeWorkflowInput,
): Promise<{ done: number; moved: number }> {
  const { changeId } = input;
  const sent: CalendarChangeSent =
    'schedule' in input ? { schedule: input.schedule } : { year: input.year, version: input.version };
  let after = input.after ?? '';
  let done = input.done ?? 0;
  let moved = input.moved ?? 0;
  try {
    if (input.after === undefined)
      await progress.recordCalendarProgress({
        changeId,
        status: 'running',
        total: await progress.countOpenContacts(),
      });
    for (let page = 0; page < PAGES_PER_RUN; page++) {
      const ids = await pages.openContactIdsAfter({ after, limit: PAGE });
      if (!ids.length) {
        // Contacts opened while the change was being confirmed may have started on the version before and,
        // recorded after their page went by, been missed: one last pass sends it to them too.
        const late =
          'version' in sent
            ? await pages.openContactIdsBeforeVersion({
                changeId,
                version: sent.version,
                limit: PAGE * PAGES_PER_RUN,
              })
            : [];
        if (late.length) {
          const tally = await pages.applyCalendarToContacts({ changeId, ...sent, contactIds: late });
          moved += tally.moved;
        }
        await progress.recordCalendarProgress({ changeId, status: 'done', done, moved });
        return { done, moved };
      }
      const tally = await pages.applyCalendarToContacts({ changeId, ...sent, contactIds: ids });
      done += ids.length;
      moved += tally.moved;
      after = ids.at(-1)!;
      await progress.recordCalendarProgress({ changeId, done, moved });
    }
  } catch (error) {
    const message = ((error as { cause?: Error }).cause?.message ?? (error as Error).message).slice(0, 500);
    await progress.recordCalendarProgress({ changeId, status: 'failed', error: message });
    throw ApplicationFailure.nonRetryable(message, 'CalendarChangeFailed');
  }
  return continueAsNew<typeof calendarChangeWorkflow>({ changeId, ...sent, after, done, moved });
}
