// Indexes for the indicator refresh job: it recomputes the current month from the cases' dated events (opened,
// first answered, closed), and must read one month through an index rather than scan a million cases.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index cases_created_at on cases(created_at);
    create index cases_closed_at on cases(closed_at) where closed_at is not null;
    create index case_participants_first_answer on case_participants(first_answer_at) where first_answer_at is not null;
    create index case_participants_done on case_participants(done_at) where done_at is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index case_participants_done; drop index case_participants_first_answer; drop index cases_closed_at;
    drop index cases_created_at;`.execute(db);
}
