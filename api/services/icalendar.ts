/**
 * @module
 * Work appointments as iCalendar (RFC 5545): one `.ics` per contact, and the private feed a calendar
 * application polls. Every agreed meeting is one `VEVENT` whose `UID` is the contact's (`<id>@press-liaison`),
 * so a reschedule or a cancel replaces the event in the person's calendar instead of adding one; `SEQUENCE` is
 * the appointment's own counter, raised by every reschedule or cancel of the agreed meeting.
 *
 * Times are written in Vietnam's zone (`DTSTART;TZID=Asia/Ho_Chi_Minh`) with its `VTIMEZONE`, whatever the
 * server's own zone: the dates are `TZDate`s, never native `Date`s, which ical-generator would print in the
 * process's local time.
 */
import { TZDate } from '@date-fns/tz';
import ical, { ICalEventStatus } from 'ical-generator';
import type { AppointmentFormat, AppointmentState, Meeting } from '../../domain/appointment/state.ts';

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * Vietnam's zone as a `VTIMEZONE`: UTC+7 without daylight saving since 13 June 1975 (tzdata's `Asia/Ho_Chi_Minh`;
 * meetings are never older than this product).
 */
export const VIETNAM_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${VIETNAM_TIME_ZONE}`,
  `X-LIC-LOCATION:${VIETNAM_TIME_ZONE}`,
  'BEGIN:STANDARD',
  'TZNAME:+07',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0700',
  'DTSTART:19750613T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const FORMAT_LABELS: Record<AppointmentFormat, string> = {
  in_person: 'Gặp trực tiếp',
  online: 'Trực tuyến',
  phone: 'Qua điện thoại',
};

/** The event's stable identifier: the same contact always yields the same `UID`. */
export function eventUid(contactId: string): string {
  return `${contactId}@press-liaison`;
}

/** An appointment whose meeting has been agreed (and possibly cancelled since). */
export type AppointmentWithMeeting = AppointmentState & { meeting: Meeting };

export function hasMeeting(state: { kind: string; meeting?: unknown }): state is AppointmentWithMeeting {
  return state.kind === 'appointment' && typeof state.meeting === 'object' && state.meeting !== null;
}

/**
 * The event's `STATUS`. `CONFIRMED` while the meeting stands or after it took place; `TENTATIVE` while one side
 * asks to move it (a reschedule keeps the agreed meeting until a new slot is agreed); `CANCELLED` once it will
 * not take place: cancelled, withdrawn, declined, forwarded, recorded as not held, or closed without a meeting
 * held.
 */
export function eventStatus(state: AppointmentWithMeeting): ICalEventStatus {
  switch (state.status) {
    case 'scheduled':
    case 'completed':
      return ICalEventStatus.CONFIRMED;
    case 'submitted':
    case 'awaiting_journalist':
      return ICalEventStatus.TENTATIVE;
    case 'closed':
      return state.result?.held ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED;
    default:
      return ICalEventStatus.CANCELLED;
  }
}

/** What the event says besides its title and place: who hosts, how, and which contact it belongs to. */
function description(state: AppointmentWithMeeting): string {
  const { host } = state.meeting;
  const lines = [
    `Chủ trì: ${host.title ? `${host.name}, ${host.title}` : host.name}`,
    `Hình thức: ${FORMAT_LABELS[state.format] ?? state.format}`,
    `Phóng viên: ${state.journalist.name}`,
    `Mã liên hệ: ${state.contactId}`,
  ];
  if (state.status === 'cancelled' && state.cancellation) {
    lines.push(`Đã hủy: ${state.cancellation.reason}`);
  }
  return lines.join('\n');
}

export interface CalendarOptions {
  /** The calendar's name (`X-WR-CALNAME`), shown by calendar applications for a subscription. */
  name: string;
  /** How often a subscribing application should poll again, in seconds (`REFRESH-INTERVAL`). */
  refreshSeconds?: number | undefined;
}

/**
 * A `VCALENDAR` with one event per appointment that has a meeting (the others are skipped), in the order given.
 * Deterministic: the same states give the same text (`DTSTAMP` is the contact's last change, not the clock).
 *
 * @example
 * const ics = appointmentCalendar([state], { name: state.subject });
 * // BEGIN:VCALENDAR … UID:LV-7KQ2M9TXAB@press-liaison … DTSTART;TZID=Asia/Ho_Chi_Minh:20261207T090000 …
 */
export function appointmentCalendar(states: readonly AppointmentState[], options: CalendarOptions): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Press Liaison', product: 'Appointments', language: 'VI' },
    // Only the generator: a calendar-wide zone name would also print DTSTAMP in local time, which must be UTC.
    timezone: { name: null, generator: (zone) => (zone === VIETNAM_TIME_ZONE ? VIETNAM_VTIMEZONE : null) },
    ...(options.refreshSeconds === undefined ? {} : { ttl: options.refreshSeconds }),
  });
  for (const state of states) {
    if (!hasMeeting(state)) continue;
    const { slot, place } = state.meeting;
    calendar.createEvent({
      id: eventUid(state.contactId),
      sequence: state.sequence,
      stamp: new Date(state.updatedAt),
      created: new Date(state.submittedAt),
      lastModified: new Date(state.updatedAt),
      timezone: VIETNAM_TIME_ZONE,
      start: new TZDate(slot.start, VIETNAM_TIME_ZONE),
      end: new TZDate(slot.end, VIETNAM_TIME_ZONE),
      status: eventStatus(state),
      summary: state.subject,
      location: place,
      description: description(state),
    });
  }
  return calendar.toString();
}
