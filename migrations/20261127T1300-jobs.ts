// Durable jobs: one table, claimed with FOR UPDATE SKIP LOCKED, retried with backoff, deduplicated by key.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table jobs (
      id bigserial primary key,
      kind text not null,
      payload jsonb not null default '{}',
      idempotency_key text,
      status text not null default 'pending' check (status in ('pending','running','done','failed')),
      run_at timestamptz not null default now(),
      attempts integer not null default 0,
      max_attempts integer not null default 8,
      locked_until timestamptz,
      locked_by text,
      last_error text,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create unique index jobs_idempotency_key on jobs(idempotency_key) where idempotency_key is not null;
    create index jobs_due on jobs(run_at) where status in ('pending','running');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table jobs;`.execute(db);
}
