import { Migration } from '@mikro-orm/migrations';

export class Migration20261202113829 extends Migration {
  override name = 'Migration20261202113829';

  override up(): void | Promise<void> {
    this.addSql(`alter table "contact" add "also_visible_to" text[] null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "contact" drop column "also_visible_to";`);
  }
}
