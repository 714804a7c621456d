import { Migration } from '@mikro-orm/migrations';

export class Migration20261122003956 extends Migration {
  override name = 'Migration20261122003956';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "agency_version" ("id" serial primary key, "agency_id" varchar(64) not null, "valid_from" varchar(10) not null, "valid_to" varchar(10) null, "name" varchar(300) not null, "name_en" varchar(300) null, "kind" varchar(60) not null, "level" varchar(20) not null, "parent_id" varchar(64) null, "province_id" varchar(64) null, "reason" varchar(40) not null, "merged_into_id" varchar(64) null, "recorded_at" timestamptz not null, "recorded_by" varchar(200) not null);`,
    );
    this.addSql(
      `create index "agency_version_agency_id_valid_from_index" on "agency_version" ("agency_id", "valid_from");`,
    );

    this.addSql(
      `create table "press_organisation" ("id" varchar(64) not null, "name" varchar(300) not null, "kind" text not null, "licence_number" varchar(100) null, "search_text" text not null, "created_at" timestamptz not null, primary key ("id"));`,
    );

    this.addSql(
      `create table "representative_office" ("id" serial primary key, "press_organisation_id" varchar(64) not null, "province_id" varchar(64) not null, "address" varchar(500) not null, "phone" varchar(50) null, "created_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "representative_office_press_organisation_id_index" on "representative_office" ("press_organisation_id");`,
    );
    this.addSql(
      `create index "representative_office_province_id_index" on "representative_office" ("province_id");`,
    );

    this.addSql(
      `create table "spokesperson" ("id" varchar(64) not null, "agency_id" varchar(64) not null, "province_id" varchar(64) null, "full_name" varchar(200) not null, "role_type" text not null, "title" varchar(300) not null, "phone" varchar(50) null, "email" varchar(200) null, "term_start" varchar(10) not null, "term_end" varchar(10) null, "authorized_case" varchar(500) null, "delegated_by_id" varchar(64) null, "document_number" varchar(100) null, "document_date" varchar(10) null, "document_url" varchar(1000) null, "topics" varchar(500) null, "last_confirmed_at" timestamptz not null, "version" int not null, "search_text" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "spokesperson_province_id_index" on "spokesperson" ("province_id");`);
    this.addSql(
      `create index "spokesperson_agency_id_term_end_index" on "spokesperson" ("agency_id", "term_end");`,
    );

    this.addSql(
      `create table "spokesperson_change" ("id" bigserial primary key, "spokesperson_id" varchar(64) not null, "agency_id" varchar(64) not null, "province_id" varchar(64) null, "change_type" text not null, "version" int not null, "at" timestamptz not null, "actor_sub" varchar(200) not null, "snapshot" jsonb not null);`,
    );
    this.addSql(
      `create index "spokesperson_change_spokesperson_id_index" on "spokesperson_change" ("spokesperson_id");`,
    );

    this.addSql(
      `create table "spokesperson_confirmation" ("id" serial primary key, "spokesperson_id" varchar(64) not null, "at" timestamptz not null, "actor_sub" varchar(200) not null, "note" varchar(1000) null);`,
    );
    this.addSql(
      `create index "spokesperson_confirmation_spokesperson_id_index" on "spokesperson_confirmation" ("spokesperson_id");`,
    );

    this.addSql(
      `create table "webhook_subscription" ("id" varchar(64) not null, "url" varchar(1000) not null, "secret" varchar(200) not null, "owner_sub" varchar(200) not null, "province_id" varchar(64) null, "delivered_up_to" bigint not null default '0', "last_error" text null, "last_delivered_at" timestamptz null, "active" boolean not null default true, "created_at" timestamptz not null, primary key ("id"));`,
    );

    this.addSql(
      `alter table "agency" add "valid_from" varchar(10) not null default '2025-07-01', add "dissolved_on" varchar(10) null, add "merged_into_id" varchar(64) null, add "search_text" text not null default '';`,
    );

    this.addSql(
      `alter table "journalist" add "press_organisation_id" varchar(64) null, add "verification" jsonb null, add "search_text" text not null default '';`,
    );
    this.addSql(
      `create index "journalist_press_organisation_id_index" on "journalist" ("press_organisation_id");`,
    );

    this.addSql(
      `alter table "press_organisation" add constraint "press_organisation_kind_check" check ("kind" in ('newspaper', 'magazine', 'radio_television', 'news_agency', 'online'));`,
    );

    this.addSql(
      `alter table "spokesperson" add constraint "spokesperson_role_type_check" check ("role_type" in ('head', 'spokesperson', 'authorized'));`,
    );

    this.addSql(
      `alter table "spokesperson_change" add constraint "spokesperson_change_change_type_check" check ("change_type" in ('created', 'updated', 'term_ended'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "agency_version" cascade;`);
    this.addSql(`drop table if exists "press_organisation" cascade;`);
    this.addSql(`drop table if exists "representative_office" cascade;`);
    this.addSql(`drop table if exists "spokesperson" cascade;`);
    this.addSql(`drop table if exists "spokesperson_change" cascade;`);
    this.addSql(`drop table if exists "spokesperson_confirmation" cascade;`);
    this.addSql(`drop table if exists "webhook_subscription" cascade;`);

    this.addSql(
      `alter table "agency" drop column "valid_from", drop column "dissolved_on", drop column "merged_into_id", drop column "search_text";`,
    );

    this.addSql(`drop index "journalist_press_organisation_id_index";`);
    this.addSql(
      `alter table "journalist" drop column "press_organisation_id", drop column "verification", drop column "search_text";`,
    );
  }
}
