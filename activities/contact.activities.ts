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
import type { AnyContactState, CarriedContactState, TimelineEntry } from '../domain/contact/state.ts';
import { withCalendar } from '../api/services/calendar-versions.ts';
import { summarise } from '../domain/contact/view.ts';
import { clockOutcome, dueAt, workingDaysTaken, type Clock } from '../domain/deadlines/clock.ts';
import { foldForSearch } from '../domain/text/fold.ts';
import type { Orm } from '../db/orm.ts';

export interface RecordContactEventInput {
  /** The state as the workflow sends it: the calendar as its version's reference (or, before versions, its years). */
  state: CarriedContactState;
  entry: TimelineEntry;
  notifications: NotificationIntent[];
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
const date = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));

/** Paused time so far; an open pause counts up to `until` (the event's instant). */
function pausedMs(clock: Clock, until: number): number {
  return clock.pauses.reduce((sum, p) => sum + Math.max(0, (p.to ?? until) - p.from), 0);
}

/**
 * A statement with `:name` placeholders (not `::casts`) as positional `?` SQL, rewritten once; the returned
 * function orders a values object into its parameters (a missing name is a bug, so it throws).
 */
function positional(sql: string): (values: Record<string, unknown>) => [string, unknown[]] {
  const names: string[] = [];
  const text = sql.replace(/(?<![:\w]):([a-z]\w*)/gi, (_, name: string) => {
    names.push(name);
    return '?';
  });
  return (values) => [
    text,
    names.map((name) => {
      if (!(name in values)) throw new Error(`No value for :${name}.`);
      return values[name];
    }),
  ];
}

/** The clock rows of a contact's state, as the JSON rows `jsonb_to_recordset` reads in `RECORD_EVENT_SQL`. */
function clockRows(state: AnyContactState, entry: TimelineEntry) {
  return Object.values(state.clocks).map((clock) => ({
    clock: clock.name,
    started_at: new Date(clock.startedAt).toISOString(),
    // The due date of a stopped clock is the one it was stopped against (its ledger without the stop).
    due_at: date(dueAt({ ...clock, stoppedAt: undefined }, state.calendar))?.toISOString() ?? null,
    paused_ms: pausedMs(clock, entry.at),
    extensions: clock.extensions.length,
    paused: clock.pauses.some((p) => p.to === undefined),
    stopped_at: date(clock.stoppedAt)?.toISOString() ?? null,
    outcome: clockOutcome(clock, state.calendar),
    escalation_level: clock.escalationLevel,
    working_days_taken: workingDaysTaken(clock, state.calendar) ?? null,
  }));
}

/** The notification rows of a transition; the key `<contact>:<seq>:<n>` makes each one idempotent. */
function notificationRows(state: AnyContactState, entry: TimelineEntry, notifications: NotificationIntent[]) {
  return notifications.map((n, index) => {
    const r = n.recipient;
    return {
      key: `${state.contactId}:${entry.seq}:${index}`,
      type: n.type,
      text: n.text,
      recipient_sub: r.kind === 'person' ? r.sub : null,
      recipient_agency_id: r.kind === 'agency_role' ? r.agencyId : null,
      recipient_roles:
        r.kind === 'agency_role' ? r.roles : r.kind === 'province_supervisors' ? ['supervisor'] : null,
      recipient_province_id: r.kind === 'province_supervisors' ? r.provinceId : null,
    };
  });
}

/**
 * One event, recorded by one statement (one round trip, atomic like a transaction): the timeline entry, the
 * projection row, and — only when this event is the newest the projection has seen — its clock rows, minus
 * the clocks the contact no longer has (a meeting rescheduled or cancelled before it began); and its
 * notifications. The sub-statements touch disjoint rows, as data-modifying CTEs must.
 */
const RECORD_EVENT_SQL = positional(`
with entry as (
  insert into timeline_entry (contact_id, seq, at, type, actor_sub, actor_name, text, data, audience)
  values (:contactId, :seq, :at, :type, :actorSub, :actorName, :text, :data::jsonb, :audience)
  on conflict (contact_id, seq) do nothing
), projected as (
  insert into contact (id, kind, agency_id, province_id, journalist_sub, journalist_name, subject, status,
    assignee_sub, assignee_name, due_at, escalation_level, submitted_at, updated_at, last_seq, search_text, state,
    next_meeting_at, forwarded_to_id, forwarded_from_id, open, last_action_at, also_visible_to)
  values (:contactId, :kind, :agencyId, :provinceId, :journalistSub, :journalistName, :subject, :status,
    :assigneeSub, :assigneeName, :dueAt, :escalationLevel, :submittedAt, :updatedAt, :seq, :searchText, :state::jsonb,
    :nextMeetingAt, :forwardedToId, :forwardedFromId, :open, :lastActionAt,
    (select array_agg(value) from jsonb_array_elements_text(:alsoVisibleTo::jsonb)))
  on conflict (id) do update set status = excluded.status, assignee_sub = excluded.assignee_sub,
    assignee_name = excluded.assignee_name, due_at = excluded.due_at, escalation_level = excluded.escalation_level,
    updated_at = excluded.updated_at, last_seq = excluded.last_seq, search_text = excluded.search_text,
    state = excluded.state, next_meeting_at = excluded.next_meeting_at,
    forwarded_to_id = excluded.forwarded_to_id, forwarded_from_id = excluded.forwarded_from_id,
    open = excluded.open, last_action_at = coalesce(excluded.last_action_at, contact.last_action_at),
    also_visible_to = excluded.also_visible_to
  where contact.last_seq < excluded.last_seq
  returning last_seq
), clocks as (
  insert into contact_clock (contact_id, clock, kind, agency_id, province_id, started_at, due_at, paused_ms,
    extensions, paused, stopped_at, outcome, escalation_level, last_seq, working_days_taken, submitted_at)
  select :contactId, c.clock, :kind, :agencyId, :provinceId, c.started_at, c.due_at, c.paused_ms, c.extensions,
    c.paused, c.stopped_at, c.outcome, c.escalation_level, :seq, c.working_days_taken, :submittedAt
  from jsonb_to_recordset(:clocks::jsonb) as c(clock text, started_at timestamptz, due_at timestamptz,
    paused_ms bigint, extensions int, paused boolean, stopped_at timestamptz, outcome text, escalation_level int,
    working_days_taken int)
  where exists (select from projected)
  on conflict (contact_id, clock) do update set agency_id = excluded.agency_id, province_id = excluded.province_id,
    started_at = excluded.started_at, due_at = excluded.due_at, paused_ms = excluded.paused_ms,
    extensions = excluded.extensions, paused = excluded.paused, stopped_at = excluded.stopped_at,
    outcome = excluded.outcome, escalation_level = excluded.escalation_level, last_seq = excluded.last_seq,
    working_days_taken = excluded.working_days_taken, submitted_at = excluded.submitted_at
  where contact_clock.last_seq < excluded.last_seq
), stale_clocks as (
  delete from contact_clock
  where contact_id = :contactId and last_seq < :seq and not (clock = any(array(select jsonb_array_elements_text(:clockNames::jsonb))))
    and exists (select from projected)
), notified as (
  insert into notification (key, contact_id, type, text, recipient_sub, recipient_agency_id, recipient_roles,
    recipient_province_id, created_at)
  select n.key, :contactId, n.type, n.text, n.recipient_sub, n.recipient_agency_id, n.recipient_roles,
    n.recipient_province_id, :at
  from jsonb_to_recordset(:notifications::jsonb) as n(key text, type text, text text, recipient_sub text,
    recipient_agency_id text, recipient_roles text[], recipient_province_id text)
  on conflict (key) do nothing
)
select count(*)::int as projected from projected`);

export function createContactActivities(deps: { orm: Orm; now?: () => number }) {
  const now = deps.now ?? Date.now;
  return {
    async recordContactEvent({
      state: carried,
      entry,
      notifications,
    }: RecordContactEventInput): Promise<void> {
      const em = deps.orm.em.fork();
      // Due dates are counted on the version's years; the row keeps the reference, as the workflow sent it.
      const state: AnyContactState = await withCalendar(em, carried);
      const kind = kindOf(state.kind);
      const summary = summarise(state, now());
      const searchText = foldForSearch(
        `${state.contactId} ${kind.searchText(state)} ${state.journalist.name}`,
      );
      const clocks = clockRows(state, entry);
      const [sql, params] = RECORD_EVENT_SQL({
        contactId: state.contactId,
        seq: entry.seq,
        at: new Date(entry.at),
        type: entry.type,
        actorSub: entry.actor?.sub ?? null,
        actorName: entry.actor?.name ?? null,
        text: entry.text ?? null,
        data: json(entry.data),
        audience: entry.audience ?? null,
        kind: state.kind,
        agencyId: state.agencyId,
        provinceId: state.provinceId ?? null,
        journalistSub: state.journalist.sub,
        journalistName: state.journalist.name,
        subject: state.subject,
        status: state.status,
        assigneeSub: state.assignee?.sub ?? null,
        assigneeName: state.assignee?.name ?? null,
        dueAt: date(summary.dueAt),
        escalationLevel: summary.escalationLevel,
        submittedAt: new Date(state.submittedAt),
        updatedAt: new Date(state.updatedAt),
        searchText,
        state: JSON.stringify(carried),
        nextMeetingAt: date(kind.nextMeetingAt?.(state)),
        forwardedToId: state.forwardedTo?.contactId ?? null,
        forwardedFromId: state.forwardedFrom?.contactId ?? null,
        // As JSON (null when empty): one spelling of a text[] parameter for PostgreSQL and PGlite alike.
        alsoVisibleTo: state.alsoVisibleTo?.length ? JSON.stringify(state.alsoVisibleTo) : null,
        open: !isTerminal(kind, state),
        lastActionAt: isPersonsAction(entry) ? new Date(entry.at) : null,
        clocks: JSON.stringify(clocks),
        clockNames: JSON.stringify(clocks.map((c) => c.clock)),
        notifications: JSON.stringify(notificationRows(state, entry, notifications)),
      });
      await em.execute(sql, params);
    },
  };
}
