// A demonstration case for the demo accounts (SEED_DEMO, never in production by default): the France Services
// helper asked the CAF about a fictional resident. Fixed ids, so that links in the docs and the harness's
// route samples point at it; created once, never overwritten.
import type { Db } from '../../platform/db/database.ts';
import { journal } from '../../platform/audit.ts';
import { saveFile } from '../../platform/files/files.ts';

export const demoCaseId = '5c0a5e00-0000-4000-8000-000000000001';
export const demoFileId = '5c0a5e00-0000-4000-8000-0000000000f1';

// A minimal one-page PDF written by hand for the demo (no content from elsewhere).
const demoPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** Creates the demonstration case when the demo accounts exist and the case does not. */
export async function ensureDemoCase(db: Db, filesKey: Buffer): Promise<boolean> {
  const exists = await db.selectFrom('cases').select('id').where('id', '=', demoCaseId).executeTakeFirst();
  if (exists) return false;
  const helper = await db
    .selectFrom('users')
    .select(['id', 'organisation_id'])
    .where('email', '=', 'aidant@demo.localhost')
    .executeTakeFirst();
  const caf = await db
    .selectFrom('organisations')
    .select('id')
    .where('slug', '=', 'caf-lot')
    .executeTakeFirst();
  if (!helper?.organisation_id || !caf) return false;
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const expires = new Date(now.getTime() + 180 * 86400_000).toISOString().slice(0, 10);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('cases')
      .values({
        id: demoCaseId,
        territory_id: 'cahors',
        helper_organisation_id: helper.organisation_id!,
        created_by: helper.id,
        life_event: 'birth',
        question:
          'Démonstration : la prime à la naissance n’est pas versée alors que la déclaration de grossesse a été faite.',
        resident_first_name: 'Camille',
        resident_last_name: 'Exemple',
        resident_birth_date: '1994-06-15',
        caf_number: null,
        social_security_number: null,
        tax_number: null,
        created_at: now,
        updated_at: now,
        last_message_at: now,
        closed_at: null,
        usefulness: null,
        outcome: null,
        personal_data_erased_at: null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await trx
      .insertInto('case_consents')
      .values({
        case_id: demoCaseId,
        kind: 'printed-mandate',
        given_on: today,
        scope: 'Démonstration',
        expires_on: expires,
        contact: null,
        confirmation_token_hash: null,
        confirmed_at: null,
        recorded_by: helper.id,
      })
      .execute();
    await trx
      .insertInto('case_participants')
      .values({
        case_id: demoCaseId,
        organisation_id: caf.id,
        invited_by: helper.id,
        invited_at: now,
        case_updated_at: now,
        assignee_id: null,
        taken_at: null,
        first_answer_at: null,
        done_at: null,
        reminded_at: null,
        escalated_at: null,
      })
      .execute();
    const message = await trx
      .insertInto('case_messages')
      .values({
        case_id: demoCaseId,
        author_id: helper.id,
        author_organisation_id: helper.organisation_id,
        kind: 'message',
        body: 'Attestation jointe (démonstration).',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const fileId = await saveFile(
      trx,
      filesKey,
      { name: 'attestation-demonstration.pdf', mediaType: 'application/pdf', content: demoPdf },
      { type: 'case', id: demoCaseId, createdBy: helper.id },
      demoFileId,
    );
    await trx
      .insertInto('case_attachments')
      .values({ file_id: fileId, case_id: demoCaseId, message_id: message.id, purpose: 'attachment' })
      .execute();
    await journal(trx, {
      actor: null,
      action: 'create',
      subjectType: 'case',
      subjectId: demoCaseId,
      reason: 'dossier de démonstration',
    });
  });
  return true;
}
