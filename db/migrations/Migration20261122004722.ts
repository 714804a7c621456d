import { Migration } from '@mikro-orm/migrations';

export class Migration20261122004722 extends Migration {
  override name = 'Migration20261122004722';

  override up(): void | Promise<void> {
    this.addSql(`alter table "notification" add "link" varchar(200) null;`);
    this.addSql(`alter table "notification" alter column "contact_id" drop not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notification" drop column "link";`);
    this.addSql(`alter table "notification" alter column "contact_id" set not null;`);
  }
}
