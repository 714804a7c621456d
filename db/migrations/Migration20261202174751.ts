import { Migration } from '@mikro-orm/migrations';

export class Migration20261202174751 extends Migration {
  override name = 'Migration20261202174751';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "calendar_version" ("version" serial primary key, "schedules" jsonb not null, "change_id" varchar(64) null, "created_at" timestamptz not null);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "calendar_version" cascade;`);
  }
}
