import { describe, expect, it } from 'vitest';
import { act, actors, AGENCY, answerDue, endOf, HOUR, open, run, T0 } from './fixtures.ts';

describe('decline, forward and withdraw end the request and stop every clock', () => {
  it('decline records the ground and tells the journalist', () => {
    const { state, transitions, now } = run([
      { actor: 'staff', action: 'assign' },
      {
        actor: 'head',
        action: 'decline',
        input: { ground: 'secret', explanation: 'Thuộc bí mật nhà nước.' },
      },
    ]);
    expect(state.status).toBe('declined');
    expect(state.decline).toEqual({ ground: 'secret', explanation: 'Thuộc bí mật nhà nước.' });
    expect(transitions[2]?.entry).toMatchObject({
      type: 'decline',
      text: 'Thuộc bí mật nhà nước.',
      data: { ground: 'secret' },
    });
    expect(transitions[2]?.notifications).toEqual([
      { recipient: { kind: 'person', sub: 'j-1' }, type: 'declined', text: expect.any(String) as string },
    ]);
    expect(state.clocks.answer?.stoppedAt).toBe(now);
  });

  it('decline while awaiting the journalist closes the open pause', () => {
    const { state, now } = run([
      { actor: 'staff', action: 'request_clarification' },
      { actor: 'spokesperson', action: 'decline' },
    ]);
    expect(state.status).toBe('declined');
    expect(state.clocks.answer?.stoppedAt).toBe(now);
    expect(state.clocks.answer?.pauses[0]?.to).toBe(now);
  });

  it('forward records the competent agency', () => {
    const { state, transitions, now } = run([{ actor: 'otherStaff', action: 'forward' }]);
    expect(state.status).toBe('forwarded');
    // Issue 7 §4: a forward opens a contact at the competent agency, derived from the original's id, and the
    // registry's name of that agency (context.toAgency) goes into the timeline.
    expect(state.forwardedTo).toEqual({
      agencyId: 'so-tai-chinh-hn',
      contactId: 'IR-2026-0001-F',
      note: 'Thuộc thẩm quyền Sở Tài chính.',
    });
    expect(transitions[1]?.entry.data).toEqual({
      toAgencyId: 'so-tai-chinh-hn',
      toAgencyName: 'Sở Tài chính',
      contactId: 'IR-2026-0001-F',
    });
    expect(transitions[1]?.notifications[0]).toMatchObject({
      recipient: { kind: 'person', sub: 'j-1' },
      type: 'forwarded',
    });
    expect(state.clocks.first_response?.stoppedAt).toBe(now);
    expect(state.clocks.answer?.stoppedAt).toBe(now);
  });

  it('withdraw tells the agency; the reason is optional', () => {
    const { state, transitions, now } = run([
      { actor: 'staff', action: 'assign' },
      { actor: 'staff', action: 'submit_answer' },
      { actor: 'reporter', action: 'withdraw', input: undefined },
    ]);
    expect(state.status).toBe('withdrawn');
    expect(state.clocks.answer?.stoppedAt).toBe(now);
    expect(state.clocks.first_response?.stoppedAt).toBe(T0 + HOUR);
    expect(transitions[3]?.notifications).toEqual([
      {
        recipient: {
          kind: 'agency_role',
          agencyId: AGENCY,
          roles: ['agency_staff', 'spokesperson', 'agency_head'],
        },
        type: 'withdrawn',
        text: expect.any(String) as string,
      },
    ]);
    const bare = act(open().state, actors.reporter, 'withdraw', undefined, T0 + HOUR);
    expect(bare.entry.text).toBeUndefined();
  });
});

describe('extend', () => {
  it('moves the due date of the answer clock by default and says so in the timeline', () => {
    const { state, transitions, now } = run([
      { actor: 'staff', action: 'assign' },
      { actor: 'head', action: 'extend' },
    ]);
    const t = transitions[2]!;
    expect(answerDue(state)).toBe(endOf('2026-03-18'));
    expect(t.entry).toMatchObject({
      type: 'extend',
      text: 'Cần lấy ý kiến nhiều đơn vị.',
      actor: { sub: 'h-1', role: 'agency_head' },
      data: {
        dueMoved: {
          clock: 'answer',
          from: endOf('2026-03-16'),
          to: endOf('2026-03-18'),
          reason: 'extension',
        },
        span: { unit: 'working_days', amount: 2 },
      },
    });
    expect(state.clocks.answer?.extensions).toEqual([
      {
        span: { unit: 'working_days', amount: 2 },
        reason: 'Cần lấy ý kiến nhiều đơn vị.',
        at: now,
        bySub: 'h-1',
      },
    ]);
    expect(t.notifications).toEqual([
      { recipient: { kind: 'person', sub: 'j-1' }, type: 'extended', text: expect.any(String) as string },
    ]);
    expect(state.status).toBe('in_progress');
  });

  it('a supervisor may extend the first-response clock by hours', () => {
    const t = act(
      open().state,
      actors.supervisor,
      'extend',
      { clock: 'first_response', span: { unit: 'hours', amount: 12 }, reason: 'Lãnh đạo đi công tác' },
      T0 + HOUR,
    );
    expect(t.entry.data?.['dueMoved']).toEqual({
      clock: 'first_response',
      from: endOf('2026-03-10'),
      to: endOf('2026-03-10') + 12 * HOUR,
      reason: 'extension',
    });
    expect(t.state.clocks.answer?.extensions).toEqual([]);
  });
});

describe('remind', () => {
  it('logs the reminder and tells the agency head without changing anything else', () => {
    const { state, transitions } = run([{ actor: 'supervisor', action: 'remind' }]);
    const t = transitions[1]!;
    expect(t.entry).toMatchObject({
      seq: 2,
      type: 'remind',
      text: 'Đề nghị trả lời đúng hạn.',
      actor: { role: 'supervisor' },
    });
    expect(t.notifications).toEqual([
      {
        recipient: { kind: 'agency_role', agencyId: AGENCY, roles: ['agency_head'] },
        type: 'reminder',
        text: expect.any(String) as string,
      },
    ]);
    const before = transitions[0]!.state;
    expect({ ...state, timeline: before.timeline, updatedAt: before.updatedAt }).toEqual(before);
  });
});
