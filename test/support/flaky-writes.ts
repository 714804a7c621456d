/**
 * Test-only: makes writes to `contact` fail transiently (SQLSTATE 40001, what the worker retries) while switched
 * on, so the recording failure paths are driven from below: the text policy keeps the characters that did this
 * in production from ever reaching the workflow. Install once per test database.
 */
import type { Orm } from '../../db/orm.ts';

export interface FlakyWrites {
  /** From now on, every write to `contact` fails with a serialization failure. */
  fail(): Promise<unknown>;
  /** Writes succeed again. */
  recover(): Promise<unknown>;
}

export async function flakyContactWrites(orm: Orm): Promise<FlakyWrites> {
  const em = orm.em.fork();
  // One statement per call: PGlite prepares each, and a prepared statement holds one command.
  await em.execute('create table test_flaky (on_ boolean not null)');
  await em.execute(`create function test_flaky_writes() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from test_flaky where on_) then
        raise exception 'could not serialize access' using errcode = '40001';
      end if;
      return new;
    end $$`);
  await em.execute(
    'create trigger test_flaky_writes before insert or update on contact for each row execute function test_flaky_writes()',
  );
  return {
    fail: () => orm.em.fork().execute('insert into test_flaky values (true)'),
    recover: () => orm.em.fork().execute('delete from test_flaky'),
  };
}
