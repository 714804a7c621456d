import { Migration } from '@mikro-orm/migrations';

export class Migration20261121235751 extends Migration {
  override name = 'Migration20261121235751';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "agency" ("id" varchar(64) not null, "name" varchar(300) not null, "name_en" varchar(300) null, "level" text not null, "kind" text not null, "parent_id" varchar(64) null, "province_id" varchar(64) null, "legacy_district" varchar(200) null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "agency_parent_id_index" on "agency" ("parent_id");`);
    this.addSql(`create index "agency_province_id_index" on "agency" ("province_id");`);
    this.addSql(
      `alter table "agency" add constraint "agency_level_check" check ("level" in ('central', 'province', 'commune'));`,
    );
    this.addSql(
      `alter table "agency" add constraint "agency_kind_check" check ("kind" in ('ministry', 'provincial_peoples_committee', 'department', 'vertical_unit', 'commune_peoples_committee', 'press_management_department'));`,
    );

    this.addSql(
      `create table "calendar_year" ("year" int not null, "schedule" jsonb not null, "updated_at" timestamptz not null, "updated_by" varchar(200) not null, primary key ("year"));`,
    );

    this.addSql(
      `create table "contact" ("id" varchar(64) not null, "kind" text not null, "agency_id" varchar(64) not null, "province_id" varchar(64) null, "journalist_sub" varchar(200) not null, "journalist_name" varchar(200) not null, "subject" varchar(500) not null, "status" varchar(40) not null, "assignee_sub" varchar(200) null, "assignee_name" varchar(200) null, "due_at" timestamptz null, "escalation_level" smallint not null default 0, "submitted_at" timestamptz not null, "updated_at" timestamptz not null, "last_seq" int not null, "search_text" text not null, "state" jsonb not null, primary key ("id"));`,
    );
    this.addSql(`create index "contact_province_id_index" on "contact" ("province_id");`);
    this.addSql(`create index "contact_assignee_sub_index" on "contact" ("assignee_sub");`);
    this.addSql(`create index "contact_agency_id_status_index" on "contact" ("agency_id", "status");`);
    this.addSql(
      `create index "contact_journalist_sub_updated_at_index" on "contact" ("journalist_sub", "updated_at");`,
    );
    this.addSql(`create index "contact_due_at_index" on "contact" ("due_at");`);
    this.addSql(
      `alter table "contact" add constraint "contact_kind_check" check ("kind" in ('information_request', 'appointment', 'walk_in', 'difficulty_report'));`,
    );

    this.addSql(
      `create table "deadline_rule" ("id" serial primary key, "rule" jsonb not null, "updated_at" timestamptz not null, "updated_by" varchar(200) not null);`,
    );

    this.addSql(
      `create table "journalist" ("id" varchar(64) not null, "sub" varchar(200) null, "full_name" varchar(200) not null, "press_organisation" varchar(300) not null, "press_card_number" varchar(50) not null, "press_card_expires_on" varchar(10) not null, "email" varchar(200) null, "phone" varchar(50) null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "journalist" add constraint "journalist_sub_unique" unique ("sub");`);
    this.addSql(
      `alter table "journalist" add constraint "journalist_press_card_number_unique" unique ("press_card_number");`,
    );

    this.addSql(
      `create table "membership" ("id" serial primary key, "sub" varchar(200) not null, "name" varchar(200) not null, "title" varchar(200) null, "agency_id" varchar(64) not null, "role" text not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "membership_sub_index" on "membership" ("sub");`);
    this.addSql(`create index "membership_agency_id_index" on "membership" ("agency_id");`);
    this.addSql(
      `alter table "membership" add constraint "membership_sub_agency_id_role_unique" unique ("sub", "agency_id", "role");`,
    );
    this.addSql(
      `alter table "membership" add constraint "membership_role_check" check ("role" in ('journalist', 'agency_staff', 'spokesperson', 'agency_head', 'supervisor', 'admin'));`,
    );

    this.addSql(
      `create table "notification" ("id" bigserial primary key, "key" varchar(120) not null, "contact_id" varchar(64) not null, "type" varchar(40) not null, "text" text not null, "recipient_sub" varchar(200) null, "recipient_agency_id" varchar(64) null, "recipient_roles" text[] null, "recipient_province_id" varchar(64) null, "created_at" timestamptz not null, "read_at" timestamptz null);`,
    );
    this.addSql(`alter table "notification" add constraint "notification_key_unique" unique ("key");`);
    this.addSql(`create index "notification_contact_id_index" on "notification" ("contact_id");`);
    this.addSql(`create index "notification_recipient_sub_index" on "notification" ("recipient_sub");`);
    this.addSql(
      `create index "notification_recipient_agency_id_index" on "notification" ("recipient_agency_id");`,
    );

    this.addSql(
      `create table "resident_registration" ("id" serial primary key, "journalist_id" varchar(64) not null, "province_id" varchar(64) not null, "valid_from" varchar(10) not null, "valid_to" varchar(10) not null, "created_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "resident_registration_journalist_id_index" on "resident_registration" ("journalist_id");`,
    );
    this.addSql(
      `create index "resident_registration_province_id_index" on "resident_registration" ("province_id");`,
    );

    this.addSql(
      `create table "timeline_entry" ("id" bigserial primary key, "contact_id" varchar(64) not null, "seq" int not null, "at" timestamptz not null, "type" varchar(40) not null, "actor_sub" varchar(200) null, "actor_name" varchar(200) null, "text" text null, "data" jsonb null);`,
    );
    this.addSql(
      `alter table "timeline_entry" add constraint "timeline_entry_contact_id_seq_unique" unique ("contact_id", "seq");`,
    );
  }
}
