/** @module Every entity, for the ORM configuration. */
import { Agency } from './agency.entity.ts';
import { Attachment, AttachmentContent } from './attachment.entity.ts';
import { DocumentContact, DocumentSequence, IssuedDocument, Letterhead } from './document.entity.ts';
import { JobFile, SupervisionJob } from './supervision-job.entity.ts';
import { ImportJob } from './import-job.entity.ts';
import { CalendarChange } from './calendar-change.entity.ts';
import { CalendarFeed } from './calendar-feed.entity.ts';
import { Contact, ContactClockRow, NotificationRow, TimelineEntryRow } from './contact.entity.ts';
import { Journalist, JournalistVerification, ResidentRegistration } from './journalist.entity.ts';
import { Membership } from './membership.entity.ts';
import { Message } from './message.entity.ts';
import { NotificationRead } from './notification-read.entity.ts';
import {
  NotificationDelivery,
  NotificationDispatch,
  NotificationPreference,
  NotificationWebhook,
} from './notification-delivery.entity.ts';
import { AgencyVersion, PressOrganisation, RepresentativeOffice } from './press.entity.ts';
import { CalendarVersionRow, CalendarYearRow, DeadlineRuleRow } from './settings.entity.ts';
import {
  Spokesperson,
  SpokespersonChange,
  SpokespersonConfirmation,
  WebhookSubscription,
} from './spokesperson.entity.ts';

export {
  Agency,
  Attachment,
  AttachmentContent,
  DocumentContact,
  DocumentSequence,
  IssuedDocument,
  JobFile,
  Letterhead,
  SupervisionJob,
  CalendarChange,
  CalendarFeed,
  ContactClockRow,
  AgencyVersion,
  ImportJob,
  CalendarVersionRow,
  CalendarYearRow,
  Contact,
  DeadlineRuleRow,
  Journalist,
  JournalistVerification,
  Membership,
  Message,
  NotificationDelivery,
  NotificationDispatch,
  NotificationPreference,
  NotificationWebhook,
  NotificationRead,
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
  ContactClockRow,
  TimelineEntryRow,
  NotificationRow,
  CalendarFeed,
  DeadlineRuleRow,
  CalendarYearRow,
  CalendarVersionRow,
  CalendarChange,
  Spokesperson,
  SpokespersonChange,
  SpokespersonConfirmation,
  WebhookSubscription,
  ImportJob,
  Letterhead,
  DocumentSequence,
  IssuedDocument,
  DocumentContact,
  SupervisionJob,
  JobFile,
  Attachment,
  AttachmentContent,
  Message,
  NotificationRead,
  NotificationDispatch,
  NotificationDelivery,
  NotificationPreference,
  NotificationWebhook,
];
