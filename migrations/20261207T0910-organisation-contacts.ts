// An organisation's public contacts (a switchboard phone and a contact e-mail), kept by the territory's pilot in
// the offer's pages; distinct from the shared mailbox that receives the cases.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisations add column phone text, add column email text;`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisations drop column phone, drop column email;`.execute(db);
}
