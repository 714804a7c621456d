/**
 * @module
 * Deadline rules are data (SPEC.md C3): per contact kind and clock, a budget (`span`), how long before the due
 * date the assignee is warned, and how long after it the press-management department is told. Rules carry an
 * effective-date range so contacts opened before a rule change keep the rule they started with.
 */
import type { LocalDate, Span } from '../calendar/index.ts';
import type { ClockName, ContactKind } from '../vocabulary.ts';

export interface DeadlineRule {
  kind: ContactKind;
  clock: ClockName;
  /** The budget: how long the agency has. */
  span: Span;
  /** Warn the assignee this long before the due instant. */
  warnBefore: Span;
  /** After the due date, wait this long before escalating to the press-management department (level 2). */
  grace: Span;
  /** First local day the rule applies to (inclusive). */
  effectiveFrom: LocalDate;
  /** Last local day the rule applies to (inclusive); open-ended when absent. */
  effectiveTo?: LocalDate | undefined;
}

/**
 * Suggested defaults. No statute fixes an agency's deadline for a resident reporter's information request
 * (DOMAIN.md §8), so these are the product's defaults that each province's administrator may change.
 */
export const DEFAULT_DEADLINE_RULES: readonly DeadlineRule[] = [
  {
    kind: 'information_request',
    clock: 'first_response',
    span: { unit: 'working_days', amount: 1 },
    warnBefore: { unit: 'hours', amount: 4 },
    grace: { unit: 'working_days', amount: 1 },
    effectiveFrom: '2017-03-30',
  },
  {
    kind: 'information_request',
    clock: 'answer',
    span: { unit: 'working_days', amount: 5 },
    warnBefore: { unit: 'hours', amount: 24 },
    grace: { unit: 'working_days', amount: 2 },
    effectiveFrom: '2017-03-30',
  },
];

/** The rule in force for `kind`/`clock` on local day `on`, preferring the latest `effectiveFrom`. */
export function ruleInForce(
  rules: readonly DeadlineRule[],
  kind: ContactKind,
  clock: ClockName,
  on: LocalDate,
): DeadlineRule | undefined {
  return rules
    .filter(
      (r) =>
        r.kind === kind &&
        r.clock === clock &&
        r.effectiveFrom <= on &&
        (!r.effectiveTo || on <= r.effectiveTo),
    )
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
}

/** Every clock of `kind` with the rule in force on `on`; falls back to the defaults for a clock with no rule. */
export function rulesForContact(
  rules: readonly DeadlineRule[],
  kind: ContactKind,
  clocks: readonly ClockName[],
  on: LocalDate,
): Partial<Record<ClockName, DeadlineRule>> {
  const resolved: Partial<Record<ClockName, DeadlineRule>> = {};
  for (const clock of clocks) {
    const rule = ruleInForce(rules, kind, clock, on) ?? ruleInForce(DEFAULT_DEADLINE_RULES, kind, clock, on);
    if (rule) resolved[clock] = rule;
  }
  return resolved;
}
