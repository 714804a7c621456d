// The API's refusals placed beside a creation form's fields (widgets/internal/server-field-errors.ts): the three
// creation forms share this mapping.
import { describe, expect, it } from 'vitest';
import {
  sameNames,
  serverErrorText,
  serverFieldErrors,
} from '../../../widgets/internal/server-field-errors.ts';

const issue = (path: string, message = `bad ${path}`, messageEn?: string) => ({ path, message, messageEn });

describe('serverFieldErrors', () => {
  const fields = {
    ...sameNames(['subject', 'relatedContactIds']),
    'journalist.fullName': 'fullName',
  } as const;

  it('names a field by the whole path first, then by its first part; the first issue per field wins', () => {
    const errors = serverFieldErrors(
      [
        issue('journalist.fullName', 'Họ tên chưa hợp lệ.', 'The name is not valid.'),
        issue('relatedContactIds.2'),
        issue('subject', 'first'),
        issue('subject', 'second'),
      ],
      fields,
    );
    expect(errors).toEqual({
      fullName: { kind: 'server', message: 'Họ tên chưa hợp lệ.', messageEn: 'The name is not valid.' },
      relatedContactIds: { kind: 'server', message: 'bad relatedContactIds.2', messageEn: undefined },
      subject: { kind: 'server', message: 'first', messageEn: undefined },
    });
  });

  it('leaves issues naming no field of the form (and names of Object’s own) to the problem box', () => {
    expect(
      serverFieldErrors([issue('year'), issue('constructor'), issue('__proto__.x'), issue('')], fields),
    ).toEqual({});
  });
});

describe('serverErrorText', () => {
  const bilingual = {
    kind: 'server',
    message: 'Ngày không hợp lệ.',
    messageEn: 'Not a valid date.',
  } as const;
  const schemaOnly = { kind: 'server', message: 'holds a control character', messageEn: undefined } as const;

  it('words a domain refusal in the page’s language', () => {
    expect(serverErrorText(bilingual, 'vi', 'x')).toBe('Ngày không hợp lệ.');
    expect(serverErrorText(bilingual, 'en', 'x')).toBe('Not a valid date.');
  });

  it('never shows a schema’s developer English: the form’s own words in the page’s language instead', () => {
    expect(serverErrorText(schemaOnly, 'vi', 'Có ký tự ẩn.')).toBe('Có ký tự ẩn.');
    expect(serverErrorText(schemaOnly, 'en', 'A hidden character.')).toBe('A hidden character.');
  });
});
