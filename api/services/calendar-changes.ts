/**
 * @module
 * Starting the recomputation of confirmed calendar changes (issue 11). A confirmation commits the year, its
 * calendar version and its change row (`queued`) first, and starts the fan-out after: if Temporal cannot be
 * reached then, the caller is told to try again, and the change waits, still `queued`, for the next
 * confirmation to start it. Nothing is lost meanwhile: the fan-out reads everything it needs from the rows.
 */
import { CalendarChange, CalendarVersionRow } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';
import type { ContactWorkflows } from '../contact-workflows.ts';

/** Changes started per confirmation at most: a backlog longer than this drains over the next ones. */
const BATCH = 20;

/**
 * Starts the fan-out of every change still `queued`, oldest first: the one just confirmed, and any whose start
 * failed before. A change is `queued` until its workflow runs, so one already started may be met again: the
 * workflow id is the change's id, and a started or finished fan-out is never started twice.
 */
export async function startQueuedCalendarChanges(em: Em, workflows: ContactWorkflows): Promise<void> {
  const queued = await em.find(
    CalendarChange,
    { status: 'queued' },
    { orderBy: { createdAt: 'asc', id: 'asc' }, limit: BATCH },
  );
  for (const change of queued) {
    // The version the confirmation took: what the contacts are sent (an older one is ignored by a contact
    // already on a later version, so the order of late starts does not matter).
    const taken = await em.findOne(CalendarVersionRow, { changeId: change.id });
    // Only a change confirmed before calendar versions has none, and its fan-out was started then.
    if (!taken) continue;
    await workflows.startJob('calendarChangeWorkflow', change.id, [
      { changeId: change.id, year: change.year, version: taken.version },
    ]);
  }
}
