// Territories (bassins de vie), their communes, partner organisations and places (lieux d'accueil).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table territories (
      id text primary key,
      name text not null,
      insee_code text not null,
      zoning text not null,
      description text not null default '',
      created_at timestamptz not null default now()
    );
    create table communes (
      insee_code char(5) primary key,
      name text not null,
      postal_codes text[] not null default '{}',
      population integer,
      epci_code text,
      epci_name text
    );
    create table territory_communes (
      territory_id text not null references territories(id) on delete cascade,
      insee_code char(5) not null references communes(insee_code),
      primary key (territory_id, insee_code)
    );
    create index territory_communes_commune on territory_communes(insee_code);
    create table organisations (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique,
      kind text not null,
      name text not null,
      description text not null default '',
      website text,
      created_at timestamptz not null default now()
    );
    create table organisation_territories (
      organisation_id uuid not null references organisations(id) on delete cascade,
      territory_id text not null references territories(id) on delete cascade,
      primary key (organisation_id, territory_id)
    );
    create table places (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique,
      territory_id text not null references territories(id) on delete cascade,
      organisation_id uuid references organisations(id) on delete set null,
      name text not null,
      kind text not null,
      address_line text,
      address_complement text,
      postal_code text,
      commune_insee char(5) references communes(insee_code),
      latitude double precision,
      longitude double precision,
      phone text,
      email text,
      opening_hours jsonb not null default '[]',
      hours_note text,
      appointment_only boolean not null default false,
      to_complete text,
      source text not null default '',
      updated_at timestamptz not null default now()
    );
    create index places_territory on places(territory_id);
    create index places_organisation on places(organisation_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table places; drop table organisation_territories; drop table organisations;
    drop table territory_communes; drop table communes; drop table territories;`.execute(db);
}
