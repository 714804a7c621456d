/**
 * @module
 * The views of every kind as one union on `kind`: what the API answers and the widgets render.
 */
import type { Actor } from '../actor.ts';
import type { AppointmentView } from '../appointment/view.ts';
import type { AnyKind } from './machine.ts';
import type { AnyContactState } from './state.ts';
import { toContactView } from './view.ts';
import type { InformationRequestView } from '../information-request/index.ts';
import type { WalkInView } from '../walk-in/view.ts';
import type { DifficultyReportView } from '../difficulty-report/view.ts';

export type { AppointmentView, DifficultyReportView, InformationRequestView, WalkInView };
export type ContactView = InformationRequestView | AppointmentView | WalkInView | DifficultyReportView;

/** The contact as `actor` sees it now (the kind's own fields included). */
export function contactView(kind: AnyKind, state: AnyContactState, actor: Actor, now: number): ContactView {
  return toContactView(kind, state, actor, now) as unknown as ContactView;
}
