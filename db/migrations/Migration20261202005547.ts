import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 7: the clock read model (`contact_clock`), appointments' next meeting, forward links both ways, the
 * timeline entry's audience, and private calendar feeds. Generated; the backfill of `contact_clock` from the
 * contacts already projected was added by hand (their due dates are left to the next event, which rewrites
 * the row with the calendar arithmetic only the domain does).
 */
export class Migration20261202005547 extends Migration {
  override name = 'Migration20261202005547';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "calendar_feed" ("id" serial primary key, "sub" varchar(200) not null, "token_hash" varchar(64) not null, "actor" jsonb not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, "last_used_at" timestamptz null);`,
    );
    this.addSql(`create index "calendar_feed_sub_index" on "calendar_feed" ("sub");`);
    this.addSql(
      `alter table "calendar_feed" add constraint "calendar_feed_token_hash_unique" unique ("token_hash");`,
    );

    this.addSql(
      `create table "contact_clock" ("contact_id" varchar(64) not null, "clock" varchar(40) not null, "kind" text not null, "agency_id" varchar(64) not null, "province_id" varchar(64) null, "started_at" timestamptz not null, "due_at" timestamptz null, "paused_ms" bigint not null default '0', "extensions" int not null default 0, "paused" boolean not null default false, "stopped_at" timestamptz null, "outcome" varchar(10) null, "escalation_level" smallint not null default 0, "last_seq" int not null, primary key ("contact_id", "clock"));`,
    );
    this.addSql(`create index "contact_clock_province_id_index" on "contact_clock" ("province_id");`);
    this.addSql(
      `create index "contact_clock_agency_id_clock_started_at_index" on "contact_clock" ("agency_id", "clock", "started_at");`,
    );
    this.addSql(
      `create index "contact_clock_outcome_due_at_index" on "contact_clock" ("outcome", "due_at");`,
    );

    this.addSql(
      `alter table "contact" add "next_meeting_at" timestamptz null, add "forwarded_to_id" varchar(64) null, add "forwarded_from_id" varchar(64) null;`,
    );
    this.addSql(`create index "contact_next_meeting_at_index" on "contact" ("next_meeting_at");`);

    this.addSql(`alter table "timeline_entry" add "audience" varchar(20) null;`);

    this.addSql(
      `alter table "contact_clock" add constraint "contact_clock_kind_check" check ("kind" in ('information_request', 'appointment', 'walk_in', 'difficulty_report'));`,
    );

    this
      .addSql(`insert into "contact_clock" ("contact_id", "clock", "kind", "agency_id", "province_id", "started_at", "stopped_at", "outcome", "escalation_level", "paused", "extensions", "last_seq")
      select c."id", k.key, c."kind", c."agency_id", c."province_id", to_timestamp((k.value->>'startedAt')::bigint / 1000.0),
        case when k.value ? 'stoppedAt' then to_timestamp((k.value->>'stoppedAt')::bigint / 1000.0) end,
        case when not (k.value ? 'stoppedAt') then null when (k.value->>'escalationLevel')::int > 0 then 'missed' else 'met' end,
        coalesce((k.value->>'escalationLevel')::int, 0),
        exists (select 1 from jsonb_array_elements(k.value->'pauses') p where not (p ? 'to')),
        jsonb_array_length(coalesce(k.value->'extensions', '[]'::jsonb)), c."last_seq"
      from "contact" c, jsonb_each(c."state"->'clocks') k
      on conflict do nothing;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "calendar_feed" cascade;`);
    this.addSql(`drop table if exists "contact_clock" cascade;`);

    this.addSql(`drop index "contact_next_meeting_at_index";`);
    this.addSql(
      `alter table "contact" drop column "next_meeting_at", drop column "forwarded_to_id", drop column "forwarded_from_id";`,
    );

    this.addSql(`alter table "timeline_entry" drop column "audience";`);
  }
}
