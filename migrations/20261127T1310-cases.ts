// Shared cases between organisations: the case, the resident's consent, the organisations taking part,
// the thread of messages, who read what, and each agent's mail settings.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table cases (
      id uuid primary key default gen_random_uuid(),
      territory_id text not null references territories(id),
      helper_organisation_id uuid not null references organisations(id),
      created_by uuid references users(id) on delete set null,
      status text not null default 'new' check (status in ('new','in_progress','answered','closed')),
      life_event text not null,
      question text,
      resident_first_name text,
      resident_last_name text,
      resident_birth_date date,
      caf_number text,
      social_security_number text,
      tax_number text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      last_message_at timestamptz,
      closed_at timestamptz,
      reopened_count integer not null default 0,
      usefulness text check (usefulness in ('yes','partly','no')),
      outcome text,
      personal_data_erased_at timestamptz
    );
    create index cases_helper_org on cases(helper_organisation_id, updated_at desc);
    create index cases_created_by on cases(created_by, updated_at desc);
    create index cases_closed on cases(closed_at) where status = 'closed' and personal_data_erased_at is null;

    create table case_consents (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null unique references cases(id) on delete cascade,
      kind text not null check (kind in ('paper-mandate','printed-mandate','email','sms')),
      given_on date not null,
      scope text,
      expires_on date not null,
      contact text,
      confirmation_token_hash text,
      confirmed_at timestamptz,
      recorded_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      check (expires_on > given_on and expires_on <= given_on + interval '1 year')
    );

    create table case_participants (
      case_id uuid not null references cases(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      invited_by uuid references users(id) on delete set null,
      invited_at timestamptz not null default now(),
      assignee_id uuid references users(id) on delete set null,
      taken_at timestamptz,
      first_answer_at timestamptz,
      done_at timestamptz,
      reminded_at timestamptz,
      escalated_at timestamptz,
      -- A copy of cases.updated_at: the inbox of a large organisation is one index range scan, not a sort of
      -- every case it ever took part in.
      case_updated_at timestamptz not null default now(),
      primary key (case_id, organisation_id)
    );
    create index case_participants_inbox on case_participants(organisation_id, case_updated_at desc);
    create index case_participants_assignee on case_participants(assignee_id, case_updated_at desc) where assignee_id is not null;
    create index case_participants_waiting on case_participants(invited_at) where first_answer_at is null and done_at is null;

    create table case_messages (
      id bigserial primary key,
      case_id uuid not null references cases(id) on delete cascade,
      author_id uuid references users(id) on delete set null,
      author_organisation_id uuid references organisations(id),
      kind text not null check (kind in ('answer','question','message','internal','event')),
      body text,
      created_at timestamptz not null default now()
    );
    create index case_messages_case on case_messages(case_id, id);

    create table case_attachments (
      file_id uuid primary key references stored_files(id) on delete cascade,
      case_id uuid not null references cases(id) on delete cascade,
      message_id bigint references case_messages(id) on delete cascade,
      purpose text not null check (purpose in ('attachment','mandate'))
    );
    create index case_attachments_case on case_attachments(case_id);

    create table case_reads (
      case_id uuid not null references cases(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      last_read_message_id bigint not null,
      read_at timestamptz not null default now(),
      primary key (case_id, user_id)
    );

    create table user_mail_settings (
      user_id uuid primary key references users(id) on delete cascade,
      volume text not null default 'immediate' check (volume in ('immediate','digest','minimum')),
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table user_mail_settings; drop table case_reads; drop table case_attachments; drop table case_messages;
    drop table case_participants; drop table case_consents; drop table cases;`.execute(db);
}
