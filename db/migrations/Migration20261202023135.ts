import { Migration } from '@mikro-orm/migrations';

/**
 * Working days each stopped clock took (first day not counted, paused working days left out), computed by the
 * domain when the recording activity writes the clock row, so responsiveness statistics (issue 8) aggregate a
 * column instead of walking the calendar. Clocks stopped before this migration get it at their contact's next
 * event. Generated.
 */
export class Migration20261202023135 extends Migration {
  override name = 'Migration20261202023135';

  override up(): void | Promise<void> {
    this.addSql(`alter table "contact_clock" add "working_days_taken" int null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "contact_clock" drop column "working_days_taken";`);
  }
}
