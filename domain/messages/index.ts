/** @module A contact's message thread: who reads and writes it, whom a message notifies, how it is shown. */
export * from './notifications.ts';
export * from './rules.ts';
export * from './view.ts';
