/** @module Workflow functions only: this file is the worker's `workflowsPath`. */
export { informationRequestWorkflow } from './information-request.workflow.ts';
export { webhookDeliveryWorkflow } from './webhook-delivery.workflow.ts';
