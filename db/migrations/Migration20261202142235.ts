import { Migration } from '@mikro-orm/migrations';

export class Migration20261202142235 extends Migration {
  override name = 'Migration20261202142235';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "notification_read" ("notification_id" bigint not null, "sub" varchar(200) not null, "read_at" timestamptz not null, primary key ("notification_id", "sub"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "notification_read" cascade;`);
  }
}
