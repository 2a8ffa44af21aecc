// A demonstration case for the demo accounts (SEED_DEMO, never in production by default): the France Services
// helper asked the CAF about a fictional resident. Fixed ids, so that links in the docs and the harness's
// route samples point at it; created once, never overwritten.
import type { Db } from '../../platform/db/database.ts';
import { journal } from '../../platform/audit.ts';
import { saveFile } from '../../platform/files/files.ts';
import { addDays, todayInParis } from '../../platform/dates.ts';
import { addWorkingDays } from './working-days.ts';
import { defaultCaseSettings } from './settings.ts';
import {
  attachFile,
  caseExists,
  insertCase,
  insertConsent,
  insertMessage,
  insertParticipant,
  insertSubject,
  organisationBySlug,
  subjectsOf,
  userByEmail,
} from './store.ts';

export const demoCaseId = '5c0a5e00-0000-4000-8000-000000000001';
export const demoFileId = '5c0a5e00-0000-4000-8000-0000000000f1';

// A minimal one-page PDF written by hand for the demo (no content from elsewhere).
const demoPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** Creates the demonstration case when the demo accounts exist and the case does not. */
export async function ensureDemoCase(db: Db, filesKey: Buffer): Promise<boolean> {
  if (await caseExists(db, demoCaseId)) return false;
  const helper = await userByEmail(db, 'aidant@demo.localhost');
  const caf = await organisationBySlug(db, 'caf-lot');
  if (!helper?.organisation_id || !caf) return false;
  const now = new Date();
  const today = todayInParis(now);
  const expires = addDays(today, 180);
  await db.transaction().execute(async (trx) => {
    await insertCase(trx, {
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
      // Cahors: the demo case counts by commune in the pilotage like any other.
      resident_commune: '46042',
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
    });
    await insertConsent(trx, {
      case_id: demoCaseId,
      kind: 'printed-mandate',
      given_on: today,
      scope: 'Démonstration',
      expires_on: expires,
      contact: null,
      confirmation_token_hash: null,
      confirmed_at: null,
      recorded_by: helper.id,
    });
    await insertParticipant(trx, {
      caseId: demoCaseId,
      organisationId: caf.id,
      invitedBy: helper.id,
      now,
      dueAt: addWorkingDays(now, defaultCaseSettings.reminderWorkingDays),
    });
    const messageId = await insertMessage(
      trx,
      demoCaseId,
      { id: helper.id, organisationId: helper.organisation_id },
      'message',
      'Attestation jointe (démonstration).',
      now,
    );
    const fileId = await saveFile(
      trx,
      filesKey,
      { name: 'attestation-demonstration.pdf', mediaType: 'application/pdf', content: demoPdf },
      { type: 'case', id: demoCaseId, createdBy: helper.id },
      demoFileId,
    );
    await attachFile(trx, { fileId, caseId: demoCaseId, messageId, purpose: 'attachment' });
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

/** A few subjects per partner organisation, for the demonstration (managers edit their own list). */
const demoSubjects: Record<string, string[]> = {
  'caf-lot': [
    'Rupture de droits',
    'Indu à expliquer',
    'Pièce manquante au dossier',
    'Changement de situation',
  ],
  'cpam-lot': ['Ouverture de droits santé', 'Complémentaire santé solidaire', 'Indemnités journalières'],
  'msa-mpn': ['Affiliation', 'Prestations familiales agricoles', 'Retraite agricole'],
  'mairie-cahors': ['État civil', 'Aide sociale facultative', 'Logement'],
};

/** Gives the demonstration organisations their subjects when they have none. */
export async function ensureDemoSubjects(db: Db): Promise<void> {
  for (const [slug, labels] of Object.entries(demoSubjects)) {
    const organisation = await organisationBySlug(db, slug);
    if (!organisation || (await subjectsOf(db, [organisation.id])).length > 0) continue;
    for (const label of labels) await insertSubject(db, organisation.id, label);
  }
}
