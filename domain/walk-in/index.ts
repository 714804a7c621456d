/** @module The walk-in visit record kind: state, view and the kind definition. */
export * from './state.ts';
export type { WalkInView } from './view.ts';
export { walkInKind, WALK_IN_OPEN, WALK_IN_TERMINAL } from './kind.ts';
