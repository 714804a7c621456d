import { Migration } from '@mikro-orm/migrations';

export class Migration20261122004133 extends Migration {
  override name = 'Migration20261122004133';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "import_job" ("id" varchar(64) not null, "kind" text not null, "mode" text not null, "status" text not null, "file_name" varchar(300) null, "total" int not null default 0, "processed" int not null default 0, "report" jsonb null, "error" text null, "created_by" varchar(200) not null, "created_at" timestamptz not null, "finished_at" timestamptz null, primary key ("id"));`,
    );

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
  }
}
