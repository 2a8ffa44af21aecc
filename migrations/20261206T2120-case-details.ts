// What agents ask of a case every day (Administration+): a subject (predefined per organisation, or typed),
// the resident's address, phone and e-mail, an "urgent" mark, and the "procédure standard" flag that keeps a
// trivial request out of the statistics. Organisations get their predefined subjects and a shared mailbox.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organisation_subjects (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id) on delete cascade,
      label text not null check (length(label) between 3 and 150),
      active boolean not null default true,
      created_at timestamptz not null default now()
    );
    create unique index organisation_subjects_label on organisation_subjects(organisation_id, lower(label)) where active;
    alter table organisations add column shared_mailbox text;
    alter table cases add column subject text;
    alter table cases add column subject_id uuid references organisation_subjects(id) on delete set null;
    alter table cases add column resident_address text;
    alter table cases add column resident_phone text;
    alter table cases add column resident_email text;
    alter table cases add column urgent boolean not null default false;
    alter table cases add column standard_procedure boolean not null default false;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table cases drop column standard_procedure; alter table cases drop column urgent;
    alter table cases drop column resident_email; alter table cases drop column resident_phone;
    alter table cases drop column resident_address; alter table cases drop column subject_id;
    alter table cases drop column subject; alter table organisations drop column shared_mailbox;
    drop table organisation_subjects;
  `.execute(db);
}
