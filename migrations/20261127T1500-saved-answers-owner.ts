// Saved answers belong to the resident's account when a signed-in resident saves them, so that "Mes données"
// can show and export them and the account's erasure takes them along. Rows saved before this migration by a
// signed-in resident are linked from the journal entry that recorded their creation.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table navigator_saved_answers add column user_id uuid references users(id) on delete cascade;
    create index navigator_saved_answers_user on navigator_saved_answers(user_id) where user_id is not null;
    update navigator_saved_answers n set user_id = u.id
      from audit_journal j join users u on u.id = j.actor_id and u.role = 'resident'
      where j.subject_type = 'navigator-answers' and j.action = 'create' and j.subject_id = n.id::text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table navigator_saved_answers drop column user_id;`.execute(db);
}
