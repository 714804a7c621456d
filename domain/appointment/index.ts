/** @module The work-appointment kind: state, slots and the kind definition. */
export * from './state.ts';
export * from './slots.ts';
export { appointmentKind, APPOINTMENT_OPEN, APPOINTMENT_TERMINAL } from './kind.ts';
