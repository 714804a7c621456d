/**
 * Deadline rules per province (issue 11): which rule a contact opens under, what an administrator may change
 * (the future, never the past), and the extension limit a rule may set.
 */
import { describe, expect, it } from 'vitest';
import { extendClock, startClock, withinExtensionLimit } from '../../../domain/deadlines/clock.ts';
import { assertRuleChange, ruleChangeIssues } from '../../../domain/deadlines/rule-changes.ts';
import {
  DEFAULT_DEADLINE_RULES,
  rulesForContact,
  rulesInForce,
  type DeadlineRule,
} from '../../../domain/deadlines/rules.ts';
import { InvalidInputError } from '../../../domain/errors.ts';

const TODAY = '2026-12-02';
const wd = (amount: number) => ({ unit: 'working_days', amount }) as const;
const rule = (over: Partial<DeadlineRule> = {}): DeadlineRule => ({
  kind: 'information_request',
  clock: 'answer',
  span: wd(5),
  warnBefore: { unit: 'hours', amount: 24 },
  grace: wd(2),
  effectiveFrom: '2026-01-01',
  ...over,
});

describe('the rule a contact opens under', () => {
  const national = rule({ span: wd(7) });
  const quangTri = rule({ provinceId: 'quang-tri', span: wd(3), effectiveFrom: '2026-06-01' });
  const hue = rule({ provinceId: 'hue', span: wd(10) });
  const rules = [national, quangTri, hue];

  it('is the province’s own rule in force that day', () => {
    expect(rulesForContact(rules, 'information_request', ['answer'], TODAY, 'quang-tri').answer).toBe(
      quangTri,
    );
    expect(rulesForContact(rules, 'information_request', ['answer'], TODAY, 'hue').answer).toBe(hue);
  });

  it('else the national default an administrator set, else the product’s default', () => {
    // Before Quảng Trị's own rule began, the national one applied there.
    expect(rulesForContact(rules, 'information_request', ['answer'], '2026-05-31', 'quang-tri').answer).toBe(
      national,
    );
    expect(rulesForContact(rules, 'information_request', ['answer'], TODAY, 'da-nang').answer).toBe(national);
    expect(rulesForContact(rules, 'information_request', ['answer'], TODAY, null).answer).toBe(national);
    const fromDefaults = rulesForContact(
      rules,
      'information_request',
      ['first_response'],
      TODAY,
      'quang-tri',
    );
    expect(fromDefaults.first_response).toBe(
      DEFAULT_DEADLINE_RULES.find((r) => r.kind === 'information_request' && r.clock === 'first_response'),
    );
  });

  it('is listed with its source for each kind and clock', () => {
    const inForce = rulesInForce(rules, TODAY, 'quang-tri');
    const of = (kind: string, clock: string) =>
      inForce.find((r) => r.rule.kind === kind && r.rule.clock === clock);
    expect(of('information_request', 'answer')).toEqual({ rule: quangTri, source: 'province' });
    expect(of('information_request', 'first_response')?.source).toBe('default');
    expect(
      rulesInForce(rules, TODAY).find(
        (r) => r.rule.clock === 'answer' && r.rule.kind === 'information_request',
      ),
    ).toEqual({ rule: national, source: 'national' });
    // One per kind and clock the product knows.
    expect(new Set(inForce.map((r) => `${r.rule.kind}/${r.rule.clock}`)).size).toBe(inForce.length);
  });
});

describe('what an administrator may change', () => {
  const old = rule();

  it('adds a rule from today on, and ends an old one from yesterday on', () => {
    const ended = { ...old, effectiveTo: '2026-12-01' };
    const next = rule({ span: wd(3), effectiveFrom: TODAY });
    expect(ruleChangeIssues([old], [ended, next], TODAY)).toBeUndefined();
    // Rules not yet in force are free to change or drop.
    const planned = rule({ effectiveFrom: '2027-01-01', span: wd(4) });
    expect(ruleChangeIssues([old, planned], [old], TODAY)).toBeUndefined();
  });

  it('refuses to edit, remove or end in the past a rule that has been in force', () => {
    const cases: DeadlineRule[][] = [[{ ...old, span: wd(3) }], [], [{ ...old, effectiveTo: '2026-11-30' }]];
    for (const after of cases)
      expect(ruleChangeIssues([old], after, TODAY)?.code, JSON.stringify(after)).toBe('rule_rewrites_past');
    const endedLongAgo = { ...old, effectiveTo: '2026-03-31' };
    expect(
      ruleChangeIssues([endedLongAgo], [{ ...endedLongAgo, effectiveTo: '2026-12-31' }], TODAY)?.code,
    ).toBe('rule_rewrites_past');
  });

  it('refuses a new rule that starts before today', () => {
    const problem = ruleChangeIssues([], [rule({ effectiveFrom: '2026-12-01' })], TODAY);
    expect(problem).toMatchObject({
      code: 'rule_rewrites_past',
      issues: [{ path: 'items.0.effectiveFrom' }],
    });
  });

  it('refuses two rules for the same clock in force on one day, and an end before the start', () => {
    const a = rule({ effectiveFrom: TODAY });
    const b = rule({ effectiveFrom: '2027-01-01' });
    expect(ruleChangeIssues([], [a, b], TODAY)?.code).toBe('overlapping_rules');
    expect(ruleChangeIssues([], [{ ...a, effectiveTo: '2026-12-31' }, b], TODAY)).toBeUndefined();
    expect(
      ruleChangeIssues([], [a, rule({ clock: 'first_response', effectiveFrom: TODAY })], TODAY),
    ).toBeUndefined();
    expect(ruleChangeIssues([], [{ ...b, effectiveTo: '2026-12-31' }], TODAY)?.code).toBe('invalid_input');
  });

  it('throws a 422 problem naming every field at fault, in both languages', () => {
    let thrown: unknown;
    try {
      assertRuleChange([old], [{ ...old, grace: wd(9) }], TODAY);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidInputError);
    const problem = thrown as InvalidInputError;
    expect(problem.code).toBe('rule_rewrites_past');
    const [issue] = problem.details['issues'] as { path: string; messageEn: string }[];
    expect(issue?.path).toBe('items.0');
    expect(issue?.messageEn).toContain('end it');
  });
});

describe('the extension limit of a rule', () => {
  const at = Date.parse('2026-12-02T02:00:00Z');
  const limited = startClock('answer', rule({ extensionLimit: wd(5) }), at);
  const extension = (amount: number) => ({ span: wd(amount), reason: 'Chờ số liệu', at, bySub: 'head' });

  it('adds up the extensions in its unit, refusing beyond it', () => {
    expect(withinExtensionLimit(limited, wd(5))).toBe(true);
    const once = extendClock(limited, extension(3));
    expect(withinExtensionLimit(once, wd(2))).toBe(true);
    expect(withinExtensionLimit(once, wd(3))).toBe(false);
    expect(withinExtensionLimit(limited, { unit: 'hours', amount: 1 })).toBe(false);
  });

  it('never refuses under a rule without one', () => {
    expect(withinExtensionLimit(startClock('answer', rule(), at), wd(30))).toBe(true);
  });
});
