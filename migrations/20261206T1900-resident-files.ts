// The resident's file ("Mon dossier"): the household situation said once — one JSON document per resident, each
// fact with its value, when and by whom it was given —, a version number that makes two concurrent saves
// conflict instead of silently erasing each other, the documents of the file (encrypted in stored_files), and the
// count of questions and documents the file spared, per territory, moment of life and day (a pilotage indicator,
// with no personal data).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table resident_files (
      user_id uuid primary key references users(id) on delete cascade,
      facts jsonb not null default '{}'::jsonb,
      version integer not null default 0 check (version >= 0),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table resident_documents (
      file_id uuid primary key references stored_files(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      kind text not null check (kind in ('identite','domicile','avis-imposition','bulletin-salaire',
        'attestation-droits','rib','livret-famille','quittance-loyer','decision-mdph','autre')),
      given_by uuid references users(id) on delete set null,
      given_by_role text not null,
      mandate_id uuid,
      created_at timestamptz not null default now()
    );
    create index resident_documents_user on resident_documents(user_id, created_at desc);

    create table file_reuse_counts (
      territory_id text not null,
      life_event text not null,
      day date not null,
      questions_avoided integer not null default 0 check (questions_avoided >= 0),
      documents_avoided integer not null default 0 check (documents_avoided >= 0),
      primary key (territory_id, life_event, day)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table file_reuse_counts;
    drop table resident_documents;
    drop table resident_files;
  `.execute(db);
}
