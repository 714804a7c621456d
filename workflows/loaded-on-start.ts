/**
 * @module
 * A workflow function whose module is loaded when a workflow of its type starts (or replays), not with every
 * workflow the worker runs. The reusable V8 context gives each workflow its own instance of every module it
 * loads, and `workflows/index.ts` is loaded by all of them: exported directly, each contact kind's workflow
 * made every workflow instantiate every kind's domain modules and schemas (an information request ~20 modules
 * it never uses). The import is `eager` — from the bundle itself, resolved within the same activation, no
 * chunk to fetch — and emits no command, so histories replay as before.
 */

/** `name` of the module `load` resolves to, called with the workflow's arguments once it has loaded. */
export function loadedOnStart<
  Name extends string,
  Module extends Record<Name, (...args: never[]) => Promise<unknown>>,
>(name: Name, load: () => Promise<Module>): Module[Name] {
  const run = async (...args: Parameters<Module[Name]>): Promise<Awaited<ReturnType<Module[Name]>>> =>
    (await load())[name](...args) as Awaited<ReturnType<Module[Name]>>;
  // Starting a workflow by its function names its type after the function.
  Object.defineProperty(run, 'name', { value: name });
  return run as unknown as Module[Name];
}
