// The resident's rights on a shared case (RGPD articles 15 and 17), exercised through the organisation that
// opened it, since residents helped at the counter have no account: a copy of their data as a JSON file, and
// the erasure of their personal data before the retention period ends. The erasure is the nightly retention
// job's own (`erasePersonalData`), so the statistics stay; an open case is closed by it. Both are journaled.
import { notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { journal, withPersonalData } from '../../platform/audit.ts';
import { canReadCase, guard, type CaseMembership } from './access.ts';
import type { ActionDeps } from './case-actions.ts';
import { erasePersonalData } from './case-jobs.ts';
import { consentKindLabels, lifeEventLabels, statusLabels } from './labels.ts';
import {
  consentContact,
  findMembership,
  insertEvent,
  listCaseFiles,
  loadCaseDetail,
  loadCaseMetadata,
  recordErasureOutcome,
  caseLifecycle,
  touchCase,
  type CaseDetail,
  type CaseFile,
  type CaseMetadata,
} from './store.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { MessageKind } from './tables.ts';

/** The outcome written on a case erased at the resident's request (it tells it apart from the retention erasure). */
export const erasedOnRequestOutcome = 'Données personnelles effacées à la demande de l’usager.';

const gone = () => notFound('Ce dossier n’existe pas, ou vous n’y avez pas accès.');

/** Refuses a stranger to the case as "not found", and a participant who did not open it as "forbidden". */
async function authorise(
  db: Executor,
  actor: Actor,
  caseId: string,
  lock = false,
): Promise<CaseMembership & { id: string }> {
  const membership = await findMembership(db, caseId, lock);
  if (!membership || !canReadCase(actor, membership)) throw gone();
  guard(actor, membership, { do: 'resident-request' });
  return membership;
}

/** The JSON file handed to the resident: every field listed here, in the resident's words. */
export interface CaseResidentExport {
  document: string;
  exporteLe: string;
  dossier: {
    reference: string;
    momentDeVie: string;
    etat: string;
    ouvertLe: string;
    closLe: string | null;
    organismeDeLAidant: string;
    organismesInvites: string[];
    question: string | null;
    resultat: string | null;
    donneesPersonnellesEffaceesLe: string | null;
  };
  usager: {
    prenom: string | null;
    nom: string | null;
    dateDeNaissance: string | null;
    numeroCaf: string | null;
    numeroSecuriteSociale: string | null;
    numeroFiscal: string | null;
    /** Code INSEE et nom de la commune de l’usager, quand l’aidant l’a indiquée. */
    commune: string | null;
  };
  consentement: {
    forme: string;
    donneLe: string;
    portee: string | null;
    valableJusquAu: string;
    contactPourConfirmer: string | null;
    confirmeLe: string | null;
  } | null;
  messages: { le: string; type: string; organisme: string | null; texte: string | null }[];
  piecesJointes: { nom: string; nature: string; format: string; tailleEnOctets: number; deposeeLe: string }[];
  aSavoir: string[];
}

const exportedKinds: Record<MessageKind, string> = {
  answer: 'réponse d’un organisme',
  question: 'demande d’information à l’aidant',
  message: 'message de l’aidant',
  internal: 'note interne de l’organisme de l’aidant',
  event: 'événement du dossier',
  'not-concerned': 'réponse d’un organisme : pas le bon interlocuteur',
};

/** Builds the resident's copy of a case from what the helper's organisation may see. */
export function presentCaseExport(
  detail: CaseDetail,
  files: CaseFile[],
  contact: string | null,
  now: Date,
): CaseResidentExport {
  const r = detail.resident;
  const c = detail.consent;
  return {
    document: `Données personnelles de l’usager — dossier ${detail.reference} (Sans Couture)`,
    exporteLe: now.toISOString(),
    dossier: {
      reference: detail.reference,
      momentDeVie: lifeEventLabels[detail.lifeEvent] ?? detail.lifeEvent,
      etat: statusLabels[detail.status],
      ouvertLe: detail.createdAt.toISOString(),
      closLe: detail.closedAt?.toISOString() ?? null,
      organismeDeLAidant: detail.helperOrganisation,
      organismesInvites: detail.participants.map((p) => p.organisationName),
      question: detail.question,
      resultat: detail.outcome,
      donneesPersonnellesEffaceesLe: detail.erasedAt?.toISOString() ?? null,
    },
    usager: {
      prenom: r.firstName,
      nom: r.lastName,
      dateDeNaissance: r.birthDate,
      numeroCaf: r.cafNumber,
      numeroSecuriteSociale: r.socialSecurityNumber,
      numeroFiscal: r.taxNumber,
      commune: r.commune ? `${r.commune.name} (${r.commune.inseeCode})` : null,
    },
    consentement: c
      ? {
          forme: consentKindLabels[c.kind],
          donneLe: c.givenOn,
          portee: c.scope,
          valableJusquAu: c.expiresOn,
          contactPourConfirmer: contact,
          confirmeLe: c.confirmedAt?.toISOString() ?? null,
        }
      : null,
    messages: detail.messages.map((m) => ({
      le: m.createdAt.toISOString(),
      type: exportedKinds[m.kind],
      organisme: m.authorOrganisation,
      texte: m.body,
    })),
    piecesJointes: files.map((f) => ({
      nom: f.name,
      nature: f.purpose === 'mandate' ? 'mandat signé' : 'pièce jointe',
      format: f.mediaType,
      tailleEnOctets: f.size,
      deposeeLe: f.createdAt.toISOString(),
    })),
    aSavoir: [
      'Ce fichier contient ce que l’organisme qui a ouvert le dossier voit : les notes internes des organismes invités n’y figurent pas ; demandez-les à ces organismes.',
      'Le contenu des pièces jointes se télécharge depuis la page du dossier ; ce fichier en donne la liste.',
      'Les noms des agents ne figurent pas dans ce fichier : seuls leurs organismes sont indiqués.',
      'Chaque consultation du dossier est inscrite au journal d’audit de Sans Couture (identifiants et dates, sans le contenu du dossier).',
    ],
  };
}

/** The resident's copy of a case, for the helper's organisation; the export is journaled with its reading. */
export async function exportCaseResidentData(
  deps: ActionDeps,
  actor: Actor,
  caseId: string,
): Promise<{ reference: string; document: CaseResidentExport }> {
  const now = deps.now ?? new Date();
  // Rights first, outside the journaled transaction: a refusal reads nothing and journals nothing.
  await authorise(deps.db, actor, caseId);
  return withPersonalData(
    deps.db,
    {
      actor,
      action: 'export',
      subjectType: 'case',
      subjectId: caseId,
      reason: 'export des données à la demande de l’usager',
      requestId: deps.requestId,
    },
    async (trx) => {
      const detail = await loadCaseDetail(trx, caseId, actor);
      if (!detail) throw gone();
      const files = await listCaseFiles(trx, caseId, actor);
      return {
        reference: detail.reference,
        document: presentCaseExport(detail, files, await consentContact(trx, caseId), now),
      };
    },
  );
}

/** What the erasure's confirmation page says about the case: no personal data, nothing of other organisations. */
export interface ErasureSummary {
  meta: CaseMetadata;
}

/** The case as the confirmation page shows it, for the helper's organisation only. */
export async function erasureSummary(db: Executor, actor: Actor, caseId: string): Promise<ErasureSummary> {
  await authorise(db, actor, caseId);
  const meta = await loadCaseMetadata(db, caseId);
  if (!meta) throw gone();
  return { meta };
}

export type ErasureResult = 'erased' | 'already-erased';

/**
 * Erases the resident's personal data from a case at their request, as the retention job does; an open case
 * is closed with the outcome saying why. A second request finds nothing left: nothing changes, nothing is
 * journaled, and the caller says so.
 */
export async function eraseCaseOnResidentRequest(
  deps: ActionDeps,
  actor: Actor,
  caseId: string,
): Promise<ErasureResult> {
  const now = deps.now ?? new Date();
  return deps.db.transaction().execute(async (trx) => {
    const m = await authorise(trx, actor, caseId, true);
    if ((await caseLifecycle(trx, caseId)).erasedAt) return 'already-erased';
    await erasePersonalData(trx, caseId, now);
    const closing = m.status !== 'closed';
    await recordErasureOutcome(trx, caseId, erasedOnRequestOutcome, closing ? now : null);
    await insertEvent(
      trx,
      caseId,
      actor,
      closing
        ? 'a effacé les données personnelles à la demande de l’usager et clos le dossier.'
        : 'a effacé les données personnelles à la demande de l’usager.',
      now,
    );
    await touchCase(trx, caseId, now, { status: 'closed', last_message_at: now });
    await journal(trx, {
      actor,
      action: 'delete',
      subjectType: 'case',
      subjectId: caseId,
      reason: 'effacement à la demande de l’usager',
      requestId: deps.requestId,
    });
    return 'erased';
  });
}
