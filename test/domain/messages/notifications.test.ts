/**
 * A message notifies the other side, never its author; an internal note never reaches the journalist; the
 * notice names the author and the contact, not the message.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/actor.ts';
import { messageNotifications, messagesFor, resolveAttachments } from '../../../domain/messages/index.ts';

const journalist: Actor = { sub: 'pv-an', name: 'Nguyễn Văn An', roles: ['journalist'] };
const clerk: Actor = { sub: 'yte-van-thu', name: 'Văn thư', roles: ['agency_staff'], agencyId: 'qt-so-yte' };
const supervisor: Actor = { sub: 'vh-gs', name: 'Giám sát', roles: ['supervisor'], agencyId: 'qt-so-vh' };
const contact = { subject: 'Tiêm chủng', journalistSub: 'pv-an', agencyId: 'qt-so-yte' };
const assigned = { ...contact, assigneeSub: 'yte-chuyen-vien' };

describe('messageNotifications', () => {
  it('sends the journalist’s message to the assignee, or to the agency’s clerks while nobody is assigned', () => {
    expect(messageNotifications(journalist, 'journalist', assigned, { internal: false })).toEqual([
      {
        recipient: { kind: 'person', sub: 'yte-chuyen-vien' },
        type: 'message',
        text: 'Tin nhắn mới của Nguyễn Văn An về “Tiêm chủng”',
      },
    ]);
    expect(messageNotifications(journalist, 'journalist', contact, { internal: false })).toEqual([
      {
        recipient: { kind: 'agency_role', agencyId: 'qt-so-yte', roles: ['agency_staff', 'supervisor'] },
        type: 'message',
        text: 'Tin nhắn mới của Nguyễn Văn An về “Tiêm chủng”',
      },
    ]);
  });

  it('sends the agency side’s message to the journalist', () => {
    for (const author of [clerk, supervisor])
      expect(
        messageNotifications(author, 'agency', assigned, { internal: false }).map((n) => n.recipient),
      ).toEqual([{ kind: 'person', sub: 'pv-an' }]);
  });

  it('never sends an internal note to the journalist, nor to its own author', () => {
    const notes = [
      messageNotifications(clerk, 'agency', assigned, { internal: true }),
      messageNotifications(clerk, 'agency', contact, { internal: true }),
      messageNotifications(supervisor, 'agency', contact, { internal: true }),
      messageNotifications({ ...clerk, sub: 'yte-chuyen-vien' }, 'agency', assigned, { internal: true }),
    ];
    expect(notes.map((n) => n.map((x) => x.recipient))).toEqual([
      [{ kind: 'person', sub: 'yte-chuyen-vien' }],
      [],
      [{ kind: 'agency_role', agencyId: 'qt-so-yte', roles: ['agency_staff'] }],
      [],
    ]);
    expect(notes[0]![0]!.text).toBe('Ghi chú nội bộ mới của Văn thư về “Tiêm chủng”');
  });
});

describe('the thread a reader sees', () => {
  it('hides internal notes from those outside the agency side', () => {
    const messages = [{ internal: false }, { internal: true }, { internal: false }];
    expect(messagesFor(messages, true)).toHaveLength(3);
    expect(messagesFor(messages, false)).toEqual([{ internal: false }, { internal: false }]);
  });

  it('resolves attachments among the contact’s own, once each, and names the others', () => {
    const own = [
      { id: 'a', name: 'a.pdf', size: 3, type: 'application/pdf' },
      { id: 'b', name: 'b.png', size: 4, type: 'image/png' },
    ];
    expect(resolveAttachments(['b', 'x', 'b', 'a'], own)).toEqual({
      attachments: [own[1], own[0]],
      missing: ['x'],
    });
  });
});
