// The territory's offer beyond places: communes' centres (to rank places by distance), exceptional closures of a
// place, and services (who does what, where, for whom, how) with their last-checked date.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table communes add column latitude double precision, add column longitude double precision;
    -- edited_at: set when a person changes the row in the pages; the seed, applied at every start, then leaves it alone.
    alter table places add column open_on_public_holidays boolean not null default false,
      add column edited_at timestamptz;
    alter table organisations add column edited_at timestamptz;
    create table place_closures (
      id uuid primary key default gen_random_uuid(),
      place_id uuid not null references places(id) on delete cascade,
      starts_on date not null,
      ends_on date not null,
      reason text not null default '',
      created_at timestamptz not null default now(),
      check (ends_on >= starts_on)
    );
    create index place_closures_place on place_closures(place_id, ends_on);
    create table services (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique,
      territory_id text not null references territories(id) on delete cascade,
      organisation_id uuid not null references organisations(id) on delete cascade,
      name text not null,
      description text not null,
      kind text,
      themes text[] not null default '{}',
      publics text[] not null default '{}',
      publics_details text,
      fees text check (fees in ('gratuit', 'payant')),
      fees_details text,
      usage_modes text[] not null default '{}',
      at_distance boolean not null default false,
      on_bus boolean not null default false,
      prerequisites text[] not null default '{}',
      documents text[] not null default '{}',
      eligibility_zone text[] not null default '{}',
      online_url text,
      phone text,
      email text,
      source text not null default '',
      last_checked_on date not null,
      stale_notified_on date,
      edited_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index services_territory on services(territory_id);
    create index services_organisation on services(organisation_id);
    create table service_places (
      service_id uuid not null references services(id) on delete cascade,
      place_id uuid not null references places(id) on delete cascade,
      primary key (service_id, place_id)
    );
    create index service_places_place on service_places(place_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table service_places; drop table services; drop table place_closures;
    alter table places drop column open_on_public_holidays, drop column edited_at;
    alter table organisations drop column edited_at;
    alter table communes drop column latitude, drop column longitude;`.execute(db);
}
