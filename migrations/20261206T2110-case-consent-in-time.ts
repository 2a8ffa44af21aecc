// Consent enforced in time: a case whose consent waits for the resident's confirmation (e-mail, SMS) stays
// closed to the invited organisations until it is confirmed; a refusal closes it and erases its data. The
// refusal and a confirmation message the mail server refused are dated on the consent.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table cases add column consent_status text not null default 'given'
      check (consent_status in ('given','pending','refused'));
    update cases c set consent_status = 'pending' from case_consents k
      where k.case_id = c.id and k.kind in ('email','sms') and k.confirmed_at is null and c.status <> 'closed';
    alter table case_consents add column refused_at timestamptz;
    alter table case_consents add column delivery_failed_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table case_consents drop column delivery_failed_at; alter table case_consents drop column refused_at;
    alter table cases drop column consent_status;`.execute(db);
}
