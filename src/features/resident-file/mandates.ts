// Mandates, at parity with Aidants Connect. A resident authorises a helper's organisation for scopes (the
// démarches of Aidants Connect) and a duration of one day to twelve months: at the counter — a printed mandate
// the resident signs and the helper files, or a code sent to the resident by mail or SMS and read back to the
// helper (three wrong codes lock the mandate) — or from their own account. Either side may revoke it at any
// time; a revoked, locked, pending or expired mandate opens nothing, checked on every request. Each action done
// under a mandate is journaled on the resident's file with the mandate's scopes: the resident sees who looked at
// or changed their file, when and why.
import { createHash, randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { journal, withPersonalData } from '../../platform/audit.ts';
import { AppError, invalid, notFound, type FieldError } from '../../platform/errors.ts';
import { addDays, addMonths, frenchDate, todayInParis } from '../../platform/dates.ts';
import { saveFile, type CheckedFile } from '../../platform/files/files.ts';
import { normalisePhone, type SmsProvider } from '../../platform/sms/sms.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import {
  documentOpenTo,
  effectiveChanges,
  factOpenTo,
  isScope,
  scopeLabel,
  type StoredFacts,
} from './facts.ts';
import { loadFile, saveFactsIn, type FileView, type SaveResult } from './file.ts';
import {
  findFile,
  findMandate,
  helperOrganisations,
  insertMandate,
  mandatesOfOrganisation,
  mandatesOfResident,
  residentByEmail,
  residentById,
  updateMandate,
  type MandateRow,
} from './store.ts';
import type { MandateVia } from './tables.ts';

/** The durations a mandate may have (one day to twelve months). */
export const mandateDurations = [
  ['1j', 'Un jour (jusqu’à demain)'],
  ['1m', 'Un mois'],
  ['3m', 'Trois mois'],
  ['6m', 'Six mois'],
  ['12m', 'Douze mois'],
] as const;

/** How long a confirmation code stays valid, and how many wrong codes lock the mandate. */
export const codeMinutes = 15;
export const maxCodeAttempts = 3;

const durationMessage = 'La durée d’un mandat va d’un jour à douze mois : choisissez-en une dans la liste.';

/** The last day (excluded) of a mandate starting on `startsOn` for a duration ("1j", "3m"…), or null when it is not one to twelve months. */
export function mandateEnd(startsOn: string, duration: string): string | null {
  const match = /^(\d{1,3})([jm])$/.exec(duration);
  if (!match) return null;
  const n = Number(match[1]);
  if (match[2] === 'j') return n === 1 ? addDays(startsOn, 1) : null;
  return n >= 1 && n <= 12 ? addMonths(startsOn, n) : null;
}

/** The scopes of a form (repeated field `demarches`), checked. */
function readScopes(raw: string | string[] | undefined, errors: FieldError[]): string[] {
  const list = [...new Set(Array.isArray(raw) ? raw : raw ? [raw] : [])];
  if (list.length === 0)
    errors.push({ field: 'demarches', message: 'Choisissez au moins une démarche couverte par le mandat.' });
  else if (!list.every(isScope))
    errors.push({
      field: 'demarches',
      message: 'Une démarche choisie n’existe pas : choisissez dans la liste.',
    });
  return list;
}

/** The mandate form of a helper at the counter, as posted. */
export interface CounterMandateForm {
  usager?: string;
  demarches?: string | string[];
  duree?: string;
  confirmation?: string;
  telephone?: string;
}

/** A checked mandate to give at the counter. */
export interface CounterMandateInput {
  residentId: string;
  residentEmail: string;
  scopes: string[];
  endsOn: string;
  via: Exclude<MandateVia, 'account'>;
  phone: string | null;
}

/** Checks a helper's mandate form; the resident must have an account. */
export async function checkCounterMandate(
  db: Db,
  form: CounterMandateForm,
  today: string,
): Promise<{ input: CounterMandateInput } | { errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const email = (form.usager ?? '').trim().toLowerCase();
  const resident = email ? await residentByEmail(db, email) : undefined;
  if (!email)
    errors.push({ field: 'usager', message: 'Indiquez l’adresse électronique du compte de l’usager.' });
  else if (!resident || resident.status === 'disabled')
    errors.push({
      field: 'usager',
      message:
        'Aucun compte usager pour cette adresse. L’usager crée son compte sur « Mon dossier » (courriel ou FranceConnect), puis vous donne le mandat.',
    });
  const scopes = readScopes(form.demarches, errors);
  const endsOn = mandateEnd(today, (form.duree ?? '').trim());
  if (!endsOn) errors.push({ field: 'duree', message: durationMessage });
  const via = (form.confirmation ?? '').trim();
  if (via !== 'printed' && via !== 'email-code' && via !== 'sms-code')
    errors.push({
      field: 'confirmation',
      message:
        'Choisissez comment l’usager confirme le mandat : mandat imprimé signé, code par courriel ou par SMS.',
    });
  const phone = via === 'sms-code' ? normalisePhone(form.telephone ?? '') : null;
  if (via === 'sms-code' && !phone)
    errors.push({
      field: 'telephone',
      message: 'Indiquez le numéro de portable de l’usager, par exemple 06 12 34 56 78.',
    });
  if (errors.length > 0) return { errors };
  return {
    input: {
      residentId: resident!.id,
      residentEmail: resident!.email,
      scopes,
      endsOn: endsOn!,
      via: via as CounterMandateInput['via'],
      phone,
    },
  };
}

/** The hash of a confirmation code, salted with its mandate (only the hash is stored). */
function codeHash(mandateId: string, code: string): string {
  return createHash('sha256').update(`${mandateId}:${code}`).digest('hex');
}

/** How a code reaches the resident. */
export interface CodeSenders {
  mailer: Mailer;
  /** Null when no SMS provider is configured: a code by SMS is then refused with a message. */
  sms: SmsProvider | null;
}

/**
 * A helper proposes a mandate at the counter: a pending mandate, then (in the same transaction, so that a code
 * that cannot be sent leaves nothing behind) a code sent to the resident's account address or phone. A printed
 * mandate waits for its signed copy.
 */
export async function proposeMandate(
  db: Db,
  senders: CodeSenders,
  actor: Actor,
  input: CounterMandateInput,
  today: string,
  now: Date,
  requestId?: string,
): Promise<string> {
  if (actor.role !== 'helper' || !actor.organisationId)
    throw new AppError('forbidden', 'Seuls les aidants reçoivent un mandat.');
  const organisationId = actor.organisationId;
  const sms = senders.sms;
  if (input.via === 'sms-code' && !sms)
    throw invalid(
      [
        {
          field: 'confirmation',
          message:
            'L’envoi de SMS n’est pas encore possible ici : choisissez le code par courriel ou le mandat imprimé.',
        },
      ],
      'Pas de fournisseur de SMS.',
    );
  return db.transaction().execute(async (trx) => {
    const code = input.via === 'printed' ? null : String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = await insertMandate(trx, {
      userId: input.residentId,
      organisationId,
      createdBy: actor.id,
      createdByRole: actor.role,
      scopes: input.scopes,
      startsOn: today,
      endsOn: input.endsOn,
      givenVia: input.via,
      status: 'pending',
      codeHash: null,
      codeExpiresAt: code ? new Date(now.getTime() + codeMinutes * 60_000) : null,
      codeSentTo: input.via === 'email-code' ? input.residentEmail : input.phone,
      confirmedAt: null,
      now,
    });
    await journal(trx, {
      actor,
      action: 'create',
      subjectType: 'resident-file',
      subjectId: input.residentId,
      reason: `mandat proposé au guichet (${input.scopes.map(scopeLabel).join(', ')}), en attente de confirmation`,
      requestId,
    });
    if (code) {
      await updateMandate(trx, id, { code_hash: codeHash(id, code) });
      const text = `Votre code pour confirmer le mandat donné à votre aidant : ${code}. Il vaut ${codeMinutes} minutes. Ne le donnez qu’à l’aidant qui est avec vous.`;
      if (input.via === 'email-code')
        await senders.mailer.send({
          to: input.residentEmail,
          subject: 'Votre code de confirmation de mandat',
          text: `${text}\n\nSi vous n’êtes pas en train de donner un mandat à un aidant, ignorez ce message : rien ne sera fait sans ce code.`,
        });
      else await sms!.send({ to: input.phone!, text: `Sans Couture : ${text}` });
    }
    return id;
  });
}

/** What a code check says. */
export type CodeResult = { ok: true } | { ok: false; message: string; locked: boolean };

/** The mandate of the helper's organisation, locked for the transaction, or 404. */
async function ownMandate(trx: Transaction<Database>, actor: Actor, id: string): Promise<MandateRow> {
  const mandate = await findMandate(trx, id, true);
  if (!mandate || mandate.organisationId !== actor.organisationId) throw notFound('Ce mandat n’existe pas.');
  return mandate;
}

/**
 * The helper types the code the resident received. A right code activates the mandate; a wrong one is counted
 * (the count is kept: that is the point), and the third locks the mandate for good.
 */
export async function confirmMandateCode(
  db: Db,
  actor: Actor,
  mandateId: string,
  typed: string,
  now: Date,
  requestId?: string,
): Promise<CodeResult> {
  return db.transaction().execute(async (trx) => {
    const mandate = await ownMandate(trx, actor, mandateId);
    if (mandate.status === 'locked')
      return {
        ok: false as const,
        locked: true,
        message: 'Ce mandat est bloqué après trois codes faux. Recommencez un nouveau mandat avec l’usager.',
      };
    if (mandate.status !== 'pending' || !mandate.codeHash)
      return { ok: false as const, locked: false, message: 'Ce mandat n’attend pas de code.' };
    if (!mandate.codeExpiresAt || mandate.codeExpiresAt <= now)
      return {
        ok: false as const,
        locked: false,
        message: `Le code a expiré (il vaut ${codeMinutes} minutes) : recommencez le mandat pour en recevoir un nouveau.`,
      };
    const code = typed.replace(/\s/g, '');
    if (/^\d{6}$/.test(code) && codeHash(mandate.id, code) === mandate.codeHash) {
      await updateMandate(trx, mandate.id, { status: 'active', confirmed_at: now, code_hash: null });
      await journal(trx, {
        actor,
        action: 'create',
        subjectType: 'resident-file',
        subjectId: mandate.userId,
        reason: `mandat donné à ${mandate.organisationName} (${mandate.scopes.map(scopeLabel).join(', ')}) jusqu’au ${frenchDate(mandate.endsOn)}, confirmé par code`,
        requestId,
      });
      return { ok: true as const };
    }
    const attempts = mandate.codeAttempts + 1;
    if (attempts >= maxCodeAttempts) {
      await updateMandate(trx, mandate.id, { code_attempts: attempts, status: 'locked', code_hash: null });
      await journal(trx, {
        actor,
        action: 'update',
        subjectType: 'resident-file',
        subjectId: mandate.userId,
        reason: 'mandat bloqué après trois codes de confirmation faux',
        requestId,
      });
      return {
        ok: false as const,
        locked: true,
        message: 'Trois codes faux : ce mandat est bloqué. Recommencez un nouveau mandat avec l’usager.',
      };
    }
    await updateMandate(trx, mandate.id, { code_attempts: attempts });
    const left = maxCodeAttempts - attempts;
    return {
      ok: false as const,
      locked: false,
      message: `Ce code n’est pas le bon. Il reste ${left} essai${left > 1 ? 's' : ''} avant que le mandat soit bloqué.`,
    };
  });
}

/** The helper files the signed printed mandate (a PDF or a photo, typed by content): the mandate is active. */
export async function fileSignedMandate(
  db: Db,
  filesKey: Buffer,
  actor: Actor,
  mandateId: string,
  signed: CheckedFile,
  now: Date,
  requestId?: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const mandate = await ownMandate(trx, actor, mandateId);
    if (mandate.givenVia !== 'printed' || mandate.status !== 'pending')
      throw new AppError('conflict', 'Ce mandat n’attend pas de mandat signé.');
    const fileId = await saveFile(trx, filesKey, signed, {
      type: 'mandate',
      id: mandate.id,
      createdBy: actor.id,
    });
    await updateMandate(trx, mandate.id, { signed_file_id: fileId, status: 'active', confirmed_at: now });
    await journal(trx, {
      actor,
      action: 'create',
      subjectType: 'resident-file',
      subjectId: mandate.userId,
      reason: `mandat signé donné à ${mandate.organisationName} (${mandate.scopes.map(scopeLabel).join(', ')}) jusqu’au ${frenchDate(mandate.endsOn)}`,
      requestId,
    });
  });
}

/** The mandate form of a resident's account, as posted. */
export interface AccountMandateForm {
  organisme?: string;
  demarches?: string | string[];
  duree?: string;
}

/** The resident gives a mandate from their account (they are authenticated: it is active at once). */
export async function giveMandateFromAccount(
  db: Db,
  actor: { id: string; role: 'resident' },
  form: AccountMandateForm,
  territoryId: string,
  today: string,
  now: Date,
  requestId?: string,
): Promise<{ id: string } | { errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const organisations = await helperOrganisations(db, territoryId);
  const organisation = organisations.find((o) => o.id === (form.organisme ?? '').trim());
  if (!organisation)
    errors.push({ field: 'organisme', message: 'Choisissez l’organisme de votre aidant dans la liste.' });
  const scopes = readScopes(form.demarches, errors);
  const endsOn = mandateEnd(today, (form.duree ?? '').trim());
  if (!endsOn) errors.push({ field: 'duree', message: durationMessage });
  if (errors.length > 0) return { errors };
  return db.transaction().execute(async (trx) => {
    const id = await insertMandate(trx, {
      userId: actor.id,
      organisationId: organisation!.id,
      createdBy: actor.id,
      createdByRole: actor.role,
      scopes,
      startsOn: today,
      endsOn: endsOn!,
      givenVia: 'account',
      status: 'active',
      codeHash: null,
      codeExpiresAt: null,
      codeSentTo: null,
      confirmedAt: now,
      now,
    });
    await journal(trx, {
      actor,
      action: 'create',
      subjectType: 'resident-file',
      subjectId: actor.id,
      reason: `mandat donné à ${organisation!.name} (${scopes.map(scopeLabel).join(', ')}) jusqu’au ${frenchDate(endsOn!)}, depuis son compte`,
      requestId,
    });
    return { id };
  });
}

/** Revokes a mandate: by the resident it concerns, or by a helper of the organisation that holds it. */
export async function revokeMandate(
  db: Db,
  actor: { id: string; role: Actor['role']; organisationId?: string | null },
  mandateId: string,
  now: Date,
  requestId?: string,
): Promise<MandateRow> {
  return db.transaction().execute(async (trx) => {
    const mandate = await findMandate(trx, mandateId, true);
    const allowed =
      mandate &&
      ((actor.role === 'resident' && mandate.userId === actor.id) ||
        (actor.role === 'helper' && mandate.organisationId === actor.organisationId));
    if (!mandate || !allowed) throw notFound('Ce mandat n’existe pas.');
    if (mandate.status === 'revoked') return mandate;
    await updateMandate(trx, mandate.id, {
      status: 'revoked',
      revoked_at: now,
      revoked_by: actor.id,
      revoked_by_role: actor.role,
      code_hash: null,
    });
    await journal(trx, {
      actor: { id: actor.id, role: actor.role },
      action: 'update',
      subjectType: 'resident-file',
      subjectId: mandate.userId,
      reason:
        actor.role === 'resident'
          ? `révocation par l’usager du mandat donné à ${mandate.organisationName}`
          : `révocation par l’aidant du mandat donné à ${mandate.organisationName}`,
      requestId,
    });
    return { ...mandate, status: 'revoked', revokedAt: now, revokedByRole: actor.role };
  });
}

/**
 * The mandate a helper acts under, checked now: it must belong to the helper's organisation, be confirmed, not
 * revoked and not past its last day. Anything else is refused at once, with the reason in French.
 */
export function checkMandate(mandate: MandateRow | undefined, actor: Actor, today: string): MandateRow {
  if (!mandate || actor.role !== 'helper' || mandate.organisationId !== actor.organisationId)
    throw notFound('Ce mandat n’existe pas.');
  if (mandate.status === 'revoked')
    throw new AppError(
      'forbidden',
      `Ce mandat a été révoqué${mandate.revokedAt ? ` le ${frenchDate(todayInParis(mandate.revokedAt))}` : ''}${mandate.revokedByRole === 'resident' ? ' par l’usager' : ''} : vous n’avez plus accès à son dossier.`,
      [],
      'Mandat révoqué',
    );
  if (mandate.status === 'locked')
    throw new AppError(
      'forbidden',
      'Ce mandat est bloqué après trois codes faux : il ne donne accès à rien. Recommencez un nouveau mandat avec l’usager.',
      [],
      'Mandat bloqué',
    );
  if (mandate.status === 'pending')
    throw new AppError(
      'forbidden',
      'Ce mandat n’est pas encore confirmé par l’usager : il ne donne accès à rien.',
      [],
      'Mandat en attente',
    );
  if (today >= mandate.endsOn)
    throw new AppError(
      'forbidden',
      `Ce mandat a pris fin le ${frenchDate(mandate.endsOn)} : vous n’avez plus accès au dossier de l’usager. Un nouveau mandat est nécessaire.`,
      [],
      'Mandat expiré',
    );
  return mandate;
}

/** The file as a helper sees it under a mandate: only the facts and documents its scopes open. */
export interface FileUnderMandate {
  mandate: MandateRow;
  residentName: string;
  file: FileView;
  /** Keys of the facts the scopes open (the others are neither shown nor changed). */
  openKeys: ReadonlySet<string>;
}

/** Keeps only what a mandate's scopes open. */
function scopedFile(file: FileView, scopes: readonly string[]): FileView {
  const facts: StoredFacts = {};
  for (const [key, fact] of Object.entries(file.facts)) if (factOpenTo(key, scopes)) facts[key] = fact;
  return { ...file, facts, documents: file.documents.filter((d) => documentOpenTo(d.kind, scopes)) };
}

/** A helper opens the resident's file under a mandate; refused at once when the mandate no longer holds. */
export async function fileUnderMandate(
  db: Db,
  actor: Actor,
  mandateId: string,
  today: string,
  requestId?: string,
): Promise<FileUnderMandate> {
  return db.transaction().execute(async (trx) => {
    const mandate = checkMandate(await findMandate(trx, mandateId), actor, today);
    const resident = await residentById(trx, mandate.userId);
    if (!resident) throw notFound('Ce mandat n’existe pas.');
    const file = scopedFile(await loadFile(trx, mandate.userId), mandate.scopes);
    await journal(trx, {
      actor,
      action: 'read',
      subjectType: 'resident-file',
      subjectId: mandate.userId,
      reason: `consultation du dossier sous mandat (${mandate.scopes.map(scopeLabel).join(', ')})`,
      requestId,
    });
    return {
      mandate,
      residentName: resident.displayName,
      file,
      openKeys: new Set(Object.keys(file.facts)),
    };
  });
}

/** Whether a fact may be changed under a mandate: only within its scopes. */
export function mayChangeUnder(key: string, mandate: MandateRow): boolean {
  return factOpenTo(key, mandate.scopes);
}

/**
 * A helper changes the resident's situation under a mandate: only the facts its scopes open; checked again in
 * the same transaction (a mandate revoked a second ago refuses the save), journaled, conflict on a stale version.
 */
export async function saveUnderMandate(
  db: Db,
  actor: Actor,
  mandateId: string,
  submitted: Record<string, unknown>,
  baseVersion: number,
  today: string,
  now: Date,
  requestId?: string,
): Promise<SaveResult> {
  return db.transaction().execute(async (trx) => {
    const mandate = checkMandate(await findMandate(trx, mandateId, true), actor, today);
    const file = await findFile(trx, mandate.userId);
    const inScope = Object.fromEntries(
      Object.entries(submitted).filter(([key]) => mayChangeUnder(key, mandate)),
    );
    return saveFactsIn(trx, {
      userId: mandate.userId,
      author: { actor, via: 'mandate', mandateId: mandate.id },
      changes: effectiveChanges(file?.facts ?? {}, inScope, today),
      baseVersion,
      reason: `modification du dossier sous mandat (${mandate.scopes.map(scopeLabel).join(', ')})`,
      now,
      requestId,
    });
  });
}

/** The mandates of the resident, for their account. */
export async function residentMandates(db: Db, actor: { id: string; role: Actor['role'] }) {
  return withPersonalData(
    db,
    {
      actor,
      action: 'read',
      subjectType: 'resident-file',
      subjectId: actor.id,
      reason: 'consultation de ses mandats par l’usager',
    },
    (trx) => mandatesOfResident(trx, actor.id),
  );
}

/** A mandate of the helper's organisation, whatever its state (its page: code to type, signed copy to file). */
export async function organisationMandate(db: Db, actor: Actor, mandateId: string) {
  const mandate = await findMandate(db, mandateId);
  if (!mandate || actor.role !== 'helper' || mandate.organisationId !== actor.organisationId)
    throw notFound('Ce mandat n’existe pas.');
  const resident = await residentById(db, mandate.userId);
  return { mandate, residentName: resident?.displayName ?? 'Usager' };
}

/** The mandates given to the helper's organisation, for its list. */
export async function organisationMandates(db: Db, actor: Actor, requestId?: string) {
  if (actor.role !== 'helper' || !actor.organisationId)
    throw new AppError('forbidden', 'Votre compte n’est rattaché à aucun organisme.');
  const organisationId = actor.organisationId;
  return withPersonalData(
    db,
    {
      actor,
      action: 'read',
      subjectType: 'mandate-list',
      subjectId: organisationId,
      reason: 'liste des mandats de l’organisme',
      requestId,
    },
    (trx) => mandatesOfOrganisation(trx, organisationId),
  );
}
