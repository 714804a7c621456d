/** @module Notifications: their types and urgency, the channel interface, the in-app list's item. */
export * from './channel.ts';
export * from './types.ts';
export * from './view.ts';
