/**
 * @module
 * Settings of the workflow sandbox itself, loaded once per worker thread before any workflow: the bundle
 * lists this module in `preloadModules` (worker/worker.ts), so it runs in the shared V8 context before the SDK
 * freezes its globals, and no workflow can change what it sets.
 *
 * **Stack frames.** The SDK keeps a stack trace of every promise a workflow creates (for the `__stack_trace`
 * query), mapping each frame through the bundle's source map. Under load that was the largest single cost of
 * the workflow thread (temporalio/sdk-typescript#1587 has no switch for it). V8 captures only
 * `Error.stackTraceLimit` frames, so the bundle sets it from `WORKFLOW_STACK_FRAMES` when it is built: by
 * default one frame — an error thrown in workflow code still says where — and more when an operator wants
 * a stuck workflow's full stack trace (docs/operations.md).
 */

// Replaced by the bundler (worker/worker.ts `workflowStackFrames`); absent in a bundle built without it.
declare const __WORKFLOW_STACK_FRAMES__: number | undefined;

Error.stackTraceLimit =
  typeof __WORKFLOW_STACK_FRAMES__ === 'number' ? __WORKFLOW_STACK_FRAMES__ : Error.stackTraceLimit;

export {};
