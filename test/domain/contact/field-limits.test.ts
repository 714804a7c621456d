/**
 * The widgets' action forms and the API's action schemas share one table of limits
 * (`domain/contact/field-limits.ts`). For every action of every kind, each text field the widget lists is
 * parsed with the action's schema — the API's own path — at exactly the widget's limit (accepted) and one
 * past it (refused), and the widget's own check agrees; so the two cannot drift apart again.
 */
import { describe, expect, it } from 'vitest';
import { CONTACT_KIND_DEFINITIONS, IMPLEMENTED_KINDS } from '../../../domain/contact/kinds.ts';
import { EXTENSION_LIMITS } from '../../../domain/contact/supervision.ts';
import { parseActionInput } from '../../../domain/contact/machine.ts';
import { DECLINE_GROUNDS } from '../../../domain/vocabulary.ts';
import { ACTION_FIELDS, fieldError, type FieldSpec } from '../../../widgets/contact/field-specs.ts';
import type { ContactAction } from '../../../widgets/internal/types.ts';

const isText = (spec: FieldSpec) => spec.kind === 'textarea' || spec.kind === 'input';

/** A valid value for a field that is not text (the registry facts are the action context's, not the input's). */
function otherValue(spec: FieldSpec): unknown {
  switch (spec.name) {
    case 'slot':
      return 0;
    case 'slots':
      return [{ start: '2030-03-05T09:00:00+07:00', end: '2030-03-05T10:00:00+07:00' }];
    case 'hostId':
      return 'sp-1';
    case 'assigneeSub':
      return 'officer-1';
    case 'toAgencyId':
      return 'agency-b';
    case 'clock':
      return 'answer';
    case 'ground':
      return DECLINE_GROUNDS[0];
    case 'held':
      return true;
    case 'amount':
      return { unit: 'working_days', amount: 1 };
    default:
      throw new Error(`No test value for field '${spec.name}'.`);
  }
}

/** The body the widget would send for `values` (the form's `amount` travels as `span`). */
function body(values: Record<string, unknown>): Record<string, unknown> {
  const { amount, ...rest } = values;
  return amount === undefined ? rest : { ...rest, span: amount };
}

/** The smallest body the widget could send: every required field, text at its shortest. */
function minimal(action: ContactAction): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const spec of ACTION_FIELDS[action]) {
    if (!spec.required) continue;
    values[spec.name] = isText(spec) ? 'a'.repeat(spec.min ?? 1) : otherValue(spec);
  }
  return values;
}

const cases = IMPLEMENTED_KINDS.flatMap((kind) =>
  Object.keys(CONTACT_KIND_DEFINITIONS[kind].actions).map((action) => ({
    kind,
    action: action as ContactAction,
  })),
);

describe('widget action fields and API action schemas share their limits', () => {
  it('the widget has a form for every action of every kind', () => {
    for (const { action } of cases) expect(ACTION_FIELDS[action], action).toBeDefined();
  });

  describe.each(cases)('$kind $action', ({ kind, action }) => {
    const definition = CONTACT_KIND_DEFINITIONS[kind];
    const accepts = (values: Record<string, unknown>) => {
      try {
        parseActionInput(definition, action, body(values));
        return true;
      } catch {
        return false;
      }
    };
    const base = minimal(action);

    it('takes the smallest body the widget sends', () => {
      expect(accepts(base)).toBe(true);
    });

    for (const spec of ACTION_FIELDS[action].filter(isText)) {
      it(`${spec.name}: ${spec.max} characters are accepted, ${spec.max + 1} refused, by both`, () => {
        const atMax = 'a'.repeat(spec.max);
        const over = 'a'.repeat(spec.max + 1);
        expect(accepts({ ...base, [spec.name]: atMax })).toBe(true);
        expect(accepts({ ...base, [spec.name]: over })).toBe(false);
        expect(fieldError(spec, atMax)).toBeUndefined();
        expect(fieldError(spec, over)).toBe('tooLong');
      });

      if (spec.kind === 'textarea')
        it(`${spec.name}: a line break the form sends as CRLF counts once on both sides`, () => {
          const value = `${'a'.repeat(spec.max - 2)}\r\na`;
          expect(fieldError(spec, value)).toBeUndefined();
          expect(accepts({ ...base, [spec.name]: value })).toBe(true);
        });

      it(`${spec.name}: ${spec.required ? 'required' : 'optional'}${spec.min ? `, at least ${spec.min}` : ''}, as the API says`, () => {
        const { [spec.name]: _left, ...without } = base;
        expect(accepts(without)).toBe(!spec.required);
        const min = spec.min ?? 1;
        expect(accepts({ ...base, [spec.name]: 'a'.repeat(min) })).toBe(true);
        if (min > 1) {
          const short = 'a'.repeat(min - 1);
          expect(accepts({ ...base, [spec.name]: short })).toBe(false);
          expect(fieldError(spec, short)).toBe('invalid');
        }
      });
    }

    const files = ACTION_FIELDS[action].find((f) => f.kind === 'files');
    if (files)
      it(`${files.name}: up to ${files.max} files, optional, as the API says`, () => {
        const ids = (n: number) => Array.from({ length: n }, (_, i) => `att-${i}`);
        expect(accepts(base)).toBe(true);
        expect(accepts({ ...base, [files.name]: ids(files.max) })).toBe(true);
        expect(accepts({ ...base, [files.name]: ids(files.max + 1) })).toBe(false);
      });

    const amount = ACTION_FIELDS[action].find((f) => f.kind === 'number');
    if (amount)
      it(`${amount.name}: ${amount.min}–${amount.max} working days, as the API says`, () => {
        expect(amount.max).toBe(EXTENSION_LIMITS.working_days);
        const span = (n: number) => ({ unit: 'working_days', amount: n });
        expect(accepts({ ...base, amount: span(amount.max) })).toBe(true);
        expect(accepts({ ...base, amount: span(amount.max + 1) })).toBe(false);
        expect(accepts({ ...base, amount: span((amount.min ?? 1) - 1) })).toBe(false);
        expect(fieldError(amount, String(amount.max))).toBeUndefined();
        expect(fieldError(amount, String(amount.max + 1))).toBe('range');
      });
  });
});
