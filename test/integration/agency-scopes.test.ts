// The caller's agency as authorization reads it is kept for a few seconds per API process (the commonest query
// under load): a change made through this process is seen at once, one made elsewhere within the time kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agency } from '../../db/entities/index.ts';
import { AGENCY_SCOPE_TTL_MS, AgencyScopes } from '../../api/services/agency-scopes.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { expectJson, expectProblem, USERS } from '../support/api-helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ withWorker: false });
});
afterAll(async () => h?.close());

describe('AgencyScopes', () => {
  it('answers from what it read until the time is up, then reads the registry again', async () => {
    let clock = 1_000_000;
    const scopes = new AgencyScopes({ now: () => clock });
    expect(await scopes.get(h.orm.em.fork(), 'qt-thue')).toMatchObject({
      id: 'qt-thue',
      provinceId: 'quang-tri',
      dissolvedOn: null,
    });
    // Changed behind the process's back (another API process, an operator's SQL).
    await h.orm.em.fork().nativeUpdate(Agency, { id: 'qt-thue' }, { dissolvedOn: '2026-07-01' });
    try {
      clock += AGENCY_SCOPE_TTL_MS - 1;
      expect((await scopes.get(h.orm.em.fork(), 'qt-thue'))?.dissolvedOn).toBeNull();
      clock += 1;
      expect((await scopes.get(h.orm.em.fork(), 'qt-thue'))?.dissolvedOn).toBe('2026-07-01');
      scopes.forget('qt-thue');
    } finally {
      await h.orm.em.fork().nativeUpdate(Agency, { id: 'qt-thue' }, { dissolvedOn: null });
    }
    expect((await scopes.get(h.orm.em.fork(), 'qt-thue'))?.dissolvedOn).toBeNull();
  });

  it('keeps an agency the registry lacks, and the least recently read leave first when full', async () => {
    const scopes = new AgencyScopes({ maxEntries: 2 });
    expect(await scopes.get(h.orm.em.fork(), 'no-such-agency')).toBeNull();
    await scopes.get(h.orm.em.fork(), 'qt-so-yte');
    await scopes.get(h.orm.em.fork(), 'no-such-agency'); // read again: now the most recent
    await scopes.get(h.orm.em.fork(), 'qt-so-xay-dung'); // full: qt-so-yte leaves
    await h.orm.em.fork().nativeUpdate(Agency, { id: 'qt-so-yte' }, { provinceId: 'hue' });
    try {
      expect((await scopes.get(h.orm.em.fork(), 'qt-so-yte'))?.provinceId).toBe('hue');
    } finally {
      await h.orm.em.fork().nativeUpdate(Agency, { id: 'qt-so-yte' }, { provinceId: 'quang-tri' });
    }
  });
});

describe('sign-ins after a change made through the API', () => {
  it('refuses the staff of a merged agency at once, and admits a new agency’s staff at once', async () => {
    const { token: communeClerk } = await h.issuer.mint({
      sub: 'van-thu-xa-bo-trach',
      name: 'Văn thư xã Bố Trạch',
      roles: ['agency_staff'],
      agencyId: 'qt-xa-bo-trach',
    });
    const asClerk = () =>
      h.app.request('/api/v1/notifications?limit=1', {
        headers: { authorization: `Bearer ${communeClerk}` },
      });
    expect((await asClerk()).status).toBe(200); // read and kept
    await expectJson(
      await h.call('POST', '/agencies/qt-xa-bo-trach/merge', {
        as: USERS.admin,
        body: { intoId: 'qt-phuong-dong-hoi', effectiveFrom: '2026-06-01' },
      }),
      200,
    );
    await expectProblem(await asClerk(), 403, 'agency_dissolved');

    const { token: newClerk } = await h.issuer.mint({
      sub: 'van-thu-so-moi',
      name: 'Văn thư Sở mới',
      roles: ['agency_staff'],
      agencyId: 'qt-so-moi',
    });
    const asNewClerk = () =>
      h.app.request('/api/v1/notifications?limit=1', { headers: { authorization: `Bearer ${newClerk}` } });
    await expectProblem(await asNewClerk(), 403, 'unknown_agency'); // read and kept as missing
    await expectJson(
      await h.call('POST', '/agencies', {
        as: USERS.admin,
        body: {
          id: 'qt-so-moi',
          name: 'Sở Mới tỉnh Quảng Trị',
          level: 'province',
          kind: 'department',
          parentId: 'quang-tri',
          provinceId: 'quang-tri',
        },
      }),
      201,
    );
    expect((await asNewClerk()).status).toBe(200);
  });
});
