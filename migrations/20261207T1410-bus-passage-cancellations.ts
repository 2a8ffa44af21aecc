// An exceptional cancellation of one passage of the bus at a stop (a breakdown, the crew on leave), shown to
// residents like a place's closure; at most one per stop and day.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table bus_passage_cancellations (
      id uuid primary key default gen_random_uuid(),
      stop_id uuid not null references bus_stops(id) on delete cascade,
      on_date date not null,
      reason text not null default '',
      created_at timestamptz not null default now(),
      unique (stop_id, on_date)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table bus_passage_cancellations;`.execute(db);
}
