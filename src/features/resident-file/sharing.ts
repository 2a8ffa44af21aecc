// Sharing the file, always with the resident's consent and always scoped. "Faire suivre à France Services": a
// plan and the parts of the file the resident chooses go to a site they choose, as a request in its inbox; a
// helper of the site opens a shared case from it (linked to the file) or proposes an appointment, and the
// resident follows it from their account. Every organisation that may see part of the file holds a share naming
// what (identity, situation, which documents), why (the request, the case) and until when; the resident sees
// them per organisation and withdraws any of them — access stops at once.
import { firstTerritory } from '../territory/membership-store.ts';
import { listCommunes } from '../territory/store.ts';
import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { journal, withPersonalData } from '../../platform/audit.ts';
import { AppError, notFound, type FieldError } from '../../platform/errors.ts';
import { addMonths, frenchDate } from '../../platform/dates.ts';
import { readFile as readStoredFile, type CheckedFile } from '../../platform/files/files.ts';
import { queueMail } from '../../platform/jobs/mail.ts';
import { isLifeEventId, lifeEvent, type LifeEvent } from '../navigator/life-events.ts';
import { sanitizeAnswers, type Answers } from '../navigator/questions.ts';
import { planInputFor } from '../navigator/questionnaire.ts';
import { buildPlan, type Plan } from '../navigator/plan.ts';
import { checkOpenCaseForm, openCase, type OpenCaseForm } from '../cases/open-case.ts';
import { invitableOrganisations } from '../cases/store.ts';
import { organisationsOnResidentCases } from '../cases/resident-link.ts';
import { identityKeys, type StoredFacts } from './facts.ts';
import { documentOwnerType, loadFile, territoryOfFile, type FileView } from './file.ts';
import {
  addReuse,
  findFile,
  findRequest,
  findShare,
  franceServicesSites,
  helpersOf,
  insertRequest,
  insertShare,
  requestsOfOrganisation,
  requestsOfResident,
  residentById,
  shareOfRequest,
  sharesOfOrganisation,
  sharesOfResident,
  updateRequest,
  withdrawShareRow,
  type RequestRow,
  type ShareRow,
  type Site,
} from './store.ts';
import type { SharePart } from './tables.ts';

/** How long a request's consent lasts (the resident may withdraw it any day before). */
export const requestConsentMonths = 3;

/** The parts of a file that may be shared, in the resident's words. */
export const shareParts: readonly (readonly [SharePart, string])[] = [
  ['identite', 'Votre identité (nom, prénom, date de naissance, commune)'],
  ['situation', 'Votre situation (foyer, ressources, logement…)'],
];

const identityFacts = new Set<string>([...identityKeys, 'birthDate', 'commune']);

/** The facts a share opens: identity facts, the situation, or both. */
export function factsOpenBy(facts: StoredFacts, parts: readonly SharePart[]): StoredFacts {
  const out: StoredFacts = {};
  for (const [key, fact] of Object.entries(facts)) {
    const identity = identityFacts.has(key);
    if ((identity && parts.includes('identite')) || (!identity && parts.includes('situation')))
      out[key] = fact;
  }
  return out;
}

/** Whether a share still opens the file today. */
export function shareIsLive(share: ShareRow, today: string): boolean {
  return share.withdrawnAt === null && today < share.expiresOn;
}

// ── Faire suivre à France Services ───────────────────────────────────────────────────────────────────

/** The forwarding form, as posted. */
export interface ForwardForm {
  lieu?: string;
  parties?: string | string[];
  documents?: string | string[];
  message?: string;
  accord?: string;
  partage_organismes?: string;
}

const list = (v: string | string[] | undefined) => [...new Set(Array.isArray(v) ? v : v ? [v] : [])];

/** What the forwarding page offers: the sites of the territory and the documents of the file. */
export async function forwardChoices(db: Db, userId: string) {
  const file = await findFile(db, userId);
  const territoryId = await territoryOfFile(db, file?.facts ?? {});
  return { sites: await franceServicesSites(db, territoryId) };
}

/**
 * The resident sends a plan (the answers of a moment of life) and the parts of their file they chose to a France
 * Services site: one transaction for the request, the share that lets the site see those parts for three months,
 * the count of documents not asked again, the journal and the mails to the site's helpers.
 */
export async function forwardPlan(
  db: Db,
  publicUrl: string,
  actor: { id: string; role: Role },
  event: { id: string; title: string },
  answers: Answers,
  form: ForwardForm,
  today: string,
  now: Date,
  requestId?: string,
): Promise<{ id: string } | { errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const file = await loadFile(db, actor.id);
  const territoryId = await territoryOfFile(db, file.facts);
  const sites = await franceServicesSites(db, territoryId);
  const site = sites.find((s) => s.slug === (form.lieu ?? '').trim());
  if (!site)
    errors.push({ field: 'lieu', message: 'Choisissez l’espace France Services qui suivra votre demande.' });
  const parts = list(form.parties);
  if (!parts.every((p) => shareParts.some(([id]) => id === p)))
    errors.push({ field: 'parties', message: 'Choisissez ce que vous envoyez dans la liste.' });
  const documentIds = list(form.documents);
  if (!documentIds.every((id) => file.documents.some((d) => d.fileId === id)))
    errors.push({ field: 'documents', message: 'Un document choisi n’est plus dans votre dossier.' });
  const message = (form.message ?? '').trim();
  if (message.length > 2000)
    errors.push({ field: 'message', message: 'Votre message compte au plus 2 000 caractères.' });
  if (form.accord !== 'oui')
    errors.push({
      field: 'accord',
      message: 'Cochez la case pour donner votre accord : sans lui, rien n’est envoyé.',
    });
  if (errors.length > 0) return { errors };
  const chosen = site as Site;
  const expiresOn = addMonths(today, requestConsentMonths);
  return db.transaction().execute(async (trx) => {
    const id = await insertRequest(trx, {
      userId: actor.id,
      organisationId: chosen.organisationId,
      placeId: chosen.id,
      lifeEvent: event.id,
      eventDate: answers.eventDate ?? null,
      answers,
      message: message || null,
      shareWithInvited: form.partage_organismes === 'oui',
      now,
    });
    await insertShare(trx, {
      userId: actor.id,
      organisationId: chosen.organisationId,
      requestId: id,
      caseId: null,
      parts: parts as SharePart[],
      documentIds,
      givenVia: 'request',
      expiresOn,
      now,
    });
    if (documentIds.length > 0)
      await addReuse(trx, {
        territoryId,
        lifeEvent: event.id,
        day: today,
        questions: 0,
        documents: documentIds.length,
      });
    await journal(trx, {
      actor,
      action: 'share',
      subjectType: 'resident-file',
      subjectId: actor.id,
      reason: `plan « ${event.title} » envoyé à ${chosen.name}, avec son accord jusqu’au ${frenchDate(expiresOn)}`,
      requestId,
    });
    for (const helper of await helpersOf(trx, chosen.organisationId)) {
      await queueMail(
        trx,
        {
          to: helper.email,
          subject: 'Nouvelle demande d’un usager',
          text: [
            `Un usager vous a envoyé son plan « ${event.title} » pour ${chosen.name}.`,
            '',
            `Voir la demande : ${publicUrl}/espace/aidant/demandes/${id}`,
          ].join('\n'),
        },
        `file-request:${id}:${helper.id}`,
      );
    }
    return { id };
  });
}

/**
 * The resident asks a helper for help with a right aller-vers found: a request to the site they choose, with their
 * identity and situation shared for three months (the page says so), counted as any request.
 */
export async function askHelperAbout(
  db: Db,
  publicUrl: string,
  actor: { id: string; role: Role },
  benefit: { id: string; label: string },
  form: { lieu?: string; accord?: string },
  today: string,
  now: Date,
  requestId?: string,
): Promise<{ id: string } | { errors: FieldError[] }> {
  return forwardPlan(
    db,
    publicUrl,
    actor,
    { id: 'other', title: `aide « ${benefit.label} »` },
    {},
    {
      lieu: form.lieu,
      accord: form.accord,
      parties: ['identite', 'situation'],
      message: `Je voudrais de l’aide pour demander : ${benefit.label} (aide probable d’après mon dossier).`,
    },
    today,
    now,
    requestId,
  );
}

/** Whether France Services may pass the request's parts on to the organisations it invites (the resident said so). */
export function sharesWithInvited(request: RequestRow): boolean {
  return request.shareWithInvited;
}

/** The requests a resident sent (their account's page). */
export async function residentRequests(db: Db, userId: string): Promise<RequestRow[]> {
  return requestsOfResident(db, userId);
}

/** One of the resident's requests, with its share. */
export async function residentRequest(db: Db, userId: string, id: string) {
  const request = await findRequest(db, id);
  if (!request || request.userId !== userId) throw notFound('Cette demande n’existe pas.');
  return { request, share: await shareOfRequest(db, id) };
}

// ── The site's inbox ─────────────────────────────────────────────────────────────────────────────────

function helperOrganisation(actor: Actor): string {
  if (actor.role !== 'helper' || !actor.organisationId)
    throw new AppError('forbidden', 'Seuls les aidants d’un organisme voient ses demandes.');
  return actor.organisationId;
}

/** The requests of the helper's organisation (the inbox); the list is journaled (it names residents). */
export async function inbox(db: Db, actor: Actor, requestId?: string): Promise<RequestRow[]> {
  const organisationId = helperOrganisation(actor);
  return withPersonalData(
    db,
    {
      actor,
      action: 'read',
      subjectType: 'file-request-list',
      subjectId: organisationId,
      reason: 'boîte des demandes d’usagers',
      requestId,
    },
    (trx) => requestsOfOrganisation(trx, organisationId),
  );
}

/** A request as the site's helper sees it: the plan rebuilt, and what the share still opens of the file. */
export interface RequestForHelper {
  request: RequestRow;
  event: LifeEvent | null;
  plan: Plan | null;
  share: ShareRow | null;
  /** The file's parts the share opens (empty when it was withdrawn or has expired). */
  file: FileView | null;
}

/** A request of the helper's organisation, marked seen; reading what the share opens is journaled. */
export async function requestForHelper(
  db: Db,
  actor: Actor,
  id: string,
  today: string,
  now: Date,
  requestId?: string,
): Promise<RequestForHelper> {
  const organisationId = helperOrganisation(actor);
  const found = await db.transaction().execute(async (trx) => {
    const request = await findRequest(trx, id, true);
    if (!request || request.organisationId !== organisationId || request.status === 'withdrawn')
      throw notFound('Cette demande n’existe pas.');
    if (request.status === 'new') await updateRequest(trx, id, { status: 'seen', handled_by: actor.id }, now);
    const share = (await shareOfRequest(trx, id)) ?? null;
    let file: FileView | null = null;
    if (share && shareIsLive(share, today)) {
      const whole = await loadFile(trx, request.userId);
      file = {
        ...whole,
        facts: factsOpenBy(whole.facts, share.parts),
        documents: whole.documents.filter((d) => share.documentIds.includes(d.fileId)),
      };
    }
    await journal(trx, {
      actor,
      action: 'read',
      subjectType: 'resident-file',
      subjectId: request.userId,
      reason: file
        ? 'consultation de la demande envoyée par l’usager (parties de son dossier qu’il a partagées)'
        : 'consultation de la demande envoyée par l’usager (accord retiré ou expiré : dossier non montré)',
      requestId,
    });
    return { request, share, file };
  });
  const event = isLifeEventId(found.request.lifeEvent) ? lifeEvent(found.request.lifeEvent) : null;
  const answers = sanitizeAnswers(found.request.answers);
  const plan =
    event && answers.eventDate
      ? await buildPlan(db, { ...planInputFor(event, answers, today), eventDate: answers.eventDate }, now)
      : null;
  return { ...found, event, plan };
}

/** A document of a request's share, decrypted for the site's helper (journaled). */
export async function requestDocument(
  db: Db,
  filesKey: Buffer,
  actor: Actor,
  id: string,
  fileId: string,
  today: string,
  requestId?: string,
) {
  const organisationId = helperOrganisation(actor);
  return db.transaction().execute(async (trx) => {
    const request = await findRequest(trx, id);
    if (!request || request.organisationId !== organisationId) throw notFound('Cette demande n’existe pas.');
    const share = await shareOfRequest(trx, id);
    if (!share || !shareIsLive(share, today) || !share.documentIds.includes(fileId))
      throw new AppError('forbidden', 'L’usager ne partage plus ce document avec votre organisme.');
    const content = await readStoredFile(
      trx,
      filesKey,
      { type: documentOwnerType, id: request.userId },
      fileId,
    );
    if (!content) throw notFound('Ce document n’existe pas ou plus.');
    await journal(trx, {
      actor,
      action: 'read',
      subjectType: 'resident-file',
      subjectId: request.userId,
      reason: 'téléchargement d’un document partagé avec la demande',
      requestId,
    });
    return content;
  });
}

/** The site's helper proposes an appointment; the resident is told by mail and sees it in their account. */
export async function proposeAppointment(
  db: Db,
  publicUrl: string,
  actor: Actor,
  id: string,
  text: string,
  now: Date,
  requestId?: string,
): Promise<{ ok: true } | { errors: FieldError[] }> {
  const organisationId = helperOrganisation(actor);
  const proposal = text.trim();
  if (proposal.length < 5 || proposal.length > 1000)
    return {
      errors: [
        {
          field: 'rendez_vous',
          message: 'Écrivez le rendez-vous proposé : jour, heure et lieu (1 000 caractères au plus).',
        },
      ],
    };
  await db.transaction().execute(async (trx) => {
    const request = await findRequest(trx, id, true);
    if (!request || request.organisationId !== organisationId || request.status === 'withdrawn')
      throw notFound('Cette demande n’existe pas.');
    await updateRequest(
      trx,
      id,
      {
        status: request.status === 'case-opened' ? 'case-opened' : 'appointment-proposed',
        appointment_text: proposal,
        handled_by: actor.id,
      },
      now,
    );
    await journal(trx, {
      actor,
      action: 'update',
      subjectType: 'resident-file',
      subjectId: request.userId,
      reason: 'rendez-vous proposé en réponse à la demande de l’usager',
      requestId,
    });
    const resident = await residentById(trx, request.userId);
    if (resident)
      await queueMail(
        trx,
        {
          to: resident.email,
          subject: 'France Services vous propose un rendez-vous',
          text: [
            `${request.placeName ?? request.organisationName} a répondu à votre demande et vous propose un rendez-vous.`,
            '',
            `Voir la proposition : ${publicUrl}/mon-dossier/demandes/${id}`,
            `Prendre ou changer un rendez-vous : ${publicUrl}/rendez-vous`,
          ].join('\n'),
        },
        `file-request-appointment:${id}:${now.getTime()}`,
      );
  });
  return { ok: true };
}

/** What the form of a shared case opened from a request offers and starts with. */
export async function caseFormFor(db: Db, actor: Actor, id: string, today: string) {
  const organisationId = helperOrganisation(actor);
  const request = await findRequest(db, id);
  if (!request || request.organisationId !== organisationId || request.status === 'withdrawn')
    throw notFound('Cette demande n’existe pas.');
  const share = (await shareOfRequest(db, id)) ?? null;
  const live = share && shareIsLive(share, today) ? share : null;
  const file = live ? await loadFile(db, request.userId) : null;
  const facts = file ? factsOpenBy(file.facts, live!.parts) : {};
  const text = (key: string) => (typeof facts[key]?.v === 'string' ? (facts[key]!.v as string) : '');
  const territoryId = actor.territoryIds[0] ?? '';
  const communes = (await listCommunes(db, territoryId)).map((c) => ({
    inseeCode: c.inseeCode,
    name: c.name,
  }));
  // The resident's commune: the one of their file when they shared their identity, else the one of the plan they
  // sent — when it is a commune of the helper's territory (the case counts there, by commune).
  const commune =
    [text('commune'), request.answers.commune ?? ''].find((c) => communes.some((x) => x.inseeCode === c)) ??
    '';
  return {
    request,
    share: live,
    documents: file ? file.documents.filter((d) => live!.documentIds.includes(d.fileId)) : [],
    organisations: await invitableOrganisations(db, territoryId, organisationId),
    communes,
    values: {
      prenom: text('firstName'),
      nom: text('lastName'),
      date_naissance: text('birthDate'),
      commune,
      question: [
        `Demande envoyée par l’usager depuis son plan « ${isLifeEventId(request.lifeEvent) ? lifeEvent(request.lifeEvent).title : request.lifeEvent} »${request.eventDate ? ` (date de l’événement : ${frenchDate(request.eventDate)})` : ''}.`,
        request.message ? `Son message : ${request.message}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    },
  };
}

/** The form of a shared case opened from a request, as posted. */
export interface CaseFromRequestForm {
  prenom?: string;
  nom?: string;
  date_naissance?: string;
  commune?: string;
  question?: string;
  organismes?: string | string[];
  pieces?: string | string[];
}

/**
 * The site's helper opens a shared case from a request, through the cases feature: the resident's identity
 * comes pre-filled from the file they shared, their shared documents are attached, and the resident confirms
 * the case by the link mailed to their account's address (the cases' e-mail consent). In the case's own
 * transaction: the case is linked to the file, the request points to the case, and — when the resident allowed
 * it — each invited organisation gets a share of the same parts; what the file spared is counted.
 */
export async function openCaseFromRequest(
  deps: { db: Db; filesKey: Buffer; publicUrl: string; requestId?: string; now: Date },
  actor: Actor,
  id: string,
  form: CaseFromRequestForm,
  today: string,
): Promise<{ caseId: string } | { errors: FieldError[] }> {
  const { db, filesKey, now } = deps;
  const choices = await caseFormFor(db, actor, id, today);
  const { request, share } = choices;
  if (request.status === 'case-opened' && request.caseId)
    throw new AppError('conflict', 'Une saisine est déjà ouverte pour cette demande.');
  const resident = await residentById(db, request.userId);
  if (!resident) throw notFound('Cette demande n’existe pas.');
  const chosenPieces = list(form.pieces).filter((p) => choices.documents.some((d) => d.fileId === p));
  const attachments: CheckedFile[] = [];
  for (const fileId of chosenPieces) {
    const content = await readStoredFile(
      db,
      filesKey,
      { type: documentOwnerType, id: request.userId },
      fileId,
    );
    if (content)
      attachments.push({
        name: content.name,
        mediaType: content.mediaType as CheckedFile['mediaType'],
        content: content.content,
      });
  }
  const expiresOn =
    share && share.expiresOn > today ? share.expiresOn : addMonths(today, requestConsentMonths);
  const caseForm: OpenCaseForm = {
    prenom: form.prenom,
    nom: form.nom,
    date_naissance: form.date_naissance,
    commune: form.commune,
    moment: request.lifeEvent,
    question: form.question,
    organismes: list(form.organismes),
    consentement_type: 'email',
    consentement_date: today,
    consentement_portee: `Accord donné par l’usager depuis son compte Sans Couture, en envoyant sa demande ; partage de son dossier : ${
      share && sharesWithInvited(request)
        ? share.parts.map((p) => shareParts.find(([id]) => id === p)?.[1] ?? p).join(' ; ') || 'aucune partie'
        : 'aucun'
    }.`,
    consentement_fin: expiresOn,
    consentement_contact: resident.email,
  };
  const checked = checkOpenCaseForm(
    caseForm,
    { mandate: null, attachments },
    {
      today,
      invitableIds: choices.organisations.map((o) => o.id),
      communes: choices.communes.map((c) => c.inseeCode),
    },
  );
  if ('errors' in checked) return checked;
  const prefilled = (['prenom', 'nom', 'date_naissance'] as const).filter(
    (f) => choices.values[f] !== '' && choices.values[f] === (form[f] ?? '').trim(),
  ).length;
  const territoryId = actor.territoryIds[0] ?? '';
  const opened = await openCase(
    { db, filesKey, publicUrl: deps.publicUrl, requestId: deps.requestId, now },
    actor,
    {
      ...checked.input,
      residentFile: {
        userId: request.userId,
        onOpened: async (trx: Transaction<Database>, caseId: string) => {
          await updateRequest(trx, id, { status: 'case-opened', case_id: caseId, handled_by: actor.id }, now);
          if (share && sharesWithInvited(request))
            for (const organisationId of checked.input.organisationIds)
              await insertShare(trx, {
                userId: request.userId,
                organisationId,
                requestId: null,
                caseId,
                parts: share.parts,
                documentIds: share.documentIds,
                givenVia: 'case',
                expiresOn,
                now,
              });
          await addReuse(trx, {
            territoryId: territoryId || (await firstTerritory(trx)),
            lifeEvent: request.lifeEvent,
            day: today,
            questions: prefilled,
            documents: attachments.length,
          });
          await journal(trx, {
            actor,
            action: 'share',
            subjectType: 'resident-file',
            subjectId: request.userId,
            reason: `saisine partagée ouverte à partir de la demande de l’usager${share && sharesWithInvited(request) ? ', parties de son dossier partagées avec les organismes invités' : ''}`,
            requestId: deps.requestId,
          });
        },
      },
    },
  );
  return { caseId: opened.id };
}

// ── What each organisation may see (the resident's view) ────────────────────────────────────────────

/** One organisation and what it may see of the file, and why. */
export interface OrganisationAccess {
  organisationId: string;
  organisationName: string;
  shares: ShareRow[];
  /** Cases linked to the file where the organisation takes part. */
  cases: { caseId: string; lifeEvent: string; status: string }[];
}

/** Per organisation: the shares of the file (live and past) and the linked cases it takes part in. */
export async function accessByOrganisation(
  db: Db,
  actor: { id: string; role: Role },
  requestId?: string,
): Promise<OrganisationAccess[]> {
  return withPersonalData(
    db,
    {
      actor,
      action: 'read',
      subjectType: 'resident-file',
      subjectId: actor.id,
      reason: 'consultation de ses partages par l’usager',
      requestId,
    },
    async (trx) => {
      const byOrganisation = new Map<string, OrganisationAccess>();
      const entry = (organisationId: string, organisationName: string) => {
        let found = byOrganisation.get(organisationId);
        if (!found) {
          found = { organisationId, organisationName, shares: [], cases: [] };
          byOrganisation.set(organisationId, found);
        }
        return found;
      };
      for (const share of await sharesOfResident(trx, actor.id))
        entry(share.organisationId, share.organisationName).shares.push(share);
      for (const c of await organisationsOnResidentCases(trx, actor.id))
        entry(c.organisationId, c.organisationName).cases.push({
          caseId: c.caseId,
          lifeEvent: c.lifeEvent,
          status: c.status,
        });
      return [...byOrganisation.values()].sort((a, b) =>
        a.organisationName.localeCompare(b.organisationName),
      );
    },
  );
}

/** The resident withdraws a share: the organisation no longer sees anything of it, at once. */
export async function withdrawShare(
  db: Db,
  actor: { id: string; role: Role },
  shareId: string,
  now: Date,
  requestId?: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const share = await findShare(trx, shareId, true);
    if (!share || share.userId !== actor.id) throw notFound('Ce partage n’existe pas.');
    if (share.withdrawnAt) return;
    await withdrawShareRow(trx, shareId, now);
    if (share.requestId) {
      const request = await findRequest(trx, share.requestId, true);
      if (request && (request.status === 'new' || request.status === 'seen'))
        await updateRequest(trx, share.requestId, { status: 'withdrawn' }, now);
    }
    await journal(trx, {
      actor,
      action: 'update',
      subjectType: 'resident-file',
      subjectId: actor.id,
      reason: `retrait par l’usager de son accord de partage avec ${share.organisationName}`,
      requestId,
    });
  });
}

/**
 * The resident shares parts of their file with an organisation of one of their cases (one invited after the case
 * was opened, for instance): their consent names what, for the case's duration (twelve months at most).
 */
export async function shareWithCaseOrganisation(
  db: Db,
  actor: { id: string; role: Role },
  form: { saisine?: string; organisme?: string; parties?: string | string[]; documents?: string | string[] },
  today: string,
  now: Date,
  requestId?: string,
): Promise<{ ok: true } | { errors: FieldError[] }> {
  const cases = await organisationsOnResidentCases(db, actor.id);
  const target = cases.find((c) => c.caseId === form.saisine && c.organisationId === form.organisme);
  const errors: FieldError[] = [];
  if (!target) errors.push({ field: 'organisme', message: 'Choisissez un organisme de vos saisines.' });
  const parts = list(form.parties);
  if (parts.length === 0 || !parts.every((p) => shareParts.some(([id]) => id === p)))
    errors.push({ field: 'parties', message: 'Choisissez au moins une partie de votre dossier à partager.' });
  const file = await loadFile(db, actor.id);
  const documentIds = list(form.documents);
  if (!documentIds.every((id) => file.documents.some((d) => d.fileId === id)))
    errors.push({ field: 'documents', message: 'Un document choisi n’est plus dans votre dossier.' });
  if (errors.length > 0) return { errors };
  await db.transaction().execute(async (trx) => {
    await insertShare(trx, {
      userId: actor.id,
      organisationId: target!.organisationId,
      requestId: null,
      caseId: target!.caseId,
      parts: parts as SharePart[],
      documentIds,
      givenVia: 'account',
      expiresOn: addMonths(today, 12),
      now,
    });
    await journal(trx, {
      actor,
      action: 'share',
      subjectType: 'resident-file',
      subjectId: actor.id,
      reason: `partage de son dossier avec ${target!.organisationName} pour sa saisine, depuis son compte`,
      requestId,
    });
  });
  return { ok: true };
}

// ── What an organisation sees (the agents' view) ────────────────────────────────────────────────────

function agentOrganisation(actor: Actor): string {
  if (!['helper', 'partnerAgent', 'organisationManager'].includes(actor.role) || !actor.organisationId)
    throw new AppError('forbidden', 'Seuls les agents d’un organisme voient les dossiers partagés avec lui.');
  return actor.organisationId;
}

/** The files shared with the agent's organisation, live only (names: the list is journaled). */
export async function sharedWithOrganisation(db: Db, actor: Actor, today: string, requestId?: string) {
  const organisationId = agentOrganisation(actor);
  return withPersonalData(
    db,
    {
      actor,
      action: 'read',
      subjectType: 'file-share-list',
      subjectId: organisationId,
      reason: 'liste des dossiers partagés avec l’organisme',
      requestId,
    },
    (trx) => sharesOfOrganisation(trx, organisationId, today),
  );
}

/** One shared file as the organisation's agent sees it: only what the share opens, only while it is live. */
export async function sharedFile(
  db: Db,
  actor: Actor,
  shareId: string,
  today: string,
  requestId?: string,
): Promise<{ share: ShareRow; residentName: string; file: FileView }> {
  const organisationId = agentOrganisation(actor);
  return db.transaction().execute(async (trx) => {
    const share = await findShare(trx, shareId);
    if (!share || share.organisationId !== organisationId) throw notFound('Ce partage n’existe pas.');
    if (!shareIsLive(share, today))
      throw new AppError(
        'forbidden',
        share.withdrawnAt
          ? 'L’usager a retiré son accord : son dossier n’est plus partagé avec votre organisme.'
          : `Ce partage a pris fin le ${frenchDate(share.expiresOn)} : le dossier n’est plus partagé avec votre organisme.`,
        [],
        'Partage terminé',
      );
    const resident = await residentById(trx, share.userId);
    const whole = await loadFile(trx, share.userId);
    await journal(trx, {
      actor,
      action: 'read',
      subjectType: 'resident-file',
      subjectId: share.userId,
      reason: 'consultation des parties du dossier partagées avec l’organisme',
      requestId,
    });
    return {
      share,
      residentName: resident?.displayName ?? 'Usager',
      file: {
        ...whole,
        facts: factsOpenBy(whole.facts, share.parts),
        documents: whole.documents.filter((d) => share.documentIds.includes(d.fileId)),
      },
    };
  });
}

/** A document of a live share, decrypted for the organisation's agent (journaled). */
export async function sharedDocument(
  db: Db,
  filesKey: Buffer,
  actor: Actor,
  shareId: string,
  fileId: string,
  today: string,
  requestId?: string,
) {
  const organisationId = agentOrganisation(actor);
  return db.transaction().execute(async (trx) => {
    const share = await findShare(trx, shareId);
    if (!share || share.organisationId !== organisationId) throw notFound('Ce partage n’existe pas.');
    if (!shareIsLive(share, today) || !share.documentIds.includes(fileId))
      throw new AppError('forbidden', 'L’usager ne partage plus ce document avec votre organisme.');
    const content = await readStoredFile(
      trx,
      filesKey,
      { type: documentOwnerType, id: share.userId },
      fileId,
    );
    if (!content) throw notFound('Ce document n’existe pas ou plus.');
    await journal(trx, {
      actor,
      action: 'read',
      subjectType: 'resident-file',
      subjectId: share.userId,
      reason: 'téléchargement d’un document partagé avec l’organisme',
      requestId,
    });
    return content;
  });
}
