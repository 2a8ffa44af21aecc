// Indexes for the indicator refresh job's new sources: appointments (booked, due), walk-ins and aller-vers are read
// one range of months at a time (src/features/appointments/indicators.ts, src/features/outreach/indicators.ts), and
// must be read through an index rather than by scanning every row each few minutes.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index appointments_created_at on appointments(created_at);
    create index appointments_starts_at on appointments(starts_at);
    create index walk_ins_at on walk_ins(at);
    create index outreach_rights_first_probable on outreach_rights(first_probable_at);
    create index outreach_rights_notified on outreach_rights(notified_at) where notified_at is not null;
    create index outreach_rights_outcome on outreach_rights(outcome_at) where outcome_at is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index outreach_rights_outcome; drop index outreach_rights_notified;
    drop index outreach_rights_first_probable; drop index walk_ins_at; drop index appointments_starts_at;
    drop index appointments_created_at;`.execute(db);
}
