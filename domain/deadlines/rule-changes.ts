/**
 * @module
 * What an administrator may change in a scope's deadline rules (a province's, or the national default):
 * the future, never the past. A rule that has already been in force (its `effectiveFrom` before today) stays
 * as it was, except that it may be ended — `effectiveTo` set to yesterday or later — so a new rule can take
 * over from today. New rules start today or later. Within a scope, two rules for the same kind and clock may
 * not be in force on the same day. Contacts keep the rule they opened under whatever changes here; this
 * keeps the record of which rule was in force on which day true for statistics and appeals.
 */
import { addDays, compareLocalDates, type LocalDate } from '../calendar/index.ts';
import { InvalidInputError } from '../errors.ts';
import type { DeadlineRule } from './rules.ts';

type Issue = { path: string; message: string; messageEn: string };

/** The rule without its end: what may not change once it has been in force. */
const frozenPart = ({ effectiveTo: _end, ...rest }: DeadlineRule) => JSON.stringify(sorted(rest));
const sorted = (value: unknown): unknown =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, v]) => [k, sorted(v)]),
      )
    : value;

const sameStart = (a: DeadlineRule, b: DeadlineRule) =>
  a.kind === b.kind && a.clock === b.clock && a.effectiveFrom === b.effectiveFrom;

/** Problems with replacing `before` by `after` on local day `today` (empty when the change is allowed). */
export function ruleChangeIssues(
  before: readonly DeadlineRule[],
  after: readonly DeadlineRule[],
  today: LocalDate,
): { code: 'rule_rewrites_past' | 'overlapping_rules' | 'invalid_input'; issues: Issue[] } | undefined {
  const yesterday = addDays(today, -1);
  const past: Issue[] = [];
  const kept = new Set<number>();
  for (const old of before.filter((r) => compareLocalDates(r.effectiveFrom, today) < 0)) {
    const index = after.findIndex((r) => sameStart(r, old));
    const label = `${old.kind}/${old.clock} từ ${old.effectiveFrom}`;
    const labelEn = `${old.kind}/${old.clock} from ${old.effectiveFrom}`;
    const next = after[index];
    if (!next) {
      past.push({
        path: 'items',
        message: `Quy định ${label} đã được áp dụng: chỉ có thể kết thúc (effectiveTo), không xoá.`,
        messageEn: `The rule ${labelEn} has been in force: it may be ended (effectiveTo), not removed.`,
      });
      continue;
    }
    kept.add(index);
    if (frozenPart(next) !== frozenPart(old))
      past.push({
        path: `items.${index}`,
        message: `Quy định ${label} đã được áp dụng: không sửa được; hãy kết thúc nó và thêm quy định mới từ hôm nay.`,
        messageEn: `The rule ${labelEn} has been in force: end it and add a new rule from today instead of editing it.`,
      });
    const ended = old.effectiveTo !== undefined && compareLocalDates(old.effectiveTo, today) < 0;
    const endMoved = ended
      ? next.effectiveTo !== old.effectiveTo
      : next.effectiveTo !== undefined && compareLocalDates(next.effectiveTo, yesterday) < 0;
    if (endMoved)
      past.push({
        path: `items.${index}.effectiveTo`,
        message: `Ngày kết thúc của quy định ${label} không được sớm hơn ${yesterday} (những ngày đã qua giữ nguyên quy định).`,
        messageEn: `The rule ${labelEn} may end no earlier than ${yesterday}: days already past keep their rule.`,
      });
  }
  after.forEach((rule, index) => {
    if (!kept.has(index) && compareLocalDates(rule.effectiveFrom, today) < 0)
      past.push({
        path: `items.${index}.effectiveFrom`,
        message: `Quy định mới chỉ áp dụng từ hôm nay (${today}) trở đi.`,
        messageEn: `A new rule applies from today (${today}) on.`,
      });
  });
  if (past.length) return { code: 'rule_rewrites_past', issues: past };

  const badRange = after.flatMap((r, index) =>
    r.effectiveTo !== undefined && compareLocalDates(r.effectiveTo, r.effectiveFrom) < 0
      ? [
          {
            path: `items.${index}.effectiveTo`,
            message: 'Ngày kết thúc không được trước ngày bắt đầu.',
            messageEn: 'The end may not come before the start.',
          },
        ]
      : [],
  );
  if (badRange.length) return { code: 'invalid_input', issues: badRange };

  const overlaps: Issue[] = [];
  after.forEach((a, i) => {
    after.forEach((b, j) => {
      if (j <= i || a.kind !== b.kind || a.clock !== b.clock) return;
      const aEndsBeforeB =
        a.effectiveTo !== undefined && compareLocalDates(a.effectiveTo, b.effectiveFrom) < 0;
      const bEndsBeforeA =
        b.effectiveTo !== undefined && compareLocalDates(b.effectiveTo, a.effectiveFrom) < 0;
      if (!aEndsBeforeB && !bEndsBeforeA)
        overlaps.push({
          path: `items.${j}.effectiveFrom`,
          message: `Hai quy định cho ${a.kind}/${a.clock} cùng có hiệu lực một ngày (mục ${i + 1} và ${j + 1}).`,
          messageEn: `Two rules for ${a.kind}/${a.clock} are in force on the same day (items ${i + 1} and ${j + 1}).`,
        });
    });
  });
  if (overlaps.length) return { code: 'overlapping_rules', issues: overlaps };
  return undefined;
}

/** Throws a 422 naming each problem when replacing `before` by `after` would not be allowed. */
export function assertRuleChange(
  before: readonly DeadlineRule[],
  after: readonly DeadlineRule[],
  today: LocalDate,
): void {
  const problem = ruleChangeIssues(before, after, today);
  if (!problem) return;
  const first = problem.issues[0]!;
  throw new InvalidInputError(problem.code, first.message, {
    issues: problem.issues,
    detailEn: first.messageEn,
  });
}
