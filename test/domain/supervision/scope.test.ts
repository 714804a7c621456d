import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/actor.ts';
import { contactScope, maySeeContact, seesAgencySide } from '../../../domain/contact/visibility.ts';
import { oversightScope, overseenProvince, overseesProvince } from '../../../domain/supervision/scope.ts';

const supervisor: Actor = {
  sub: 's',
  name: 'S',
  roles: ['supervisor'],
  agencyId: 'qt-so-vhttdl',
  agencyLevel: 'province',
  provinceId: 'qt',
};
const auditor: Actor = { ...supervisor, sub: 'a', roles: ['auditor'] };
const provinceAdmin: Actor = { ...supervisor, sub: 'p', roles: ['admin'] };
const centralAdmin: Actor = { sub: 'c', name: 'C', roles: ['admin'], agencyId: 'bo', agencyLevel: 'central' };
const centralAuditor: Actor = { ...centralAdmin, sub: 'ca', roles: ['auditor'] };
const centralSupervisor: Actor = { ...centralAdmin, sub: 'cs', roles: ['supervisor'] };
const clerk: Actor = { ...supervisor, sub: 'k', roles: ['agency_staff'], agencyId: 'qt-so-yte' };
const journalist: Actor = { sub: 'j', name: 'J', roles: ['journalist'] };

const inQuangTri = { journalistSub: 'other', agencyId: 'qt-so-xay-dung', provinceId: 'qt' };
const inHue = { journalistSub: 'other', agencyId: 'hue-so-yte', provinceId: 'hue' };

describe('oversightScope', () => {
  it('gives supervisors, auditors and province administrators their own province', () => {
    for (const actor of [supervisor, auditor, provinceAdmin])
      expect(oversightScope(actor)).toEqual({ kind: 'province', provinceId: 'qt' });
  });
  it('gives central administrators and central auditors every province', () => {
    expect(oversightScope(centralAdmin)).toEqual({ kind: 'all' });
    expect(oversightScope(centralAuditor)).toEqual({ kind: 'all' });
  });
  it('gives agency staff, journalists and a provinceless supervisor nothing', () => {
    expect(oversightScope(clerk)).toBeUndefined();
    expect(oversightScope(journalist)).toBeUndefined();
    expect(oversightScope(centralSupervisor)).toBeUndefined();
  });
});

describe('overseenProvince', () => {
  const need = { requireForNational: true };
  const optional = { requireForNational: false };
  it('reads the overseer’s own province, named or not, and refuses another', () => {
    expect(overseenProvince(auditor, undefined, need)).toEqual({ ok: true, provinceId: 'qt' });
    expect(overseenProvince(supervisor, 'qt', need)).toEqual({ ok: true, provinceId: 'qt' });
    expect(overseenProvince(supervisor, 'hue', need)).toEqual({ ok: false, code: 'outside_your_province' });
  });
  it('lets national overseers read any province, and every province only when allowed', () => {
    expect(overseenProvince(centralAuditor, 'hue', need)).toEqual({ ok: true, provinceId: 'hue' });
    expect(overseenProvince(centralAdmin, undefined, need)).toEqual({ ok: false, code: 'province_required' });
    expect(overseenProvince(centralAdmin, undefined, optional)).toEqual({ ok: true, provinceId: undefined });
  });
  it('refuses those who oversee nothing', () => {
    expect(overseenProvince(clerk, 'qt', need)).toEqual({ ok: false, code: 'not_overseer' });
  });
  it('overseesProvince matches the scope', () => {
    expect(overseesProvince(auditor, 'qt')).toBe(true);
    expect(overseesProvince(auditor, 'hue')).toBe(false);
    expect(overseesProvince(auditor, null)).toBe(false);
    expect(overseesProvince(centralAuditor, 'hue')).toBe(true);
  });
});

describe('contact visibility for overseers', () => {
  it('lets a province auditor read the province’s contacts from the agency side, and no other province’s', () => {
    expect(maySeeContact(auditor, inQuangTri)).toBe(true);
    expect(seesAgencySide(auditor, inQuangTri)).toBe(true);
    expect(maySeeContact(auditor, inHue)).toBe(false);
  });
  it('lets national overseers read every province', () => {
    expect(contactScope(centralAuditor).allProvinces).toBe(true);
    expect(maySeeContact(centralAdmin, inHue)).toBe(true);
    expect(seesAgencySide(centralAuditor, inHue)).toBe(true);
  });
  it('keeps province administrators out of contacts (they manage the registry)', () => {
    expect(maySeeContact(provinceAdmin, inQuangTri)).toBe(false);
  });
});
