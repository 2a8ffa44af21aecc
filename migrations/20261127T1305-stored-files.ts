// Encrypted files (attachments), stored in the database so that every app instance can serve them.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table stored_files (
      id uuid primary key default gen_random_uuid(),
      owner_type text not null,
      owner_id text not null,
      name text not null,
      media_type text not null check (media_type in ('application/pdf','image/png','image/jpeg','image/webp')),
      size integer not null check (size > 0),
      iv bytea not null,
      auth_tag bytea not null,
      content bytea not null,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index stored_files_owner on stored_files(owner_type, owner_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table stored_files;`.execute(db);
}
