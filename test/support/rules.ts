import { toLocalDate } from '../../domain/calendar/index.ts';

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
  // From today (Vietnam's date): a province's new rule may not start in the past.
  effectiveFrom: toLocalDate(Date.now()),
});

/** Where the tests' province administrator (`admin-quang-tri`) sets the rules of the demo province. */
export const PROVINCE_RULES = '/deadline-rules?provinceId=quang-tri';
