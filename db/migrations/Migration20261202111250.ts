import { Migration } from '@mikro-orm/migrations';

export class Migration20261202111250 extends Migration {
  override name = 'Migration20261202111250';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "attachment" ("id" varchar(64) not null, "contact_id" varchar(64) not null, "name" varchar(255) not null, "type" varchar(120) not null, "size" int not null, "sha256" varchar(64) not null, "uploaded_by_sub" varchar(200) not null, "uploaded_by_name" varchar(200) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "attachment_contact_id_created_at_index" on "attachment" ("contact_id", "created_at");`,
    );
    this.addSql(`create index "attachment_sha256_index" on "attachment" ("sha256");`);

    this.addSql(
      `create table "attachment_content" ("sha256" varchar(64) not null, "bytes" bytea not null, "size" int not null, "created_at" timestamptz not null, primary key ("sha256"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "attachment" cascade;`);
    this.addSql(`drop table if exists "attachment_content" cascade;`);
  }
}
