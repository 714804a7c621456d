// Agencies as a versioned hierarchy: renames, moves and mergers keep history with effective dates, and only
// the province's administrators (or a central one) may make them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.ts';
import { expectJson, expectProblem, USERS } from '../support/api-helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

interface Version {
  validFrom: string;
  validTo: string | null;
  name: string;
  reason: string;
  mergedIntoId: string | null;
}

describe('agency history', () => {
  it('renames from a date and still names the agency as it was before', async () => {
    for (const as of [USERS.clerk, USERS.head, USERS.supervisor, USERS.reporter]) {
      await expectProblem(
        await h.call('PATCH', '/agencies/qt-so-xay-dung', {
          as,
          body: { name: 'x', effectiveFrom: '2026-03-01', reason: 'renamed' },
        }),
        403,
      );
    }
    const renamed = await expectJson<Version>(
      await h.call('PATCH', '/agencies/qt-so-xay-dung', {
        as: USERS.admin,
        body: {
          name: 'Sở Xây dựng và Giao thông tỉnh Quảng Trị',
          effectiveFrom: '2026-03-01',
          reason: 'renamed',
        },
      }),
      200,
    );
    expect(renamed).toMatchObject({ validFrom: '2026-03-01', validTo: null, reason: 'renamed' });
    const history = await expectJson<{ items: Version[]; asOf: Version | null }>(
      await h.call('GET', '/agencies/qt-so-xay-dung/history?asOf=2026-01-15', { as: USERS.clerk }),
      200,
    );
    expect(history.items.map((v) => [v.validFrom, v.validTo, v.reason])).toEqual([
      ['2025-07-01', '2026-03-01', 'created'],
      ['2026-03-01', null, 'renamed'],
    ]);
    expect(history.asOf?.name).toBe('Sở Xây dựng tỉnh Quảng Trị');
    await expectProblem(
      await h.call('PATCH', '/agencies/qt-so-xay-dung', {
        as: USERS.admin,
        body: { name: 'Quá sớm', effectiveFrom: '2026-02-01', reason: 'renamed' },
      }),
      422,
    );
    const dir = await expectJson<{ items: { agency: { name: string } }[] }>(
      await h.call('GET', '/public/spokespersons?q=so%20xay%20dung%20va%20giao%20thong'),
      200,
    );
    expect(dir.items[0]?.agency.name).toBe('Sở Xây dựng và Giao thông tỉnh Quảng Trị');
  });

  it('merges a commune into another and dissolves it', async () => {
    const merged = await expectJson<Version>(
      await h.call('POST', '/agencies/qt-xa-bo-trach/merge', {
        as: USERS.admin,
        body: { intoId: 'qt-phuong-dong-hoi', effectiveFrom: '2026-06-01' },
      }),
      200,
    );
    expect(merged).toMatchObject({ reason: 'merged_into', mergedIntoId: 'qt-phuong-dong-hoi' });
    const agencies = await expectJson<{ items: { id: string }[] }>(
      await h.call('GET', '/public/agencies?provinceId=quang-tri'),
      200,
    );
    expect(agencies.items.map((a) => a.id)).not.toContain('qt-xa-bo-trach');
    await expectProblem(
      await h.call('POST', '/agencies/hue-so-yte/merge', {
        as: USERS.admin,
        body: { intoId: 'hue', effectiveFrom: '2026-06-01' },
      }),
      403,
    );
  });

  // Review finding: merging an agency into itself was accepted, and the agency was dissolved into itself.
  it('refuses to merge an agency into itself', async () => {
    const refused = await expectProblem(
      await h.call('POST', '/agencies/qt-so-xay-dung/merge', {
        as: USERS.admin,
        body: { intoId: 'qt-so-xay-dung', effectiveFrom: '2026-09-01' },
      }),
      422,
      'merge_into_itself',
    );
    expect(refused.issues?.map((i) => i.path)).toEqual(['intoId']);
    const history = await expectJson<{ items: Version[] }>(
      await h.call('GET', '/agencies/qt-so-xay-dung/history', { as: USERS.admin }),
      200,
    );
    expect(history.items.map((v) => v.reason)).not.toContain('merged_into');
    const agencies = await expectJson<{ items: { id: string }[] }>(
      await h.call('GET', '/public/agencies?provinceId=quang-tri'),
      200,
    );
    expect(agencies.items.map((a) => a.id)).toContain('qt-so-xay-dung');
  });

  // Merging into an agency that was itself merged away would let two merges make a cycle (A into B, B into A).
  it('refuses to merge an agency into one already dissolved', async () => {
    // qt-xa-bo-trach was merged into qt-phuong-dong-hoi above: the reverse merge would close the cycle.
    const refused = await expectProblem(
      await h.call('POST', '/agencies/qt-phuong-dong-hoi/merge', {
        as: USERS.admin,
        body: { intoId: 'qt-xa-bo-trach', effectiveFrom: '2026-09-01' },
      }),
      422,
      'merge_into_dissolved',
    );
    expect(refused.issues?.map((i) => i.path)).toEqual(['intoId']);
    const agencies = await expectJson<{ items: { id: string }[] }>(
      await h.call('GET', '/public/agencies?provinceId=quang-tri'),
      200,
    );
    expect(agencies.items.map((a) => a.id)).toContain('qt-phuong-dong-hoi');
  });

  it('searches reporters without diacritics', async () => {
    const found = await expectJson<{ items: { fullName: string }[] }>(
      await h.call('GET', '/journalists?q=nguyen%20van%20an', { as: USERS.clerk }),
      200,
    );
    expect(found.items.map((j) => j.fullName)).toEqual(['Nguyễn Văn An']);
  });
});

describe('press organisations and verification', () => {
  it('registers organisations with offices and records card verification, for the right roles only', async () => {
    const org = { id: 'bao-nhan-dan', name: 'Báo Nhân Dân', kind: 'newspaper', licenceNumber: '01/GP-BTTTT' };
    await expectProblem(await h.call('POST', '/press-organisations', { as: USERS.clerk, body: org }), 403);
    await expectJson(await h.call('POST', '/press-organisations', { as: USERS.admin, body: org }), 201);
    await expectProblem(await h.call('POST', '/press-organisations', { as: USERS.admin, body: org }), 409);
    await expectJson(
      await h.call('POST', '/press-organisations/bao-nhan-dan/offices', {
        as: USERS.admin,
        body: { provinceId: 'quang-tri', address: '12 Hùng Vương, Đồng Hới' },
      }),
      201,
    );
    await expectProblem(
      await h.call('POST', '/press-organisations/bao-nhan-dan/offices', {
        as: USERS.admin,
        body: { provinceId: 'qt-so-yte', address: '12 Hùng Vương' },
      }),
      404,
    );
    const found = await expectJson<{ items: { id: string; offices: unknown[] }[] }>(
      await h.call('GET', '/press-organisations?q=bao%20nhan%20dan', { as: USERS.reporter }),
      200,
    );
    expect(found.items).toMatchObject([{ id: 'bao-nhan-dan', offices: [{ provinceId: 'quang-tri' }] }]);
    await expectProblem(
      await h.call('PUT', '/journalists/nb-0001/verification', {
        as: USERS.clerk,
        body: { method: 'press_card_seen' },
      }),
      403,
    );
    const evidence = await expectJson<{ verifiedBy: string }>(
      await h.call('PUT', '/journalists/nb-0001/verification', {
        as: USERS.supervisor,
        body: { method: 'ministry_register', note: 'Tra cứu ngày 20/11' },
      }),
      200,
    );
    expect(evidence.verifiedBy).toBe(USERS.supervisor);
  });

  // Review finding: a province administrator could add a representative office in another province, which
  // the resident-registration route (the same kind of record) refuses.
  it('lets a province administrator add offices only in their own province', async () => {
    const org = { id: 'bao-thanh-nien', name: 'Báo Thanh Niên', kind: 'newspaper' };
    await expectJson(await h.call('POST', '/press-organisations', { as: USERS.admin, body: org }), 201);
    const inHue = { provinceId: 'hue', address: '05 Lê Lợi, thành phố Huế' };
    await expectProblem(
      await h.call('POST', '/press-organisations/bao-thanh-nien/offices', { as: USERS.admin, body: inHue }),
      403,
      'outside_your_province',
    );
    const offices = async () =>
      (
        await expectJson<{ items: { id: string; offices: { provinceId: string }[] }[] }>(
          await h.call('GET', '/press-organisations?q=bao%20thanh%20nien', { as: USERS.reporter }),
          200,
        )
      ).items.flatMap((o) => o.offices.map((f) => f.provinceId));
    expect(await offices()).toEqual([]);
    await expectJson(
      await h.call('POST', '/press-organisations/bao-thanh-nien/offices', {
        as: USERS.centralAdmin,
        body: inHue,
      }),
      201,
    );
    expect(await offices()).toEqual(['hue']);
  });
});
