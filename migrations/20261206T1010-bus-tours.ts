// The public-service bus as data: a tour (the bus, its crew) stops at places of communes on a calendar
// (a weekday, every N weeks from a first date, a time range).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table bus_tours (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique,
      territory_id text not null references territories(id) on delete cascade,
      place_id uuid not null references places(id) on delete cascade,
      name text not null,
      staff text not null default '',
      source text not null default '',
      created_at timestamptz not null default now()
    );
    create table bus_stops (
      id uuid primary key default gen_random_uuid(),
      tour_id uuid not null references bus_tours(id) on delete cascade,
      place_id uuid not null references places(id) on delete cascade,
      weekday smallint not null check (weekday between 1 and 7),
      every_weeks smallint not null default 1 check (every_weeks between 1 and 8),
      first_date date not null,
      until_date date,
      starts time not null,
      ends time not null,
      demo boolean not null default false,
      check (ends > starts)
    );
    create index bus_stops_tour on bus_stops(tour_id);
    create index bus_stops_place on bus_stops(place_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table bus_stops; drop table bus_tours;`.execute(db);
}
