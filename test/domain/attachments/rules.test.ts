/**
 * Attaching is for those who work a contact: its journalist, its agency, the supervising department; never
 * another journalist, another agency, an auditor or an administrator. The count limit refuses with 409.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/actor.ts';
import {
  assertRoomForAttachment,
  DEFAULT_ATTACHMENT_LIMITS,
  mayAttach,
} from '../../../domain/attachments/index.ts';

const contact = { journalistSub: 'pv-an', agencyId: 'qt-so-yte', provinceId: 'quang-tri' };
const actor = (roles: Actor['roles'], extra: Partial<Actor> = {}): Actor => ({
  sub: 'someone',
  name: 'Someone',
  roles,
  ...extra,
});

describe('mayAttach', () => {
  it('lets the journalist, the agency and the province’s supervisors attach', () => {
    expect(mayAttach(actor(['journalist'], { sub: 'pv-an' }), contact)).toBe(true);
    for (const role of ['agency_staff', 'spokesperson', 'agency_head'] as const)
      expect(mayAttach(actor([role], { agencyId: 'qt-so-yte', provinceId: 'quang-tri' }), contact)).toBe(
        true,
      );
    expect(
      mayAttach(actor(['supervisor'], { agencyId: 'qt-so-vhttdl', provinceId: 'quang-tri' }), contact),
    ).toBe(true);
  });

  it('refuses other journalists, other agencies and other provinces', () => {
    expect(mayAttach(actor(['journalist'], { sub: 'pv-binh' }), contact)).toBe(false);
    expect(
      mayAttach(actor(['agency_staff'], { agencyId: 'qt-so-xay-dung', provinceId: 'quang-tri' }), contact),
    ).toBe(false);
    expect(mayAttach(actor(['supervisor'], { agencyId: 'hue-so-vhttdl', provinceId: 'hue' }), contact)).toBe(
      false,
    );
    // A journalist's sub on a non-journalist role is not the journalist.
    expect(mayAttach(actor(['agency_staff'], { sub: 'pv-an', agencyId: 'x' }), contact)).toBe(false);
  });

  it('refuses read-only roles that see the contact', () => {
    expect(
      mayAttach(actor(['auditor'], { agencyId: 'qt-so-vhttdl', provinceId: 'quang-tri' }), contact),
    ).toBe(false);
    expect(mayAttach(actor(['admin'], { agencyId: 'quang-tri', provinceId: 'quang-tri' }), contact)).toBe(
      false,
    );
    expect(mayAttach(actor(['admin'], { agencyId: 'bo-vhttdl', agencyLevel: 'central' }), contact)).toBe(
      false,
    );
    expect(mayAttach(actor(['auditor'], { agencyId: 'bo-vhttdl', agencyLevel: 'central' }), contact)).toBe(
      false,
    );
  });
});

describe('assertRoomForAttachment', () => {
  it('allows up to the limit and refuses past it with a 409 conflict', () => {
    expect(() => assertRoomForAttachment(19, DEFAULT_ATTACHMENT_LIMITS)).not.toThrow();
    expect(() => assertRoomForAttachment(20, DEFAULT_ATTACHMENT_LIMITS)).toThrow(
      expect.objectContaining({
        name: 'ConflictError',
        code: 'too_many_attachments',
        details: { limit: 20 },
      }),
    );
  });
});
