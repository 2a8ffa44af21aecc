// The experiment's register, one per territory: its one-year calendar and milestones, workshops, irritants,
// solutions (idea → prototype → experiment → generalised or abandoned), derogation requests under the décret
// n° 2020-412 du 8 avril 2020, funding requests, and the public history of every change.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table experiments (
      territory_id text primary key references territories(id) on delete cascade,
      title text not null,
      summary text not null default '',
      starts_on date,
      ends_on date,
      check ((starts_on is null) = (ends_on is null) and (ends_on is null or ends_on > starts_on)),
      updated_at timestamptz not null default now()
    );
    create table experiment_milestones (
      id uuid primary key default gen_random_uuid(),
      territory_id text not null references experiments(territory_id) on delete cascade,
      due_on date not null,
      title text not null,
      done_on date,
      created_at timestamptz not null default now()
    );
    create index experiment_milestones_territory on experiment_milestones(territory_id, due_on);
    create table experiment_irritants (
      id uuid primary key default gen_random_uuid(),
      territory_id text not null references experiments(territory_id) on delete cascade,
      title text not null,
      description text not null default '',
      origin text not null check (origin in ('seed','workshop','pilot')),
      created_at timestamptz not null default now()
    );
    create index experiment_irritants_territory on experiment_irritants(territory_id);
    create table experiment_workshops (
      id uuid primary key default gen_random_uuid(),
      territory_id text not null references experiments(territory_id) on delete cascade,
      held_on date not null,
      title text not null,
      participants jsonb not null,
      notes text not null default '',
      created_at timestamptz not null default now()
    );
    create index experiment_workshops_territory on experiment_workshops(territory_id, held_on);
    create table experiment_workshop_irritants (
      workshop_id uuid not null references experiment_workshops(id) on delete cascade,
      irritant_id uuid not null references experiment_irritants(id) on delete cascade,
      primary key (workshop_id, irritant_id)
    );
    create table experiment_solutions (
      id uuid primary key default gen_random_uuid(),
      territory_id text not null references experiments(territory_id) on delete cascade,
      title text not null,
      description text not null default '',
      stage text not null check (stage in ('idea','prototype','experiment','generalised','abandoned')),
      indicators text[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index experiment_solutions_territory on experiment_solutions(territory_id);
    create table experiment_solution_irritants (
      solution_id uuid not null references experiment_solutions(id) on delete cascade,
      irritant_id uuid not null references experiment_irritants(id) on delete cascade,
      primary key (solution_id, irritant_id)
    );
    create table experiment_derogations (
      id uuid primary key default gen_random_uuid(),
      territory_id text not null references experiments(territory_id) on delete cascade,
      solution_id uuid references experiment_solutions(id) on delete set null,
      title text not null,
      legal_text text not null,
      article text not null,
      domain text not null check (domain in ('subsidies','planning','environment','housing','employment','heritage','sport')),
      condition_interest text not null check (length(condition_interest) > 0),
      condition_effect text not null check (length(condition_effect) > 0),
      condition_compatibility text not null check (length(condition_compatibility) > 0),
      condition_proportionality text not null check (length(condition_proportionality) > 0),
      status text not null check (status in ('draft','filed','granted','refused')),
      decree_reference text,
      decided_on date,
      check (status <> 'granted' or (decree_reference is not null and decided_on is not null)),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index experiment_derogations_territory on experiment_derogations(territory_id);
    create table experiment_fundings (
      id uuid primary key default gen_random_uuid(),
      territory_id text not null references experiments(territory_id) on delete cascade,
      solution_id uuid references experiment_solutions(id) on delete set null,
      call text not null,
      amount_asked numeric(14,2) not null check (amount_asked >= 0),
      amount_granted numeric(14,2) check (amount_granted >= 0),
      amount_spent numeric(14,2) check (amount_spent >= 0),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index experiment_fundings_territory on experiment_fundings(territory_id);
    create table experiment_history (
      id bigserial primary key,
      territory_id text not null references experiments(territory_id) on delete cascade,
      at timestamptz not null default now(),
      actor_id uuid references users(id) on delete set null,
      actor_role text not null,
      entity text not null,
      entity_id text,
      action text not null,
      summary text not null
    );
    create index experiment_history_territory on experiment_history(territory_id, id desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table experiment_history; drop table experiment_fundings; drop table experiment_derogations;
    drop table experiment_solution_irritants; drop table experiment_solutions; drop table experiment_workshop_irritants;
    drop table experiment_workshops; drop table experiment_irritants; drop table experiment_milestones;
    drop table experiments;`.execute(db);
}
