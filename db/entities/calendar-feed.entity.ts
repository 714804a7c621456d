/**
 * @module
 * A person's private calendar subscription: a secret URL that a calendar application polls without a bearer
 * token. Only the token's SHA-256 is stored; revoking sets `revokedAt`, and a new feed replaces the old one.
 */
import { defineEntity, p } from '@mikro-orm/core';

export const CalendarFeed = defineEntity({
  name: 'CalendarFeed',
  tableName: 'calendar_feed',
  properties: {
    id: p.integer().primary().autoincrement(),
    sub: p.string().length(200).index(),
    /** Hex SHA-256 of the secret token in the URL. */
    tokenHash: p.string().length(64).unique(),
    /** The person as the API knew them when the feed was made (roles, agency, province): the feed's scope. */
    actor: p.json(),
    createdAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
  },
});
