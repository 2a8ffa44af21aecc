// What people do on a case once it is open: read it, take it, write, invite, mark their part done, close and
// reopen, download a file. Each action locks the case row, checks the rights inside the transaction, and is
// journaled with the work (withPersonalData).
import { AppError, notFound, type FieldError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { withPersonalData } from '../../platform/audit.ts';
import { isServable, readFile, saveFile, type CheckedFile } from '../../platform/files/files.ts';
import type { Executor } from '../../platform/db/database.ts';
import {
  canReadCase,
  consentPendingError,
  guard,
  sideOf,
  waitsForConsent,
  type CaseMembership,
  type WritableKind,
} from './access.ts';
import {
  attachFile,
  attachmentPlace,
  caseCreatorId,
  caseTerritory,
  findActiveAgentByEmail,
  findMembership,
  insertEvent,
  insertMessage,
  insertParticipant,
  isUuid,
  invitableOrganisations,
  loadCaseDetail,
  markRead,
  openParticipations,
  organisationName,
  participations,
  recipientById,
  recordClosing,
  recordFirstAnswer,
  recordReopening,
  recordStandardProcedure,
  caseLifecycle,
  touchCase,
  updateParticipation,
  listNotices,
  noticeFacts,
  caseReference,
  type CaseDetail,
  type ResidentNotice,
} from './store.ts';
import { notify, organisationRecipients, type MailReason } from './notify.ts';
import { tellResident } from './notices.ts';
import { addWorkingDays } from './working-days.ts';
import { defaultCaseSettings, type CaseSettings } from './settings.ts';
import type { Usefulness } from './tables.ts';

export interface ActionDeps {
  db: Db;
  filesKey: Buffer;
  publicUrl: string;
  requestId?: string;
  now?: Date;
  /** The reminder rule (working days before a reminder); the documented default when left out. */
  settings?: CaseSettings;
}

/** When an organisation invited now is reminded if it has not answered. */
export function dueDate(deps: { settings?: CaseSettings }, now: Date): Date {
  return addWorkingDays(now, (deps.settings ?? defaultCaseSettings).reminderWorkingDays);
}

const gone = () => notFound('Ce dossier n’existe pas, ou vous n’y avez pas accès.');

async function lockFor(
  trx: Executor,
  caseId: string,
  actor: Actor,
): Promise<CaseMembership & { id: string }> {
  const membership = await findMembership(trx, caseId, true);
  return allowRead(actor, membership);
}

/**
 * The membership of a case the actor may read. A case one may not see is "not found": its existence itself is
 * not revealed; an invited organisation waiting for the resident's confirmation is told so.
 */
export function allowRead<M extends CaseMembership>(actor: Actor, membership: M | undefined): M {
  if (membership && waitsForConsent(actor, membership)) throw consentPendingError();
  if (!membership || !canReadCase(actor, membership)) throw gone();
  return membership;
}

/** Encrypts and stores files, each linked to a message of the case. */
export async function attachFiles(
  trx: Executor,
  filesKey: Buffer,
  actor: Actor,
  caseId: string,
  messageId: number,
  files: CheckedFile[],
): Promise<void> {
  for (const file of files) {
    const fileId = await saveFile(trx, filesKey, file, { type: 'case', id: caseId, createdBy: actor.id });
    await attachFile(trx, { fileId, caseId, messageId, purpose: 'attachment' });
  }
}

/** Reads a case for its page, journals the read and marks the thread read by the actor. */
export async function viewCase(
  deps: ActionDeps,
  actor: Actor,
  caseId: string,
): Promise<CaseDetail & { notices: ResidentNotice[] }> {
  const membership = allowRead(actor, await findMembership(deps.db, caseId));
  return withPersonalData(
    deps.db,
    {
      actor,
      action: 'read',
      subjectType: 'case',
      subjectId: caseId,
      reason: 'consultation du dossier',
      requestId: deps.requestId,
    },
    async (trx) => {
      const detail = await loadCaseDetail(trx, caseId, actor);
      if (!detail) throw gone();
      const latest = detail.messages.at(-1);
      if (latest) await markRead(trx, caseId, actor.id, latest.id);
      // What the resident was told, and the letters to print, are the helper's side's.
      const notices = sideOf(actor, membership) === 'helper' ? await listNotices(trx, caseId) : [];
      return { ...detail, notices };
    },
  );
}

/** "Je m'en occupe": the actor takes the case for their organisation. */
export async function takeCase(deps: ActionDeps, actor: Actor, caseId: string): Promise<void> {
  const now = deps.now ?? new Date();
  await withPersonalData(
    deps.db,
    {
      actor,
      action: 'update',
      subjectType: 'case',
      subjectId: caseId,
      reason: 'prise en charge',
      requestId: deps.requestId,
    },
    async (trx) => {
      const m = await lockFor(trx, caseId, actor);
      guard(actor, m, { do: 'take' });
      await updateParticipation(trx, caseId, actor.organisationId!, { assignee_id: actor.id, taken_at: now });
      await insertEvent(trx, caseId, actor, 'a pris en charge le dossier pour son organisme.', now);
      await touchCase(trx, caseId, now, {
        status: m.status === 'new' ? 'in_progress' : m.status,
        last_message_at: now,
      });
    },
  );
}

/** A message of the thread, with its files. */
export interface PostMessageInput {
  kind: WritableKind;
  body: string;
  attachments: CheckedFile[];
}

/** Checks a message form; returns the French message of each wrong field. */
export function checkMessage(kind: string | undefined, body: string | undefined): FieldError[] {
  const errors: FieldError[] = [];
  if (!['answer', 'question', 'message', 'internal', 'not-concerned'].includes(kind ?? ''))
    errors.push({ field: 'type', message: 'Choisissez le type de message.' });
  const text = (body ?? '').trim();
  if (!text) errors.push({ field: 'texte', message: 'Écrivez votre message.' });
  else if (text.length > 10000)
    errors.push({ field: 'texte', message: 'Le message compte au plus 10 000 caractères.' });
  return errors;
}

/** Writes a message (answer, question to the helper, message, internal note) with its files. */
export async function postMessage(
  deps: ActionDeps,
  actor: Actor,
  caseId: string,
  input: PostMessageInput,
): Promise<{ id: number }> {
  const now = deps.now ?? new Date();
  return withPersonalData(
    deps.db,
    {
      actor,
      action: 'update',
      subjectType: 'case',
      subjectId: caseId,
      reason: 'message sur la saisine',
      requestId: deps.requestId,
    },
    async (trx) => {
      const m = await lockFor(trx, caseId, actor);
      guard(actor, m, { do: 'write', kind: input.kind });
      const messageId = await insertMessage(trx, caseId, actor, input.kind, input.body.trim(), now);
      await attachFiles(trx, deps.filesKey, actor, caseId, messageId, input.attachments);
      if (input.kind === 'internal') {
        // A note of one organisation changes nothing for the others: no new status, no unread mark.
        await markRead(trx, caseId, actor.id, messageId);
        return { id: messageId };
      }
      // Figures: only an answer (or "pas le bon interlocuteur") is a first answer — a question to the helper
      // is not; the helper's own message does not move a new case forward.
      if (input.kind === 'answer' || input.kind === 'not-concerned')
        await recordFirstAnswer(trx, caseId, actor.organisationId!, now);
      if (input.kind === 'not-concerned')
        await updateParticipation(trx, caseId, actor.organisationId!, { done_at: now });
      const status = await statusAfterMessage(trx, caseId, m.status, input.kind);
      await touchCase(trx, caseId, now, {
        status,
        last_message_at: now,
        ...(input.kind === 'question' ? { question_pending_at: now } : {}),
        ...(input.kind === 'message' ? { question_pending_at: null } : {}),
      });
      await markRead(trx, caseId, actor.id, messageId);
      if (sideOf(actor, m) === 'partner') {
        const creator = await caseCreatorId(trx, caseId);
        const helper = creator ? await recipientById(trx, creator) : undefined;
        const reasons: Record<string, MailReason> = {
          answer: 'answered',
          question: 'question',
          'not-concerned': 'not-concerned',
        };
        if (helper)
          await notify(trx, deps.publicUrl, [helper], reasons[input.kind]!, caseId, String(messageId));
        if (input.kind === 'answer') {
          const name = await organisationName(trx, actor.organisationId!);
          await tellResident(trx, caseId, { step: 'answered', organisation: name }, String(messageId), now);
        }
      } else {
        for (const p of await openParticipations(trx, caseId)) {
          await notify(
            trx,
            deps.publicUrl,
            await organisationRecipients(trx, p.organisationId, p.assigneeId),
            'message',
            caseId,
            String(messageId),
          );
        }
      }
      return { id: messageId };
    },
  );
}

/**
 * The status after a message: an answer makes the case answered; "pas le bon interlocuteur" ends the
 * organisation's part (answered once every organisation is done); a partner's question moves it forward; the
 * helper's own message leaves a new case new and sends an answered one back in progress.
 */
async function statusAfterMessage(
  trx: Executor,
  caseId: string,
  status: CaseMembership['status'],
  kind: WritableKind,
): Promise<CaseMembership['status']> {
  switch (kind) {
    case 'answer':
      return 'answered';
    case 'not-concerned':
      return (await openParticipations(trx, caseId)).length === 0
        ? 'answered'
        : status === 'new'
          ? 'in_progress'
          : status;
    case 'question':
      return status === 'answered' || status === 'new' ? 'in_progress' : status;
    case 'message':
      return status === 'answered' ? 'in_progress' : status;
    case 'internal':
      return status;
  }
}

/** Checks an invitation before it is made, so the page can show the message next to the field. */
export async function checkInvitation(
  db: Executor,
  caseId: string,
  m: CaseMembership,
  target: { organisationId?: string; agentEmail?: string },
): Promise<FieldError[]> {
  const territoryId = await caseTerritory(db, caseId);
  if (!territoryId) return [];
  const resolved = await resolveInvitation(db, territoryId, m, target);
  return 'errors' in resolved ? resolved.errors : [];
}

/**
 * Who an invitation reaches: the organisation, and the named agent when one is given (their organisation is
 * then the one invited). Returns the French message of the wrong field instead when it cannot be made.
 */
async function resolveInvitation(
  db: Executor,
  territoryId: string,
  m: CaseMembership,
  target: { organisationId?: string; agentEmail?: string },
): Promise<
  | { organisationId: string; agent: { id: string; organisationId: string } | undefined }
  | { errors: FieldError[] }
> {
  const invitable = await invitableOrganisations(db, territoryId, m.helperOrganisationId);
  if (target.agentEmail) {
    const agent = await findActiveAgentByEmail(db, target.agentEmail);
    const organisationId = agent?.organisationId;
    if (!agent || !organisationId || !invitable.some((o) => o.id === organisationId)) {
      return {
        errors: [
          { field: 'agent', message: 'Aucun agent actif d’un organisme du territoire n’a cette adresse.' },
        ],
      };
    }
    return { organisationId, agent: { id: agent.id, organisationId } };
  }
  if (!target.organisationId || !invitable.some((o) => o.id === target.organisationId))
    return {
      errors: [{ field: 'organisme', message: 'Choisissez un organisme présent sur le territoire.' }],
    };
  if (m.participantOrganisationIds.includes(target.organisationId))
    return { errors: [{ field: 'organisme', message: 'Cet organisme participe déjà au dossier.' }] };
  return { organisationId: target.organisationId, agent: undefined };
}

/** Invites another organisation, or a named agent (who then holds the case for their organisation). */
export async function invite(
  deps: ActionDeps,
  actor: Actor,
  caseId: string,
  target: { organisationId?: string; agentEmail?: string },
): Promise<void> {
  const now = deps.now ?? new Date();
  await withPersonalData(
    deps.db,
    {
      actor,
      action: 'share',
      subjectType: 'case',
      subjectId: caseId,
      reason: 'invitation d’un organisme ou d’un agent',
      requestId: deps.requestId,
    },
    async (trx) => {
      const m = await lockFor(trx, caseId, actor);
      guard(actor, m, { do: 'invite' });
      const territoryId = await caseTerritory(trx, caseId);
      const resolved = await resolveInvitation(trx, territoryId!, m, target);
      if ('errors' in resolved) throw new AppError('validation', undefined, resolved.errors);
      const { organisationId, agent } = resolved;
      if (!m.participantOrganisationIds.includes(organisationId)) {
        await insertParticipant(trx, {
          caseId,
          organisationId,
          invitedBy: actor.id,
          now,
          dueAt: dueDate(deps, now),
          assigneeId: agent?.id ?? null,
        });
      } else if (agent) {
        await updateParticipation(trx, caseId, organisationId, { assignee_id: agent.id, done_at: null });
      }
      const name = await organisationName(trx, organisationId);
      await insertEvent(trx, caseId, actor, `a invité ${agent ? 'un agent de ' : ''}${name}.`, now);
      await touchCase(trx, caseId, now, { last_message_at: now });
      // Before the resident's confirmation, nobody is told: confirming tells every invited organisation.
      if (m.consentStatus === 'pending') return;
      const recipients = await organisationRecipients(trx, organisationId, agent?.id ?? null);
      await notify(trx, deps.publicUrl, recipients, 'invited', caseId, `${organisationId}:${now.getTime()}`);
    },
  );
}

/** The actor's organisation marks its part done; when every organisation is done the case is answered. */
export async function markPartDone(deps: ActionDeps, actor: Actor, caseId: string): Promise<void> {
  const now = deps.now ?? new Date();
  await withPersonalData(
    deps.db,
    {
      actor,
      action: 'update',
      subjectType: 'case',
      subjectId: caseId,
      reason: 'fin de la participation',
      requestId: deps.requestId,
    },
    async (trx) => {
      const m = await lockFor(trx, caseId, actor);
      guard(actor, m, { do: 'mark-done' });
      await updateParticipation(trx, caseId, actor.organisationId!, { done_at: now });
      await insertEvent(trx, caseId, actor, 'a terminé sa part.', now);
      const open = await openParticipations(trx, caseId);
      await touchCase(trx, caseId, now, {
        status: open.length === 0 ? 'answered' : m.status === 'new' ? 'in_progress' : m.status,
        last_message_at: now,
      });
    },
  );
}

/** Checks the closing form. */
export function checkClosing(usefulness: string | undefined, outcome: string | undefined): FieldError[] {
  const errors: FieldError[] = [];
  if (!['yes', 'partly', 'no'].includes(usefulness ?? ''))
    errors.push({ field: 'utile', message: 'Dites si la réponse a été utile.' });
  const text = (outcome ?? '').trim();
  if (!text)
    errors.push({ field: 'resultat', message: 'Dites ce qui a changé pour l’usager (une phrase suffit).' });
  else if (text.length > 2000) errors.push({ field: 'resultat', message: 'Au plus 2 000 caractères.' });
  return errors;
}

/** The helper's side closes the case, saying whether the answer was useful and what changed. */
export async function closeCase(
  deps: ActionDeps,
  actor: Actor,
  caseId: string,
  feedback: { usefulness: Usefulness; outcome: string },
): Promise<void> {
  const now = deps.now ?? new Date();
  await withPersonalData(
    deps.db,
    {
      actor,
      action: 'update',
      subjectType: 'case',
      subjectId: caseId,
      reason: 'clôture de la saisine',
      requestId: deps.requestId,
    },
    async (trx) => {
      const m = await lockFor(trx, caseId, actor);
      guard(actor, m, { do: 'close' });
      await recordClosing(trx, caseId, now, {
        usefulness: feedback.usefulness,
        outcome: feedback.outcome.trim(),
      });
      await insertEvent(trx, caseId, actor, 'a clos le dossier.', now);
      // Everyone is told: each organisation still on the case, and the resident.
      for (const p of await participations(trx, caseId))
        await notify(
          trx,
          deps.publicUrl,
          await organisationRecipients(trx, p.organisationId, p.assigneeId),
          'closed',
          caseId,
          String(now.getTime()),
        );
      await tellResident(trx, caseId, { step: 'closed' }, String(now.getTime()), now);
      await touchCase(trx, caseId, now, { status: 'closed', last_message_at: now });
    },
  );
}

/** The helper's side reopens a closed case (its personal data must still be there). */
export async function reopenCase(deps: ActionDeps, actor: Actor, caseId: string): Promise<void> {
  const now = deps.now ?? new Date();
  await withPersonalData(
    deps.db,
    {
      actor,
      action: 'update',
      subjectType: 'case',
      subjectId: caseId,
      reason: 'réouverture de la saisine',
      requestId: deps.requestId,
    },
    async (trx) => {
      const m = await lockFor(trx, caseId, actor);
      guard(actor, m, { do: 'reopen' });
      const state = await caseLifecycle(trx, caseId);
      if (state.erasedAt)
        throw new AppError(
          'conflict',
          'Les données de ce dossier ont été effacées : ouvrez une nouvelle saisine.',
        );
      await recordReopening(trx, caseId, state.reopenedCount + 1);
      await insertEvent(trx, caseId, actor, 'a rouvert le dossier.', now);
      await touchCase(trx, caseId, now, { status: 'in_progress', last_message_at: now });
    },
  );
}

/** A file of a case, decrypted, for someone who may see the case; the download is journaled. */
export async function downloadAttachment(
  deps: ActionDeps,
  actor: Actor,
  caseId: string,
  fileId: string,
  production = false,
): Promise<{ name: string; mediaType: string; content: Buffer }> {
  const membership = await findMembership(deps.db, caseId);
  if (!membership || !canReadCase(actor, membership) || !isUuid(fileId)) throw gone();
  return withPersonalData(
    deps.db,
    {
      actor,
      action: 'read',
      subjectType: 'attachment',
      subjectId: fileId,
      reason: `pièce du dossier ${caseId}`,
      requestId: deps.requestId,
    },
    async (trx) => {
      const place = await attachmentPlace(trx, caseId, fileId);
      if (!place) throw notFound('Cette pièce n’existe pas ou a été effacée.');
      // A file attached to another organisation's internal note stays with that organisation.
      if (place.message?.kind === 'internal' && place.message.authorOrganisationId !== actor.organisationId)
        throw notFound('Cette pièce n’existe pas ou a été effacée.');
      const file = await readFile(trx, deps.filesKey, { type: 'case', id: caseId }, fileId);
      if (!file) throw notFound('Cette pièce n’existe pas ou a été effacée.');
      // Quarantine: a file is served once the antivirus found it clean, never before, never when infected.
      if (file.scanStatus === 'infected')
        throw notFound('L’antivirus a bloqué cette pièce : elle n’est plus disponible.');
      if (!isServable(file.scanStatus, production))
        throw new AppError(
          'conflict',
          'Cette pièce est en cours d’analyse par l’antivirus : réessayez dans quelques minutes.',
        );
      return { name: file.name, mediaType: file.mediaType, content: file.content };
    },
  );
}

/** Marks a case as a "procédure standard" (or not): a trivial request, kept out of the statistics. */
export async function setStandardProcedure(
  deps: ActionDeps,
  actor: Actor,
  caseId: string,
  standard: boolean,
): Promise<void> {
  const now = deps.now ?? new Date();
  await withPersonalData(
    deps.db,
    {
      actor,
      action: 'update',
      subjectType: 'case',
      subjectId: caseId,
      reason: 'procédure standard',
      requestId: deps.requestId,
    },
    async (trx) => {
      const m = await lockFor(trx, caseId, actor);
      guard(actor, m, { do: 'flag-standard' });
      await recordStandardProcedure(trx, caseId, standard);
      await insertEvent(
        trx,
        caseId,
        actor,
        standard
          ? 'a marqué la demande comme procédure standard (hors statistiques).'
          : 'a retiré la mention procédure standard.',
        now,
      );
      await touchCase(trx, caseId, now, { last_message_at: now });
    },
  );
}

/** A letter to the resident, for the helper's side to print; the reading is journaled. */
export async function readLetter(
  deps: ActionDeps,
  actor: Actor,
  caseId: string,
  noticeId: number,
): Promise<{ reference: string; place: string; notice: ResidentNotice }> {
  const membership = allowRead(actor, await findMembership(deps.db, caseId));
  if (sideOf(actor, membership) !== 'helper') throw gone();
  return withPersonalData(
    deps.db,
    {
      actor,
      action: 'read',
      subjectType: 'case',
      subjectId: caseId,
      reason: 'courrier à remettre à l’usager',
      requestId: deps.requestId,
    },
    async (trx) => {
      const notice = (await listNotices(trx, caseId)).find(
        (n) => n.id === noticeId && n.channel === 'letter',
      );
      const facts = await noticeFacts(trx, caseId);
      if (!notice || !facts) throw notFound('Ce courrier n’existe pas ou a été effacé.');
      return {
        reference: caseReference(caseId),
        place: facts.siteName ?? facts.helperOrganisation,
        notice,
      };
    },
  );
}
