import { Migration } from '@mikro-orm/migrations';

/** Indexes for responsiveness statistics: a province's contacts by submission time, timeline entries by type and time. Generated. */
export class Migration20261202025109 extends Migration {
  override name = 'Migration20261202025109';

  override up(): void | Promise<void> {
    this.addSql(
      `create index "contact_province_id_submitted_at_index" on "contact" ("province_id", "submitted_at");`,
    );

    this.addSql(`create index "timeline_entry_type_at_index" on "timeline_entry" ("type", "at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "contact_province_id_submitted_at_index";`);

    this.addSql(`drop index "timeline_entry_type_at_index";`);
  }
}
