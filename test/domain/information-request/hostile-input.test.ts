// Regression tests for issue 6 (1, 2): a NUL or a lone surrogate in any text of an action, or an unbounded
// extension, passed validation and then jammed the contact's workflow for good. The Update validator uses
// these schemas, so refusing here keeps poison out of every workflow, whatever client sends the Update.
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../domain/errors.ts';
import { validateAction } from '../../../domain/information-request/index.ts';
import { EXTENSION_LIMITS } from '../../../domain/information-request/index.ts';
import { actors, inStatus } from './fixtures.ts';

const invalid = (fn: () => unknown) => expect(fn).toThrow(InvalidInputError);

describe('hostile text in actions', () => {
  const submitted = inStatus('submitted');
  it.each(['Please clarify \u0000 this', 'Please clarify \ud800 this', 'bell \u0007 ring'])(
    'request_clarification refuses %j',
    (question) => {
      invalid(() => validateAction(submitted, actors.staff, 'request_clarification', { question }));
    },
  );

  it('assign refuses a control character in the name and a non-identifier sub', () => {
    invalid(() =>
      validateAction(submitted, actors.staff, 'assign', { assigneeSub: 's-1', assigneeName: 'Lê\u0000' }),
    );
    invalid(() =>
      validateAction(submitted, actors.staff, 'assign', { assigneeSub: 's 1\n', assigneeName: 'Lê Văn C' }),
    );
  });

  it('keeps newlines in long text and stores it as NFC', () => {
    const parsed = validateAction(submitted, actors.staff, 'request_clarification', {
      question: 'Dòng một\r\nNguye\u0302\u0303n',
    });
    expect((parsed as { question: string }).question).toBe('Dòng một\nNguyễn');
  });
});

describe('extension bounds', () => {
  const inProgress = inStatus('in_progress');
  const extend = (span: unknown) =>
    validateAction(inProgress, actors.head, 'extend', {
      clock: 'answer',
      span,
      reason: 'Cần thêm thời gian',
    });

  it.each([
    { unit: 'hours', amount: 1e300 },
    { unit: 'calendar_days', amount: 100_000 },
    { unit: 'working_days', amount: 0 },
    { unit: 'hours', amount: 0 },
    { unit: 'hours', amount: -5 },
    { unit: 'working_days', amount: EXTENSION_LIMITS.working_days + 1 },
    { unit: 'duration', iso: 'P99999999999D' },
    { unit: 'duration', iso: 'PT0S' },
  ])('refuses %j', (span) => {
    invalid(() => extend(span));
  });

  it('accepts the largest allowed extension', () => {
    expect(() => extend({ unit: 'working_days', amount: EXTENSION_LIMITS.working_days })).not.toThrow();
    expect(() => extend({ unit: 'hours', amount: 24 })).not.toThrow();
  });
});
