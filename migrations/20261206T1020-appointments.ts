// Appointments: motifs per organisation, recurring opening ranges per agent and place (with one-day exceptions and
// absences), appointments and walk-in visits. Two people can never hold the same agent's time: an exclusion
// constraint (btree_gist) refuses overlapping active appointments of one agent, even when two bookings commit
// at the same instant. Appointment and walk-in rows keep who, when, where and the outcome for counting.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create extension if not exists btree_gist;
    create table appointment_motifs (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id) on delete cascade,
      name text not null,
      duration_minutes integer not null check (duration_minutes between 5 and 480),
      channel text not null check (channel in ('on-site', 'phone', 'visio', 'home')),
      public_booking boolean not null default true,
      min_delay_hours integer not null default 2 check (min_delay_hours >= 0),
      max_delay_days integer not null default 60 check (max_delay_days between 1 and 365),
      instructions_before text not null default '',
      instructions_after text not null default '',
      active boolean not null default true,
      created_at timestamptz not null default now()
    );
    create index appointment_motifs_organisation on appointment_motifs(organisation_id);
    create table opening_ranges (
      id uuid primary key default gen_random_uuid(),
      agent_id uuid not null references users(id) on delete cascade,
      place_id uuid not null references places(id) on delete cascade,
      weekday smallint not null check (weekday between 1 and 7),
      every_weeks smallint not null default 1 check (every_weeks between 1 and 8),
      first_date date not null,
      until_date date,
      starts time not null,
      ends time not null,
      created_at timestamptz not null default now(),
      check (ends > starts)
    );
    create index opening_ranges_place on opening_ranges(place_id);
    create index opening_ranges_agent on opening_ranges(agent_id);
    create table opening_range_motifs (
      range_id uuid not null references opening_ranges(id) on delete cascade,
      motif_id uuid not null references appointment_motifs(id) on delete cascade,
      primary key (range_id, motif_id)
    );
    create index opening_range_motifs_motif on opening_range_motifs(motif_id);
    create table opening_range_exceptions (
      range_id uuid not null references opening_ranges(id) on delete cascade,
      on_date date not null,
      cancelled boolean not null default false,
      starts time,
      ends time,
      primary key (range_id, on_date),
      check (cancelled or (starts is not null and ends is not null and ends > starts))
    );
    create table agent_absences (
      id uuid primary key default gen_random_uuid(),
      agent_id uuid not null references users(id) on delete cascade,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      reason text not null default '',
      check (ends_at > starts_at)
    );
    create index agent_absences_agent on agent_absences(agent_id, ends_at);
    create table appointments (
      id uuid primary key default gen_random_uuid(),
      motif_id uuid not null references appointment_motifs(id),
      place_id uuid not null references places(id),
      agent_id uuid not null references users(id),
      range_id uuid references opening_ranges(id) on delete set null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      status text not null default 'booked' check (status in
        ('booked', 'seen', 'excused', 'cancelled-by-service', 'no-show', 'cancelled-by-resident')),
      first_name text,
      last_name text,
      email text,
      phone text,
      consent_at timestamptz not null,
      booked_via text not null check (booked_via in ('public', 'agent')),
      booked_by uuid references users(id) on delete set null,
      case_id uuid,
      cancel_token_hash text unique,
      reminder_sent_at timestamptz,
      outcome_at timestamptz,
      outcome_by uuid references users(id) on delete set null,
      anonymised_at timestamptz,
      created_at timestamptz not null default now(),
      check (ends_at > starts_at),
      constraint appointments_no_double_booking exclude using gist
        (agent_id with =, tstzrange(starts_at, ends_at) with &&)
        where (status not in ('cancelled-by-service', 'cancelled-by-resident'))
    );
    create index appointments_place_start on appointments(place_id, starts_at);
    create index appointments_agent_start on appointments(agent_id, starts_at);
    create index appointments_reminders on appointments(starts_at) where status = 'booked' and reminder_sent_at is null;
    create table walk_ins (
      id uuid primary key default gen_random_uuid(),
      place_id uuid not null references places(id),
      agent_id uuid references users(id) on delete set null,
      organisation_id uuid references organisations(id) on delete set null,
      reason text not null,
      at timestamptz not null default now()
    );
    create index walk_ins_place_at on walk_ins(place_id, at);
    create table agent_calendar_feeds (
      agent_id uuid primary key references users(id) on delete cascade,
      token_hash text not null unique,
      created_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table agent_calendar_feeds; drop table walk_ins; drop table appointments; drop table agent_absences;
    drop table opening_range_exceptions; drop table opening_range_motifs; drop table opening_ranges;
    drop table appointment_motifs;`.execute(db);
}
