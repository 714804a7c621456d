import { Migration } from '@mikro-orm/migrations';

export class Migration20261202145248 extends Migration {
  override name = 'Migration20261202145248';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "notification_delivery" ("id" bigserial primary key, "delivery_key" varchar(400) not null, "notification_id" bigint not null, "channel" varchar(20) not null, "recipient_sub" varchar(200) not null, "address" varchar(300) null, "locale" varchar(2) not null, "status" varchar(20) not null, "attempts" int not null, "last_error" text null, "not_before" timestamptz not null, "claimed_at" timestamptz null, "reference" varchar(300) null, "created_at" timestamptz not null, "delivered_at" timestamptz null);`,
    );
    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_delivery_key_unique" unique ("delivery_key");`,
    );
    this.addSql(
      `create index "notification_delivery_notification_id_index" on "notification_delivery" ("notification_id");`,
    );
    this.addSql(
      `create index "notification_delivery_recipient_sub_index" on "notification_delivery" ("recipient_sub");`,
    );
    this.addSql(
      `create index "notification_delivery_status_not_before_index" on "notification_delivery" ("status", "not_before");`,
    );

    this.addSql(
      `create table "notification_dispatch" ("notification_id" bigint not null, "deliveries" int not null, "planned_at" timestamptz not null, primary key ("notification_id"));`,
    );

    this.addSql(
      `create table "notification_preference" ("sub" varchar(200) not null, "locale" varchar(2) not null, "channels" jsonb not null, "updated_at" timestamptz not null, primary key ("sub"));`,
    );

    this.addSql(`alter table "membership" add "email" varchar(200) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "notification_delivery" cascade;`);
    this.addSql(`drop table if exists "notification_dispatch" cascade;`);
    this.addSql(`drop table if exists "notification_preference" cascade;`);

    this.addSql(`alter table "membership" drop column "email";`);
  }
}
