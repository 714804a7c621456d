/**
 * A contact's thread: the journalist and the agency side that works the contact write; internal notes are
 * the agency side's alone, read and written; read-only roles and referred agencies write nothing; an ended
 * contact's thread closes after the grace period.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/actor.ts';
import {
  assertMayWriteMessage,
  MESSAGE_GRACE_DAYS,
  readsInternalNotes,
  threadOpen,
  writerSide,
  type MessageContact,
} from '../../../domain/messages/index.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 2, 3);
const contact: MessageContact = {
  journalistSub: 'pv-an',
  agencyId: 'qt-so-yte',
  provinceId: 'quang-tri',
  alsoVisibleTo: ['qt-so-xd'],
  terminal: false,
  updatedAt: NOW - DAY,
};
const actor = (sub: string, roles: Actor['roles'], agencyId?: string, provinceId?: string): Actor => ({
  sub,
  name: sub,
  roles,
  agencyId,
  provinceId,
});

const journalist = actor('pv-an', ['journalist']);
const otherJournalist = actor('pv-binh', ['journalist']);
const clerk = actor('yte-van-thu', ['agency_staff'], 'qt-so-yte', 'quang-tri');
const spokesperson = actor('yte-phat-ngon', ['spokesperson'], 'qt-so-yte', 'quang-tri');
const head = actor('yte-giam-doc', ['agency_head'], 'qt-so-yte', 'quang-tri');
const supervisor = actor('vh-giam-sat', ['supervisor'], 'qt-so-vhttdl', 'quang-tri');
const otherProvinceSupervisor = actor('hue-giam-sat', ['supervisor'], 'hue-so-vhttdl', 'hue');
const auditor = actor('vh-kiem-tra', ['auditor'], 'qt-so-vhttdl', 'quang-tri');
const foreignClerk = actor('xd-van-thu', ['agency_staff'], 'qt-so-xd', 'quang-tri');
const admin = actor('admin', ['admin'], 'qt-ubnd', 'quang-tri');

describe('who writes in the thread', () => {
  it('gives the journalist their side and the agency and the department the agency side', () => {
    expect(writerSide(journalist, contact)).toBe('journalist');
    for (const a of [clerk, spokesperson, head, supervisor])
      expect(writerSide(a, contact), a.sub).toBe('agency');
  });

  it('lets no one else write: other journalists, read-only roles, referred and foreign agencies', () => {
    for (const a of [otherJournalist, auditor, admin, foreignClerk, otherProvinceSupervisor]) {
      expect(writerSide(a, contact), a.sub).toBeUndefined();
      expect(() => assertMayWriteMessage(a, contact, { internal: false }, NOW), a.sub).toThrow(
        expect.objectContaining({ name: 'ForbiddenError', code: 'message_not_allowed' }),
      );
    }
  });

  it('keeps internal notes to the agency side, for writing and reading', () => {
    expect(() => assertMayWriteMessage(journalist, contact, { internal: true }, NOW)).toThrow(
      expect.objectContaining({ name: 'ForbiddenError', code: 'internal_note_not_allowed' }),
    );
    expect(assertMayWriteMessage(clerk, contact, { internal: true }, NOW)).toBe('agency');
    expect(assertMayWriteMessage(supervisor, contact, { internal: true }, NOW)).toBe('agency');
    expect(readsInternalNotes(journalist, contact)).toBe(false);
    expect(readsInternalNotes(foreignClerk, contact)).toBe(false);
    expect(readsInternalNotes(clerk, contact)).toBe(true);
    expect(readsInternalNotes(auditor, contact)).toBe(true);
  });
});

describe('an ended contact’s thread', () => {
  const ended = (daysAgo: number) => ({ ...contact, terminal: true, updatedAt: NOW - daysAgo * DAY });

  it(`stays open for ${MESSAGE_GRACE_DAYS} days after the end, then refuses with 409 contact_closed`, () => {
    expect(threadOpen(ended(MESSAGE_GRACE_DAYS), NOW)).toBe(true);
    expect(threadOpen(ended(MESSAGE_GRACE_DAYS + 1), NOW)).toBe(false);
    expect(threadOpen({ ...contact, updatedAt: NOW - 400 * DAY }, NOW)).toBe(true);
    expect(assertMayWriteMessage(journalist, ended(2), { internal: false }, NOW)).toBe('journalist');
    expect(() => assertMayWriteMessage(journalist, ended(31), { internal: false }, NOW)).toThrow(
      expect.objectContaining({ name: 'ConflictError', code: 'contact_closed' }),
    );
  });
});
