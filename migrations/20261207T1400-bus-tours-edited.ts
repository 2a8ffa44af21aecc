// A bus tour changed in the offer's pages is marked edited: the territory seed, applied at every start, then
// leaves its stops as people left them instead of replacing them with the seed's.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table bus_tours add column edited_at timestamptz;`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table bus_tours drop column edited_at;`.execute(db);
}
