// "Mes données": what Sans Couture holds about a signed-in resident and why, a copy of all of it as a JSON
// file, and the erasure of the account (RGPD articles 15, 17 and 20). Reading, exporting and erasing are
// journaled. The journal itself is append-only and a legal record: its rows about the resident stay after the
// erasure (they hold ids, dates and purposes, no content), and the page says so.
import type { Db } from '../../platform/db/database.ts';
import { journal, withPersonalData } from '../../platform/audit.ts';
import { isRole, roleLabels, type Role } from '../../platform/auth/roles.ts';
import { notFound } from '../../platform/errors.ts';
import { isLifeEventId, lifeEvent } from '../navigator/life-events.ts';
import type { Answers } from '../navigator/questions.ts';
import { fileExport, fileSummary, type FileExport } from './my-data-file.ts';
import {
  deleteAccount,
  deleteQueuedMailsTo,
  findResidentAccount,
  journalAbout,
  loginLinksOf,
  queuedMailsTo,
  savedAnswersOf,
  sessionsOf,
  territoryNamesOf,
  type Executor,
  type JournalLine,
  type LoginLinkDates,
  type ResidentAccount,
} from './my-data-store.ts';

/** The signed-in resident, as the use-cases need them. */
export interface ResidentActor {
  id: string;
  role: Role;
}

/** How many journal entries the page shows (the export has them all). */
export const journalLinesShown = 30;

const actionLabels: Record<string, string> = {
  read: 'consultation',
  create: 'création',
  update: 'modification',
  delete: 'effacement',
  export: 'export',
  login: 'connexion',
  logout: 'déconnexion',
  share: 'partage',
};

const subjectLabels: Record<string, string> = {
  user: 'compte',
  'navigator-answers': 'réponses enregistrées',
  case: 'saisine',
  consent: 'consentement',
  attachment: 'pièce jointe',
  'resident-file': 'dossier',
};

const accountStatusLabels: Record<string, string> = {
  active: 'actif',
  invited: 'invité',
  disabled: 'désactivé',
};
const mailStatusLabels: Record<string, string> = {
  pending: 'en attente',
  running: 'en cours d’envoi',
  done: 'envoyé',
  failed: 'en échec',
};

/** A journal entry in plain words: who, did what, on what, why. */
export interface JournalView {
  at: Date;
  who: string;
  action: string;
  subject: string;
  subjectId: string | null;
  reason: string;
}

/**
 * Who acted, in plain words. A line without an actor is either the platform's own work or someone who was not
 * signed in: on saved answers it is always the latter (whoever opened the private link), never the platform.
 */
function whoActed(line: JournalLine, userId: string): string {
  if (line.actorId === userId) return 'vous';
  if (line.actorRole && isRole(line.actorRole)) return roleLabels[line.actorRole];
  if (line.actorId == null && line.subjectType === 'navigator-answers') {
    return 'une personne non connectée (avec le lien privé)';
  }
  return 'la plateforme (traitement automatique)';
}

function journalView(line: JournalLine, userId: string): JournalView {
  const who = whoActed(line, userId);
  return {
    at: line.at,
    who,
    action: actionLabels[line.action] ?? line.action,
    subject: subjectLabels[line.subjectType] ?? line.subjectType,
    subjectId: line.subjectId,
    reason: line.reason,
  };
}

/** The title of a moment of life, or its id when it is no longer known. */
export function lifeEventTitle(id: string): string {
  return isLifeEventId(id) ? lifeEvent(id).title : id;
}

/** What the page shows. */
export interface ResidentOverview {
  account: ResidentAccount;
  territories: string[];
  sessions: { createdAt: Date; lastSeenAt: Date; expiresAt: Date; current: boolean }[];
  loginLinks: LoginLinkDates[];
  savedAnswers: { lifeEvent: string; createdAt: Date; expiresAt: Date }[];
  /** Mails of the queue addressed to the resident (subject, state, date: the text may hold a login link). */
  mails: { subject: string; status: string; createdAt: Date }[];
  journal: { lines: JournalView[]; total: number };
  /** The resident's file in a few lines ("Mon dossier" shows it whole). */
  file: string[];
}

const missingAccount = () => notFound('Ce compte n’existe plus.');

/** The account, its saved answers and the journal about both (its last `journalLimit` lines, or all). */
async function accountRecords(trx: Executor, userId: string, journalLimit?: number) {
  const account = await findResidentAccount(trx, userId);
  if (!account) throw missingAccount();
  const answers = await savedAnswersOf(trx, userId);
  const entries = await journalAbout(
    trx,
    userId,
    answers.map((a) => a.id),
    journalLimit,
  );
  return { account, answers, entries };
}

/** Everything "Mes données" shows about the resident; the reading is journaled. */
export async function residentOverview(
  db: Db,
  actor: ResidentActor,
  currentSessionHash: string | null,
  requestId?: string,
): Promise<ResidentOverview> {
  return withPersonalData(
    db,
    {
      actor,
      action: 'read',
      subjectType: 'user',
      subjectId: actor.id,
      reason: 'consultation de ses données par l’usager',
      requestId,
    },
    async (trx) => {
      const { account, answers, entries } = await accountRecords(trx, actor.id, journalLinesShown);
      return {
        account,
        territories: await territoryNamesOf(trx, actor.id),
        sessions: (await sessionsOf(trx, actor.id)).map((s) => ({
          createdAt: s.createdAt,
          lastSeenAt: s.lastSeenAt,
          expiresAt: s.expiresAt,
          current: s.idHash === currentSessionHash,
        })),
        loginLinks: await loginLinksOf(trx, actor.id),
        savedAnswers: answers.map((a) => ({
          lifeEvent: lifeEventTitle(a.lifeEvent),
          createdAt: a.createdAt,
          expiresAt: a.expiresAt,
        })),
        mails: (await queuedMailsTo(trx, account.email)).map((m) => ({
          subject: m.subject,
          status: mailStatusLabels[m.status] ?? m.status,
          createdAt: m.createdAt,
        })),
        journal: { lines: entries.lines.map((l) => journalView(l, actor.id)), total: entries.total },
        file: fileSummary(await fileExport(trx, actor.id)),
      };
    },
  );
}

/** The JSON file handed to the resident: every field listed here, in the resident's words. */
export interface ResidentExport {
  document: string;
  exporteLe: string;
  compte: {
    adresseElectronique: string;
    nomAffiche: string;
    role: string;
    etat: string;
    creeLe: string;
    derniereConnexion: string | null;
    identifiantProConnect: string | null;
  };
  territoires: string[];
  sessions: { ouverteLe: string; derniereActivite: string; expireLe: string }[];
  liensDeConnexion: { creeLe: string; expireLe: string; utiliseLe: string | null }[];
  reponsesEnregistrees: {
    momentDeVie: string;
    enregistreesLe: string;
    effaceesAutomatiquementLe: string;
    reponses: Answers;
  }[];
  journal: {
    le: string;
    qui: string;
    action: string;
    objet: string;
    identifiant: string | null;
    motif: string;
  }[];
  courrielsEnFileDAttente: { objet: string; etat: string; creeLe: string }[];
  /** Mon dossier: situation, documents, mandates, shares, requests, aller-vers. */
  dossier: FileExport;
  aSavoir: string[];
}

/** A copy of everything the platform holds about the resident; the export is journaled. */
export async function exportResidentData(
  db: Db,
  actor: ResidentActor,
  requestId?: string,
  now = new Date(),
): Promise<ResidentExport> {
  return withPersonalData(
    db,
    {
      actor,
      action: 'export',
      subjectType: 'user',
      subjectId: actor.id,
      reason: 'export de ses données par l’usager',
      requestId,
    },
    async (trx) => {
      const { account, answers, entries } = await accountRecords(trx, actor.id);
      return {
        document: 'Vos données personnelles sur Sans Couture',
        exporteLe: now.toISOString(),
        compte: {
          adresseElectronique: account.email,
          nomAffiche: account.displayName,
          role: roleLabels.resident,
          etat: accountStatusLabels[account.status] ?? account.status,
          creeLe: account.createdAt.toISOString(),
          derniereConnexion: account.lastLoginAt?.toISOString() ?? null,
          identifiantProConnect: account.oidcSubject,
        },
        territoires: await territoryNamesOf(trx, actor.id),
        sessions: (await sessionsOf(trx, actor.id)).map((s) => ({
          ouverteLe: s.createdAt.toISOString(),
          derniereActivite: s.lastSeenAt.toISOString(),
          expireLe: s.expiresAt.toISOString(),
        })),
        liensDeConnexion: (await loginLinksOf(trx, actor.id)).map((l) => ({
          creeLe: l.createdAt.toISOString(),
          expireLe: l.expiresAt.toISOString(),
          utiliseLe: l.usedAt?.toISOString() ?? null,
        })),
        reponsesEnregistrees: answers.map((a) => ({
          momentDeVie: lifeEventTitle(a.lifeEvent),
          enregistreesLe: a.createdAt.toISOString(),
          effaceesAutomatiquementLe: a.expiresAt.toISOString(),
          reponses: a.answers,
        })),
        journal: entries.lines.map((l) => {
          const v = journalView(l, actor.id);
          return {
            le: v.at.toISOString(),
            qui: v.who,
            action: v.action,
            objet: v.subject,
            identifiant: v.subjectId,
            motif: v.reason,
          };
        }),
        courrielsEnFileDAttente: (await queuedMailsTo(trx, account.email)).map((m) => ({
          objet: m.subject,
          etat: mailStatusLabels[m.status] ?? m.status,
          creeLe: m.createdAt.toISOString(),
        })),
        dossier: await fileExport(trx, actor.id),
        aSavoir: [
          'Sessions et liens de connexion : seules leurs dates sont données ; leurs jetons ne sont gardés que sous forme d’empreinte, illisible.',
          'Journal d’audit : il garde la trace de chaque accès à des données personnelles (qui, quoi, quand, pourquoi), avec des identifiants et sans contenu. La loi demande de le conserver : il ne peut être ni modifié ni effacé, et ses lignes restent si vous supprimez votre compte.',
          'Réponses enregistrées sans être connecté : elles ne sont reliées à aucun compte ; seul leur lien privé permet de les retrouver et de les effacer.',
          'Saisines ouvertes pour vous par un agent (France Services, mairie…) : celles ouvertes à partir de votre compte (une demande envoyée depuis votre plan) y sont reliées, et « Mon dossier » dit quels organismes y participent ; leur contenu reste chez l’organisme qui les a ouvertes : demandez-lui leur copie ou leur effacement.',
          'Documents de votre dossier : leur contenu, chiffré, se télécharge depuis « Mon dossier » ; ce fichier en donne la liste.',
        ],
      };
    },
  );
}

/**
 * Erases the resident's account and everything hanging on it: saved answers, sessions, login links, mails
 * waiting for their address. The journal keeps its rows and gets one more per erased subject. Returns false
 * when there was no such account any more (a second request changes nothing).
 */
export async function eraseResidentAccount(
  db: Db,
  actor: ResidentActor,
  requestId?: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const account = await findResidentAccount(trx, actor.id, true);
    if (!account) return false;
    const reason = 'effacement du compte à la demande de l’usager';
    for (const answers of await savedAnswersOf(trx, actor.id)) {
      await journal(trx, {
        actor,
        action: 'delete',
        subjectType: 'navigator-answers',
        subjectId: answers.id,
        reason,
        requestId,
      });
    }
    await deleteQueuedMailsTo(trx, account.email);
    await deleteAccount(trx, actor.id);
    await journal(trx, {
      actor,
      action: 'delete',
      subjectType: 'user',
      subjectId: actor.id,
      reason,
      requestId,
    });
    return true;
  });
}
