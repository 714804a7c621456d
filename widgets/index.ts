/**
 * @module
 * The Press Liaison widget bundle: importing it defines every `pl-` element. Host pages add
 * `<script type="module" src="…/press-liaison.js"></script>` and the elements they need.
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
import { PlAgencyStats } from './agency-stats/agency-stats.ts';
import { PlContact } from './contact/contact.ts';
import { PlInbox } from './inbox/inbox.ts';
import { define } from './internal/define.ts';
import { PlMyContacts } from './my-contacts/my-contacts.ts';
import { PlRegistryAdmin } from './registry-admin/registry-admin.ts';
import { PlReports } from './reports/reports.ts';
import { PlRequestForm } from './request-form/request-form.ts';
import { PlResidentReporters } from './resident-reporters/resident-reporters.ts';
import { PlSlotPicker } from './slot-picker/slot-picker.ts';
import { PlSpokespersonDirectory } from './spokesperson-directory/spokesperson-directory.ts';
import { PlSupervisorBoard } from './supervisor-board/supervisor-board.ts';

export { PlActionCompletedEvent } from './events/action-completed.ts';
export { PlContactCreatedEvent } from './events/contact-created.ts';
export { PlContactSelectEvent } from './events/contact-select.ts';
export { PlImportFinishedEvent } from './events/import-finished.ts';
export { PlSpokespersonChangedEvent, type SpokespersonChange } from './events/spokesperson-changed.ts';
export { ApiProblem, type TokenProvider } from './internal/api-client.ts';
export {
  PlAgencyStats,
  PlContact,
  PlInbox,
  PlMyContacts,
  PlRegistryAdmin,
  PlReports,
  PlRequestForm,
  PlResidentReporters,
  PlSlotPicker,
  PlSpokespersonDirectory,
  PlSupervisorBoard,
};

define('pl-slot-picker', PlSlotPicker);
define('pl-contact', PlContact);
define('pl-request-form', PlRequestForm);
define('pl-my-contacts', PlMyContacts);
define('pl-inbox', PlInbox);
define('pl-spokesperson-directory', PlSpokespersonDirectory);
define('pl-resident-reporters', PlResidentReporters);
define('pl-registry-admin', PlRegistryAdmin);
define('pl-supervisor-board', PlSupervisorBoard);
define('pl-agency-stats', PlAgencyStats);
define('pl-reports', PlReports);
