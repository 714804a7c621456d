/**
 * @module
 * Deadline rules are data (SPEC.md C3): per contact kind and clock, a budget (`span`), how long before the due
 * date the assignee is warned, and how long after it the press-management department is told. Rules carry an
 * effective-date range so contacts opened before a rule change keep the rule they started with.
 */
import type { LocalDate, Span } from '../calendar/index.ts';
import { DIFFICULTY_REPORT_DEFAULT_RULES } from '../difficulty-report/opening.ts';
import type { ContactKind } from '../vocabulary.ts';

/**
 * What a rule times: a deadline clock, or a lifecycle period that is not the agency's duty — `auto_close`,
 * how long an answered contact stays open for a follow-up before it closes itself.
 */
export const RULE_NAMES = ['first_response', 'answer', 'record_result', 'auto_close'] as const;
export type RuleName = (typeof RULE_NAMES)[number];

/** The rules a contact runs under, by what they time (copied into the contact when it opens). */
export type ContactRules = Partial<Record<RuleName, DeadlineRule>>;

export interface DeadlineRule {
  kind: ContactKind;
  clock: RuleName;
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
  {
    // An answer nobody acknowledged or followed up closes itself after this (issue 7).
    kind: 'information_request',
    clock: 'auto_close',
    span: { unit: 'working_days', amount: 10 },
    warnBefore: { unit: 'hours', amount: 0 },
    grace: { unit: 'hours', amount: 0 },
    effectiveFrom: '2017-03-30',
  },
  {
    // The agency answers a proposed appointment: accept, counter-propose, decline or forward.
    kind: 'appointment',
    clock: 'first_response',
    span: { unit: 'working_days', amount: 2 },
    warnBefore: { unit: 'hours', amount: 4 },
    grace: { unit: 'working_days', amount: 1 },
    effectiveFrom: '2017-03-30',
  },
  {
    // The agency records what the meeting gave, counted from its start.
    kind: 'appointment',
    clock: 'record_result',
    span: { unit: 'working_days', amount: 2 },
    warnBefore: { unit: 'hours', amount: 4 },
    grace: { unit: 'working_days', amount: 2 },
    effectiveFrom: '2017-03-30',
  },
  {
    // A meeting record the journalist never acknowledges closes itself after this.
    kind: 'appointment',
    clock: 'auto_close',
    span: { unit: 'working_days', amount: 10 },
    warnBefore: { unit: 'hours', amount: 0 },
    grace: { unit: 'hours', amount: 0 },
    effectiveFrom: '2017-03-30',
  },
  {
    // A walk-in visit's record is completed (results, information provided) within this, counted from the visit.
    kind: 'walk_in',
    clock: 'record_result',
    span: { unit: 'working_days', amount: 2 },
    warnBefore: { unit: 'hours', amount: 4 },
    grace: { unit: 'working_days', amount: 2 },
    effectiveFrom: '2017-03-30',
  },
  {
    // A completed walk-in record the journalist never acknowledges closes itself after this.
    kind: 'walk_in',
    clock: 'auto_close',
    span: { unit: 'working_days', amount: 10 },
    warnBefore: { unit: 'hours', amount: 0 },
    grace: { unit: 'hours', amount: 0 },
    effectiveFrom: '2017-03-30',
  },
  // The department acknowledges, resolves; a referred agency responds (see the kind's opening.ts).
  ...DIFFICULTY_REPORT_DEFAULT_RULES,
];

/** The rule in force for `kind`/`clock` on local day `on`, preferring the latest `effectiveFrom`. */
export function ruleInForce(
  rules: readonly DeadlineRule[],
  kind: ContactKind,
  clock: RuleName,
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
  clocks: readonly RuleName[],
  on: LocalDate,
): ContactRules {
  const resolved: ContactRules = {};
  for (const clock of clocks) {
    const rule = ruleInForce(rules, kind, clock, on) ?? ruleInForce(DEFAULT_DEADLINE_RULES, kind, clock, on);
    if (rule) resolved[clock] = rule;
  }
  return resolved;
}
