/** @module Notifications: their types and urgency, the channel interface, the in-app list's item. */
export * from './channel.ts';
export * from './types.ts';
export * from './view.ts';
export * from './labels.ts';
export * from './preferences.ts';
export * from './quiet-hours.ts';
export * from './email.ts';
export * from './webhook-payload.ts';
