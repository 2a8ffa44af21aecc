// Reminders of a saved plan: the resident opts in on the save page with an address or a mobile number; one row
// per message to send (a week and a day before each dated deadline, plus a first message at once), each sent by
// a durable job. Everything hangs on the saved answers and goes with them (on delete cascade). Erased private
// links leave a tombstone (the token's hash only) so that a link used after its deletion says so.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table navigator_reminders (
      id uuid primary key,
      saved_answers_id uuid not null unique references navigator_saved_answers(id) on delete cascade,
      channel text not null check (channel in ('email', 'sms')),
      contact text,
      consent_text text not null,
      consented_at timestamptz not null,
      stop_token_hash text not null unique,
      links_sealed text,
      stopped_at timestamptz,
      stop_reason text check (stop_reason in ('request', 'refused')),
      created_at timestamptz not null default now()
    );
    create table navigator_reminder_messages (
      id uuid primary key default gen_random_uuid(),
      reminder_id uuid not null references navigator_reminders(id) on delete cascade,
      kind text not null check (kind in ('welcome', 'week-before', 'day-before')),
      procedure_id text not null default '',
      procedure_title text,
      organisation text,
      deadline date,
      legal boolean,
      place text,
      send_at timestamptz not null,
      status text not null default 'pending' check (status in ('pending', 'sent', 'skipped', 'refused')),
      sent_at timestamptz,
      unique (reminder_id, kind, procedure_id)
    );
    create table navigator_erased_links (
      token_hash text primary key,
      life_event text not null,
      erased_at timestamptz not null,
      purge_after timestamptz not null
    );
    create index navigator_erased_links_purge on navigator_erased_links(purge_after);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table navigator_erased_links;
    drop table navigator_reminder_messages;
    drop table navigator_reminders;
  `.execute(db);
}
