/**
 * @module
 * Search attributes of contact workflows. Business codes only, never personal data (names, questions and
 * answers stay in the payloads and the database).
 */
import { defineSearchAttributeKey } from '@temporalio/common';

export const contactKindKey = defineSearchAttributeKey('ContactKind', 'KEYWORD');
export const contactStatusKey = defineSearchAttributeKey('ContactStatus', 'KEYWORD');
export const agencyIdKey = defineSearchAttributeKey('AgencyId', 'KEYWORD');
export const dueAtKey = defineSearchAttributeKey('DueAt', 'DATETIME');
export const escalationLevelKey = defineSearchAttributeKey('EscalationLevel', 'INT');
/** `recording_delayed` while the contact's recordings wait for the database; unset when healthy. */
export const contactHealthKey = defineSearchAttributeKey('ContactHealth', 'KEYWORD');

/** `name=Type` pairs for `temporal server start-dev --search-attribute`. */
export const SEARCH_ATTRIBUTE_DEFINITIONS = [
  'ContactKind=Keyword',
  'ContactStatus=Keyword',
  'AgencyId=Keyword',
  'DueAt=Datetime',
  'EscalationLevel=Int',
  'ContactHealth=Keyword',
];

/** The attributes a contact workflow starts with (the API's create and a forward's new contact). */
export function openingSearchAttributes(kind: string, agencyId: string) {
  return [
    { key: contactKindKey, value: kind },
    { key: contactStatusKey, value: 'submitted' },
    { key: agencyIdKey, value: agencyId },
    { key: escalationLevelKey, value: 0 },
  ];
}
