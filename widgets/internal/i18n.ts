/**
 * @module
 * Localisation: which language a widget speaks (the closest `lang` attribute, else `<html lang>`, Vietnamese by
 * default, English for `en*`), the message catalogues, dates in Asia/Ho_Chi_Minh, and turning API problems into
 * sentences a person understands.
 *
 * The Vietnamese catalogue comes with the widgets; the English one is a chunk of its own, fetched the first time
 * a widget is shown in English ({@link loadMessages}): most pages never switch, and it is a fifth of the code
 * every page would otherwise load.
 */
import type { DeclineGround } from '../../domain/vocabulary.ts';
import { toProblem } from './api-client.ts';
import { vi, type Messages } from './messages-vi.ts';

export type { Messages };
export type Locale = 'vi' | 'en';

const catalogues: { vi: Messages; en?: Messages } = { vi };
let english: Promise<void> | undefined;

/** The catalogue of `locale`, if it has been loaded (Vietnamese always has). */
export function messagesFor(locale: Locale): Messages | undefined {
  return catalogues[locale];
}

/** Loads the catalogue of `locale`; a failed load is tried again on the next call. */
export function loadMessages(locale: Locale): Promise<void> {
  if (catalogues[locale]) return Promise.resolve();
  english ??= import('./messages-en.ts').then(
    (m) => {
      catalogues.en = m.en;
    },
    (error: unknown) => {
      english = undefined;
      throw error;
    },
  );
  return english;
}

/** BCP 47 tag → catalogue: `en`, `en-GB`, `en-us` → `en`; everything else (including `vi-VN` and empty) → `vi`. */
export function normaliseLang(lang: string | null | undefined): Locale {
  return lang?.trim().toLowerCase().startsWith('en') ? 'en' : 'vi';
}

/** The language in force for `element`: its closest `lang`, looking through shadow roots to the document. */
export function resolveLocale(element: Element): Locale {
  let node: Element | null = element;
  while (node) {
    const found = node.closest('[lang]');
    if (found) return normaliseLang(found.getAttribute('lang'));
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return normaliseLang(document.documentElement.lang);
}

const langListeners = new Set<() => void>();
let langObserver: MutationObserver | undefined;

/**
 * Calls `listener` whenever any `lang` attribute in the document changes (pages that switch language in JS).
 * One observer serves every widget on the page. Returns the function that stops listening.
 */
export function observeLang(listener: () => void): () => void {
  langListeners.add(listener);
  if (!langObserver) {
    langObserver = new MutationObserver(() => {
      for (const l of langListeners) l();
    });
    langObserver.observe(document, { subtree: true, attributes: true, attributeFilter: ['lang'] });
  }
  return () => {
    langListeners.delete(listener);
    if (langListeners.size === 0) {
      langObserver?.disconnect();
      langObserver = undefined;
    }
  };
}

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: Locale, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}${withTime ? 't' : 'd'}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'vi-VN', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
      timeZone: TIME_ZONE,
    });
    formats.set(key, f);
  }
  return f;
}

/** `14:30 27/04/2026` (vi) or `27/04/2026, 14:30` (en), always in Vietnam time: deadlines are legal dates. */
export function formatDateTime(epochMs: number, locale: Locale): string {
  return format(locale, true).format(epochMs);
}

const slotFormats = new Map<Locale, [Intl.DateTimeFormat, Intl.DateTimeFormat]>();

/** A meeting time: `Thứ Hai, 07/12/2026, 09:00–10:00` (Vietnam time; the weekday matters for meetings). */
export function formatSlot(slot: { start: number; end: number }, locale: Locale): string {
  let f = slotFormats.get(locale);
  if (!f) {
    const tag = locale === 'en' ? 'en-GB' : 'vi-VN';
    const opts = { timeZone: TIME_ZONE } as const;
    f = [
      new Intl.DateTimeFormat(tag, {
        ...opts,
        weekday: 'long',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      }),
      new Intl.DateTimeFormat(tag, { ...opts, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    ];
    slotFormats.set(locale, f);
  }
  return `${f[0].format(slot.start)}, ${f[1].format(slot.start)}–${f[1].format(slot.end)}`;
}

/** `27/04/2026` in Vietnam time. */
export function formatDate(epochMs: number, locale: Locale): string {
  return format(locale, false).format(epochMs);
}

/** Press Law 2016 Art. 38(2) a–d, in the law's own Vietnamese wording (shown in every language). */
export const GROUND_LABELS: Record<DeclineGround, string> = {
  secret: 'Điểm a: Thông tin thuộc bí mật nhà nước, bí mật đời tư và bí mật khác theo quy định của pháp luật',
  under_investigation: 'Điểm b: Thông tin về vụ án đang được điều tra hoặc chưa xét xử',
  unresolved_inspection_or_complaint:
    'Điểm c: Vụ việc đang thanh tra chưa có kết luận; đang giải quyết khiếu nại, tố cáo; tranh chấp, mâu thuẫn giữa các cơ quan nhà nước chưa có kết luận chính thức',
  unpublished_draft_policy: 'Điểm d: Văn bản chính sách, đề án đang soạn thảo mà chưa được phép công bố',
};

/** Codes for which the server's own `detail` is the most useful thing to show (eligibility rules). */
const DETAIL_CODES = ['resident_reporter_required', 'journalist_not_registered', 'press_card_expired'];

/** A sentence for any error thrown by the API client, in the widget's language. Never raw JSON. */
export function describeProblem(error: unknown, t: Messages): string {
  const p = toProblem(error);
  if (p.code === 'network_error') return t.error.network;
  if (DETAIL_CODES.includes(p.code) && p.detail) return (t !== vi && p.detailEn) || p.detail;
  if (p.code === 'idempotency_key_reused') return t.error.keyReused;
  switch (p.status) {
    case 401:
      return t.error.unauthorized;
    case 403:
      return t.error.forbidden;
    case 404:
      return t.error.notFound;
    case 409:
      return t.error.conflict;
    case 413:
      return t.error.tooLarge;
    case 400:
    case 422:
      return t.error.invalid;
    case 502:
    case 503:
    case 504:
      return t.error.busy;
    default:
      return t.error.generic;
  }
}

/** Whether the person should be told to propose a work appointment instead of an online request. */
export function suggestsAppointment(error: unknown): boolean {
  const p = toProblem(error);
  return p.status === 403 && DETAIL_CODES.includes(p.code);
}
