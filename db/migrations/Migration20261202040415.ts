import { Migration } from '@mikro-orm/migrations';

export class Migration20261202040415 extends Migration {
  override name = 'Migration20261202040415';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "document_contact" ("document_id" varchar(64) not null, "contact_id" varchar(64) not null, primary key ("document_id", "contact_id"));`,
    );
    this.addSql(`create index "document_contact_contact_id_index" on "document_contact" ("contact_id");`);

    this.addSql(
      `create table "document_sequence" ("issuer_id" varchar(64) not null, "year" int not null, "last_number" int not null, primary key ("issuer_id", "year"));`,
    );

    this.addSql(
      `create table "issued_document" ("id" varchar(64) not null, "type" text not null, "issuer_id" varchar(64) not null, "year" int not null, "number" int not null, "number_text" varchar(60) not null, "addressee_agency_id" varchar(64) not null, "province_id" varchar(64) null, "source_key" varchar(200) not null, "message" text not null, "created_by_sub" varchar(200) not null, "created_by_name" varchar(200) not null, "created_at" timestamptz not null, "pdf" bytea not null, "docx" bytea not null, "pdf_sha256" varchar(64) not null, "docx_sha256" varchar(64) not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "issued_document" add constraint "issued_document_source_key_unique" unique ("source_key");`,
    );
    this.addSql(
      `create index "issued_document_addressee_agency_id_created_at_index" on "issued_document" ("addressee_agency_id", "created_at");`,
    );
    this.addSql(
      `alter table "issued_document" add constraint "issued_document_issuer_id_year_number_unique" unique ("issuer_id", "year", "number");`,
    );

    this.addSql(
      `create table "job_file" ("job_id" varchar(64) not null, "file_name" varchar(200) not null, "content_type" varchar(120) not null, "bytes" bytea not null, "size" int not null, "sha256" varchar(64) not null, primary key ("job_id"));`,
    );

    this.addSql(
      `create table "letterhead" ("department_id" varchar(64) not null, "parent_body" varchar(200) not null, "issuing_body" varchar(200) not null, "symbol" varchar(40) not null, "place" varchar(100) not null, "signer_authority" varchar(100) null, "signer_title" varchar(100) not null, "signer_name" varchar(200) not null, "copy_to" jsonb not null, "updated_at" timestamptz not null, "updated_by" varchar(200) not null, primary key ("department_id"));`,
    );

    this.addSql(
      `create table "supervision_job" ("id" varchar(64) not null, "type" text not null, "province_id" varchar(64) null, "params" jsonb not null, "status" text not null, "done" int not null default 0, "total" int not null default 0, "result" jsonb null, "error" text null, "requested_by" varchar(200) not null, "created_at" timestamptz not null, "finished_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "supervision_job_type_province_id_created_at_index" on "supervision_job" ("type", "province_id", "created_at");`,
    );

    this.addSql(
      `alter table "contact" add "open" boolean not null default true, add "last_action_at" timestamptz null;`,
    );
    // Backfill: terminal statuses as of issue 7, and the last action a person took (a reminder is not one).
    this.addSql(
      `update "contact" set "open" = false where "status" in ('closed', 'declined', 'forwarded', 'withdrawn', 'cancelled');`,
    );
    this.addSql(
      `update "contact" c set "last_action_at" = coalesce((select max(t."at") from "timeline_entry" t where t."contact_id" = c."id" and t."actor_sub" is not null and t."type" <> 'remind'), c."submitted_at");`,
    );
    this.addSql(`create index "contact_open_board" on "contact" ("province_id", "due_at") where "open";`);

    this.addSql(`alter table "membership" drop constraint "membership_role_check";`);
    this.addSql(
      `alter table "membership" add constraint "membership_role_check" check ("role" in ('journalist', 'agency_staff', 'spokesperson', 'agency_head', 'supervisor', 'auditor', 'admin'));`,
    );

    this.addSql(
      `alter table "issued_document" add constraint "issued_document_type_check" check ("type" in ('reminder_letter'));`,
    );

    this.addSql(
      `alter table "supervision_job" add constraint "supervision_job_type_check" check ("type" in ('report', 'bulk_reminder'));`,
    );
    this.addSql(
      `alter table "supervision_job" add constraint "supervision_job_status_check" check ("status" in ('queued', 'running', 'done', 'failed'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "document_contact" cascade;`);
    this.addSql(`drop table if exists "document_sequence" cascade;`);
    this.addSql(`drop table if exists "issued_document" cascade;`);
    this.addSql(`drop table if exists "job_file" cascade;`);
    this.addSql(`drop table if exists "letterhead" cascade;`);
    this.addSql(`drop table if exists "supervision_job" cascade;`);

    this.addSql(`drop index "contact_open_board";`);
    this.addSql(`alter table "contact" drop column "open", drop column "last_action_at";`);

    this.addSql(`alter table "membership" drop constraint "membership_role_check";`);
    this.addSql(
      `alter table "membership" add constraint "membership_role_check" check ("role" in ('journalist', 'agency_staff', 'spokesperson', 'agency_head', 'supervisor', 'admin'));`,
    );
  }
}
