/** @module Workflow functions only: this file is the worker's `workflowsPath`. */
export { informationRequestWorkflow } from './information-request.workflow.ts';
