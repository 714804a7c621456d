// Issue 6, defect 3: an admin token whose agency_id named no agency in the registry was a central admin,
// because "central" was read from the absence of a province. Scope now comes from the registry only.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/actor.ts';
import {
  resolveActor,
  type RegisteredAgency,
  type TokenIdentity,
} from '../../../domain/registry/actor-scope.ts';
import {
  administers,
  changeFeedScope,
  isCentralAdmin,
  journalistScope,
  NO_PROVINCE,
} from '../../../domain/registry/permissions.ts';
import { currentVerification } from '../../../domain/registry/verification.ts';

const TODAY = '2026-12-01';
const ministry: RegisteredAgency = {
  id: 'bo-vhttdl',
  level: 'central',
  provinceId: null,
  validFrom: '2025-07-01',
  dissolvedOn: null,
  mergedIntoId: null,
};
const province: RegisteredAgency = {
  ...ministry,
  id: 'quang-tri',
  level: 'province',
  provinceId: 'quang-tri',
};
const admin = (agencyId?: string): TokenIdentity => ({ sub: 'a', name: 'A', roles: ['admin'], agencyId });

function actorOf(identity: TokenIdentity, agency: RegisteredAgency | null): Actor {
  const result = resolveActor(identity, agency, TODAY);
  if (!result.ok) throw new Error(`refused: ${result.code}`);
  return result.actor;
}
const codeOf = (identity: TokenIdentity, agency: RegisteredAgency | null) => {
  const result = resolveActor(identity, agency, TODAY);
  return result.ok ? 'ok' : result.code;
};

describe('resolveActor', () => {
  it('refuses an agency the registry does not have, or has under another id', () => {
    expect(codeOf(admin('no-such-agency'), null)).toBe('unknown_agency');
    expect(codeOf(admin('no-such-agency'), ministry)).toBe('unknown_agency');
  });

  it('refuses agency roles without an agency, and lets journalists in without one', () => {
    expect(codeOf(admin(), null)).toBe('agency_required');
    for (const role of ['agency_staff', 'spokesperson', 'agency_head', 'supervisor'] as const)
      expect(codeOf({ sub: 's', name: 'S', roles: [role] }, null)).toBe('agency_required');
    expect(codeOf({ sub: 'j', name: 'J', roles: ['journalist', 'admin'] }, null)).toBe('agency_required');
    expect(actorOf({ sub: 'j', name: 'J', roles: ['journalist'] }, null)).toEqual({
      sub: 'j',
      name: 'J',
      roles: ['journalist'],
    });
  });

  it('refuses dissolved and merged agencies from the day of the change, not before', () => {
    const merged = { ...province, dissolvedOn: '2026-12-01', mergedIntoId: 'hue' };
    expect(codeOf(admin('quang-tri'), merged)).toBe('agency_dissolved');
    expect(codeOf(admin('quang-tri'), { ...merged, dissolvedOn: '2026-12-02' })).toBe('ok');
    expect(codeOf(admin('quang-tri'), { ...province, mergedIntoId: 'hue' })).toBe('agency_dissolved');
    expect(codeOf(admin('quang-tri'), { ...province, validFrom: '2026-12-02' })).toBe('unknown_agency');
  });

  it('refuses a provincial agency that the registry gives no province', () => {
    expect(codeOf(admin('quang-tri'), { ...province, provinceId: null })).toBe('agency_without_province');
  });

  it('copies province and level from the registry', () => {
    expect(actorOf(admin('quang-tri'), province)).toMatchObject({
      provinceId: 'quang-tri',
      agencyLevel: 'province',
    });
    const central = actorOf(admin('bo-vhttdl'), ministry);
    expect(central).toMatchObject({ agencyLevel: 'central' });
    expect(central.provinceId).toBeUndefined();
  });
});

describe('central administrators', () => {
  const hue = { id: 'hue-so-yte', provinceId: 'hue' };
  it('are administrators of a central agency without province, and nobody else', () => {
    const central = actorOf(admin('bo-vhttdl'), ministry);
    const provincial = actorOf(admin('quang-tri'), province);
    expect(isCentralAdmin(central)).toBe(true);
    expect(isCentralAdmin(provincial)).toBe(false);
    // Hand-built actors without registry facts (as a forged token used to produce) are not central.
    expect(isCentralAdmin({ sub: 'x', name: 'x', roles: ['admin'] })).toBe(false);
    expect(isCentralAdmin({ sub: 'x', name: 'x', roles: ['admin'], agencyId: 'no-such-agency' })).toBe(false);
    expect(isCentralAdmin({ ...central, roles: ['supervisor'] })).toBe(false);
    expect(
      isCentralAdmin({ ...central, provinceId: 'quang-tri' }),
      'a central-level agency located in a province is that province',
    ).toBe(false);
    expect(administers(central, hue)).toBe(true);
    expect(administers(provincial, hue)).toBe(false);
    expect(administers({ sub: 'x', name: 'x', roles: ['admin'] }, hue)).toBe(false);
    expect(administers({ sub: 'x', name: 'x', roles: ['admin'] }, { id: 'c', provinceId: null })).toBe(false);
  });

  it('alone read the national change feed and every journalist', () => {
    const central = actorOf(admin('bo-vhttdl'), ministry);
    expect(changeFeedScope(central)).toBeUndefined();
    expect(changeFeedScope(actorOf(admin('quang-tri'), province))).toBe('quang-tri');
    expect(changeFeedScope({ sub: 'x', name: 'x', roles: ['admin'] })).toBe(NO_PROVINCE);
    const centralSupervisor = actorOf(
      { sub: 's', name: 'S', roles: ['supervisor'], agencyId: 'bo-vhttdl' },
      ministry,
    );
    expect(changeFeedScope(centralSupervisor)).toBe(NO_PROVINCE);

    expect(journalistScope(central)).toEqual({ kind: 'all' });
    expect(journalistScope(actorOf(admin('quang-tri'), province))).toEqual({
      kind: 'province',
      provinceId: 'quang-tri',
    });
    expect(journalistScope(centralSupervisor)).toEqual({ kind: 'none' });
    expect(journalistScope({ sub: 'x', name: 'x', roles: ['admin'] })).toEqual({ kind: 'none' });
    expect(journalistScope({ sub: 'j', name: 'J', roles: ['journalist'], provinceId: 'quang-tri' })).toEqual({
      kind: 'none',
    });
  });
});

describe('currentVerification', () => {
  it('is the latest record, by time and then by insertion', () => {
    expect(currentVerification([])).toBeNull();
    const records = [
      { id: 1, verifiedAt: 100 },
      { id: 3, verifiedAt: 200 },
      { id: 2, verifiedAt: 200 },
      { id: 4, verifiedAt: 150 },
    ];
    expect(currentVerification(records)).toEqual({ id: 3, verifiedAt: 200 });
  });
});
