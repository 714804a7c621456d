/**
 * @module
 * Temporal Schedules the product needs, created at start if missing: the daily spokesperson staleness sweep
 * at 08:00 Vietnam time.
 */
import {
  ScheduleAlreadyRunning,
  WorkflowExecutionAlreadyStartedError,
  type Client,
} from '@temporalio/client';
import { STALE_AFTER_MONTHS } from '../api/services/directory.ts';
import { NOTIFICATION_DELIVERY_WORKFLOW_ID, TASK_QUEUE } from '../workflows/messages.ts';

export const STALENESS_SCHEDULE_ID = 'spokesperson-staleness';

export async function ensureSchedules(
  client: Client,
  taskQueue = TASK_QUEUE,
  staleAfterMonths = STALE_AFTER_MONTHS,
): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: STALENESS_SCHEDULE_ID,
      spec: { calendars: [{ hour: 8, minute: 0 }], timezone: 'Asia/Ho_Chi_Minh' },
      action: {
        type: 'startWorkflow',
        workflowType: 'spokespersonStalenessWorkflow',
        taskQueue,
        args: [{ months: staleAfterMonths }],
      },
      policies: { overlap: 'SKIP', catchupWindow: '1 day' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    // It exists: keep it, but follow a changed SPOKESPERSON_STALE_MONTHS.
    await client.schedule.getHandle(STALENESS_SCHEDULE_ID).update((previous) => ({
      ...previous,
      action: { ...previous.action, args: [{ months: staleAfterMonths }] },
    }));
  }
}

/**
 * Starts the notification delivery loop (issue 11) unless it runs: one per namespace, started by every worker
 * part at start-up (the first wins; the others find it running).
 */
export async function ensureNotificationDelivery(client: Client, taskQueue = TASK_QUEUE): Promise<void> {
  try {
    await client.workflow.start('notificationDeliveryWorkflow', {
      taskQueue,
      workflowId: NOTIFICATION_DELIVERY_WORKFLOW_ID,
      args: [{}],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
