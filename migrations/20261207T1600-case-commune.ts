// The resident's commune on a shared case (INSEE code, optional): chosen by the helper on the opening form among the
// territory's communes, so that the pilotage counts cases, their delays and their usefulness by commune and EPCI
// (issue 17). Null when not said: those cases count under "commune non renseignée". Adding a nullable column
// without a default rewrites nothing; the check only reads the existing rows once.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table cases add column resident_commune text
      constraint cases_resident_commune_insee check (resident_commune ~ '^[0-9][0-9AB][0-9]{3}$')
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table cases drop column resident_commune`.execute(db);
}
