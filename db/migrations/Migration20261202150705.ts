import { Migration } from '@mikro-orm/migrations';

export class Migration20261202150705 extends Migration {
  override name = 'Migration20261202150705';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "notification_webhook" ("id" varchar(40) not null, "agency_id" varchar(64) not null, "kind" varchar(20) not null, "url" varchar(1000) not null, "secret" varchar(100) not null, "recipient_ids" jsonb null, "description" varchar(200) null, "active" boolean not null, "last_error" text null, "created_by" varchar(200) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "notification_webhook_agency_id_index" on "notification_webhook" ("agency_id");`,
    );

    this.addSql(`alter table "notification_delivery" add "ordered_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "notification_webhook" cascade;`);

    this.addSql(`alter table "notification_delivery" drop column "ordered_at";`);
  }
}
