/**
 * @module
 * The Press Liaison widget bundle: importing it defines every `pl-` element. Host pages add one
 * `<script type="module" src="…/press-liaison.js"></script>` and the elements they need; nothing else.
 *
 * Every element is defined on demand: the entry itself holds only their names and the loader, and each
 * element's code lives in chunks next to the bundle (`chunks/*.js`, fetched relative to it from the same
 * server, so a page's CSP that admits the bundle admits them), loaded when the page first shows one of its
 * elements — at once for those in view when the bundle runs, later for one in a hidden panel or a closed
 * `<details>` (when it is shown), and for those a widget shows inside itself (`pl-contact` beside a list, the
 * slot picker of an appointment). So a page loads the code of what it shows, and no more.
 * `customElements.whenDefined(tag)` resolves once an element is defined; {@link loadElement} loads one
 * explicitly (needed only for tags created inside a host's own shadow DOM, which the bundle cannot observe).
 *
 * The element classes are exported as types only, since a value export would load them with the entry; get
 * the class itself from `await loadElement(tag)` or `customElements.whenDefined(tag)`.
 *
 * @example
 * ```html
 * <pl-inbox api-base="https://press.example.gov.vn/api/v1"></pl-inbox>
 * <script type="module">
 *   await customElements.whenDefined('pl-inbox');
 *   document.querySelector('pl-inbox').tokenProvider = () => fetch('/ioffice/pl-token').then((r) => r.text());
 * </script>
 * ```
 */
// Not an element: the code every element shares (Lit, the base element, the Vietnamese messages). Imported here
// so the browser fetches it beside the entry instead of after the first element's chunk.
import './internal/base-element.ts';
import { defineLazy } from './internal/lazy.ts';

export type { PlAgencyStats } from './agency-stats/agency-stats.ts';
export type { PlCalendarAdmin } from './calendar-admin/calendar-admin.ts';
export type { PlContact } from './contact/contact.ts';
export type { PlDifficultyForm } from './difficulty-form/difficulty-form.ts';
export { PlActionCompletedEvent } from './events/action-completed.ts';
export { PlContactCreatedEvent } from './events/contact-created.ts';
export { PlContactSelectEvent } from './events/contact-select.ts';
export { PlImportFinishedEvent } from './events/import-finished.ts';
export { PlNotificationOpenEvent, type OpenedNotification } from './events/notification-open.ts';
export { PlSpokespersonChangedEvent, type SpokespersonChange } from './events/spokesperson-changed.ts';
export type { PlInbox } from './inbox/inbox.ts';
export { ApiProblem, type TokenProvider } from './internal/api-client.ts';
export { loadElement } from './internal/lazy.ts';
export type { PlMyContacts } from './my-contacts/my-contacts.ts';
export type { PlNotifications } from './notifications/notifications.ts';
export type { PlRegistryAdmin } from './registry-admin/registry-admin.ts';
export type { PlReports } from './reports/reports.ts';
export type { PlRequestForm } from './request-form/request-form.ts';
export type { PlRulesAdmin } from './rules-admin/rules-admin.ts';
export type { PlResidentReporters } from './resident-reporters/resident-reporters.ts';
export type { PlSlotPicker } from './slot-picker/slot-picker.ts';
export type { PlSpokespersonDirectory } from './spokesperson-directory/spokesperson-directory.ts';
export type { PlSupervisorBoard } from './supervisor-board/supervisor-board.ts';
export type { PlWalkInForm } from './walk-in-form/walk-in-form.ts';

/**
 * Set by the build (`scripts/build-widgets.ts`): for each element, the chunks its own chunk imports, relative to
 * this file, so they are fetched beside it rather than after it.
 */
declare const PL_ELEMENT_PRELOADS: Readonly<Record<string, readonly string[]>>;

// Each import() becomes a chunk of its own; the build finds them by these module paths (`pl-x` is `x/x.ts`).
defineLazy(
  {
    'pl-request-form': () => import('./request-form/request-form.ts').then((m) => m.PlRequestForm),
    'pl-my-contacts': () => import('./my-contacts/my-contacts.ts').then((m) => m.PlMyContacts),
    'pl-spokesperson-directory': () =>
      import('./spokesperson-directory/spokesperson-directory.ts').then((m) => m.PlSpokespersonDirectory),
    'pl-inbox': () => import('./inbox/inbox.ts').then((m) => m.PlInbox),
    'pl-contact': () => import('./contact/contact.ts').then((m) => m.PlContact),
    'pl-slot-picker': () => import('./slot-picker/slot-picker.ts').then((m) => m.PlSlotPicker),
    'pl-resident-reporters': () =>
      import('./resident-reporters/resident-reporters.ts').then((m) => m.PlResidentReporters),
    'pl-registry-admin': () => import('./registry-admin/registry-admin.ts').then((m) => m.PlRegistryAdmin),
    'pl-supervisor-board': () =>
      import('./supervisor-board/supervisor-board.ts').then((m) => m.PlSupervisorBoard),
    'pl-agency-stats': () => import('./agency-stats/agency-stats.ts').then((m) => m.PlAgencyStats),
    'pl-reports': () => import('./reports/reports.ts').then((m) => m.PlReports),
    'pl-walk-in-form': () => import('./walk-in-form/walk-in-form.ts').then((m) => m.PlWalkInForm),
    'pl-difficulty-form': () =>
      import('./difficulty-form/difficulty-form.ts').then((m) => m.PlDifficultyForm),
    'pl-notifications': () => import('./notifications/notifications.ts').then((m) => m.PlNotifications),
    'pl-rules-admin': () => import('./rules-admin/rules-admin.ts').then((m) => m.PlRulesAdmin),
    'pl-calendar-admin': () => import('./calendar-admin/calendar-admin.ts').then((m) => m.PlCalendarAdmin),
  },
  { preloads: PL_ELEMENT_PRELOADS, base: import.meta.url },
);
