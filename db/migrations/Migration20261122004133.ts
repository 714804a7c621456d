import { Migration } from '@mikro-orm/migrations';

export class Migration20261122004133 extends Migration {
  override name = 'Migration20261122004133';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "import_job" ("id" varchar(64) not null, "kind" text not null, "mode" text not null, "status" text not null, "file_name" varchar(300) null, "total" int not null default 0, "processed" int not null default 0, "report" jsonb null, "error" text null, "created_by" varchar(200) not null, "created_at" timestamptz not null, "finished_at" timestamptz null, primary key ("id"));`,
    );

    this.addSql(`drop index "agency_search_text_trgm";`);

    this.addSql(`drop index "contact_search_text_trgm";`);

    this.addSql(`drop index "journalist_search_text_trgm";`);

    this.addSql(`drop index "press_organisation_search_text_trgm";`);

    this.addSql(`drop index "spokesperson_search_text_trgm";`);

    this.addSql(
      `alter table "import_job" add constraint "import_job_kind_check" check ("kind" in ('spokespersons', 'journalists'));`,
    );
    this.addSql(
      `alter table "import_job" add constraint "import_job_mode_check" check ("mode" in ('dry_run', 'apply'));`,
    );
    this.addSql(
      `alter table "import_job" add constraint "import_job_status_check" check ("status" in ('queued', 'running', 'done', 'failed'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "import_job" cascade;`);

    this.addSql(`create index "agency_search_text_trgm" on "agency" using gin ("search_text");`);

    this.addSql(`create index "contact_search_text_trgm" on "contact" using gin ("search_text");`);

    this.addSql(`create index "journalist_search_text_trgm" on "journalist" using gin ("search_text");`);

    this.addSql(
      `create index "press_organisation_search_text_trgm" on "press_organisation" using gin ("search_text");`,
    );

    this.addSql(`create index "spokesperson_search_text_trgm" on "spokesperson" using gin ("search_text");`);
  }
}
