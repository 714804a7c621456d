/**
 * @module
 * The workflow's view of activities, with timeouts and retry policies in one place. Types only from
 * `activities/`: no activity code enters the workflow bundle.
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { ContactActivities } from '../activities/index.ts';

/**
 * Recording a contact event retries a few times quickly (about 15 s in all) and then gives the failure back
 * to the workflow, which notes it on the timeline and tries again on its own, slower schedule: the event is
 * never lost, and nothing retries in silence. Data errors are not retried at all (the worker marks them
 * non-retryable). The activity is idempotent by (contact id, event sequence).
 */
const retry = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  maximumAttempts: 5,
} as const;

/** As a regular activity: how workflows recorded before the `record-locally` patch did it. */
export const { recordContactEvent } = proxyActivities<ContactActivities>({
  startToCloseTimeout: '30 seconds',
  retry,
});

/**
 * As a local activity: one short database transaction that needs no task-queue round trip through the
 * server, which cut an action's round trip from ~100 ms to ~30 ms (see the ADR on local activities).
 */
export const { recordContactEvent: recordContactEventLocally } = proxyLocalActivities<ContactActivities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry,
});

/**
 * Issuing a reminder letter renders two documents and takes a number in one transaction: a regular activity
 * (it may take a second), retried for about a minute before the workflow notes the failure on the timeline.
 * Idempotent by its source key.
 */
export const { issueReminderLetter } = proxyActivities<ContactActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '20 seconds',
    maximumAttempts: 6,
  },
});

/**
 * Reading a calendar version's years (issue 11): a local activity, because it is one indexed read (cached by
 * the worker, versions never change) and its recorded answer is what makes the workflow deterministic.
 */
export const { readCalendarVersion } = proxyLocalActivities<ContactActivities>({
  startToCloseTimeout: '10 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});
