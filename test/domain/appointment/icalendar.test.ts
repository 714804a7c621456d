/**
 * The iCalendar builder for appointments (api/services/icalendar.ts), read back with an independent parser
 * (ical.js): stable UID, SEQUENCE, Vietnam's zone whatever the server's, STATUS per lifecycle, Vietnamese text.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../domain/calendar/index.ts';
import type { AppointmentState, Meeting } from '../../../domain/appointment/state.ts';
import { appointmentCalendar, eventUid, VIETNAM_TIME_ZONE } from '../../../api/services/icalendar.ts';

/** An instant given as a wall-clock time in Vietnam. */
const vn = (local: string): number => Date.parse(`${local}+07:00`);

const SUBJECT = 'Phỏng vấn về tiến độ giải phóng mặt bằng dự án cầu Rạch Miễu 2, đoạn qua huyện Châu Thành';
const PLACE = 'Phòng họp tầng 3, Sở Giao thông Vận tải, số 1 đường Lê Lợi; Hà Nội';

const meeting: Meeting = {
  slot: { start: vn('2026-12-07T09:00'), end: vn('2026-12-07T10:30') },
  place: PLACE,
  host: { id: 'sp-42', name: 'Nguyễn Thị Hương', title: 'Phó Giám đốc Sở' },
  agreedAt: vn('2026-12-01T15:00'),
};

function appointment(overrides: Partial<AppointmentState> = {}): AppointmentState {
  return {
    contactId: 'LV-7KQ2M9TXAB',
    kind: 'appointment',
    agencyId: 'so-gtvt-hn',
    provinceId: 'ha-noi',
    journalist: { sub: 'j-1', name: 'Trần Văn Bình' },
    subject: SUBJECT,
    status: 'scheduled',
    clocks: {},
    timeline: [],
    submittedAt: vn('2026-11-30T10:00'),
    updatedAt: vn('2026-12-01T15:00'),
    calendar: defaultCalendar(),
    questions: 'Tiến độ giải phóng mặt bằng đến nay ra sao?',
    format: 'in_person',
    proposal: { by: 'journalist', slots: [meeting.slot], at: vn('2026-11-30T10:00') },
    meeting,
    sequence: 0,
    ...overrides,
  };
}

interface ParsedEvent {
  uid: string;
  sequence: number;
  summary: string;
  location: string;
  description: string;
  status: string;
  tzid: string;
  start: number;
  end: number;
}

function parse(ics: string): { calendar: ICAL.Component; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      location: event.location,
      description: event.description,
      status: String(vevent.getFirstPropertyValue('status')),
      tzid: String(vevent.getFirstProperty('dtstart')?.getParameter('tzid')),
      start: event.startDate.toUnixTime() * 1000,
      end: event.endDate.toUnixTime() * 1000,
    };
  });
  return { calendar, events };
}

describe('appointmentCalendar', () => {
  it('writes the agreed meeting in Vietnam time with its VTIMEZONE, UTF-8 text intact', () => {
    const ics = appointmentCalendar([appointment()], { name: SUBJECT });
    const { calendar, events } = parse(ics);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toEqual({
      uid: 'LV-7KQ2M9TXAB@press-liaison',
      sequence: 0,
      summary: SUBJECT,
      location: PLACE,
      description: expect.stringContaining('Chủ trì: Nguyễn Thị Hương, Phó Giám đốc Sở') as string,
      status: 'CONFIRMED',
      tzid: VIETNAM_TIME_ZONE,
      start: meeting.slot.start,
      end: meeting.slot.end,
    });
    expect(event?.description).toContain('Hình thức: Gặp trực tiếp');
    expect(event?.description).toContain('Mã liên hệ: LV-7KQ2M9TXAB');
    expect(ics).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20261207T090000\r\n');
    expect(ics).toContain('DTEND;TZID=Asia/Ho_Chi_Minh:20261207T103000\r\n');
    const zone = calendar.getFirstSubcomponent('vtimezone');
    expect(zone?.getFirstPropertyValue('tzid')).toBe(VIETNAM_TIME_ZONE);
    expect(String(zone?.getFirstSubcomponent('standard')?.getFirstPropertyValue('tzoffsetto'))).toBe(
      '+07:00',
    );
  });

  it('folds long lines at 75 octets without splitting a Vietnamese character', () => {
    const ics = appointmentCalendar([appointment()], { name: SUBJECT });
    const lines = ics.split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(ics).not.toContain('\uFFFD');
    // Unfolded, the summary reads back exactly (commas escaped by the writer, unescaped by the parser).
    expect(ics.replace(/\r\n /g, '')).toContain(`SUMMARY:${SUBJECT.replace(/,/g, '\\,')}\r\n`);
  });

  it('keeps the UID across calls and states, and the text identical for the same state', () => {
    const first = appointmentCalendar([appointment()], { name: 'a' });
    const again = appointmentCalendar([appointment()], { name: 'a' });
    expect(again).toBe(first);
    const moved = appointment({
      sequence: 1,
      updatedAt: vn('2026-12-03T08:00'),
      meeting: { ...meeting, slot: { start: vn('2026-12-08T14:00'), end: vn('2026-12-08T15:00') } },
    });
    const [before] = parse(first).events;
    const [after] = parse(appointmentCalendar([moved], { name: 'a' })).events;
    expect(after?.uid).toBe(before?.uid);
    expect(after?.uid).toBe(eventUid('LV-7KQ2M9TXAB'));
    expect(after?.sequence).toBe(1);
    expect(after?.start).toBe(vn('2026-12-08T14:00'));
  });

  it('marks a cancelled meeting CANCELLED with its raised SEQUENCE and the reason', () => {
    const cancelled = appointment({
      status: 'cancelled',
      sequence: 2,
      cancellation: { reason: 'Lãnh đạo Sở đi công tác đột xuất', by: { sub: 'sp-42', name: 'X' }, at: 1 },
    });
    const [event] = parse(appointmentCalendar([cancelled], { name: 'a' })).events;
    expect(event?.status).toBe('CANCELLED');
    expect(event?.sequence).toBe(2);
    expect(event?.description).toContain('Đã hủy: Lãnh đạo Sở đi công tác đột xuất');
  });

  it.each([
    ['scheduled', {}, 'CONFIRMED'],
    ['completed', {}, 'CONFIRMED'],
    ['awaiting_journalist', {}, 'TENTATIVE'],
    ['submitted', {}, 'TENTATIVE'],
    ['not_held', {}, 'CANCELLED'],
    ['withdrawn', {}, 'CANCELLED'],
    [
      'closed',
      {
        result: {
          held: true,
          summary: 's',
          informationProvided: 'i',
          recordedAt: 1,
          recordedBy: { sub: 'x', name: 'X' },
        },
      },
      'CONFIRMED',
    ],
    ['closed', {}, 'CANCELLED'],
  ] as const)('status %s → %s', (status, extra, expected) => {
    const [event] = parse(appointmentCalendar([appointment({ status, ...extra })], { name: 'a' })).events;
    expect(event?.status).toBe(expected);
  });

  it('skips appointments without an agreed meeting and lists the others in the order given', () => {
    const { meeting: _none, ...unscheduled } = appointment({
      contactId: 'LV-NOMEETING0',
      status: 'submitted',
    });
    const second = appointment({ contactId: 'LV-SECOND0000', format: 'online' });
    const { events } = parse(
      appointmentCalendar([appointment(), unscheduled, second], { name: 'Lịch', refreshSeconds: 900 }),
    );
    expect(events.map((e) => e.uid)).toEqual(['LV-7KQ2M9TXAB@press-liaison', 'LV-SECOND0000@press-liaison']);
    expect(events[1]?.description).toContain('Hình thức: Trực tuyến');
  });

  it('is a valid calendar when nothing has a meeting', () => {
    const ics = appointmentCalendar([], { name: 'Lịch làm việc với báo chí' });
    const { calendar, events } = parse(ics);
    expect(events).toEqual([]);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  });

  it("does not depend on the server's time zone", () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const ics = appointmentCalendar([appointment()], { name: 'a' });
      expect(ics).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20261207T090000\r\n');
      expect(ics).toMatch(/\r\nDTSTAMP:20261201T080000Z\r\n/);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('writes DTSTAMP in UTC', () => {
    const ics = appointmentCalendar([appointment()], { name: 'a' });
    expect(ics).toMatch(/\r\nDTSTAMP:20261201T080000Z\r\n/);
  });
});
