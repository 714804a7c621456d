import { Migration } from '@mikro-orm/migrations';

/**
 * Press-card verifications become an append-only history (issue 6, defect 10): one row per verification in
 * `journalist_verification`, instead of one `journalist.verification` value that the next verifier replaced.
 * Values recorded before are carried over as the first row of each history (province and agency unknown).
 * The `append_only` trigger refuses updates and deletes, so the history cannot be rewritten through SQL
 * either. Generated, then the carry-over (up) and its reverse (down) were added by hand.
 */
export class Migration20261201231218 extends Migration {
  override name = 'Migration20261201231218';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "journalist_verification" ("id" serial primary key, "journalist_id" varchar(64) not null, "result" text not null, "method" text not null, "document_url" varchar(1000) null, "note" text null, "province_id" varchar(64) null, "agency_id" varchar(64) null, "verified_by" varchar(200) not null, "verified_by_name" varchar(200) not null, "verified_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "journalist_verification_province_id_index" on "journalist_verification" ("province_id");`,
    );
    this.addSql(
      `create index "journalist_verification_journalist_id_verified_at_index" on "journalist_verification" ("journalist_id", "verified_at");`,
    );

    // Carry the single recorded value over before the column goes; a value that is not what the old route
    // wrote (unknown method) is skipped rather than guessed.
    this
      .addSql(`insert into "journalist_verification" ("journalist_id", "result", "method", "document_url", "note", "province_id", "agency_id", "verified_by", "verified_by_name", "verified_at")
      select "id", 'verified', "verification"->>'method', left("verification"->>'documentUrl', 1000), "verification"->>'note', null, null,
        left(coalesce("verification"->>'verifiedBy', 'unknown'), 200), left(coalesce("verification"->>'verifiedBy', 'unknown'), 200),
        case when "verification"->>'verifiedAt' ~ '^\\d{4}-\\d{2}-\\d{2}T' then ("verification"->>'verifiedAt')::timestamptz else "created_at" end
      from "journalist"
      where jsonb_typeof("verification") = 'object'
        and "verification"->>'method' in ('press_card_seen', 'ministry_register', 'letter_from_press_organisation')
      order by "id";`);
    this.addSql(`alter table "journalist" drop column "verification";`);

    this.addSql(
      `alter table "journalist_verification" add constraint "journalist_verification_result_check" check ("result" in ('verified', 'not_verified'));`,
    );
    this.addSql(
      `alter table "journalist_verification" add constraint "journalist_verification_method_check" check ("method" in ('press_card_seen', 'ministry_register', 'letter_from_press_organisation'));`,
    );
    this.addSql(
      `create or replace function "journalist_verification_append_only_fn"() returns trigger as \$\$ begin raise exception 'journalist_verification is append-only: % refused', tg_op using errcode = 'P0001'; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "append_only" BEFORE UPDATE OR DELETE on "journalist_verification" for each ROW execute function "journalist_verification_append_only_fn"();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "append_only" on "journalist_verification";`);
    this.addSql(`drop function if exists "journalist_verification_append_only_fn"();`);
    this.addSql(`alter table "journalist" add "verification" jsonb null;`);
    // The old column held one value: the latest verification.
    this
      .addSql(`update "journalist" j set "verification" = jsonb_build_object('method', v."method", 'documentUrl', v."document_url", 'note', v."note",
        'verifiedBy', v."verified_by", 'verifiedAt', to_char(v."verified_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      from (select distinct on ("journalist_id") * from "journalist_verification" order by "journalist_id", "verified_at" desc, "id" desc) v
      where v."journalist_id" = j."id";`);
    this.addSql(`drop table if exists "journalist_verification" cascade;`);
  }
}
