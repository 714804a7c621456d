import { Migration } from '@mikro-orm/migrations';

/**
 * Trigram indexes for search that ignores case and diacritics. The indexed `search_text` columns hold text
 * already folded by `domain/text/fold.ts`, so the same index works on PostgreSQL and PGlite (no `unaccent`).
 * Written by hand: the entity metadata does not describe GIN operator classes.
 */
export class Migration20261122004500 extends Migration {
  override name = 'Migration20261122004500';

  override up(): void {
    this.addSql('create extension if not exists pg_trgm;');
    for (const table of ['spokesperson', 'agency', 'journalist', 'press_organisation', 'contact']) {
      this.addSql(
        `create index "${table}_search_text_trgm" on "${table}" using gin ("search_text" gin_trgm_ops);`,
      );
    }
  }

  override down(): void {
    for (const table of ['spokesperson', 'agency', 'journalist', 'press_organisation', 'contact']) {
      this.addSql(`drop index if exists "${table}_search_text_trgm";`);
    }
  }
}
