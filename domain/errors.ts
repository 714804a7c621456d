/**
 * @module
 * Domain errors with a stable `name` and `code`, created through static factories. The API maps them to
 * `application/problem+json` in one place (api/errors.ts); workflow validators rethrow them as
 * non-retryable `ApplicationFailure`s whose `type` is the error's `name`.
 */

export type ErrorDetails = Record<string, unknown>;

export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  readonly code: string;
  readonly details: ErrorDetails;
  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** The current status does not allow this action for this person. Maps to 409. */
export class ActionNotAllowedError extends DomainError {
  override readonly name = 'ActionNotAllowedError';
  static forStatus(action: string, status: string, allowedActions: readonly string[]): ActionNotAllowedError {
    return new ActionNotAllowedError(
      'action_not_allowed',
      `Action '${action}' is not allowed in status '${status}'.`,
      // `contactStatus`, not `status`: in a problem document `status` is the HTTP status code (RFC 9457).
      {
        action,
        contactStatus: status,
        allowedActions: [...allowedActions],
      },
    );
  }
}

/** The action's input is malformed or incomplete. Maps to 422. */
export class InvalidInputError extends DomainError {
  override readonly name = 'InvalidInputError';
  static because(
    message: string,
    issues: readonly { path: string; message: string; messageEn?: string }[] = [],
  ): InvalidInputError {
    return new InvalidInputError('invalid_input', message, { issues: [...issues] });
  }

  /** One field refused for a reason of its own (`code`), in Vietnamese and English. */
  static atField(path: string, code: string, message: string, messageEn: string): InvalidInputError {
    return new InvalidInputError(code, message, {
      issues: [{ path, message, messageEn }],
      detailEn: messageEn,
    });
  }
}

/** The person is known but may not do this. Maps to 403. */
export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
  static because(code: string, message: string, details: ErrorDetails = {}): ForbiddenError {
    return new ForbiddenError(code, message, details);
  }
}

/** The thing does not exist, or the caller may not know that it exists. Maps to 404. */
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  static of(what: string, id: string): NotFoundError {
    return new NotFoundError('not_found', `${what} '${id}' was not found.`, { what, id });
  }
}

/** The thing already exists, or the request conflicts with what was stored. Maps to 409. */
export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
  static alreadyExists(what: string, id: string): ConflictError {
    return new ConflictError('already_exists', `${what} '${id}' already exists.`, { what, id });
  }
  /** `id` names what the key's first request made: a contact, or a supervision job (`idName: 'jobId'`). */
  static idempotencyKeyReused(id: string, idName: 'contactId' | 'jobId' = 'contactId'): ConflictError {
    return new ConflictError(
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request.',
      { [idName]: id },
    );
  }
}

/** Erasable-syntax-friendly guard used by the API and workflows to recognise domain errors by name. */
export const DOMAIN_ERROR_NAMES = [
  'DomainError',
  'ActionNotAllowedError',
  'InvalidInputError',
  'ForbiddenError',
  'NotFoundError',
  'ConflictError',
] as const;
