/**
 * @module
 * The state machine every kind runs on: validate an action (what the Update validator runs — it throws before
 * anything enters history), perform it, list the actions a person may take now, and tell whether a contact
 * has ended. Pure: the workflow calls it inside Update handlers, tests call it directly.
 */
import { AGENCY_ROLES, type Actor } from '../actor.ts';
import { ActionNotAllowedError, ForbiddenError, InvalidInputError } from '../errors.ts';
import type { Role } from '../vocabulary.ts';
import type { ActionContext, ActionDefinition, ContactKindDefinition } from './define.ts';
import type { AnyContactState, TimelineEntry, Transition } from './state.ts';
import { maySeeContact, visibleOf } from './visibility.ts';

// Kinds are stored in tables typed for their own state; code written for all kinds reads them as this.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKind = ContactKindDefinition<any, any>;

export function isTerminal(kind: AnyKind, state: Pick<AnyContactState, 'status'>): boolean {
  return kind.terminal.includes(state.status);
}

/** Whether `actor` may see this contact at all (its journalist, its agency, the province's supervisors). */
export function mayView(state: Parameters<typeof visibleOf>[0], actor: Actor): boolean {
  return maySeeContact(actor, visibleOf(state));
}

function definitionOf(kind: AnyKind, action: string): ActionDefinition<AnyContactState, unknown> | undefined {
  return Object.hasOwn(kind.actions, action)
    ? (kind.actions[action] as ActionDefinition<AnyContactState, unknown>)
    : undefined;
}

/** The kind's actions, in their definition order. */
export function actionsOf(kind: AnyKind): string[] {
  return Object.keys(kind.actions);
}

export function hasAction(kind: AnyKind, action: string): boolean {
  return definitionOf(kind, action) !== undefined;
}

/** Whether `actor` may take `action` now (status, role, state condition). */
export function mayPerform(
  kind: AnyKind,
  state: AnyContactState,
  actor: Actor,
  action: string,
  now: number,
): boolean {
  const rule = definitionOf(kind, action);
  return (
    rule !== undefined &&
    rule.from.includes(state.status) &&
    rule.who(state, actor) &&
    (rule.when?.(state, now) ?? true)
  );
}

/** The actions `actor` may take now, in the kind's order. */
export function allowedActions(kind: AnyKind, state: AnyContactState, actor: Actor, now: number): string[] {
  return actionsOf(kind).filter((action) => mayPerform(kind, state, actor, action, now));
}

/** Turns a schema failure into the domain's 422 with one issue per field. */
export function invalidInput(
  action: string,
  issues: readonly { path: PropertyKey[]; message: string }[],
): InvalidInputError {
  return InvalidInputError.because(
    `Invalid input for '${action}'.`,
    issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}

/** Parses an action's input with its schema (what the API does before sending the Update). */
export function parseActionInput(kind: AnyKind, action: string, raw: unknown): unknown {
  const rule = definitionOf(kind, action);
  if (!rule) throw InvalidInputError.because(`${kind.label.en} has no action '${action}'.`);
  const parsed = rule.input.safeParse(raw ?? {});
  if (!parsed.success) throw invalidInput(action, parsed.error.issues);
  return parsed.data;
}

/**
 * Checks that `actor` may take `action` with `raw` input and `context` now, and returns the parsed input.
 * @throws ForbiddenError when the actor may not see the contact, ActionNotAllowedError when the status or
 * role does not allow the action, InvalidInputError when the input or the registry facts are wrong.
 */
export function validateAction(
  kind: AnyKind,
  state: AnyContactState,
  actor: Actor,
  action: string,
  raw: unknown,
  context: ActionContext,
  now: number,
): unknown {
  if (!mayView(state, actor)) throw ForbiddenError.because('forbidden', 'You may not act on this contact.');
  const rule = definitionOf(kind, action);
  if (!rule || !mayPerform(kind, state, actor, action, now)) {
    throw ActionNotAllowedError.forStatus(action, state.status, allowedActions(kind, state, actor, now));
  }
  const input = parseActionInput(kind, action, raw);
  for (const need of rule.needs ?? []) {
    if (context[need] === undefined)
      throw InvalidInputError.because(`'${action}' needs '${need}' from the registry.`, [
        { path: need, message: 'missing registry fact' },
      ]);
  }
  rule.guard?.(state, input, context, now);
  return input;
}

/**
 * The role in which `actor` takes `action` (a person may hold several): the journalist's own actions as a
 * journalist, supervision as a supervisor when not of the agency, otherwise their highest agency role.
 */
function actingRole(state: AnyContactState, actor: Actor, rule: ActionDefinition<AnyContactState, unknown>) {
  if (
    rule.actsAs === 'journalist' &&
    actor.sub === state.journalist.sub &&
    actor.roles.includes('journalist')
  ) {
    return 'journalist';
  }
  const agencyRole = (
    ['agency_head', 'spokesperson', 'agency_staff'] as const satisfies readonly Role[]
  ).find((r) => actor.agencyId === state.agencyId && actor.roles.includes(r) && AGENCY_ROLES.includes(r));
  return agencyRole ?? (actor.roles.includes('supervisor') ? 'supervisor' : actor.roles[0]);
}

/** Applies a validated action. Call `validateAction` first: this function trusts its input. */
export function performAction<St extends AnyContactState>(
  kind: AnyKind,
  state: St,
  actor: Actor,
  action: string,
  input: unknown,
  context: ActionContext,
  now: number,
): Transition<St> {
  const rule = definitionOf(kind, action);
  if (!rule) throw InvalidInputError.because(`${kind.label.en} has no action '${action}'.`);
  const draft = rule.apply(state, actor, input, context, now);
  const { type, ...entryFields } = draft.entry;
  const entry: TimelineEntry = {
    seq: state.timeline.length + 1,
    at: now,
    type: type ?? action,
    actor: { sub: actor.sub, name: actor.name, role: actingRole(state, actor, rule) },
    ...entryFields,
    ...(rule.audience ? { audience: rule.audience } : {}),
  };
  return {
    state: { ...(draft.state as St), timeline: [...state.timeline, entry], updatedAt: now },
    entry,
    notifications: draft.notifications,
  };
}
