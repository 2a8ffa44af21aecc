// A territory's communes, versioned by geography year (the INSEE code officiel géographique changes every 1 January:
// communes merge, codes disappear), and how each year's list was made (bassin de vie of a zoning table, EPCI, or a
// list of communes). `territory_communes` stays the current list that pages read; this is its history. A commune
// belongs to at most one territory in a given year, so that every counted plan falls in exactly one territory and
// published statistics never count a person twice.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table territory_geographies (
      territory_id text not null references territories(id) on delete cascade,
      geography_year integer not null check (geography_year between 2000 and 2100),
      method text not null check (method in ('bassin-de-vie','epci','communes','seed')),
      code text not null default '',
      source text not null default '',
      recorded_at timestamptz not null default now(),
      primary key (territory_id, geography_year)
    );
    create table territory_memberships (
      territory_id text not null,
      geography_year integer not null,
      insee_code char(5) not null,
      primary key (territory_id, geography_year, insee_code),
      foreign key (territory_id, geography_year) references territory_geographies(territory_id, geography_year) on delete cascade
    );
    create unique index territory_memberships_one_territory on territory_memberships(geography_year, insee_code);
    insert into territory_geographies (territory_id, geography_year, method, code, source)
      select id, 2026, 'seed', insee_code, zoning from territories;
    insert into territory_memberships (territory_id, geography_year, insee_code)
      select territory_id, 2026, insee_code from territory_communes;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table territory_memberships; drop table territory_geographies;`.execute(db);
}
