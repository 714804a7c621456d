/**
 * @module
 * Pieces the registry widgets (directory, resident reporters, spokesperson management) render the same way:
 * calendar dates, today's date in Vietnam, role badges, `tel:`/`mailto:` links, province names, and the
 * debounce behind search-as-you-type.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Locale, Messages } from './i18n.ts';
import type { Agency, LocalDate, SpokespersonRoleType } from './types.ts';

/** Spokesperson role types in display order (values only; `domain/` stays out of the bundle). */
export const ROLE_TYPES = [
  'head',
  'spokesperson',
  'authorized',
] as const satisfies readonly SpokespersonRoleType[];

/** `2026-04-27` → `27/04/2026` (both languages write day/month/year). Anything else is shown as it is. */
export function formatLocalDate(date: LocalDate, _locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/** `01/07/2025 – 30/06/2030`, or `từ 01/07/2025` for an open-ended term. */
export function termText(
  p: { termStart: LocalDate; termEnd: LocalDate | null },
  t: Messages,
  locale: Locale,
): string {
  return t.person.termRange(
    formatLocalDate(p.termStart, locale),
    p.termEnd ? formatLocalDate(p.termEnd, locale) : null,
  );
}

const ymd = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Vietnam, `YYYY-MM-DD`: terms and press cards run by the Vietnamese calendar day. */
export function todayInVietnam(now = Date.now()): LocalDate {
  return ymd.format(now);
}

/** The role type as a badge (`part="role"`, `data-role-type` holds the machine value). */
export function roleBadge(roleType: SpokespersonRoleType, t: Messages): TemplateResult {
  return html`<span class="badge role" part="role" data-role-type=${roleType} data-testid="role-type"
    >${t.roleType[roleType] ?? roleType}</span
  >`;
}

/** `tel:` target for a phone number as people write it (`0233 3 852 123`, `(+84) 233.3852.123`). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** Phone and e-mail as `<dt>/<dd>` pairs with `tel:` and `mailto:` links; absent ones are left out. */
export function reachFacts(
  p: { fullName: string; phone?: string | null | undefined; email?: string | null | undefined },
  t: Messages,
): TemplateResult {
  return html`${
    p.phone
      ? html`<div>
          <dt>${t.person.phone}</dt>
          <dd>
            <a
              href=${telHref(p.phone)}
              part="phone"
              data-testid="phone"
              aria-label=${`${t.directory.call(p.fullName)}: ${p.phone}`}
              >${p.phone}</a
            >
          </dd>
        </div>`
      : nothing
  }${
    p.email
      ? html`<div>
          <dt>${t.person.email}</dt>
          <dd>
            <a
              href="mailto:${p.email}"
              part="email"
              data-testid="email"
              aria-label=${`${t.directory.write(p.fullName)}: ${p.email}`}
              >${p.email}</a
            >
          </dd>
        </div>`
      : nothing
  }`;
}

/** Provinces are the provincial People's Committees; the province's id is their `provinceId`. */
export function isProvince(a: Agency): boolean {
  return a.kind === 'provincial_peoples_committee';
}

export function provinceIdOf(a: Agency): string {
  return a.provinceId ?? a.id;
}

/** "UBND tỉnh Quảng Trị" → "Tỉnh Quảng Trị"; "Quang Tri Provincial People's Committee" → "Quang Tri". */
export function provinceLabel(a: Agency, locale: Locale): string {
  if (locale === 'en' && a.nameEn)
    return a.nameEn.replace(/\s*People['’]s Committee$/i, '').replace(/\s+Provincial$/i, '');
  const name = a.name.replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/i, '');
  return name.charAt(0).toLocaleUpperCase('vi') + name.slice(1);
}

const collator = new Intl.Collator('vi');

/** Sorts by a Vietnamese name (`Đ` after `D`, tones after the plain letter). */
export function byName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => collator.compare(name(a), name(b)));
}

/** Calls `run` once typing has paused for `ms`; `cancel` drops a pending call (a submit runs at once). */
export class Debounce {
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #ms: number;

  constructor(ms: number) {
    this.#ms = ms;
  }

  schedule(run: () => void): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(run, this.#ms);
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
