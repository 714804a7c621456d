/**
 * @module
 * The API's refusals of a form's fields (`issues` of a 422, or of a refusal naming a field), placed beside the
 * fields they name. Each creation form says which of its fields an issue's path names; the rest is shared.
 */

/** One of a problem's `issues` (`ProblemIssue` of the API client; said here so this module stands alone). */
interface Issue {
  path: string;
  message: string;
  messageEn?: string | undefined;
}

/** The API's own sentence about a field: in both languages when the domain words it, else English only. */
export interface ServerFieldError {
  kind: 'server';
  message: string;
  messageEn: string | undefined;
}

/** The whole path first (`journalist.fullName`), then its first part (`relatedContactIds.2` names the list). */
function fieldOfPath<F extends string>(path: string, fields: Readonly<Record<string, F>>): F | undefined {
  const named = [path, path.split('.')[0] ?? ''].find((p) => Object.hasOwn(fields, p));
  return named === undefined ? undefined : fields[named];
}

/**
 * The first issue naming each field of the form, as that field's error; `fields` maps an issue's path (or its
 * first part) to the form's field. Issues naming no field of the form are left to the form's problem box.
 */
export function serverFieldErrors<F extends string>(
  issues: readonly Issue[],
  fields: Readonly<Record<string, F>>,
): Partial<Record<F, ServerFieldError>> {
  const errors: Partial<Record<F, ServerFieldError>> = {};
  for (const issue of issues) {
    const field = fieldOfPath(issue.path, fields);
    if (field && !errors[field])
      errors[field] = { kind: 'server', message: issue.message, messageEn: issue.messageEn };
  }
  return errors;
}

/** The map `serverFieldErrors` takes when the form's fields are named as the API names them. */
export function sameNames<F extends string>(fields: readonly F[]): Readonly<Record<string, F>> {
  return Object.fromEntries(fields.map((f) => [f, f]));
}

/**
 * The words of a field's refusal in the page's language. The domain words its refusals in both languages
 * (`messageEn` set); a refusal in English only is a schema's, written for developers, so the page says
 * `untranslated` instead, in its own language (each form knows the usual cause for its fields).
 */
export function serverErrorText(e: ServerFieldError, locale: string, untranslated: string): string {
  if (e.messageEn === undefined) return untranslated;
  return locale === 'en' ? e.messageEn : e.message;
}
