import { Migration } from '@mikro-orm/migrations';

export class Migration20261202114223 extends Migration {
  override name = 'Migration20261202114223';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "message" ("id" bigserial primary key, "contact_id" varchar(64) not null, "author_sub" varchar(200) not null, "author_name" varchar(200) not null, "author_side" varchar(20) not null, "internal" boolean not null default false, "text" text not null, "attachment_ids" jsonb not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "message_contact_id_id_index" on "message" ("contact_id", "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "message" cascade;`);
  }
}
