/** @module A person's role in an agency, by the identity (`sub`) they log in with. */
import { defineEntity, p } from '@mikro-orm/core';
import { ROLES } from '../../domain/vocabulary.ts';

export const Membership = defineEntity({
  name: 'Membership',
  tableName: 'membership',
  uniques: [{ properties: ['sub', 'agencyId', 'role'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    sub: p.string().length(200).index(),
    name: p.string().length(200),
    title: p.string().length(200).nullable(),
    /** Where e-mail notifications reach the person (issue 11); the same on each of their memberships. */
    email: p.string().length(200).nullable(),
    agencyId: p.string().length(64).index(),
    role: p.enum([...ROLES]),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
