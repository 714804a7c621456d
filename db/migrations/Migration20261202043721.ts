import { Migration } from '@mikro-orm/migrations';

export class Migration20261202043721 extends Migration {
  override name = 'Migration20261202043721';

  override up(): void | Promise<void> {
    this.addSql(`drop index "contact_province_id_submitted_at_index";`);
    this.addSql(
      `create index "contact_province_submitted" on "contact" ("province_id", "submitted_at") include ("agency_id", "kind");`,
    );

    this.addSql(`alter table "contact_clock" add "submitted_at" timestamptz null;`);
    this.addSql(
      `update "contact_clock" k set "submitted_at" = c."submitted_at" from "contact" c where c."id" = k."contact_id";`,
    );
    this.addSql(
      `create index "contact_clock_province_submitted" on "contact_clock" ("province_id", "submitted_at") include ("agency_id", "clock", "kind", "outcome", "working_days_taken");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "contact_province_submitted";`);
    this.addSql(
      `create index "contact_province_id_submitted_at_index" on "contact" ("province_id", "submitted_at");`,
    );

    this.addSql(`drop index "contact_clock_province_submitted";`);
    this.addSql(`alter table "contact_clock" drop column "submitted_at";`);
  }
}
