/** @module Workflow functions only: this file is the worker's `workflowsPath`. */
import { loadedOnStart } from './loaded-on-start.ts';

// Each contact kind's module only for workflows of that kind (see loaded-on-start.ts).
export const informationRequestWorkflow = loadedOnStart(
  'informationRequestWorkflow',
  () => import(/* webpackMode: "eager" */ './information-request.workflow.ts'),
);
export const appointmentWorkflow = loadedOnStart(
  'appointmentWorkflow',
  () => import(/* webpackMode: "eager" */ './appointment.workflow.ts'),
);
export const walkInWorkflow = loadedOnStart(
  'walkInWorkflow',
  () => import(/* webpackMode: "eager" */ './walk-in.workflow.ts'),
);
export const difficultyReportWorkflow = loadedOnStart(
  'difficultyReportWorkflow',
  () => import(/* webpackMode: "eager" */ './difficulty-report.workflow.ts'),
);
// Small, with no domain of their own to speak of: loaded with the others.
export { webhookDeliveryWorkflow } from './webhook-delivery.workflow.ts';
export { spokespersonStalenessWorkflow } from './spokesperson-staleness.workflow.ts';
export { bulkReminderWorkflow, provinceReportWorkflow } from './supervision-jobs.workflow.ts';
export { calendarChangeWorkflow } from './calendar-change.workflow.ts';
export { notificationDeliveryWorkflow } from './notification-delivery.workflow.ts';
