// A France Services site (a place of the organisation: Catus, Lalbenque…) is the unit that sees its cases: an
// agent bound to a site sees the cases opened there, not those of every site of the network.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table users add column site_id uuid references places(id) on delete set null;
    alter table cases add column helper_site_id uuid references places(id) on delete set null;
    create index cases_helper_site on cases(helper_site_id, updated_at desc) where helper_site_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index cases_helper_site; alter table cases drop column helper_site_id;
    alter table users drop column site_id;`.execute(db);
}
