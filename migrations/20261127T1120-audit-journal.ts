// The audit journal of every access to personal data: append-only, enforced by the database itself.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_journal (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor_id uuid,
      actor_role text,
      action text not null check (action in ('read','create','update','delete','export','login','logout','share')),
      subject_type text not null,
      subject_id text,
      reason text not null,
      request_id text
    );
    create index audit_journal_subject on audit_journal(subject_type, subject_id);
    create index audit_journal_actor on audit_journal(actor_id, at);
    create function audit_journal_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_journal is append-only' using errcode = 'insufficient_privilege';
    end $$;
    create trigger audit_journal_no_update before update or delete or truncate on audit_journal
      for each statement execute function audit_journal_append_only();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_journal; drop function audit_journal_append_only();`.execute(db);
}
