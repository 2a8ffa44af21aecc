// A case opened for a resident who has an account is linked to their file: one nullable column on cases (set
// when the case is opened from the resident's request or mandate; null for a resident met at the counter
// without an account). The account's erasure leaves the case to its own retention rules.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table cases add column resident_user_id uuid references users(id) on delete set null;
    create index cases_resident_user on cases(resident_user_id) where resident_user_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table cases drop column resident_user_id;`.execute(db);
}
