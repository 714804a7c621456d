/**
 * @module
 * The one text policy for everything that crosses a boundary (request bodies, path ids, query strings,
 * cursors, Update inputs, imported cells). A string is refused when it holds NUL, another C0/C1 control
 * character (newline and tab are allowed in long text only), or an unpaired UTF-16 surrogate; it is
 * normalised to NFC and has a length limit. Such characters cannot be stored by PostgreSQL (`text` and
 * `jsonb` refuse `\u0000`), break JSON encoders, or hide text from reviewers, so they never get past the
 * boundary: one hostile character used to jam a contact's workflow for good.
 *
 * @example
 * const Body = z.object({ subject: plainText({ max: 300 }), question: longText({ max: 8000 }) });
 */
import { z } from 'zod';

/** Controls refused everywhere: C0 except tab/LF/CR, DEL and C1; plus the Unicode non-characters U+FFFE/F. */
const FORBIDDEN_IN_LONG_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/u;
/** Single-line text also refuses tab, line feed and carriage return. */
const FORBIDDEN_IN_LINE = /[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/u;
/** Unicode line and paragraph separators, bidi overrides: allowed nowhere (they disguise text). */
const DISGUISING = /[\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

// Without the `u` flag the pattern sees UTF-16 code units, so it can find halves of pairs.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` holds an unpaired surrogate (not well-formed UTF-16, so not encodable as UTF-8). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

export type TextProblem = 'lone_surrogate' | 'control_character' | 'disguising_character';

/** Why `text` breaks the policy, or `undefined` when it is acceptable. */
export function textProblem(text: string, options: { multiline?: boolean } = {}): TextProblem | undefined {
  if (hasLoneSurrogate(text)) return 'lone_surrogate';
  if ((options.multiline ? FORBIDDEN_IN_LONG_TEXT : FORBIDDEN_IN_LINE).test(text)) return 'control_character';
  if (DISGUISING.test(text)) return 'disguising_character';
  return undefined;
}

const MESSAGES: Record<TextProblem, string> = {
  lone_surrogate: 'contains an invalid character (an unpaired surrogate)',
  control_character: 'contains a control character',
  disguising_character: 'contains a line separator or text-direction control character',
};

/** Normalises line endings and Unicode (NFC: one spelling for every Vietnamese letter). */
function normalise(text: string, multiline: boolean): string {
  const nfc = text.normalize('NFC');
  return multiline ? nfc.replace(/\r\n?/g, '\n') : nfc;
}

export interface TextOptions {
  /** Longest accepted length, in UTF-16 code units after trimming and normalising. */
  max: number;
  /** Shortest accepted length after trimming (default 1: empty text is refused). */
  min?: number;
  /** Keep surrounding white space (default: trimmed). */
  keepSpaces?: boolean;
}

function policyText(options: TextOptions, multiline: boolean) {
  const { max, min = 1, keepSpaces = false } = options;
  return z
    .string()
    .max(max * 4, `at most ${max} characters`)
    .superRefine((value, ctx) => {
      const problem = textProblem(value, { multiline });
      if (problem) ctx.addIssue({ code: 'custom', message: MESSAGES[problem], params: { problem } });
    })
    .transform((value) => {
      const normalised = normalise(value, multiline);
      return keepSpaces ? normalised : normalised.trim();
    })
    .pipe(
      z
        .string()
        .min(min, min <= 1 ? 'required' : `at least ${min} characters`)
        .max(max),
    );
}

/** One line of text (names, subjects, titles): no control characters at all. */
export function plainText(options: TextOptions) {
  return policyText(options, false);
}

/** Long text (questions, answers, notes): newlines and tabs allowed, other controls refused. */
export function longText(options: TextOptions) {
  return policyText(options, true);
}

/** The same policies, optional (absent is fine; empty after trimming is refused like any short text). */
export const optionalPlainText = (options: TextOptions) => plainText({ min: 0, ...options }).optional();
export const optionalLongText = (options: TextOptions) => longText({ min: 0, ...options }).optional();

/**
 * An identifier from a path, a body or a query: printable ASCII letters, digits and `-_.:@`, 1–`max`
 * characters. Registry slugs, contact ids, journalist subs and import ids all fit.
 */
export function identifier(max = 128) {
  return z
    .string()
    .min(1, 'required')
    .max(max)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]*$/, 'letters, digits and - _ . : @ only');
}
