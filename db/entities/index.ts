/** @module Every entity, for the ORM configuration. */
import { Agency } from './agency.entity.ts';
import { Contact, NotificationRow, TimelineEntryRow } from './contact.entity.ts';
import { Journalist, ResidentRegistration } from './journalist.entity.ts';
import { Membership } from './membership.entity.ts';
import { CalendarYearRow, DeadlineRuleRow } from './settings.entity.ts';

export {
  Agency,
  CalendarYearRow,
  Contact,
  DeadlineRuleRow,
  Journalist,
  Membership,
  NotificationRow,
  ResidentRegistration,
  TimelineEntryRow,
};
export const ENTITIES = [
  Agency,
  Membership,
  Journalist,
  ResidentRegistration,
  Contact,
  TimelineEntryRow,
  NotificationRow,
  DeadlineRuleRow,
  CalendarYearRow,
];
