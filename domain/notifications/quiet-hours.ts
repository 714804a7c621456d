/**
 * @module
 * Quiet hours (issue 11): a notification sent outside office hours (07:30–17:00, Vietnam time, on working
 * days of the working-day calendar, holidays and swapped Saturdays included) waits for the next working
 * morning on channels that reach people outside the app (e-mail, SMS or Zalo through a webhook), unless its
 * type is urgent (`isUrgent`: an escalation to the department, a new difficulty report), which goes at once.
 * In-app notifications are never held: they wait in the list anyway.
 */
import { nextWorkingMoment, type CalendarData } from '../calendar/index.ts';
import type { ChannelName } from './channel.ts';
import { isUrgent } from './types.ts';

/**
 * When a notification of `type`, raised at `at` (epoch ms), may go out on `channel`: `at` itself when it is
 * urgent, in-app, or within office hours; else the opening of office hours on the next working day.
 *
 * @example
 * ```ts
 * // Friday 2026-12-04 19:00 in Vietnam → Monday 2026-12-07 07:30
 * sendAt(defaultCalendar(), 'message', Date.parse('2026-12-04T12:00:00Z'), 'email');
 * ```
 */
export function sendAt(cal: CalendarData, type: string, at: number, channel: ChannelName = 'email'): number {
  if (channel === 'in_app' || isUrgent(type)) return at;
  return nextWorkingMoment(cal, at);
}
