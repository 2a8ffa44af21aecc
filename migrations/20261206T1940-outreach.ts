// Aller-vers: the resident's consent to be told about a new right ("prévenez-moi"), the last estimation of each
// consenting resident (file version and parameters' fingerprint: the nightly job re-estimates only what
// changed), each probable right once found (notified once; the helpers' outcome: contacted, appointment, claim
// filed, declined — a declined right is never proposed again), and the runs of the nightly job.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table outreach_consents (
      user_id uuid primary key references users(id) on delete cascade,
      territory_id text not null references territories(id),
      sms_phone text,
      given_at timestamptz not null default now()
    );
    create index outreach_consents_territory on outreach_consents(territory_id);

    create table outreach_estimates (
      user_id uuid primary key references users(id) on delete cascade,
      file_version integer not null,
      fingerprint text not null,
      probable text[] not null,
      estimated_at timestamptz not null
    );

    create table outreach_rights (
      user_id uuid not null references users(id) on delete cascade,
      benefit_id text not null,
      territory_id text not null,
      first_probable_at timestamptz not null,
      probable boolean not null default true,
      amount numeric(12,2),
      frequency text,
      notified_at timestamptz,
      outcome text check (outcome in ('contacted','appointment','claim-filed','declined')),
      outcome_at timestamptz,
      outcome_by uuid references users(id) on delete set null,
      primary key (user_id, benefit_id)
    );
    -- The helpers' list: probable rights still to follow, newest first, per territory.
    create index outreach_rights_list on outreach_rights(territory_id, first_probable_at desc, user_id, benefit_id)
      where probable and (outcome is null or outcome in ('contacted','appointment'));

    create table outreach_runs (
      id bigserial primary key,
      month text not null,
      fingerprint text not null,
      started_at timestamptz not null,
      finished_at timestamptz,
      residents integer not null default 0,
      estimated integer not null default 0,
      notified integer not null default 0
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table outreach_runs;
    drop table outreach_rights;
    drop table outreach_estimates;
    drop table outreach_consents;
  `.execute(db);
}
