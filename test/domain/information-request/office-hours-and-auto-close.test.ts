/**
 * Two defects of issue 7 §1:
 * - warnings fired at night (19:59, Sunday 23:59) because lead times were counted in raw milliseconds; warnings
 *   and escalations now go out in office hours of working days (07:30–17:00, Vietnam time);
 * - an answered request that the reporter never acknowledges kept its workflow open forever; it now closes
 *   itself after the `auto_close` rule (10 working days by default), and the timeline says so.
 */
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  isWithinWorkingHours,
  nextWorkingMoment,
  toLocalDate,
} from '../../../domain/calendar/index.ts';
import {
  CURRENT_TIMER_PLAN,
  LEGACY_TIMER_PLAN,
  nextEventOfClock,
  nextTimer as kindNextTimer,
} from '../../../domain/contact/timers.ts';
import { spanAsLeadTime } from '../../../domain/deadlines/clock.ts';
import { DEFAULT_DEADLINE_RULES, RULE_NAMES, rulesForContact } from '../../../domain/deadlines/rules.ts';
import {
  fireNextTimer,
  informationRequestKind,
  nextTimer,
  toView,
  type InformationRequestState,
  type Transition,
} from '../../../domain/information-request/index.ts';
import { act, actors, endOf, HOUR, open, PATH_TO, run, SAMPLE_INPUT, T0, vn } from './fixtures.ts';

/** The rules the API opens a request with: both clocks and `auto_close` (api/routes/contacts.ts). */
const productionRules = (at: number) =>
  rulesForContact(DEFAULT_DEADLINE_RULES, 'information_request', RULE_NAMES, toLocalDate(at));

const LATER = endOf('2026-12-31');

function fireAll(state: InformationRequestState, now: number): Transition[] {
  const fired: Transition[] = [];
  for (let t = fireNextTimer(state, now); t; t = fireNextTimer(t.state, now)) fired.push(t);
  return fired;
}

/** Opening instants every `stepMinutes` from `from` (inclusive) to `to` (exclusive), night and day alike. */
function openings(from: string, to: string, stepMinutes: number): number[] {
  const out: number[] = [];
  for (let at = vn(from); at < vn(to); at += stepMinutes * 60_000) out.push(at);
  return out;
}

describe('warnings go out in office hours (issue 7: “warnings fire at night”)', () => {
  it('the examples of the issue: Tue 19:59 becomes Tue 17:00, Sunday 23:59 becomes Friday 17:00', () => {
    const fresh = open({ rules: productionRules(T0) }).state;
    const cal = fresh.calendar;
    const fr = fresh.clocks.first_response!;
    const answer = fresh.clocks.answer!;
    // LEGACY keeps the raw arithmetic (workflows opened before office hours replay with it).
    expect(nextEventOfClock(fr, fresh, LEGACY_TIMER_PLAN)).toEqual({
      clock: 'first_response',
      kind: 'warning',
      at: endOf('2026-03-10') - 4 * HOUR,
    });
    expect(isWithinWorkingHours(cal, endOf('2026-03-10') - 4 * HOUR)).toBe(false);
    expect(nextEventOfClock(answer, fresh, LEGACY_TIMER_PLAN)?.at).toBe(endOf('2026-03-16') - 24 * HOUR);
    expect(toLocalDate(endOf('2026-03-16') - 24 * HOUR)).toBe('2026-03-15'); // a Sunday, 23:59:59.999
    // CURRENT: the last office moment at or before due − lead time.
    expect(nextEventOfClock(fr, fresh, CURRENT_TIMER_PLAN)).toEqual({
      clock: 'first_response',
      kind: 'warning',
      at: vn('2026-03-10T17:00'),
    });
    expect(nextEventOfClock(answer, fresh, CURRENT_TIMER_PLAN)?.at).toBe(vn('2026-03-13T17:00'));
    // The IR wrapper uses the current plan; the toolkit's with LEGACY gives the old instant.
    expect(nextTimer(fresh)?.at).toBe(vn('2026-03-10T17:00'));
    expect(kindNextTimer(informationRequestKind, fresh, LEGACY_TIMER_PLAN)).toEqual({
      source: 'clock',
      at: endOf('2026-03-10') - 4 * HOUR,
      event: { clock: 'first_response', kind: 'warning', at: endOf('2026-03-10') - 4 * HOUR },
    });
  });

  it('overdue stays at the due instant; escalation waits for the next office moment', () => {
    const fresh = open({ rules: productionRules(T0) }).state;
    const overdue = { ...fresh.clocks.first_response!, warned: true };
    expect(nextEventOfClock(overdue, fresh, CURRENT_TIMER_PLAN)?.at).toBe(endOf('2026-03-10'));
    const escalating = { ...overdue, escalationLevel: 1 as const };
    // Grace of one working day: end of Wed 11 → Thu 12 07:30 (LEGACY: Wed 23:59:59.999).
    expect(nextEventOfClock(escalating, fresh, CURRENT_TIMER_PLAN)?.at).toBe(vn('2026-03-12T07:30'));
    expect(nextEventOfClock(escalating, fresh, LEGACY_TIMER_PLAN)?.at).toBe(endOf('2026-03-11'));
  });

  it('never before the clock started: then the next office moment; never after the due instant', () => {
    // One working day with a 40-hour lead: due − lead is before the opening (Mon 18:00), so the warning goes
    // at the next office moment after the opening, Tue 07:30.
    const longLead = {
      first_response: {
        ...productionRules(T0).first_response!,
        warnBefore: { unit: 'hours' as const, amount: 40 },
      },
    };
    const evening = open({ at: vn('2026-03-09T18:00'), rules: longLead }).state;
    expect(nextTimer(evening)?.at).toBe(vn('2026-03-10T07:30'));
    // Two hours from Mon 18:00, warned 4 h before: the next office moment (Tue 07:30) is after the due instant
    // (Mon 20:00), so the warning goes at the due instant itself.
    const short = {
      answer: {
        ...productionRules(T0).answer!,
        span: { unit: 'hours' as const, amount: 2 },
        warnBefore: { unit: 'hours' as const, amount: 4 },
      },
    };
    const late = open({ at: vn('2026-03-09T18:00'), rules: short }).state;
    expect(nextTimer(late)?.at).toBe(vn('2026-03-09T20:00'));
  });

  // Property: whenever a request is opened (every 47 minutes for three weeks around the Hùng Kings and
  // 30 Apr – 1 May holidays, and every 97 minutes around Tết), none of its warnings or escalations is outside
  // office hours, a warning is the last office moment at or before due − lead time and within the clock's life,
  // and overdue stays at the due instant.
  it('with the default rules no warning or escalation is ever outside office hours', () => {
    const times = [
      ...openings('2026-04-20T00:00', '2026-05-11T00:00', 47),
      ...openings('2026-02-09T00:00', '2026-02-27T00:00', 97),
    ];
    let legacyAtNight = 0;
    let events = 0;
    for (const at of times) {
      const fresh = open({ at, rules: productionRules(at) }).state;
      const cal = fresh.calendar;
      for (const clock of Object.values(fresh.clocks)) {
        const legacy = nextEventOfClock(clock, fresh, LEGACY_TIMER_PLAN)!;
        if (!isWithinWorkingHours(cal, legacy.at)) legacyAtNight++;
      }
      for (const t of fireAll(fresh, LATER)) {
        events++;
        const data = t.entry.data as {
          clock: 'first_response' | 'answer';
          dueAt: number;
          scheduledFor: number;
        };
        const clock = fresh.clocks[data.clock]!;
        const when = data.scheduledFor;
        const label = `${t.entry.type} of ${data.clock} for a request opened ${new Date(at).toISOString()}`;
        if (t.entry.type === 'overdue') {
          expect(when, label).toBe(data.dueAt);
          continue;
        }
        expect(isWithinWorkingHours(cal, when), label).toBe(true);
        if (t.entry.type === 'warning') {
          const target = data.dueAt - spanAsLeadTime(clock.rule.warnBefore);
          expect(when, label).toBeGreaterThanOrEqual(at);
          expect(when, label).toBeLessThanOrEqual(target);
          // The last office moment at or before the target: no office moment lies between them.
          expect(when === target || nextWorkingMoment(cal, when + 1) > target, label).toBe(true);
        } else {
          expect(t.entry.type, label).toBe('escalated');
          expect(when, label).toBeGreaterThan(data.dueAt);
        }
      }
    }
    expect(events).toBe(times.length * 6);
    // The old arithmetic put most of these warnings at night or on a day off: the defect was real.
    expect(legacyAtNight).toBeGreaterThan(times.length);
  });
});

describe('an answered request closes itself after the auto_close rule', () => {
  // Answered Mon 9 Mar 12:00; ten working days later is Mon 23 Mar; the request closes at the end of that day.
  const answered = () => run(PATH_TO.answered, open({ rules: productionRules(T0) }));
  const ANSWERED_AT = T0 + 3 * HOUR;
  const AUTO_CLOSE = endOf('2026-03-23');

  it('the rule is copied into the request when it opens', () => {
    expect(open({ rules: productionRules(T0) }).state.rules).toEqual({
      auto_close: expect.objectContaining({ span: { unit: 'working_days', amount: 10 } }) as unknown,
    });
    expect(addWorkingDays(open().state.calendar, '2026-03-09', 10)).toBe('2026-03-23');
  });

  it('waits ten working days, then closes, says so in the timeline and tells the journalist', () => {
    const { state } = answered();
    expect(state.status).toBe('answered');
    expect(state.timeline.at(-1)).toMatchObject({ type: 'approve_answer', at: ANSWERED_AT });
    expect(nextTimer(state)).toEqual({
      source: 'kind',
      at: AUTO_CLOSE,
      timer: 0,
      name: `auto_close:${ANSWERED_AT}`,
    });
    expect(fireNextTimer(state, AUTO_CLOSE - 1)).toBeUndefined();
    const closed = fireNextTimer(state, AUTO_CLOSE)!;
    expect(closed.state.status).toBe('closed');
    expect(closed.entry).toEqual({
      seq: state.timeline.length + 1,
      at: AUTO_CLOSE,
      type: 'auto_closed',
      data: { afterRule: { unit: 'working_days', amount: 10 } },
    });
    expect(closed.notifications).toEqual([
      { recipient: { kind: 'person', sub: 'j-1' }, type: 'auto_closed', text: expect.any(String) as string },
    ]);
    expect(closed.state.firedTimers).toEqual([`auto_close:${ANSWERED_AT}`]);
    // Closed is terminal: nothing left to wait for, nothing to do; the reporter sees why it closed.
    expect(nextTimer(closed.state)).toBeUndefined();
    expect(fireNextTimer(closed.state, LATER)).toBeUndefined();
    const view = toView(closed.state, actors.reporter, AUTO_CLOSE);
    expect(view.allowedActions).toEqual([]);
    expect(view.timeline.at(-1)?.type).toBe('auto_closed');
  });

  it('the legacy plan has no lifecycle timers: a replayed old workflow is not closed', () => {
    const { state } = answered();
    expect(kindNextTimer(informationRequestKind, state, LEGACY_TIMER_PLAN)).toBeUndefined();
  });

  it('a follow-up before then prevents it; the next answer starts a new period', () => {
    const { state } = answered();
    const followUp = act(state, actors.reporter, 'follow_up', SAMPLE_INPUT.follow_up, vn('2026-03-19T10:00'));
    const fired = fireAll(followUp.state, AUTO_CLOSE);
    expect(fired.map((t) => t.entry.type)).not.toContain('auto_closed');
    expect(fired.at(-1)?.state.status ?? followUp.state.status).toBe('in_progress');
    // Answer again on Fri 20 Mar: ten working days later is Fri 3 Apr.
    const drafted = act(
      followUp.state,
      actors.staff,
      'submit_answer',
      SAMPLE_INPUT.submit_answer,
      vn('2026-03-20T09:00'),
    );
    const again = act(drafted.state, actors.head, 'approve_answer', {}, vn('2026-03-20T10:00'));
    expect(nextTimer(again.state)).toEqual({
      source: 'kind',
      at: endOf('2026-04-03'),
      timer: 0,
      name: `auto_close:${vn('2026-03-20T10:00')}`,
    });
    expect(fireNextTimer(again.state, AUTO_CLOSE)).toBeUndefined();
    expect(fireNextTimer(again.state, endOf('2026-04-03'))?.state.status).toBe('closed');
  });

  it('an acknowledged request never fires it', () => {
    const { state } = answered();
    const acknowledged = act(state, actors.reporter, 'acknowledge', {}, ANSWERED_AT + HOUR).state;
    expect(acknowledged.status).toBe('closed');
    expect(nextTimer(acknowledged)).toBeUndefined();
    expect(fireNextTimer(acknowledged, LATER)).toBeUndefined();
    expect(acknowledged.timeline.map((e) => e.type)).not.toContain('auto_closed');
  });

  it('without an auto_close rule (a request opened before the rule existed) it stays answered', () => {
    const { state } = run(PATH_TO.answered);
    expect(state.rules).toBeUndefined();
    expect(nextTimer(state)).toBeUndefined();
    expect(fireNextTimer(state, LATER)).toBeUndefined();
  });
});
