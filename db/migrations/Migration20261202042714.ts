import { Migration } from '@mikro-orm/migrations';

export class Migration20261202042714 extends Migration {
  override name = 'Migration20261202042714';

  override up(): void | Promise<void> {
    this.addSql(`alter table "job_file" drop constraint "job_file_pkey";`);
    this.addSql(`alter table "job_file" add "part" varchar(20) not null;`);
    this.addSql(`alter table "job_file" add primary key ("job_id", "part");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "job_file" drop constraint "job_file_pkey";`);
    this.addSql(`alter table "job_file" drop column "part";`);
    this.addSql(`alter table "job_file" add primary key ("job_id");`);
  }
}
