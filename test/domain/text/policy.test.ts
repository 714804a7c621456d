// The text policy: the characters that once jammed a contact's workflow (NUL, lone surrogates) and their
// relatives are refused at every boundary; good Vietnamese text passes, normalised to NFC.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hasLoneSurrogate,
  identifier,
  longText,
  optionalPlainText,
  plainText,
  textProblem,
} from '../../../domain/text/policy.ts';

describe('textProblem', () => {
  it.each([
    ['Sub\u0000ject', 'control_character'],
    ['\u0007bell', 'control_character'],
    ['del\u007f', 'control_character'],
    ['c1\u0085', 'control_character'],
    ['half \ud800 pair', 'lone_surrogate'],
    ['trailing \udc00', 'lone_surrogate'],
    ['swapped \udc00\ud800', 'lone_surrogate'],
    ['hidden\u202Eevil', 'disguising_character'],
    ['line\u2028sep', 'disguising_character'],
  ])('refuses %j (%s)', (text, problem) => {
    expect(textProblem(text, { multiline: true })).toBe(problem);
  });

  it('accepts Vietnamese text, emoji (paired surrogates) and, in long text only, newlines and tabs', () => {
    expect(textProblem('Nguyễn Văn An — Sở Y tế 😀')).toBeUndefined();
    expect(textProblem('dòng 1\ndòng 2\tcột', { multiline: true })).toBeUndefined();
    expect(textProblem('dòng 1\ndòng 2')).toBe('control_character');
    expect(hasLoneSurrogate('😀')).toBe(false);
  });

  it('finds every lone surrogate wherever it stands (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string(), (a, unit, b) => {
        const text = `${a}${String.fromCharCode(unit)}x${b}`;
        expect(textProblem(text, { multiline: true })).not.toBeUndefined();
      }),
    );
  });
});

describe('plainText and longText', () => {
  it('normalise to NFC and trim', () => {
    const decomposed = 'Nguye\u0302\u0303n'; // "Nguyễn" spelled with combining marks
    expect(plainText({ max: 50 }).parse(`  ${decomposed} `)).toBe('Nguyễn');
    expect(longText({ max: 50 }).parse('a\r\nb\rc')).toBe('a\nb\nc');
  });

  it('refuse NUL, empty text and text over the limit with clear messages', () => {
    const subject = plainText({ min: 3, max: 10 });
    expect(subject.safeParse('Sub\u0000ject').error?.issues[0]?.message).toMatch(/control character/);
    expect(subject.safeParse('ab').success).toBe(false);
    expect(subject.safeParse('x'.repeat(11)).success).toBe(false);
    expect(optionalPlainText({ max: 5 }).parse(undefined)).toBeUndefined();
  });

  it('never lets a hostile character through, whatever surrounds it (property)', () => {
    const hostile = fc.constantFrom('\u0000', '\ud800', '\udfff', '\u001b', '\u0085', '\u202e');
    fc.assert(
      fc.property(fc.string(), hostile, fc.string(), (a, bad, b) => {
        expect(longText({ max: 10_000 }).safeParse(`${a}x${bad}x${b}`).success).toBe(false);
      }),
    );
  });
});

describe('identifier', () => {
  it('takes registry slugs, contact ids and subjects of tokens, and nothing else', () => {
    const id = identifier(64);
    for (const good of ['qt-so-yte', 'YC-7KQ2M9TXAB', 'pv-nguyen-van-an', 'user@example.vn'])
      expect(id.safeParse(good).success).toBe(true);
    for (const bad of ['', '\u0000', 'a b', '../etc', 'x'.repeat(65), 'sở-y-tế', '-lead'])
      expect(id.safeParse(bad).success).toBe(false);
  });
});
