// An appointment booked from a shared case keeps a checked reference to it: until now `appointments.case_id` was
// a bare uuid that nothing tied to a case. References to no case are cleared first (they could only come from a
// hand-made form), then the foreign key (a case row is never deleted, but if one were, the appointment stays and
// forgets it) and an index to list a case's appointments.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update appointments set case_id = null
      where case_id is not null and not exists (select 1 from cases where cases.id = appointments.case_id);
    alter table appointments add constraint appointments_case_fk
      foreign key (case_id) references cases(id) on delete set null;
    create index appointments_case on appointments(case_id) where case_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index appointments_case; alter table appointments drop constraint appointments_case_fk;`.execute(
    db,
  );
}
