/** Which of a contact's files a reader outside the agency may see. */
import { describe, expect, it } from 'vitest';
import { filesVisibleTo, sharedFileIds } from '../../../domain/attachments/visibility.ts';

const file = (id: string, sub: string) => ({ id, uploadedBy: { sub } });
const FILES = [
  file('mine', 'reporter'),
  file('in-message', 'clerk'),
  file('in-note', 'clerk'),
  file('in-answer', 'officer'),
  file('in-draft', 'officer'),
  file('loose', 'clerk'),
];

describe('filesVisibleTo', () => {
  const shared = sharedFileIds(['in-message'], {
    answer: { text: 'Trả lời', attachments: [{ id: 'in-answer', name: 'a.pdf' }] },
    // The view outside the agency has no draft documents: an empty list shares nothing.
    draftAttachments: [],
  });

  it('gives the agency side every file', () => {
    expect(filesVisibleTo(FILES, { sub: 'clerk', agencySide: true, shared: new Set() })).toEqual(FILES);
  });

  it('gives the journalist their own uploads and what was shared with them, in order', () => {
    const seen = filesVisibleTo(FILES, { sub: 'reporter', agencySide: false, shared });
    expect(seen.map((f) => f.id)).toEqual(['mine', 'in-message', 'in-answer']);
  });

  it('gives a referred agency only what was shared, not the journalist’s own uploads', () => {
    const seen = filesVisibleTo(FILES, { sub: 'roads-clerk', agencySide: false, shared });
    expect(seen.map((f) => f.id)).toEqual(['in-message', 'in-answer']);
  });
});

describe('sharedFileIds', () => {
  it('finds attachments lists at any depth of the view, and only those', () => {
    const ids = sharedFileIds([], {
      result: { summary: 'x', attachments: [{ id: 'minutes' }] },
      referral: { response: { attachments: [{ id: 'deep' }] } },
      relatedContactIds: ['LV-1'],
      attachmentsCount: 3,
      notes: [{ id: 'not-a-file' }],
    });
    expect([...ids].sort()).toEqual(['deep', 'minutes']);
  });
});
