// Mandates, at parity with Aidants Connect: a resident authorises a helper's organisation for scopes (the
// Aidants Connect list of démarches) and a duration of one day to twelve months, given at the counter (signed
// printed mandate, or a code sent by mail or SMS — three wrong codes lock it) or from the resident's account.
// Revocable by either side; a revoked or expired mandate opens nothing.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mandates (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      created_by uuid references users(id) on delete set null,
      created_by_role text not null,
      scopes text[] not null check (cardinality(scopes) > 0 and scopes <@ array['papiers','famille','social',
        'travail','logement','transports','argent','justice','etranger','loisirs']),
      starts_on date not null,
      ends_on date not null,
      given_via text not null check (given_via in ('printed','email-code','sms-code','account')),
      status text not null check (status in ('pending','active','revoked','locked')),
      code_hash text,
      code_expires_at timestamptz,
      code_attempts integer not null default 0 check (code_attempts between 0 and 3),
      code_sent_to text,
      signed_file_id uuid references stored_files(id) on delete set null,
      confirmed_at timestamptz,
      revoked_at timestamptz,
      revoked_by uuid references users(id) on delete set null,
      revoked_by_role text,
      created_at timestamptz not null default now(),
      check (ends_on > starts_on and ends_on <= starts_on + interval '12 months')
    );
    create index mandates_user on mandates(user_id, created_at desc);
    create index mandates_organisation on mandates(organisation_id, status, ends_on);
    alter table resident_documents add constraint resident_documents_mandate
      foreign key (mandate_id) references mandates(id) on delete set null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table resident_documents drop constraint resident_documents_mandate;
    drop table mandates;
  `.execute(db);
}
