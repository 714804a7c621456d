/**
 * @module
 * The workflow's view of activities, with timeouts and retry policies in one place. Types only from
 * `activities/`: no activity code enters the workflow bundle.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { ContactActivities } from '../activities/index.ts';

/**
 * Recording a contact event must eventually succeed (the projection is how people find the contact), so it
 * retries without limit with a capped backoff; it is idempotent by (contact id, event sequence).
 */
export const { recordContactEvent } = proxyActivities<ContactActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
