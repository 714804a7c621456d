import { Migration } from '@mikro-orm/migrations';

export class Migration20261202142248 extends Migration {
  override name = 'Migration20261202142248';

  override up(): void | Promise<void> {
    this.addSql(`alter table "deadline_rule" add "province_id" varchar(64) null;`);
    this.addSql(`create index "deadline_rule_province_id_index" on "deadline_rule" ("province_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "deadline_rule_province_id_index";`);
    this.addSql(`alter table "deadline_rule" drop column "province_id";`);
  }
}
