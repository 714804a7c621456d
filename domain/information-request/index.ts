/** @module The information-request domain: state, actions, permissions, timers and views. */
export * from './incidents.ts';
export * from './machine.ts';
export * from './notifications.ts';
export * from './payloads.ts';
export * from './permissions.ts';
export * from './state.ts';
export * from './timers.ts';
export * from './view.ts';
