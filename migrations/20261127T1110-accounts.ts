// Accounts, roles, sessions and single-use login tokens.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      display_name text not null,
      role text not null check (role in ('resident','helper','partnerAgent','organisationManager',
        'territoryPilot','nationalObserver','admin')),
      organisation_id uuid references organisations(id) on delete restrict,
      status text not null default 'active' check (status in ('invited','active','disabled')),
      oidc_subject text,
      created_at timestamptz not null default now(),
      last_login_at timestamptz
    );
    create unique index users_email on users(lower(email));
    create unique index users_oidc_subject on users(oidc_subject) where oidc_subject is not null;
    create index users_organisation on users(organisation_id);
    create table user_territories (
      user_id uuid not null references users(id) on delete cascade,
      territory_id text not null references territories(id) on delete cascade,
      primary key (user_id, territory_id)
    );
    create table sessions (
      id_hash text primary key,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now(),
      via text not null
    );
    create index sessions_user on sessions(user_id);
    create table login_tokens (
      token_hash text primary key,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      redirect_to text
    );
    create index login_tokens_user on login_tokens(user_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table login_tokens; drop table sessions; drop table user_territories; drop table users;`.execute(
    db,
  );
}
