/**
 * @module
 * How an activity's error leaves the worker. Two rules:
 * - **Classified.** A database error whose SQLSTATE says the data itself is wrong (class 22 data exception,
 *   23 integrity violation, 42 syntax or undefined object) can never succeed on retry, so it becomes a
 *   non-retryable `DataError`; connection, lock and resource errors stay retryable; anything else is
 *   retryable within the attempts the workflow allows.
 * - **Sanitised.** A driver error's message holds the whole SQL statement with its parameters — the
 *   journalist's name, the subject, the question. Only the error's kind and SQLSTATE leave the activity: the
 *   failure is stored in the workflow history and printed by the worker's logger, both of which must be free
 *   of personal data.
 */
import { ApplicationFailure } from '@temporalio/common';
import { sanitiseMessage } from '../logging/redact.ts';

/** SQLSTATE classes whose errors no retry can fix. */
const PERMANENT_SQLSTATE_CLASSES = new Set(['22', '23', '42']);
const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The SQLSTATE of a driver error, wherever the driver or the ORM put it. */
export function sqlStateOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const candidate = e as { code?: unknown; sqlState?: unknown; cause?: unknown };
    for (const value of [candidate.sqlState, candidate.code])
      if (typeof value === 'string' && SQLSTATE.test(value)) return value;
    e = candidate.cause;
  }
  return undefined;
}

/** The failure an activity's error becomes; an `ApplicationFailure` it threw on purpose passes unchanged. */
export function toActivityFailure(error: unknown, activity: string): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  const name = error instanceof Error ? error.name : typeof error;
  const state = sqlStateOf(error);
  if (state) {
    const permanent = PERMANENT_SQLSTATE_CLASSES.has(state.slice(0, 2));
    return ApplicationFailure.create({
      type: permanent ? 'DataError' : 'TransientDatabaseError',
      message: `${activity}: the database refused the statement (SQLSTATE ${state}, ${name})`,
      nonRetryable: permanent,
      details: [{ sqlState: state }],
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return ApplicationFailure.create({
    type: name,
    message: `${activity}: ${sanitiseMessage(message)}`,
    nonRetryable: false,
  });
}
