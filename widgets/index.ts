/**
 * @module
 * The Press Liaison widget bundle: importing it defines every `pl-` element. Host pages add one
 * `<script type="module" src="…/press-liaison.js"></script>` and the elements they need; nothing else.
 *
 * The elements every page starts with (the portal's form, lists and directory, the IOffice inbox, the contact
 * and slot picker inside them) are defined at once. The larger ones that only some pages show —
 * `pl-supervisor-board`, `pl-agency-stats`, `pl-reports`, `pl-registry-admin`, `pl-resident-reporters` — are
 * defined on demand: their code lives in chunks next to the bundle (`chunks/*.js`, fetched relative to it from
 * the same server, so a page's CSP that admits the bundle admits them), loaded as soon as the page holds their
 * tag. `customElements.whenDefined(tag)` works the same for both; {@link loadElement} loads one explicitly
 * (needed only for tags created inside a host's own shadow DOM, which the bundle cannot observe).
 *
 * The classes of on-demand elements are exported as types only, since a value export would load them with the
 * bundle; get the class itself from `await loadElement(tag)` or `customElements.whenDefined(tag)`.
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
import { PlContact } from './contact/contact.ts';
import { PlInbox } from './inbox/inbox.ts';
import { define } from './internal/define.ts';
import { defineLazy } from './internal/lazy.ts';
import { PlMyContacts } from './my-contacts/my-contacts.ts';
import { PlRequestForm } from './request-form/request-form.ts';
import { PlSlotPicker } from './slot-picker/slot-picker.ts';
import { PlSpokespersonDirectory } from './spokesperson-directory/spokesperson-directory.ts';

export type { PlAgencyStats } from './agency-stats/agency-stats.ts';
export { PlActionCompletedEvent } from './events/action-completed.ts';
export { PlContactCreatedEvent } from './events/contact-created.ts';
export { PlContactSelectEvent } from './events/contact-select.ts';
export { PlImportFinishedEvent } from './events/import-finished.ts';
export { PlSpokespersonChangedEvent, type SpokespersonChange } from './events/spokesperson-changed.ts';
export { ApiProblem, type TokenProvider } from './internal/api-client.ts';
export { loadElement } from './internal/lazy.ts';
export type { PlRegistryAdmin } from './registry-admin/registry-admin.ts';
export type { PlReports } from './reports/reports.ts';
export type { PlResidentReporters } from './resident-reporters/resident-reporters.ts';
export type { PlSupervisorBoard } from './supervisor-board/supervisor-board.ts';
export { PlContact, PlInbox, PlMyContacts, PlRequestForm, PlSlotPicker, PlSpokespersonDirectory };

define('pl-slot-picker', PlSlotPicker);
define('pl-contact', PlContact);
define('pl-request-form', PlRequestForm);
define('pl-my-contacts', PlMyContacts);
define('pl-inbox', PlInbox);
define('pl-spokesperson-directory', PlSpokespersonDirectory);
// Each import() becomes a chunk of its own; the build's per-page sizes find them by these module paths.
defineLazy({
  'pl-resident-reporters': () =>
    import('./resident-reporters/resident-reporters.ts').then((m) => m.PlResidentReporters),
  'pl-registry-admin': () => import('./registry-admin/registry-admin.ts').then((m) => m.PlRegistryAdmin),
  'pl-supervisor-board': () =>
    import('./supervisor-board/supervisor-board.ts').then((m) => m.PlSupervisorBoard),
  'pl-agency-stats': () => import('./agency-stats/agency-stats.ts').then((m) => m.PlAgencyStats),
  'pl-reports': () => import('./reports/reports.ts').then((m) => m.PlReports),
});
