// Accounts unused for a long time are deactivated (after a warning mail): the date of the warning, and of the
// deactivation, whoever made it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table users add column inactivity_warned_at timestamptz;
    alter table users add column disabled_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users drop column disabled_at; alter table users drop column inactivity_warned_at;`.execute(
    db,
  );
}
