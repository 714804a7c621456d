/**
 * @module
 * Recording a contact event: the projection row, the clock read model, the timeline entry and the
 * notifications, in one database transaction. Idempotent by business keys — (contact id, sequence) for the
 * timeline, `<contact>:<seq>:<n>` for notifications, and a `last_seq` guard on the projection and the clock
 * rows — never by Temporal's activity id, so retries and late deliveries write nothing twice and never move a
 * contact backwards.
 */
import { kindOf } from '../domain/contact/kinds.ts';
import { isTerminal } from '../domain/contact/machine.ts';
import { isPersonsAction } from '../domain/supervision/board.ts';
import type { NotificationIntent } from '../domain/contact/notifications.ts';
import type { AnyContactState, TimelineEntry } from '../domain/contact/state.ts';
import { summarise } from '../domain/contact/view.ts';
import { clockOutcome, dueAt, workingDaysTaken, type Clock } from '../domain/deadlines/clock.ts';
import { foldForSearch } from '../domain/text/fold.ts';
import type { Em, Orm } from '../db/orm.ts';

export interface RecordContactEventInput {
  state: AnyContactState;
  entry: TimelineEntry;
  notifications: NotificationIntent[];
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
const date = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));

/** Paused time so far; an open pause counts up to `until` (the event's instant). */
function pausedMs(clock: Clock, until: number): number {
  return clock.pauses.reduce((sum, p) => sum + Math.max(0, (p.to ?? until) - p.from), 0);
}

async function recordClocks(em: Em, state: AnyContactState, entry: TimelineEntry): Promise<void> {
  const clocks = Object.values(state.clocks);
  for (const clock of clocks) {
    // The due date of a stopped clock is the one it was stopped against (its ledger without the stop).
    const due = dueAt({ ...clock, stoppedAt: undefined }, state.calendar);
    await em.execute(
      `insert into contact_clock (contact_id, clock, kind, agency_id, province_id, started_at, due_at, paused_ms,
         extensions, paused, stopped_at, outcome, escalation_level, last_seq, working_days_taken, submitted_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (contact_id, clock) do update set agency_id = excluded.agency_id, province_id = excluded.province_id,
         started_at = excluded.started_at, due_at = excluded.due_at, paused_ms = excluded.paused_ms,
         extensions = excluded.extensions, paused = excluded.paused, stopped_at = excluded.stopped_at,
         outcome = excluded.outcome, escalation_level = excluded.escalation_level, last_seq = excluded.last_seq,
         working_days_taken = excluded.working_days_taken, submitted_at = excluded.submitted_at
       where contact_clock.last_seq < excluded.last_seq`,
      [
        state.contactId,
        clock.name,
        state.kind,
        state.agencyId,
        state.provinceId ?? null,
        new Date(clock.startedAt),
        date(due),
        pausedMs(clock, entry.at),
        clock.extensions.length,
        clock.pauses.some((p) => p.to === undefined),
        date(clock.stoppedAt),
        clockOutcome(clock, state.calendar),
        clock.escalationLevel,
        entry.seq,
        workingDaysTaken(clock, state.calendar) ?? null,
        new Date(state.submittedAt),
      ],
    );
  }
  // A clock the contact no longer has (a meeting rescheduled or cancelled before it began) leaves the model.
  await em.execute(
    `delete from contact_clock where contact_id = ? and last_seq < ?${clocks.length ? ` and clock not in (${clocks.map(() => '?').join(', ')})` : ''}`,
    [state.contactId, entry.seq, ...clocks.map((c) => c.name)],
  );
}

export function createContactActivities(deps: { orm: Orm; now?: () => number }) {
  const now = deps.now ?? Date.now;
  return {
    async recordContactEvent({ state, entry, notifications }: RecordContactEventInput): Promise<void> {
      const kind = kindOf(state.kind);
      const summary = summarise(state, now());
      const searchText = foldForSearch(
        `${state.contactId} ${kind.searchText(state)} ${state.journalist.name}`,
      );
      await deps.orm.em.fork().transactional(async (em) => {
        await em.execute(
          `insert into timeline_entry (contact_id, seq, at, type, actor_sub, actor_name, text, data, audience)
           values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (contact_id, seq) do nothing`,
          [
            state.contactId,
            entry.seq,
            new Date(entry.at),
            entry.type,
            entry.actor?.sub ?? null,
            entry.actor?.name ?? null,
            entry.text ?? null,
            json(entry.data),
            entry.audience ?? null,
          ],
        );
        const inserted = await em.execute<{ last_seq: number }[]>(
          `insert into contact (id, kind, agency_id, province_id, journalist_sub, journalist_name, subject, status,
             assignee_sub, assignee_name, due_at, escalation_level, submitted_at, updated_at, last_seq, search_text, state,
             next_meeting_at, forwarded_to_id, forwarded_from_id, open, last_action_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
           on conflict (id) do update set status = excluded.status, assignee_sub = excluded.assignee_sub,
             assignee_name = excluded.assignee_name, due_at = excluded.due_at, escalation_level = excluded.escalation_level,
             updated_at = excluded.updated_at, last_seq = excluded.last_seq, search_text = excluded.search_text,
             state = excluded.state, next_meeting_at = excluded.next_meeting_at,
             forwarded_to_id = excluded.forwarded_to_id, forwarded_from_id = excluded.forwarded_from_id,
             open = excluded.open, last_action_at = coalesce(excluded.last_action_at, contact.last_action_at)
           where contact.last_seq < excluded.last_seq
           returning last_seq`,
          [
            state.contactId,
            state.kind,
            state.agencyId,
            state.provinceId ?? null,
            state.journalist.sub,
            state.journalist.name,
            state.subject,
            state.status,
            state.assignee?.sub ?? null,
            state.assignee?.name ?? null,
            date(summary.dueAt),
            summary.escalationLevel,
            new Date(state.submittedAt),
            new Date(state.updatedAt),
            entry.seq,
            searchText,
            JSON.stringify(state),
            date(kind.nextMeetingAt?.(state)),
            state.forwardedTo?.contactId ?? null,
            state.forwardedFrom?.contactId ?? null,
            !isTerminal(kind, state),
            isPersonsAction(entry) ? new Date(entry.at) : null,
          ],
        );
        // The clock rows follow the projection: written only when this event is the newest one.
        if (inserted.length) await recordClocks(em, state, entry);
        for (const [index, n] of notifications.entries()) {
          const r = n.recipient;
          await em.execute(
            `insert into notification (key, contact_id, type, text, recipient_sub, recipient_agency_id, recipient_roles,
               recipient_province_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (key) do nothing`,
            [
              `${state.contactId}:${entry.seq}:${index}`,
              state.contactId,
              n.type,
              n.text,
              r.kind === 'person' ? r.sub : null,
              r.kind === 'agency_role' ? r.agencyId : null,
              r.kind === 'agency_role'
                ? `{${r.roles.join(',')}}`
                : r.kind === 'province_supervisors'
                  ? '{supervisor}'
                  : null,
              r.kind === 'province_supervisors' ? r.provinceId : null,
              new Date(entry.at),
            ],
          );
        }
      });
    },
  };
}
