// "Faire suivre à France Services": a resident sends a plan and the parts of their file they choose to a site,
// which sees it as a request in its inbox (then opens a shared case or proposes an appointment). Every sharing of
// the file with an organisation is a row of file_shares: what it may see (parts, documents), why (the request,
// the case), until when, and its withdrawal by the resident.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table file_requests (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      place_id uuid references places(id) on delete set null,
      life_event text not null,
      event_date date,
      answers jsonb not null,
      message text,
      -- The resident allowed the site to share the same parts with the organisations it invites on a case.
      share_with_invited boolean not null default false,
      status text not null default 'new'
        check (status in ('new','seen','case-opened','appointment-proposed','closed','withdrawn')),
      case_id uuid references cases(id) on delete set null,
      appointment_text text,
      handled_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index file_requests_inbox on file_requests(organisation_id, created_at desc);
    create index file_requests_user on file_requests(user_id, created_at desc);

    create table file_shares (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      request_id uuid references file_requests(id) on delete cascade,
      case_id uuid references cases(id) on delete cascade,
      parts text[] not null check (parts <@ array['identite','situation']),
      document_ids uuid[] not null default '{}',
      given_via text not null check (given_via in ('request','case','account')),
      given_at timestamptz not null default now(),
      expires_on date not null,
      withdrawn_at timestamptz
    );
    create index file_shares_user on file_shares(user_id, given_at desc);
    create index file_shares_organisation on file_shares(organisation_id) where withdrawn_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table file_shares;
    drop table file_requests;
  `.execute(db);
}
