import { describe, expect, it } from 'vitest';
import { responsiveness } from '../../../domain/statistics/responsiveness.ts';

const counts = {
  agencyId: 'a',
  received: 6,
  clocks: {
    first_response: { stopped: 5, met: 5, median: 0, p90: 0 },
    answer: { stopped: 4, met: 3, median: 2.5, p90: 6 },
  },
  openNow: 2,
  overdueNow: 1,
  remindersReceived: 3,
};

describe('responsiveness', () => {
  it('gives a rate per clock from stopped clocks only, never mixing clocks', () => {
    expect(responsiveness(counts, 5)).toEqual({
      agencyId: 'a',
      received: 6,
      onTimeRate: { first_response: 1, answer: 0.75, record_result: null },
      medianWorkingDays: { first_response: 0, answer: 2.5, record_result: null },
      p90WorkingDays: { first_response: 0, answer: 6, record_result: null },
      openNow: 2,
      overdueNow: 1,
      remindersReceived: 3,
      suppressed: false,
    });
  });

  it('suppresses every rate below the minimum, keeping the counts', () => {
    const r = responsiveness(counts, 7);
    expect(r.suppressed).toBe(true);
    expect(r.onTimeRate).toEqual({ first_response: null, answer: null, record_result: null });
    expect(r.medianWorkingDays.answer).toBeNull();
    expect(r).toMatchObject({ received: 6, openNow: 2, overdueNow: 1, remindersReceived: 3 });
  });

  it('has no rate for a clock none of whose contacts has stopped yet', () => {
    const r = responsiveness({
      ...counts,
      clocks: { answer: { stopped: 0, met: 0, median: null, p90: null } },
    });
    expect(r.onTimeRate.answer).toBeNull();
  });
});
