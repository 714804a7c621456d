/**
 * @module
 * Deadline rules are data (SPEC.md C3): per contact kind and clock, a budget (`span`), how long before the due
 * date the assignee is warned, and how long after it the press-management department is told. Rules carry an
 * effective-date range so contacts opened before a rule change keep the rule they started with.
 */
import type { LocalDate, Span } from '../calendar/index.ts';
import { DIFFICULTY_REPORT_DEFAULT_RULES } from '../difficulty-report/opening.ts';
import type { ContactKind, RULE_NAMES } from '../vocabulary.ts';

export { RULE_NAMES } from '../vocabulary.ts';
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
  /** The province whose administrator set it; absent for the national default. */
  provinceId?: string | undefined;
  /**
   * The most a clock under this rule may be extended in all, in the rule's unit (`extend` refuses more);
   * absent: only the product's general limit applies.
   */
  extensionLimit?: Span | undefined;
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

/**
 * Every clock of `kind` with the rule in force on `on` for a contact of `provinceId`: the province's own rule
 * first, then the national default an administrator set, then the product's default.
 */
export function rulesForContact(
  rules: readonly DeadlineRule[],
  kind: ContactKind,
  clocks: readonly RuleName[],
  on: LocalDate,
  provinceId?: string | null,
): ContactRules {
  const ofProvince = provinceId ? rules.filter((r) => r.provinceId === provinceId) : [];
  const national = rules.filter((r) => r.provinceId === undefined);
  const resolved: ContactRules = {};
  for (const clock of clocks) {
    const rule =
      ruleInForce(ofProvince, kind, clock, on) ??
      ruleInForce(national, kind, clock, on) ??
      ruleInForce(DEFAULT_DEADLINE_RULES, kind, clock, on);
    if (rule) resolved[clock] = rule;
  }
  return resolved;
}

/** Where the rule in force comes from. */
export type RuleSource = 'province' | 'national' | 'default';

/** The rule in force for each kind and clock on `on` in `provinceId` (or nationally), with its source. */
export function rulesInForce(
  rules: readonly DeadlineRule[],
  on: LocalDate,
  provinceId?: string | null,
): { rule: DeadlineRule; source: RuleSource }[] {
  const pairs = new Map<string, { kind: ContactKind; clock: RuleName }>();
  for (const r of [...DEFAULT_DEADLINE_RULES, ...rules]) pairs.set(`${r.kind}/${r.clock}`, r);
  const out: { rule: DeadlineRule; source: RuleSource }[] = [];
  for (const { kind, clock } of pairs.values()) {
    const own = provinceId
      ? ruleInForce(
          rules.filter((r) => r.provinceId === provinceId),
          kind,
          clock,
          on,
        )
      : undefined;
    const national = ruleInForce(
      rules.filter((r) => r.provinceId === undefined),
      kind,
      clock,
      on,
    );
    const fallback = ruleInForce(DEFAULT_DEADLINE_RULES, kind, clock, on);
    if (own) out.push({ rule: own, source: 'province' });
    else if (national) out.push({ rule: national, source: 'national' });
    else if (fallback) out.push({ rule: fallback, source: 'default' });
  }
  return out;
}
