// The resident is told at each step (opening, answer, closing, refusal) by the channel of their consent: a
// mail, an SMS, or a letter the helper prints and hands over. Each notice is kept until the case's personal
// data is erased, so that the helper sees what was said and prints the letters.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_resident_notices (
      id bigserial primary key,
      case_id uuid not null references cases(id) on delete cascade,
      step text not null check (step in ('opened','answered','closed')),
      channel text not null check (channel in ('email','sms','letter')),
      body text,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      failed_at timestamptz
    );
    create index case_resident_notices_case on case_resident_notices(case_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table case_resident_notices;`.execute(db);
}
