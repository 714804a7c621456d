/** @module Workflow functions only: this file is the worker's `workflowsPath`. */
export { informationRequestWorkflow } from './information-request.workflow.ts';
export { appointmentWorkflow } from './appointment.workflow.ts';
export { walkInWorkflow } from './walk-in.workflow.ts';
export { difficultyReportWorkflow } from './difficulty-report.workflow.ts';
export { webhookDeliveryWorkflow } from './webhook-delivery.workflow.ts';
export { spokespersonStalenessWorkflow } from './spokesperson-staleness.workflow.ts';
export { bulkReminderWorkflow, provinceReportWorkflow } from './supervision-jobs.workflow.ts';
export { calendarChangeWorkflow } from './calendar-change.workflow.ts';
export { notificationDeliveryWorkflow } from './notification-delivery.workflow.ts';
