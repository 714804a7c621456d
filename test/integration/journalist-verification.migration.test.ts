// Issue 6, defect 10: a press-card verification replaced the previous one. Migration 20261201230405 turns the
// single `journalist.verification` value into an append-only history; this checks, on PGlite and on the
// PostgreSQL server named by DATABASE_URL, that it carries recorded values over, refuses rewrites, and goes
// down and up again.
import { afterAll, describe, expect, it } from 'vitest';
import { openOrm, type Orm } from '../../db/orm.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../db/scratch-database.ts';

const BEFORE = 'Migration20261122004722';
const THIS = 'Migration20261201231218';

const open: ScratchDatabase[] = [];
afterAll(async () => {
  for (const db of open) await db.drop();
});

/** A database migrated only up to the migration before this one. */
async function databaseBefore(kind: 'pglite' | 'postgresql'): Promise<Orm> {
  if (kind === 'pglite') {
    const orm = await openOrm({});
    open.push({ orm, kind, drop: () => orm.close() });
    await orm.migrator.up({ to: BEFORE });
    return orm;
  }
  const db = await createScratchDatabase(process.env.DATABASE_URL, 'pl_migration');
  open.push(db);
  await db.orm.migrator.down({ to: BEFORE });
  return db.orm;
}

const kinds = ['pglite', ...(process.env.DATABASE_URL ? ['postgresql' as const] : [])] as const;

describe.each(kinds)('journalist verification history on %s', (kind) => {
  it('carries the recorded value over, refuses rewrites, and migrates down and up', async () => {
    const orm = await databaseBefore(kind);
    const em = orm.em.fork();
    await em.execute(
      `insert into journalist (id, full_name, press_organisation, press_card_number, press_card_expires_on, verification, created_at)
       values ('nb-1', 'Nguyễn Văn An', 'Báo Nhân Dân', 'ND-1', '2030-12-31',
         '{"method":"ministry_register","documentUrl":null,"note":"Tra cứu","verifiedBy":"vhttdl-giam-sat","verifiedAt":"2026-11-20T03:00:00.000Z"}', now()),
       ('nb-2', 'Trần Thị Bình', 'Báo Tuổi Trẻ', 'TT-2', '2030-12-31', null, now()),
       ('nb-3', 'Lê Văn C', 'Báo Lao Động', 'LD-3', '2030-12-31', '{"method":"guessed"}', now())`,
    );
    await orm.migrator.up({ to: THIS });

    const rows = await em.execute<Record<string, unknown>[]>(
      `select journalist_id, result, method, note, province_id, agency_id, verified_by, verified_at from journalist_verification`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      journalist_id: 'nb-1',
      result: 'verified',
      method: 'ministry_register',
      note: 'Tra cứu',
      province_id: null,
      agency_id: null,
      verified_by: 'vhttdl-giam-sat',
    });
    expect(new Date(rows[0]!.verified_at as string).toISOString()).toBe('2026-11-20T03:00:00.000Z');

    await expect(em.execute(`update journalist_verification set result = 'not_verified'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(em.execute(`delete from journalist_verification`)).rejects.toThrow(/append-only/);
    await em.execute(
      `insert into journalist_verification (journalist_id, result, method, province_id, agency_id, verified_by, verified_by_name, verified_at)
       values ('nb-1', 'not_verified', 'press_card_seen', 'hue', 'hue', 'hue-giam-sat', 'Giám sát Huế', '2026-11-21T03:00:00Z')`,
    );

    await orm.migrator.down({ to: BEFORE });
    const back = await em.execute<
      { id: string; verification: { method: string; verifiedBy: string } | null }[]
    >(`select id, verification from journalist order by id`);
    // Down keeps the latest verification, as the old single column did.
    expect(
      back.map((j) => [j.id, j.verification?.method ?? null, j.verification?.verifiedBy ?? null]),
    ).toEqual([
      ['nb-1', 'press_card_seen', 'hue-giam-sat'],
      ['nb-2', null, null],
      ['nb-3', null, null],
    ]);
    await orm.migrator.up();
    expect(await orm.migrator.getPending()).toEqual([]);
  });
});
