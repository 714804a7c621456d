/** Deadline rules of seconds and minutes, so tests see warnings, overdue and escalation happen. */
export const durationRule = (
  kind: 'information_request' | 'appointment',
  clock: string,
  span: string,
  warn = 'PT1S',
  grace = 'PT2S',
) => ({
  kind,
  clock,
  span: { unit: 'duration', iso: span },
  warnBefore: { unit: 'duration', iso: warn },
  grace: { unit: 'duration', iso: grace },
  effectiveFrom: '2020-01-01',
});
