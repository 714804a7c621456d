/** @module Every entity, for the ORM configuration. */
import { Agency } from './agency.entity.ts';
import { ImportJob } from './import-job.entity.ts';
import { Contact, NotificationRow, TimelineEntryRow } from './contact.entity.ts';
import { Journalist, JournalistVerification, ResidentRegistration } from './journalist.entity.ts';
import { Membership } from './membership.entity.ts';
import { AgencyVersion, PressOrganisation, RepresentativeOffice } from './press.entity.ts';
import { CalendarYearRow, DeadlineRuleRow } from './settings.entity.ts';
import {
  Spokesperson,
  SpokespersonChange,
  SpokespersonConfirmation,
  WebhookSubscription,
} from './spokesperson.entity.ts';

export {
  Agency,
  AgencyVersion,
  ImportJob,
  CalendarYearRow,
  Contact,
  DeadlineRuleRow,
  Journalist,
  JournalistVerification,
  Membership,
  NotificationRow,
  PressOrganisation,
  RepresentativeOffice,
  ResidentRegistration,
  Spokesperson,
  SpokespersonChange,
  SpokespersonConfirmation,
  TimelineEntryRow,
  WebhookSubscription,
};
export const ENTITIES = [
  Agency,
  AgencyVersion,
  Membership,
  Journalist,
  ResidentRegistration,
  JournalistVerification,
  PressOrganisation,
  RepresentativeOffice,
  Contact,
  TimelineEntryRow,
  NotificationRow,
  DeadlineRuleRow,
  CalendarYearRow,
  Spokesperson,
  SpokespersonChange,
  SpokespersonConfirmation,
  WebhookSubscription,
  ImportJob,
];
