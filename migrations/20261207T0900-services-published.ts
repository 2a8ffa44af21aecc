// A service can be hidden from the public (withdrawn for a while, or being written) rather than deleted: its
// organisation keeps it, its history stays in the journal, and publishing it again is one tick.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table services add column published boolean not null default true;`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table services drop column published;`.execute(db);
}
