import { describe, expect, it } from 'vitest';
import { isValidLocalDate, isValidSpan } from '../../../domain/calendar/index.ts';
import {
  DEFAULT_DEADLINE_RULES,
  ruleInForce,
  rulesForContact,
  type DeadlineRule,
} from '../../../domain/deadlines/rules.ts';

const HOURS = (amount: number) => ({ unit: 'hours' as const, amount });

function answerRule(amount: number, effectiveFrom: string, effectiveTo?: string): DeadlineRule {
  return {
    kind: 'information_request',
    clock: 'answer',
    span: { unit: 'working_days', amount },
    warnBefore: HOURS(8),
    grace: HOURS(24),
    effectiveFrom,
    effectiveTo,
  };
}

const r2020 = answerRule(10, '2020-01-01', '2024-12-31');
const r2025 = answerRule(7, '2025-01-01');
const r2026 = answerRule(3, '2026-07-01');
const firstResponse: DeadlineRule = { ...answerRule(2, '2020-01-01'), clock: 'first_response' };
const appointment: DeadlineRule = { ...answerRule(4, '2020-01-01'), kind: 'appointment' };
// Deliberately out of order.
const RULES = [r2026, firstResponse, r2020, appointment, r2025];

describe('DEFAULT_DEADLINE_RULES', () => {
  it('are well-formed and cover the clocks and lifecycle rules of every kind', () => {
    for (const rule of DEFAULT_DEADLINE_RULES) {
      expect(isValidSpan(rule.span)).toBe(true);
      expect(isValidSpan(rule.warnBefore)).toBe(true);
      expect(isValidSpan(rule.grace)).toBe(true);
      expect(isValidLocalDate(rule.effectiveFrom)).toBe(true);
    }
    // Issue 7 added, on purpose: `auto_close` for an answered information request nobody follows up, and the
    // appointment's rules (the agency's response, the meeting record, and its own auto close); issue 10 the
    // walk-in record (completed within two working days of the visit) and its auto close, and the difficulty
    // report's acknowledgement, resolution, referral response and auto close.
    expect(DEFAULT_DEADLINE_RULES.map((r) => [r.kind, r.clock, r.span])).toEqual([
      ['information_request', 'first_response', { unit: 'working_days', amount: 1 }],
      ['information_request', 'answer', { unit: 'working_days', amount: 5 }],
      ['information_request', 'auto_close', { unit: 'working_days', amount: 10 }],
      ['appointment', 'first_response', { unit: 'working_days', amount: 2 }],
      ['appointment', 'record_result', { unit: 'working_days', amount: 2 }],
      ['appointment', 'auto_close', { unit: 'working_days', amount: 10 }],
      ['walk_in', 'record_result', { unit: 'working_days', amount: 2 }],
      ['walk_in', 'auto_close', { unit: 'working_days', amount: 10 }],
      ['difficulty_report', 'first_response', { unit: 'working_days', amount: 2 }],
      ['difficulty_report', 'answer', { unit: 'working_days', amount: 15 }],
      ['difficulty_report', 'record_result', { unit: 'working_days', amount: 5 }],
      ['difficulty_report', 'auto_close', { unit: 'working_days', amount: 10 }],
    ]);
  });
});

describe('ruleInForce', () => {
  it.each([
    ['2019-12-31', undefined],
    ['2020-01-01', r2020],
    ['2024-12-31', r2020], // effectiveTo is inclusive
    ['2025-01-01', r2025],
    ['2026-06-30', r2025],
    ['2026-07-01', r2026], // the latest effectiveFrom wins over an open-ended older rule
    ['2030-01-01', r2026],
  ] as [string, DeadlineRule | undefined][])('answer rule on %s', (on, expected) => {
    expect(ruleInForce(RULES, 'information_request', 'answer', on)).toBe(expected);
  });

  it('filters by kind and clock', () => {
    expect(ruleInForce(RULES, 'information_request', 'first_response', '2026-01-01')).toBe(firstResponse);
    expect(ruleInForce(RULES, 'appointment', 'answer', '2026-01-01')).toBe(appointment);
    expect(ruleInForce(RULES, 'walk_in', 'answer', '2026-01-01')).toBeUndefined();
  });

  it('a rule that ended is not in force even when it is the latest', () => {
    const ended = answerRule(2, '2026-01-01', '2026-03-31');
    expect(ruleInForce([r2025, ended], 'information_request', 'answer', '2026-03-31')).toBe(ended);
    expect(ruleInForce([r2025, ended], 'information_request', 'answer', '2026-04-01')).toBe(r2025);
  });

  it('does not reorder the caller’s array', () => {
    const rules = [...RULES];
    ruleInForce(rules, 'information_request', 'answer', '2026-07-01');
    expect(rules).toEqual(RULES);
  });

  it('no rules, no rule', () => {
    expect(ruleInForce([], 'information_request', 'answer', '2026-01-01')).toBeUndefined();
  });
});

describe('rulesForContact', () => {
  it('takes the province’s rules where it has them', () => {
    expect(rulesForContact(RULES, 'information_request', ['first_response', 'answer'], '2026-03-09')).toEqual(
      {
        first_response: firstResponse,
        answer: r2025,
      },
    );
  });

  it('falls back to the defaults for a clock without a rule', () => {
    const resolved = rulesForContact(
      [r2026],
      'information_request',
      ['first_response', 'answer'],
      '2026-03-09',
    );
    expect(resolved).toEqual({
      first_response: DEFAULT_DEADLINE_RULES[0],
      answer: DEFAULT_DEADLINE_RULES[1],
    });
    expect(rulesForContact([], 'information_request', ['answer'], '2026-03-09')).toEqual({
      answer: DEFAULT_DEADLINE_RULES[1],
    });
  });

  it('only the clocks asked for', () => {
    expect(Object.keys(rulesForContact(RULES, 'information_request', ['answer'], '2026-03-09'))).toEqual([
      'answer',
    ]);
  });

  it('leaves out a clock when neither the rules nor the defaults have one', () => {
    expect(rulesForContact([], 'walk_in', ['first_response', 'answer'], '2026-03-09')).toEqual({});
    // The defaults start with Decree 09/2017 (30 March 2017).
    expect(rulesForContact([], 'information_request', ['answer'], '2017-03-29')).toEqual({});
  });
});
