// Pilotage: anonymous usage counters (plans, estimations, questions and documents not asked again), the indicator
// store refreshed by a durable job, its watermark, and satisfaction answers (free text erased after six months).
// No table here holds anything that points at a person.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table usage_counters (
      kind text not null,
      month char(7) not null,
      territory_id text not null default '',
      commune text not null default '',
      life_event text not null default '',
      channel text not null default '',
      count bigint not null check (count >= 0),
      updated_at timestamptz not null default now(),
      primary key (kind, month, territory_id, commune, life_event, channel)
    );
    create table indicator_values (
      indicator text not null,
      territory_id text not null,
      month char(7) not null,
      commune text not null default '',
      breakdown text not null default '',
      value double precision not null,
      primary key (indicator, territory_id, month, commune, breakdown)
    );
    create index indicator_values_territory on indicator_values(territory_id, month);
    create table indicator_refreshes (
      id text primary key,
      started_at timestamptz not null,
      finished_at timestamptz not null,
      from_month char(7) not null,
      full_refresh boolean not null default false
    );
    create table satisfaction_answers (
      id uuid primary key default gen_random_uuid(),
      month char(7) not null,
      territory_id text not null default '',
      commune text not null default '',
      subject text not null check (subject in ('plan','case','appointment')),
      life_event text not null default '',
      respondent text not null check (respondent in ('resident','helper','agent','other')),
      went text not null check (went in ('good','average','bad')),
      easy text not null check (easy in ('yes','partly','no')),
      useful text not null check (useful in ('yes','partly','no')),
      comment text,
      created_at timestamptz not null default now()
    );
    create index satisfaction_answers_month on satisfaction_answers(month);
    create index satisfaction_answers_comments on satisfaction_answers(created_at) where comment is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table satisfaction_answers; drop table indicator_refreshes; drop table indicator_values;
    drop table usage_counters;`.execute(db);
}
