import { Migration } from '@mikro-orm/migrations';

export class Migration20261202143342 extends Migration {
  override name = 'Migration20261202143342';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "calendar_change" ("id" varchar(64) not null, "year" int not null, "previous" jsonb not null, "schedule" jsonb not null, "status" text not null, "total" int not null default 0, "done" int not null default 0, "moved" int not null default 0, "requested_by" varchar(200) not null, "requested_by_name" varchar(200) not null, "created_at" timestamptz not null, "finished_at" timestamptz null, "error" text null, primary key ("id"));`,
    );
    this.addSql(
      `create index "calendar_change_year_created_at_index" on "calendar_change" ("year", "created_at");`,
    );

    this.addSql(
      `alter table "calendar_change" add constraint "calendar_change_status_check" check ("status" in ('queued', 'running', 'done', 'failed'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "calendar_change" cascade;`);
  }
}
