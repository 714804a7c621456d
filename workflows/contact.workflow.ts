/**
 * @module
 * The one workflow runner of every contact kind: a thin, deterministic shell over `domain/contact` and the
 * kind's definition. Every action is a validated Update; deadline clocks and the kind's lifecycle timers are
 * timers that an Update can move; each transition is recorded in the database by one idempotent activity;
 * a forward opens the contact at the competent agency as an abandoned child workflow.
 */
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  ParentClosePolicy,
  patched,
  setCurrentDetails,
  setHandler,
  startChild,
  TemporalFailure,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { recordIncident, recordRecovery, mayRetryRecording } from '../domain/contact/incidents.ts';
import {
  alreadyOnVersion,
  applyCalendarChange,
  changeOfSchedule,
  parseCalendarChange,
  type CalendarChange,
  type CalendarChangeInput,
} from '../domain/contact/calendar-change.ts';
import {
  calendarOfVersion,
  carriedCalendar,
  isCalendarRef,
  type CalendarData,
  type CalendarRef,
} from '../domain/calendar/index.ts';
import type { Actor } from '../domain/actor.ts';
import type { ActionContext } from '../domain/contact/define.ts';
import { forwardedOpening } from '../domain/contact/forwarding.ts';
import {
  actionsOf,
  isTerminal,
  mayView,
  performAction,
  validateAction,
  type AnyKind,
} from '../domain/contact/machine.ts';
import { appendEntry, type AnyContactState, type Opening, type Transition } from '../domain/contact/state.ts';
import { contactView } from '../domain/contact/views.ts';
import { CURRENT_TIMER_PLAN, fireNextTimer, LEGACY_TIMER_PLAN, nextTimer } from '../domain/contact/timers.ts';
import { operatorSummary, summarise } from '../domain/contact/view.ts';
import { DomainError, ForbiddenError, InvalidInputError } from '../domain/errors.ts';
import { FIELD_LIMITS } from '../domain/contact/field-limits.ts';
import { longText } from '../domain/text/policy.ts';
import { recordLetterIssued, type IssuedLetter } from '../domain/supervision/letters.ts';
import {
  issueReminderLetter,
  readCalendarVersion,
  recordContactEvent,
  recordContactEventLocally,
} from './activities.proxy.ts';
import {
  actionUpdate,
  applyCalendarUpdate,
  contactStateQuery,
  type CalendarChangeOutcome,
  recordingHealthQuery,
  retryRecordingUpdate,
  viewContactUpdate,
  type RetryRecordingInput,
  type ActionUpdateInput,
  type ViewContactInput,
} from './messages.ts';
import {
  contactHealthKey,
  contactStatusKey,
  dueAtKey,
  escalationLevelKey,
  openingSearchAttributes,
} from './search-attributes.ts';

/** Patch id: the projection is recorded by a local activity (2026-11-22). */
export const RECORD_LOCALLY_PATCH = 'record-contact-event-locally';

/**
 * Patch id: the contact-kind toolkit (issue 7) — warnings in office hours and the kind's lifecycle timers
 * (automatic close, meeting reminders). Decided once when the workflow starts, so contacts opened before it
 * keep their old timer plan for their whole life and replay unchanged.
 */
export const CONTACT_TOOLKIT_PATCH = 'contact-toolkit-v1';

/** Patch id: a forward opens the contact at the competent agency (issue 7). */
export const FORWARD_OPENS_CONTACT_PATCH = 'forward-opens-contact';

/** A retry's reason, as long as any other reason. */
const retryReason = longText(FIELD_LIMITS.reason);

/** Patch id: a "retry now" from the board is recorded on the timeline with who, when and why (issue 8). */
export const RETRY_AUDIT_PATCH = 'retry-audit';

/** Patch id: a supervisor's reminder issues a formal, numbered reminder letter (issue 8). */
export const REMINDER_LETTER_PATCH = 'reminder-letter';

/**
 * Patch id: the workflow marks itself in Temporal's visibility (`ContactHealth`) while its recordings are
 * delayed, so the supervision board finds unhealthy contacts from Temporal's view (issue 8).
 */
export const HEALTH_ATTRIBUTE_PATCH = 'contact-health-attribute';

/**
 * After a recording has used up its attempts, the workflow tries again after these waits (the last one
 * repeats): the transition is decided and durable here, so it is never dropped, only delayed — and the
 * timeline says so.
 */
const RECORDING_RETRY_WAITS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];

/**
 * The failure an activity call ended with: an `ActivityFailure`'s cause, or the failure itself (local
 * activities may surface their `ApplicationFailure` unwrapped). Anything else is a bug and is rethrown.
 */
function activityFailureOf(error: unknown): TemporalFailure | undefined {
  if (error instanceof ActivityFailure) return error.cause instanceof TemporalFailure ? error.cause : error;
  return error instanceof TemporalFailure ? error : undefined;
}

/** A failure no retry can fix: the worker marked it non-retryable (the data itself was refused). */
function isPermanent(failure: TemporalFailure): boolean {
  return failure instanceof ApplicationFailure && failure.nonRetryable === true;
}

/** How a transition's recording went; a refusal carries the failure, for the timeline entry that explains it. */
type Recorded = 'recorded' | 'delayed' | { refused: TemporalFailure };

/** The answer when the database refused what an action would store (it cannot happen after validation). */
function unstorable(): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'InvalidInputError',
    message: 'The input could not be stored; nothing was changed. Check it for unusual characters.',
    nonRetryable: true,
    details: [{ code: 'unstorable_input' }],
  });
}

/** Domain errors cross the Temporal boundary as non-retryable failures whose `type` is the error's name. */
function asFailure(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  return ApplicationFailure.create({
    type: error.name,
    message: error.message,
    nonRetryable: true,
    details: [{ code: error.code, ...error.details }],
  });
}

function rethrowAsFailure<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw asFailure(error);
  }
}

/**
 * The registry facts of an Update accepted before the API sent them (issue 7): the assignee's name came with
 * the input then. Only replays reach this — a new Update without facts fails its validator.
 */
function legacyContext(raw: unknown): ActionContext {
  const input = (raw ?? {}) as Record<string, unknown>;
  const { assigneeSub: sub, assigneeName: name, toAgencyId } = input;
  return {
    ...(typeof sub === 'string' && typeof name === 'string'
      ? { assignee: { sub, name, role: 'agency_staff' as const } }
      : {}),
    ...(typeof toAgencyId === 'string' ? { toAgency: { id: toAgencyId, name: toAgencyId } } : {}),
  };
}

/**
 * The years of a calendar version, read through a local activity whose answer Temporal records (so a replay
 * counts on the same years whatever the database holds by then).
 */
async function calendarOf(ref: CalendarRef): Promise<CalendarData> {
  return calendarOfVersion(ref, await readCalendarVersion({ version: ref.version }));
}

/** Runs one contact of `kind` from its opening to its end. */
export async function runContact(kind: AnyKind, input: Opening): Promise<void> {
  const plan = patched(CONTACT_TOOLKIT_PATCH) ? CURRENT_TIMER_PLAN : LEGACY_TIMER_PLAN;
  // The calendar's reference is read into memory once the handlers are set (an Update that came with the start
  // would otherwise be refused at the end of the first activation); until then the contact holds no years, and
  // no handler acts before they are read. Contacts opened before calendar versions carried their years in the
  // input and replay without the read (no patch: the input itself decides).
  const calendarRef = isCalendarRef(input.calendar) ? input.calendar : undefined;
  let opened = kind.openContact({
    ...input,
    calendar: calendarRef ? calendarOfVersion(calendarRef, []) : input.calendar,
  }) as Transition;
  let state: AnyContactState = opened.state;
  let calendarRead = calendarRef === undefined;
  /** Waits until the calendar's years are in memory (no wait, and no command, when they already are). */
  async function calendarInMemory(): Promise<void> {
    if (!calendarRead) await condition(() => calendarRead);
  }
  let recorded = false;
  let openingRefused = false;
  /** Bumped on every Update, so the timer loop re-plans when an action moves or stops a clock. */
  let version = 0;
  /** Transitions whose recording used up its attempts, oldest first, with when to try again. */
  let delayed: Transition[] = [];
  let retryRound = 0;
  let retryAt: number | undefined;

  function describeForOperators(current: AnyContactState, now: number): void {
    // Metadata only (no history command): the Temporal UI shows it as the workflow's current details.
    const pending = delayed.length ? ` · recording delayed: ${delayed.length} event(s)` : '';
    setCurrentDetails(operatorSummary(current, now) + pending);
  }

  /** Sends one transition to the database; the activity is idempotent by (contact, seq). */
  async function send(transition: Transition): Promise<void> {
    // Workflows started before the patch keep recording through a regular activity when they replay.
    const recordEvent = patched(RECORD_LOCALLY_PATCH) ? recordContactEventLocally : recordContactEvent;
    await recordEvent({
      // The projection stores the calendar's reference, not its years (they are the version's).
      state: { ...transition.state, calendar: carriedCalendar(transition.state.calendar) },
      entry: transition.entry,
      notifications: transition.notifications,
    });
  }

  /** The `activity_failed` entry for a failed recording (its message is sanitised by the worker). */
  function incidentFor(failure: TemporalFailure, failedSeq: number): Transition {
    const incident = recordIncident(
      state,
      {
        activity: 'recordContactEvent',
        failure: failure instanceof ApplicationFailure ? (failure.type ?? failure.name) : failure.name,
        message: failure.message,
        retryable: !isPermanent(failure),
        failedSeq,
      },
      Date.now(),
    );
    state = incident.state;
    return incident;
  }

  /**
   * Records a transition. A data error (the database refuses the content) comes back as `refused`, for the
   * caller to undo the step; any other failure, once its attempts are used up, leaves the transition queued
   * for a later retry and the timeline saying so — never an endless silent retry.
   */
  async function record(transition: Transition): Promise<Recorded> {
    const now = Date.now();
    const summary = summarise(transition.state, now);
    describeForOperators(transition.state, now);
    upsertSearchAttributes([
      { key: contactStatusKey, value: transition.state.status },
      { key: dueAtKey, value: summary.dueAt === null ? null : new Date(summary.dueAt) },
      { key: escalationLevelKey, value: summary.escalationLevel },
    ]);
    try {
      await send(transition);
      return 'recorded';
    } catch (error) {
      const failure = activityFailureOf(error);
      if (!failure) throw error;
      if (isPermanent(failure)) return { refused: failure };
      if (delayed.length === 0) {
        retryAt = Date.now() + RECORDING_RETRY_WAITS_MS[0]!;
        if (patched(HEALTH_ATTRIBUTE_PATCH))
          upsertSearchAttributes([{ key: contactHealthKey, value: 'recording_delayed' }]);
      }
      delayed.push(transition);
      // The database is not taking writes now: the note of the failure waits in the same queue.
      if (delayed.length === 1) delayed.push(incidentFor(failure, transition.entry.seq));
      describeForOperators(state, Date.now());
      return 'delayed';
    }
  }

  /** Undoes a step the database refused and records why (the database is up: it answered). */
  async function undoRefused(
    transition: Transition,
    before: AnyContactState,
    failure: TemporalFailure,
  ): Promise<void> {
    if (state === transition.state) state = before;
    await record(incidentFor(failure, transition.entry.seq));
  }

  let retrying = false;

  /** Tries the queued recordings again, in order; stops at the first that still fails. One at a time. */
  async function retryDelayed(): Promise<void> {
    if (retrying) return condition(() => !retrying);
    retrying = true;
    try {
      await sendDelayed();
    } finally {
      retrying = false;
    }
  }

  async function sendDelayed(): Promise<void> {
    while (delayed.length) {
      try {
        await send(delayed[0]!);
        delayed = delayed.slice(1);
      } catch (error) {
        if (!activityFailureOf(error)) throw error;
        retryRound++;
        const wait = RECORDING_RETRY_WAITS_MS[Math.min(retryRound, RECORDING_RETRY_WAITS_MS.length - 1)]!;
        retryAt = Date.now() + wait;
        return;
      }
    }
    retryRound = 0;
    retryAt = undefined;
    if (patched(HEALTH_ATTRIBUTE_PATCH)) upsertSearchAttributes([{ key: contactHealthKey, value: null }]);
    const recovery = recordRecovery(state, 'recordContactEvent', Date.now());
    state = recovery.state;
    await record(recovery);
  }

  /** The calendar a change brings: its version's years (read once), or — before versions — the year sent. */
  async function calendarChangeOf(input: CalendarChangeInput): Promise<CalendarChange | undefined> {
    if ('schedule' in input) return changeOfSchedule(state, input);
    if (alreadyOnVersion(state, input.version)) return undefined;
    const { officeHours } = state.calendar;
    const calendar = await calendarOf({ version: input.version, ...(officeHours ? { officeHours } : {}) });
    // Checked again after the read: another change may have brought a later version meanwhile.
    if (alreadyOnVersion(state, input.version)) return undefined;
    return { changeId: input.changeId, year: input.year, calendar };
  }

  // A confirmed calendar year (issue 11). A new handler, not a change of old code: histories without this
  // Update replay as before, so no patch is needed.
  setHandler(
    applyCalendarUpdate,
    async (raw: CalendarChangeInput): Promise<CalendarChangeOutcome> => {
      await calendarInMemory();
      const input = await calendarChangeOf(parseCalendarChange(raw));
      if (!input) return 'unchanged';
      const change = applyCalendarChange(state, input, Date.now());
      state = change.state;
      version++; // The timer loop re-plans on the new calendar.
      if (!change.transition) return 'unchanged';
      const outcome = await record(change.transition);
      if (typeof outcome === 'object') throw unstorable();
      return 'moved';
    },
    { validator: (raw: CalendarChangeInput) => void rethrowAsFailure(() => parseCalendarChange(raw)) },
  );

  setHandler(contactStateQuery, () => state);
  setHandler(recordingHealthQuery, () => ({ delayedEvents: delayed.length }));

  setHandler(
    retryRecordingUpdate,
    async ({ actor, reason }: RetryRecordingInput) => {
      await calendarInMemory();
      if (delayed.length) await retryDelayed();
      if (patched(RETRY_AUDIT_PATCH)) {
        // Who asked for the retry, when and why: an operator's intervention is audited like an action.
        const audit = appendEntry(state, {
          at: Date.now(),
          type: 'retry_requested',
          audience: 'agency',
          actor: { sub: actor.sub, name: actor.name },
          text: reason,
          data: { delayedEvents: delayed.length },
        });
        state = audit.state;
        await record(audit);
      }
      return { delayedEvents: delayed.length };
    },
    {
      validator: ({ actor, reason }: RetryRecordingInput) =>
        rethrowAsFailure(() => {
          if (!mayRetryRecording(state, actor))
            throw ForbiddenError.because('forbidden', 'Only operators and supervisors may retry recordings.');
          if (reason !== undefined && !retryReason.safeParse(reason).success)
            throw InvalidInputError.because('The reason is not acceptable text.', [
              { path: 'reason', message: 'plain text within the length limit' },
            ]);
        }),
    },
  );

  setHandler(
    viewContactUpdate,
    async ({ actor }: ViewContactInput) => {
      await condition(() => recorded || openingRefused);
      if (openingRefused) throw unstorable();
      return contactView(kind, state, actor, Date.now());
    },
    {
      validator: ({ actor }: ViewContactInput) =>
        rethrowAsFailure(() => {
          if (!mayView(state, actor))
            throw ForbiddenError.because('forbidden', 'You may not see this contact.');
        }),
    },
  );

  /** Opens the contact a forward created at the competent agency (once; a replay finds it started). */
  async function openForwarded(agency: { id: string; provinceId?: string | undefined }): Promise<void> {
    if (!patched(FORWARD_OPENS_CONTACT_PATCH)) return;
    const opening = forwardedOpening(kind, state, agency, Date.now()) as Opening;
    try {
      await startChild(kind.workflowType, {
        workflowId: opening.contactId,
        args: [opening],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        typedSearchAttributes: openingSearchAttributes(kind.kind, agency.id),
        staticSummary: `${kind.label.vi} ${opening.contactId} (chuyển từ ${state.contactId})`,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /** Notes a letter on the timeline and tells the agency head. */
  async function noteLetter(actor: Actor, letter: IssuedLetter): Promise<void> {
    const issued = recordLetterIssued(state, letter, actor, Date.now());
    state = issued.state;
    await record(issued);
  }

  /**
   * Issues the department's formal letter for a reminder and notes it on the timeline. A letter that cannot
   * be issued (its activity's attempts used up) is an incident on the timeline, not a failed reminder: the
   * reminder itself stands, and the board shows the failure.
   */
  async function issueLetter(actor: Actor, message: string, reminderSeq: number): Promise<void> {
    try {
      const letter = await issueReminderLetter({
        sourceKey: `${state.contactId}:${reminderSeq}`,
        departmentId: actor.agencyId ?? '',
        addresseeAgencyId: state.agencyId,
        contactIds: [state.contactId],
        message,
        by: { sub: actor.sub, name: actor.name },
        at: Date.now(),
      });
      await noteLetter(actor, letter);
    } catch (error) {
      const failure = activityFailureOf(error);
      if (!failure) throw error;
      const incident = recordIncident(
        state,
        {
          activity: 'issueReminderLetter',
          failure: failure instanceof ApplicationFailure ? (failure.type ?? failure.name) : failure.name,
          message: failure.message,
          retryable: !isPermanent(failure),
          failedSeq: reminderSeq,
        },
        Date.now(),
      );
      state = incident.state;
      await record(incident);
    }
  }

  for (const action of actionsOf(kind)) {
    setHandler(
      actionUpdate(action),
      async ({ actor, input: raw, context }: ActionUpdateInput) => {
        await calendarInMemory();
        // Updates accepted before registry facts existed carried the assignee in the input: replay them so.
        context ??= legacyContext(raw);
        // Validated again here: the validator ran on the same state in this activation (or, for an action that
        // came before the calendar was read, on the opening without its years), so this rarely throws; it
        // yields the parsed input.
        const now = Date.now();
        const parsed = rethrowAsFailure(() => validateAction(kind, state, actor, action, raw, context, now));
        const before = state;
        const transition = performAction(kind, state, actor, action, parsed, context, now);
        // Assigned before any await: concurrent handlers and the timer loop always build on the latest state.
        state = transition.state;
        version++;
        const outcome = await record(transition);
        if (typeof outcome === 'object') {
          // The database will never take this step: undo it, so the workflow and the projection agree.
          await undoRefused(transition, before, outcome.refused);
          throw unstorable();
        }
        if (action === 'forward' && context.toAgency) await openForwarded(context.toAgency);
        if (action === 'remind' && patched(REMINDER_LETTER_PATCH)) {
          if (context.letter) await noteLetter(actor, context.letter);
          else await issueLetter(actor, (parsed as { message: string }).message, transition.entry.seq);
        }
        return contactView(kind, state, actor, Date.now());
      },
      {
        validator: ({ actor, input: raw, context = {} }: ActionUpdateInput) =>
          void rethrowAsFailure(() => validateAction(kind, state, actor, action, raw, context, Date.now())),
      },
    );
  }

  if (calendarRef) {
    state = { ...state, calendar: await calendarOf(calendarRef) };
    opened = { ...opened, state };
    calendarRead = true;
  }

  if (typeof (await record(opened)) === 'object') {
    // Nothing of this contact could be stored: tell the caller and end, instead of retrying forever.
    openingRefused = true;
    await condition(allHandlersFinished);
    throw ApplicationFailure.nonRetryable('The new contact could not be stored.', 'DataError');
  }
  recorded = true;

  while (!isTerminal(kind, state) || delayed.length) {
    const timer = isTerminal(kind, state) ? undefined : nextTimer(kind, state, plan);
    const wakeAt = Math.min(timer?.at ?? Infinity, retryAt ?? Infinity);
    const seen = version;
    const acted = Number.isFinite(wakeAt)
      ? await condition(() => version !== seen, Math.max(wakeAt - Date.now(), 1))
      : (await condition(() => version !== seen), true);
    if (acted) continue;
    if (retryAt !== undefined && Date.now() >= retryAt) {
      await retryDelayed();
      continue;
    }
    const fired = fireNextTimer(kind, state, Date.now(), plan);
    if (fired) {
      state = fired.state;
      await record(fired);
    }
  }
  // Let in-flight Update handlers finish (and their records land) before the workflow completes.
  await condition(allHandlersFinished);
}
