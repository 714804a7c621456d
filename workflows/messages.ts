/**
 * @module
 * Message definitions of the contact workflows, shared by the workflow and by clients (the API) without
 * importing workflow bodies. Constant `<verb><Noun>Update`, wire name the same words in camelCase.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../domain/actor.ts';
import type { CalendarChangeInput } from '../domain/contact/calendar-change.ts';
import type { ActionContext } from '../domain/contact/define.ts';
import type { AnyContactState } from '../domain/contact/state.ts';
import type { ContactView } from '../domain/contact/views.ts';

export const TASK_QUEUE = 'press-liaison';

export interface ActionUpdateInput {
  actor: Actor;
  /** The action's input; validated again by the Update validator. */
  input: unknown;
  /** Registry facts the API looked up for the action (an assignee, a host, the competent agency). */
  context?: ActionContext | undefined;
}

export interface ViewContactInput {
  actor: Actor;
}

/** Returns the contact view once the contact is recorded in the database (used with update-with-start). */
export const viewContactUpdate = defineUpdate<ContactView, [ViewContactInput]>('viewContact');

export interface RetryRecordingInput {
  actor: Actor;
  /** Why the operator or supervisor retries now (kept on the timeline with who and when). */
  reason?: string | undefined;
}

/** What is still waiting to be recorded in the database after a retry. */
export interface RecordingHealth {
  /** Events decided by the workflow but not yet in the database. */
  delayedEvents: number;
}

/**
 * Tries the delayed database recordings of a contact now instead of at the next scheduled retry (operators
 * and the province's supervisors, once the cause is fixed).
 */
export const retryRecordingUpdate = defineUpdate<RecordingHealth, [RetryRecordingInput]>('retryRecording');

/** What a calendar change did to one contact. */
export type CalendarChangeOutcome = 'moved' | 'unchanged';

/**
 * A confirmed working-day calendar year reaches an open contact (issue 11): its running clocks are counted
 * again and the timeline says which due date moved. Sent by the calendar fan-out with an Update id per
 * change and contact, so a retried send is applied once.
 */
export const applyCalendarUpdate = defineUpdate<CalendarChangeOutcome, [CalendarChangeInput]>(
  'applyCalendar',
);

/** How many events still wait to be recorded (the supervision board's health column). */
export const recordingHealthQuery = defineQuery<RecordingHealth>('recordingHealth');

/** The whole workflow state, for operators and tests. */
export const contactStateQuery = defineQuery<AnyContactState>('contactState');

const camel = (snake: string) => snake.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** One Update per action, named after it (`approve_answer` → `approveAnswer`), so histories read in business terms. */
export function actionUpdate(action: string): UpdateDefinition<ContactView, [ActionUpdateInput], string> {
  return defineUpdate<ContactView, [ActionUpdateInput]>(camel(action));
}

/** Fire-and-forget nudge to a webhook delivery loop: new changes were committed. */
export const changesAvailableSignal = defineSignal('changesAvailable');

/** Ends a webhook delivery loop (the subscription was removed). */
export const stopDeliverySignal = defineSignal('stopDelivery');

/** Nudge to the notification delivery loop: notifications were stored (issue 11). */
export const notificationsAvailableSignal = defineSignal('notificationsAvailable');

/** The one notification delivery loop of a namespace (`workflows/notification-delivery.workflow.ts`). */
export const NOTIFICATION_DELIVERY_WORKFLOW_ID = 'notification-delivery';
