/**
 * @module
 * Actions every kind shares (SPEC.md C3, C4): extend a clock with a reason, remind the agency, reassign to
 * another officer, close administratively with a reason. A kind spreads `supervisionActions(...)` into its
 * action table.
 */
import { z } from 'zod';
import { isValidSpan, parseIsoDuration, spanToText, type Span } from '../calendar/index.ts';
import {
  dueAt,
  extendClock,
  isPaused,
  isRunning,
  stopClock,
  withinExtensionLimit,
  type Clock,
} from '../deadlines/clock.ts';
import { InvalidInputError } from '../errors.ts';
import { identifier, longText } from '../text/policy.ts';
import { CLOCK_NAMES, type ClockName } from '../vocabulary.ts';
import { defineAction } from './define.ts';
import { EXTENSION_LIMITS, FIELD_LIMITS } from './field-limits.ts';
import { agencyRoles, person } from './notifications.ts';
import type { AnyContactState } from './state.ts';
import { either, head, supervisor } from './who.ts';

/** The most one extension may add (kept with the field limits, which the widgets read too). */
export { EXTENSION_LIMITS };

/** A positive extension no larger than {@link EXTENSION_LIMITS}. */
export function isAllowedExtension(span: Span): boolean {
  if (!isValidSpan(span)) return false;
  if (span.unit === 'duration') {
    const ms = parseIsoDuration(span.iso);
    return ms > 0 && ms <= EXTENSION_LIMITS.durationMs;
  }
  return span.amount > 0 && span.amount <= EXTENSION_LIMITS[span.unit];
}

/** An extension: a positive span within {@link EXTENSION_LIMITS} (a real schema, so OpenAPI documents it). */
export const spanSchema = z
  .union([
    z.object({ unit: z.enum(['working_days', 'calendar_days', 'hours']), amount: z.number() }),
    z.object({ unit: z.literal('duration'), iso: z.string().max(40) }),
  ])
  .refine(
    (span: Span) => isAllowedExtension(span),
    `a positive span of at most ${EXTENSION_LIMITS.working_days} working days, ${EXTENSION_LIMITS.calendar_days} days or ${EXTENSION_LIMITS.hours} hours`,
  );

const reason = longText(FIELD_LIMITS.reason);

/** `clock` defaults to the kind's main clock (an information request's answer, an appointment's response). */
export const extendInput = z.object({ clock: z.enum(CLOCK_NAMES).optional(), span: spanSchema, reason });
export const remindInput = z.object({ message: longText(FIELD_LIMITS.reminder) });
export const reassignInput = z.object({ assigneeSub: identifier(200), reason });
export const closeInput = z.object({ reason });

/** Stops every clock (the contact has ended). */
export function stopAll<St extends AnyContactState>(state: St, now: number): St['clocks'] {
  const clocks = { ...state.clocks };
  for (const name of Object.keys(clocks) as ClockName[]) clocks[name] = stopClock(clocks[name]!, now);
  return clocks;
}

const hasRunningClock = (s: AnyContactState) => Object.values(s.clocks).some((c) => isRunning(c));

/** Supervisory and administrative actions, for a kind whose clocks are `clocks` (the first is the default). */
export function supervisionActions<St extends AnyContactState>(options: {
  open: readonly St['status'][];
  clocks: readonly [ClockName, ...ClockName[]];
  /** The status an administrative close leaves (every kind has `closed`). */
  closedStatus: St['status'];
}) {
  const { open, clocks, closedStatus } = options;
  /** The clock an extension moves when none is named: the kind's first clock that is running. */
  const defaultClock = (s: St): ClockName =>
    clocks.find((name) => s.clocks[name] !== undefined && isRunning(s.clocks[name])) ?? clocks[0];
  return {
    extend: defineAction<St, typeof extendInput>({
      input: extendInput,
      from: open,
      who: either(head, supervisor),
      when: hasRunningClock,
      guard: (s, p) => {
        const name = p.clock ?? defaultClock(s);
        const clock = s.clocks[name];
        if (!clock || clock.stoppedAt !== undefined || isPaused(clock)) {
          throw InvalidInputError.because(`The '${name}' clock is not running, so it cannot be extended.`, [
            { path: 'clock', message: 'not running' },
          ]);
        }
        // The rule the contact opened under may cap its extensions (issue 11); rules without a cap never refuse.
        if (!withinExtensionLimit(clock, p.span)) {
          const limit = clock.rule.extensionLimit!;
          throw InvalidInputError.atField(
            'span',
            'extension_limit',
            `Tổng thời gian gia hạn vượt mức tối đa của quy định (${spanToText(limit, 'vi')}, cùng đơn vị).`,
            `The extensions would exceed the rule's limit of ${spanToText(limit, 'en')} (in that unit).`,
          );
        }
      },
      apply: (s, a, p, _ctx, now) => {
        const name = p.clock ?? defaultClock(s);
        const clock = s.clocks[name] as Clock;
        const before = dueAt(clock, s.calendar);
        const extended = extendClock(clock, { span: p.span, reason: p.reason, at: now, bySub: a.sub });
        return {
          state: { ...s, clocks: { ...s.clocks, [name]: extended } },
          entry: {
            text: p.reason,
            data: {
              dueMoved: { clock: name, from: before, to: dueAt(extended, s.calendar), reason: 'extension' },
              span: p.span,
            },
          },
          notifications: [
            {
              recipient: person(s.journalist.sub),
              type: 'extended',
              text: `Thời hạn được gia hạn: ${s.subject}`,
            },
          ],
        };
      },
    }),
    remind: defineAction<St, typeof remindInput>({
      input: remindInput,
      from: open,
      who: supervisor,
      audience: 'agency',
      apply: (s, _a, p) => ({
        state: s,
        entry: { text: p.message },
        notifications: [
          {
            recipient: agencyRoles(s.agencyId, ['agency_head']),
            type: 'reminder',
            text: `Đôn đốc: ${s.subject}`,
          },
        ],
      }),
    }),
    reassign: defineAction<St, typeof reassignInput>({
      input: reassignInput,
      from: open,
      who: either(head, supervisor),
      when: (s) => s.assignee !== undefined,
      needs: ['assignee'],
      apply: (s, _a, p, ctx) => {
        const assignee = { sub: ctx.assignee!.sub, name: ctx.assignee!.name };
        return {
          state: { ...s, assignee },
          entry: { text: p.reason, data: { assignee, previous: s.assignee } },
          notifications: [
            {
              recipient: person(assignee.sub),
              type: 'reassigned',
              text: `Bạn được giao xử lý: ${s.subject}`,
            },
          ],
        };
      },
    }),
    close: defineAction<St, typeof closeInput>({
      input: closeInput,
      from: open,
      who: either(head, supervisor),
      apply: (s, a, p, _ctx, now) => ({
        state: {
          ...s,
          status: closedStatus,
          clocks: stopAll(s, now),
          closure: { reason: p.reason, by: { sub: a.sub, name: a.name }, at: now },
        },
        entry: { text: p.reason, data: { administrative: true } },
        notifications: [
          { recipient: person(s.journalist.sub), type: 'closed', text: `Hồ sơ đã được đóng: ${s.subject}` },
        ],
      }),
    }),
  };
}
