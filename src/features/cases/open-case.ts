// Opening a case: the form checked field by field, then one transaction for the case, the consent, the
// invitations, the files, the journal entry and the mails' jobs. Nothing is stored half-way.
import { createHash } from 'node:crypto';
import type { FieldError } from '../../platform/errors.ts';
import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { withPersonalData } from '../../platform/audit.ts';
import { saveFile, type CheckedFile } from '../../platform/files/files.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { compact, isValidCafNumber, isValidNir, isValidTaxNumber } from './identifiers.ts';
import { lifeEventLabels } from './labels.ts';
import {
  attachFile,
  insertCase,
  insertConsent,
  insertMessage,
  insertParticipant,
  invitableOrganisations,
  touchCase,
} from './store.ts';
import { attachFiles } from './case-actions.ts';
import { notify, organisationRecipients } from './notify.ts';
import { tellResident } from './notices.ts';
import { addWorkingDays } from './working-days.ts';
import { defaultCaseSettings, type CaseSettings } from './settings.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { ConsentKind } from './tables.ts';

/** The form as posted (every value a string; the organisations a list). */
export interface OpenCaseForm {
  prenom?: string;
  nom?: string;
  date_naissance?: string;
  numero_caf?: string;
  numero_secu?: string;
  numero_fiscal?: string;
  moment?: string;
  question?: string;
  organismes?: string[];
  consentement_type?: string;
  consentement_date?: string;
  consentement_portee?: string;
  consentement_fin?: string;
  consentement_contact?: string;
  adresse?: string;
  /** The resident's commune, an INSEE code among the territory's communes (optional). */
  commune?: string;
  telephone?: string;
  courriel?: string;
  objet?: string;
  objet_libre?: string;
  urgent?: string;
}

/** A checked request to open a case. */
export interface OpenCaseInput {
  resident: {
    firstName: string;
    lastName: string;
    birthDate: string;
    cafNumber: string | null;
    socialSecurityNumber: string | null;
    taxNumber: string | null;
    address?: string | null;
    /** INSEE code of the resident's commune, one of the territory's; null when not said. */
    commune?: string | null;
    phone?: string | null;
    email?: string | null;
  };
  lifeEvent: string;
  /** A subject predefined by an invited organisation (its id and label), or typed (no id), or none. */
  subject?: { id: string | null; label: string } | null;
  urgent?: boolean;
  question: string;
  organisationIds: string[];
  consent: {
    kind: ConsentKind;
    givenOn: string;
    scope: string;
    expiresOn: string;
    contact: string | null;
    mandate: CheckedFile | null;
  };
  attachments: CheckedFile[];
  /**
   * The resident's account, when they have one: the case is linked to their file, and `onOpened` runs in the
   * case's transaction (the resident's file records what each invited organisation may see of it).
   */
  residentFile?: { userId: string; onOpened(trx: Transaction<Database>, caseId: string): Promise<void> };
}

const consentKinds: ConsentKind[] = ['paper-mandate', 'printed-mandate', 'email', 'sms'];
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string | undefined): value is string {
  if (!value || !isoDate.test(value)) return false;
  const d = new Date(value + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The date one year after a date (29 February gives 28 February). */
export function oneYearAfter(date: string): string {
  const d = new Date(date + 'T00:00:00Z');
  const next = new Date(Date.UTC(d.getUTCFullYear() + 1, d.getUTCMonth(), d.getUTCDate()));
  if (next.getUTCMonth() !== d.getUTCMonth()) next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
}

/** Checks the form; returns the input or the French message of each wrong field. */
export function checkOpenCaseForm(
  form: OpenCaseForm,
  files: { mandate: CheckedFile | null; attachments: CheckedFile[] },
  context: {
    today: string;
    invitableIds: string[];
    /** INSEE codes of the communes of the helper's territory: the resident's commune is one of them, or none. */
    communes: string[];
    /** The subjects predefined by the invitable organisations. */
    subjects?: { id: string; label: string; organisationId: string }[];
  },
): { input: OpenCaseInput } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const text = (v: string | undefined) => (v ?? '').trim();
  const firstName = text(form.prenom);
  const lastName = text(form.nom);
  if (!firstName) errors.push({ field: 'prenom', message: 'Indiquez le prénom de l’usager.' });
  else if (firstName.length > 100)
    errors.push({ field: 'prenom', message: 'Le prénom compte au plus 100 caractères.' });
  if (!lastName) errors.push({ field: 'nom', message: 'Indiquez le nom de l’usager.' });
  else if (lastName.length > 100)
    errors.push({ field: 'nom', message: 'Le nom compte au plus 100 caractères.' });
  const birthDate = text(form.date_naissance);
  if (!validDate(birthDate))
    errors.push({
      field: 'date_naissance',
      message: 'Indiquez la date de naissance, par exemple 14/03/1985.',
    });
  else if (birthDate > context.today || birthDate < '1900-01-01')
    errors.push({
      field: 'date_naissance',
      message: 'La date de naissance doit être passée et postérieure à 1900.',
    });
  const caf = text(form.numero_caf);
  if (caf && !isValidCafNumber(caf))
    errors.push({ field: 'numero_caf', message: 'Le numéro d’allocataire CAF compte 4 à 7 chiffres.' });
  const nir = text(form.numero_secu);
  if (nir && !isValidNir(nir)) {
    errors.push({
      field: 'numero_secu',
      message: 'Ce numéro de sécurité sociale n’est pas valide : vérifiez les 15 chiffres, clé comprise.',
    });
  }
  const tax = text(form.numero_fiscal);
  if (tax && !isValidTaxNumber(tax))
    errors.push({
      field: 'numero_fiscal',
      message: 'Le numéro fiscal compte 13 chiffres et commence par 0, 1, 2 ou 3.',
    });
  const address = text(form.adresse);
  if (address.length > 300)
    errors.push({ field: 'adresse', message: 'L’adresse compte au plus 300 caractères.' });
  const commune = text(form.commune);
  if (commune && !context.communes.includes(commune))
    errors.push({
      field: 'commune',
      message:
        'Cette commune n’est pas une commune du territoire : choisissez-la dans la liste, ou laissez le champ vide.',
    });
  const phone = text(form.telephone);
  if (phone && !/^(\+33|0033|0)[1-9]\d{8}$/.test(phone.replace(/[\s.-]/g, '')))
    errors.push({
      field: 'telephone',
      message: 'Indiquez un numéro de téléphone français à 10 chiffres, par exemple 05 65 20 86 40.',
    });
  const email = text(form.courriel);
  if (email && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)))
    errors.push({
      field: 'courriel',
      message: 'Indiquez l’adresse électronique de l’usager, par exemple nom@exemple.fr.',
    });
  const lifeEvent = text(form.moment);
  if (!(lifeEvent in lifeEventLabels))
    errors.push({ field: 'moment', message: 'Choisissez le moment de vie concerné.' });
  const question = text(form.question);
  if (question.length < 10)
    errors.push({
      field: 'question',
      message: 'Décrivez la situation et la question en quelques phrases (10 caractères au moins).',
    });
  else if (question.length > 5000)
    errors.push({ field: 'question', message: 'La question compte au plus 5 000 caractères.' });
  const organisationIds = [...new Set(form.organismes ?? [])];
  const subjectId = text(form.objet);
  const typedSubject = text(form.objet_libre);
  let subject: OpenCaseInput['subject'] = null;
  if (subjectId) {
    const known = (context.subjects ?? []).find((x) => x.id === subjectId);
    if (!known || !organisationIds.includes(known.organisationId))
      errors.push({ field: 'objet', message: 'Choisissez un objet proposé par un des organismes invités.' });
    else subject = { id: known.id, label: known.label };
  } else if (typedSubject) {
    if (typedSubject.length > 150)
      errors.push({ field: 'objet_libre', message: 'L’objet compte au plus 150 caractères.' });
    else subject = { id: null, label: typedSubject };
  }
  if (organisationIds.length === 0)
    errors.push({ field: 'organismes', message: 'Invitez au moins un organisme.' });
  else if (organisationIds.some((id) => !context.invitableIds.includes(id))) {
    errors.push({
      field: 'organismes',
      message: 'Un organisme choisi n’est pas présent sur le territoire ou n’a pas d’agent actif.',
    });
  }

  const kind = text(form.consentement_type) as ConsentKind;
  const givenOn = text(form.consentement_date);
  const expiresOn = text(form.consentement_fin);
  const scope = text(form.consentement_portee);
  const contact = text(form.consentement_contact);
  if (!consentKinds.includes(kind)) {
    errors.push({
      field: 'consentement_type',
      message: 'Le consentement de l’usager est obligatoire : choisissez comment il est recueilli.',
    });
  }
  if (!validDate(givenOn))
    errors.push({ field: 'consentement_date', message: 'Indiquez la date du consentement.' });
  else if (givenOn > context.today)
    errors.push({
      field: 'consentement_date',
      message: 'La date du consentement ne peut pas être dans le futur.',
    });
  if (!scope)
    errors.push({
      field: 'consentement_portee',
      message: 'Indiquez ce que l’usager autorise (la portée du consentement).',
    });
  else if (scope.length > 1000)
    errors.push({ field: 'consentement_portee', message: 'La portée compte au plus 1 000 caractères.' });
  if (!validDate(expiresOn))
    errors.push({ field: 'consentement_fin', message: 'Indiquez la date de fin du consentement.' });
  else if (validDate(givenOn) && (expiresOn <= givenOn || expiresOn > oneYearAfter(givenOn))) {
    errors.push({
      field: 'consentement_fin',
      message: 'Le consentement vaut un an au plus : choisissez une fin après sa date et dans l’année.',
    });
  } else if (expiresOn <= context.today)
    errors.push({ field: 'consentement_fin', message: 'Ce consentement a déjà expiré.' });
  if (kind === 'paper-mandate' && !files.mandate) {
    errors.push({
      field: 'mandat',
      message: 'Déposez le mandat signé (PDF ou photo), ou choisissez une autre forme de consentement.',
    });
  }
  if (kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact)) {
    errors.push({
      field: 'consentement_contact',
      message: 'Indiquez l’adresse électronique de l’usager, par exemple nom@exemple.fr.',
    });
  }
  if (kind === 'sms' && !/^(\+33|0)[67]\d{8}$/.test(contact.replace(/[\s.]/g, ''))) {
    errors.push({
      field: 'consentement_contact',
      message: 'Indiquez le numéro de portable de l’usager, par exemple 06 12 34 56 78.',
    });
  }
  if (errors.length > 0) return { errors };
  return {
    input: {
      resident: {
        firstName,
        lastName,
        birthDate,
        cafNumber: caf ? compact(caf) : null,
        socialSecurityNumber: nir ? compact(nir) : null,
        taxNumber: tax ? compact(tax) : null,
        address: address || null,
        commune: commune || null,
        phone: phone || null,
        email: email ? email.toLowerCase() : null,
      },
      lifeEvent,
      subject,
      urgent: form.urgent === 'oui',
      question,
      organisationIds,
      consent: {
        kind,
        givenOn,
        scope,
        expiresOn,
        contact: kind === 'email' || kind === 'sms' ? contact : null,
        mandate: kind === 'paper-mandate' ? files.mandate : null,
      },
      attachments: files.attachments,
    },
  };
}

/** Hash of a consent confirmation token (only the hash is stored). */
export function hashConfirmationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface OpenCaseDeps {
  db: Db;
  filesKey: Buffer;
  publicUrl: string;
  requestId?: string;
  now?: Date;
  /** The reminder rule (working days before a reminder); the documented default when left out. */
  settings?: CaseSettings;
}

/** Opens a case in one transaction; the caller checked the form with `checkOpenCaseForm`. */
export async function openCase(
  deps: OpenCaseDeps,
  actor: Actor,
  input: OpenCaseInput,
): Promise<{ id: string }> {
  if (actor.role !== 'helper' || !actor.organisationId)
    throw new AppError('forbidden', 'Seuls les aidants ouvrent une saisine.');
  const territoryId = actor.territoryIds[0];
  if (!territoryId)
    throw new AppError(
      'forbidden',
      'Votre compte n’est rattaché à aucun territoire : demandez-le à votre administrateur.',
    );
  const helperOrg = actor.organisationId;
  const now = deps.now ?? new Date();
  return withPersonalData(
    deps.db,
    {
      actor,
      action: 'create',
      subjectType: 'case',
      subjectId: null,
      reason: 'ouverture de la saisine',
      requestId: deps.requestId,
    },
    async (trx) => {
      // Checked again inside the transaction: an agent may have been deactivated since the form was shown.
      const invitable = new Set((await invitableOrganisations(trx, territoryId, helperOrg)).map((o) => o.id));
      if (input.organisationIds.length === 0 || input.organisationIds.some((id) => !invitable.has(id))) {
        throw new AppError('validation', undefined, [
          {
            field: 'organismes',
            message: 'Un organisme choisi n’est pas présent sur le territoire ou n’a pas d’agent actif.',
          },
        ]);
      }
      const needsConfirmation = input.consent.kind === 'email' || input.consent.kind === 'sms';
      const caseId = await insertCase(trx, {
        territory_id: territoryId,
        helper_organisation_id: helperOrg,
        helper_site_id: actor.siteId ?? null,
        consent_status: needsConfirmation ? 'pending' : 'given',
        subject: input.subject?.label ?? null,
        subject_id: input.subject?.id ?? null,
        urgent: input.urgent ?? false,
        resident_address: input.resident.address ?? null,
        resident_commune: input.resident.commune ?? null,
        resident_phone: input.resident.phone ?? null,
        resident_email: input.resident.email ?? null,
        created_by: actor.id,
        life_event: input.lifeEvent,
        question: input.question,
        resident_first_name: input.resident.firstName,
        resident_last_name: input.resident.lastName,
        resident_birth_date: input.resident.birthDate,
        caf_number: input.resident.cafNumber,
        social_security_number: input.resident.socialSecurityNumber,
        tax_number: input.resident.taxNumber,
        created_at: now,
        updated_at: now,
        last_message_at: null,
        closed_at: null,
        usefulness: null,
        outcome: null,
        personal_data_erased_at: null,
        resident_user_id: input.residentFile?.userId ?? null,
      });
      const consentId = await insertConsent(trx, {
        case_id: caseId,
        kind: input.consent.kind,
        given_on: input.consent.givenOn,
        scope: input.consent.scope,
        expires_on: input.consent.expiresOn,
        contact: input.consent.contact,
        confirmation_token_hash: null,
        confirmed_at: null,
        recorded_by: actor.id,
      });
      if (input.consent.mandate) {
        const fileId = await saveFile(trx, deps.filesKey, input.consent.mandate, {
          type: 'case',
          id: caseId,
          createdBy: actor.id,
        });
        await attachFile(trx, { fileId, caseId, messageId: null, purpose: 'mandate' });
      }
      const dueAt = addWorkingDays(now, (deps.settings ?? defaultCaseSettings).reminderWorkingDays);
      for (const organisationId of input.organisationIds)
        await insertParticipant(trx, { caseId, organisationId, invitedBy: actor.id, now, dueAt });
      if (input.attachments.length > 0) {
        const messageId = await insertMessage(
          trx,
          caseId,
          actor,
          'message',
          'Pièces jointes à l’ouverture de la saisine.',
          now,
        );
        await attachFiles(trx, deps.filesKey, actor, caseId, messageId, input.attachments);
      }
      await input.residentFile?.onOpened(trx, caseId);
      await touchCase(trx, caseId, now, input.attachments.length > 0 ? { last_message_at: now } : {});
      if (needsConfirmation) {
        // The job makes the confirmation token when it sends it: no token is ever stored in clear.
        await enqueue(
          trx,
          'cases.consent-confirmation',
          { consentId },
          { idempotencyKey: `consent-confirmation:${consentId}` },
        );
      }
      if (needsConfirmation) return { id: caseId };
      // Until the resident confirms an e-mail or SMS consent, the organisations are neither told nor let in:
      // confirming sends these mails (consent.ts).
      await notifyInvitedOrganisations(trx, deps.publicUrl, caseId, input.organisationIds);
      await tellResident(trx, caseId, { step: 'opened' }, 'opening', now);
      return { id: caseId };
    },
  );
}

/** Tells each invited organisation that a case waits for it (its agents and shared mailbox). */
export async function notifyInvitedOrganisations(
  db: Executor,
  publicUrl: string,
  caseId: string,
  organisationIds: string[],
): Promise<void> {
  for (const organisationId of organisationIds)
    await notify(
      db,
      publicUrl,
      await organisationRecipients(db, organisationId, null),
      'invited',
      caseId,
      organisationId,
    );
}
