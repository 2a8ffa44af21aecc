// "Pas le bon interlocuteur": an invited organisation says the case is not theirs (a message kind of its own,
// so that the statistics tell it from an answer).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table case_messages drop constraint case_messages_kind_check;
    alter table case_messages add constraint case_messages_kind_check
      check (kind in ('answer','question','message','internal','event','not-concerned'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    update case_messages set kind = 'answer' where kind = 'not-concerned';
    alter table case_messages drop constraint case_messages_kind_check;
    alter table case_messages add constraint case_messages_kind_check
      check (kind in ('answer','question','message','internal','event'));
  `.execute(db);
}
