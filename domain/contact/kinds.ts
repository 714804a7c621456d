/**
 * @module
 * Every contact kind, registered in one place: the workflow runner, the API's routes and the projection look
 * kinds up here. A new kind is a folder in `domain/` and one line below.
 */
import { appointmentKind } from '../appointment/kind.ts';
import { difficultyReportKind } from '../difficulty-report/kind.ts';
import { informationRequestKind } from '../information-request/kind.ts';
import { walkInKind } from '../walk-in/kind.ts';
import type { ContactKind } from '../vocabulary.ts';
import type { AnyKind } from './machine.ts';

export const CONTACT_KIND_DEFINITIONS = {
  information_request: informationRequestKind,
  appointment: appointmentKind,
  walk_in: walkInKind,
  difficulty_report: difficultyReportKind,
} as const satisfies Partial<Record<ContactKind, AnyKind>>;

export type ImplementedKind = keyof typeof CONTACT_KIND_DEFINITIONS;

export const IMPLEMENTED_KINDS = Object.keys(CONTACT_KIND_DEFINITIONS) as ImplementedKind[];

export function isImplementedKind(kind: string): kind is ImplementedKind {
  return Object.hasOwn(CONTACT_KIND_DEFINITIONS, kind);
}

/** The definition of a kind; throws for a kind not built yet (the projection never holds one). */
export function kindOf(kind: string): AnyKind {
  if (!isImplementedKind(kind)) throw new Error(`Contact kind '${kind}' has no definition in kinds.ts.`);
  return CONTACT_KIND_DEFINITIONS[kind];
}

/** Every action name of every kind, once, in a stable order. */
export const ALL_CONTACT_ACTIONS: string[] = [
  ...new Set(IMPLEMENTED_KINDS.flatMap((k) => Object.keys(CONTACT_KIND_DEFINITIONS[k].actions))),
];

/** Terminal statuses of any kind (a status is terminal in every kind that has it). */
export const ALL_TERMINAL_STATUSES: string[] = [
  ...new Set(IMPLEMENTED_KINDS.flatMap((k) => [...CONTACT_KIND_DEFINITIONS[k].terminal])),
];
