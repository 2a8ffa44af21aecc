// Answers of a questionnaire saved on request, to resume through a private link: only the token's hash is kept,
// and every row expires (personal data is not kept longer than the link is useful).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table navigator_saved_answers (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      life_event text not null,
      answers jsonb not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index navigator_saved_answers_expiry on navigator_saved_answers(expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table navigator_saved_answers;`.execute(db);
}
