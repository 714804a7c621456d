/**
 * @module
 * Log redaction in one place. Structured log lines never print personal fields (names, contact details, what
 * people wrote, whole contact states, workflow and activity arguments) nor SQL with its parameters: the
 * value is replaced by a marker that says what was there. Used by the worker's logger and the API's error log.
 */

/** Quoted literals, numbers in SQL and e-mail-like strings: what a message may leak from its parameters. */
const LEAKY = [/'(?:[^']|'')*'/g, /"(?:[^"\\]|\\.)*"/g, /[\w.+-]+@[\w-]+\.[\w.]+/g, /\$\d+/g];

/**
 * A message that keeps the error's gist and loses anything that may be data: statements are cut at the
 * first SQL keyword, quoted literals and addresses are masked, and the length is capped.
 */
export function sanitiseMessage(message: string): string {
  let text = message.split(/\s-\s(?:insert|update|delete|select|with)\b/i)[0]!;
  text = text.split(/\b(?:insert into|update \w+ set|delete from|select .* from)\b/i)[0]!;
  for (const pattern of LEAKY) text = text.replace(pattern, '…');
  return text.replace(/\s+/g, ' ').trim().slice(0, 200) || 'failed';
}

/** Keys whose values are personal data or may contain it. Compared case-insensitively. */
const PERSONAL_KEYS = new Set(
  [
    'name',
    'fullName',
    'journalist',
    'journalistName',
    'assigneeName',
    'subject',
    'question',
    'text',
    'answer',
    'draftAnswer',
    'explanation',
    'note',
    'reason',
    'message',
    'phone',
    'email',
    'address',
    'state',
    'timeline',
    'input',
    'args',
    'arguments',
    'result',
    'payload',
    'payloads',
    'params',
    'parameters',
    'sql',
    'query',
    'body',
    'secret',
    'token',
    'authorization',
  ].map((k) => k.toLowerCase()),
);

/** Keys that are safe and useful to keep whatever they hold. */
const SAFE_KEYS = new Set([
  'level',
  'msg',
  'requestid',
  'workflowid',
  'runid',
  'activitytype',
  'workflowtype',
]);

const MAX_DEPTH = 6;

/** A copy of `value` with personal fields masked and error messages sanitised. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return '[…]';
  if (value instanceof Error) {
    // Stack frames name code, not data; the stack's first line repeats the message, so it is left out.
    const frames = (value.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    return {
      name: value.name,
      message: sanitiseMessage(value.message),
      stack: frames.slice(0, 8).map((f) => f.trim()),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const lower = key.toLowerCase();
      if (SAFE_KEYS.has(lower)) out[key] = item;
      else if (lower === 'error' || lower === 'failure')
        out[key] = typeof item === 'string' ? sanitiseMessage(item) : redact(item, depth + 1);
      else if (PERSONAL_KEYS.has(lower)) out[key] = item === undefined || item === null ? item : '[redacted]';
      else out[key] = redact(item, depth + 1);
    }
    return out;
  }
  return value;
}

/** One structured log line on stdout (info) or stderr (warn, error), redacted. */
export function logLine(
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error',
  msg: string,
  meta?: object,
): void {
  const line = JSON.stringify({
    level,
    msg: sanitiseMessage(msg),
    ...(meta ? (redact(meta) as object) : {}),
  });
  if (level === 'warn' || level === 'error') console.error(line);
  else console.log(line);
}
