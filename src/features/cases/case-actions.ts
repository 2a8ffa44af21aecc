// What people do on a case once it is open: read it, take it, write, invite, mark their part done, close and
// reopen, download a file. Each action locks the case row, checks the rights inside the transaction, and is
// journaled with the work (withPersonalData).
import { AppError, notFound, type FieldError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { withPersonalData } from '../../platform/audit.ts';
import { readFile, saveFile, type CheckedFile } from '../../platform/files/files.ts';
import {
  canClose,
  canInvite,
  canReadCase,
  canReopen,
  canTake,
  sideOf,
  writableKinds,
  type CaseMembership,
  type WritableKind,
} from './access.ts';
import {
  agentsOf,
  findMembership,
  isUuid,
  invitableOrganisations,
  loadCaseDetail,
  markRead,
  recipientById,
  touchCase,
  type CaseDetail,
  type Executor,
} from './store.ts';
import { notify } from './notify.ts';
import type { Usefulness } from './tables.ts';

export interface ActionDeps {
  db: Db;
  filesKey: Buffer;
  publicUrl: string;
  requestId?: string;
  now?: Date;
}

const gone = () => notFound('Ce dossier n’existe pas, ou vous n’y avez pas accès.');

async function lockFor(
  trx: Executor,
  caseId: string,
  actor: Actor,
): Promise<CaseMembership & { id: string }> {
  const membership = await findMembership(trx, caseId, true);
  // A case one may not see is "not found": its existence itself is not revealed.
  if (!membership || !canReadCase(actor, membership)) throw gone();
  return membership;
}

function closedError(): AppError {
  return new AppError('conflict', 'Ce dossier est clos : rouvrez-le pour y écrire ou y agir.');
}

/** Reads a case for its page, journals the read and marks the thread read by the actor. */
export async function viewCase(deps: ActionDeps, actor: Actor, caseId: string): Promise<CaseDetail> {
  const membership = await findMembership(deps.db, caseId);
  if (!membership || !canReadCase(actor, membership)) throw gone();
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
      return detail;
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
      // The role is checked before the state: who may not act learns nothing about the case's state.
      if (sideOf(actor, m) !== 'partner')
        throw new AppError(
          'forbidden',
          'Seuls les agents d’un organisme invité prennent en charge la saisine.',
        );
      if (m.status === 'closed') throw closedError();
      if (!canTake(actor, m))
        throw new AppError(
          'forbidden',
          'Seuls les agents d’un organisme invité prennent en charge la saisine.',
        );
      await trx
        .updateTable('case_participants')
        .set({ assignee_id: actor.id, taken_at: now })
        .where('case_id', '=', caseId)
        .where('organisation_id', '=', actor.organisationId!)
        .execute();
      await trx
        .insertInto('case_messages')
        .values({
          case_id: caseId,
          author_id: actor.id,
          author_organisation_id: actor.organisationId,
          kind: 'event',
          body: 'a pris en charge le dossier pour son organisme.',
          created_at: now,
        })
        .execute();
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
  if (!['answer', 'question', 'message', 'internal'].includes(kind ?? ''))
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
      if (!writableKinds(actor, { ...m, status: 'in_progress' }).includes(input.kind))
        throw new AppError('forbidden', 'Vous ne pouvez pas écrire ce type de message sur ce dossier.');
      if (m.status === 'closed') throw closedError();
      if (!writableKinds(actor, m).includes(input.kind))
        throw new AppError('forbidden', 'Vous ne pouvez pas écrire ce type de message sur ce dossier.');
      const message = await trx
        .insertInto('case_messages')
        .values({
          case_id: caseId,
          author_id: actor.id,
          author_organisation_id: actor.organisationId,
          kind: input.kind,
          body: input.body.trim(),
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const file of input.attachments) {
        const fileId = await saveFile(trx, deps.filesKey, file, {
          type: 'case',
          id: caseId,
          createdBy: actor.id,
        });
        await trx
          .insertInto('case_attachments')
          .values({ file_id: fileId, case_id: caseId, message_id: message.id, purpose: 'attachment' })
          .execute();
      }
      if (input.kind === 'internal') {
        // A note of one organisation changes nothing for the others: no new status, no unread mark.
        await markRead(trx, caseId, actor.id, message.id);
        return { id: message.id };
      }
      if (input.kind === 'answer' || input.kind === 'question') {
        await trx
          .updateTable('case_participants')
          .set({ first_answer_at: now })
          .where('case_id', '=', caseId)
          .where('organisation_id', '=', actor.organisationId!)
          .where('first_answer_at', 'is', null)
          .execute();
      }
      const status =
        input.kind === 'answer'
          ? 'answered'
          : m.status === 'answered' || m.status === 'new'
            ? 'in_progress'
            : m.status;
      await touchCase(trx, caseId, now, { status, last_message_at: now });
      await markRead(trx, caseId, actor.id, message.id);
      if (sideOf(actor, m) === 'partner') {
        const creator = await trx
          .selectFrom('cases')
          .select('created_by')
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow();
        const helper = creator.created_by ? await recipientById(trx, creator.created_by) : undefined;
        if (helper)
          await notify(
            trx,
            deps.publicUrl,
            [helper],
            input.kind === 'answer' ? 'answered' : 'question',
            caseId,
            String(message.id),
          );
      } else {
        const parts = await trx
          .selectFrom('case_participants')
          .select(['organisation_id', 'assignee_id'])
          .where('case_id', '=', caseId)
          .where('done_at', 'is', null)
          .execute();
        for (const p of parts) {
          const assignee = p.assignee_id ? await recipientById(trx, p.assignee_id) : undefined;
          await notify(
            trx,
            deps.publicUrl,
            assignee ? [assignee] : await agentsOf(trx, p.organisation_id, ['partnerAgent']),
            'message',
            caseId,
            String(message.id),
          );
        }
      }
      return { id: message.id };
    },
  );
}

/** Checks an invitation before it is made, so the page can show the message next to the field. */
export async function checkInvitation(
  db: Executor,
  caseId: string,
  m: CaseMembership,
  target: { organisationId?: string; agentEmail?: string },
): Promise<FieldError[]> {
  const territory = await db
    .selectFrom('cases')
    .select('territory_id')
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!territory) return [];
  const invitable = await invitableOrganisations(db, territory.territory_id, m.helperOrganisationId);
  if (target.agentEmail) {
    const agent = await db
      .selectFrom('users')
      .select('organisation_id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', target.agentEmail!.trim().toLowerCase()))
      .where('status', '=', 'active')
      .where('role', 'in', ['partnerAgent', 'organisationManager'])
      .executeTakeFirst();
    if (!agent?.organisation_id || !invitable.some((o) => o.id === agent.organisation_id)) {
      return [
        { field: 'agent', message: 'Aucun agent actif d’un organisme du territoire n’a cette adresse.' },
      ];
    }
    return [];
  }
  if (!target.organisationId || !invitable.some((o) => o.id === target.organisationId))
    return [{ field: 'organisme', message: 'Choisissez un organisme présent sur le territoire.' }];
  if (m.participantOrganisationIds.includes(target.organisationId))
    return [{ field: 'organisme', message: 'Cet organisme participe déjà au dossier.' }];
  return [];
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
      if (m.status === 'closed') throw closedError();
      if (!canInvite(actor, m)) throw new AppError('forbidden', 'Vous ne pouvez pas inviter sur ce dossier.');
      const territory = await trx
        .selectFrom('cases')
        .select('territory_id')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      const invitable = await invitableOrganisations(trx, territory.territory_id, m.helperOrganisationId);
      let organisationId = target.organisationId;
      let agent: { id: string; organisation_id: string | null } | undefined;
      if (target.agentEmail) {
        agent = await trx
          .selectFrom('users')
          .select(['id', 'organisation_id'])
          .where((eb) => eb(eb.fn('lower', ['email']), '=', target.agentEmail!.trim().toLowerCase()))
          .where('status', '=', 'active')
          .where('role', 'in', ['partnerAgent', 'organisationManager'])
          .executeTakeFirst();
        if (!agent?.organisation_id || !invitable.some((o) => o.id === agent!.organisation_id)) {
          throw new AppError('validation', undefined, [
            { field: 'agent', message: 'Aucun agent actif d’un organisme du territoire n’a cette adresse.' },
          ]);
        }
        organisationId = agent.organisation_id;
      }
      if (!organisationId || !invitable.some((o) => o.id === organisationId)) {
        throw new AppError('validation', undefined, [
          { field: 'organisme', message: 'Choisissez un organisme présent sur le territoire.' },
        ]);
      }
      const already = m.participantOrganisationIds.includes(organisationId);
      if (already && !agent)
        throw new AppError('validation', undefined, [
          { field: 'organisme', message: 'Cet organisme participe déjà au dossier.' },
        ]);
      if (!already) {
        await trx
          .insertInto('case_participants')
          .values({
            case_id: caseId,
            organisation_id: organisationId,
            invited_by: actor.id,
            invited_at: now,
            case_updated_at: now,
            assignee_id: agent?.id ?? null,
            taken_at: null,
            first_answer_at: null,
            done_at: null,
            reminded_at: null,
            escalated_at: null,
          })
          .execute();
      } else if (agent) {
        await trx
          .updateTable('case_participants')
          .set({ assignee_id: agent.id, done_at: null })
          .where('case_id', '=', caseId)
          .where('organisation_id', '=', organisationId)
          .execute();
      }
      const org = await trx
        .selectFrom('organisations')
        .select('name')
        .where('id', '=', organisationId)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('case_messages')
        .values({
          case_id: caseId,
          author_id: actor.id,
          author_organisation_id: actor.organisationId,
          kind: 'event',
          body: `a invité ${agent ? 'un agent de ' : ''}${org.name}.`,
          created_at: now,
        })
        .execute();
      await touchCase(trx, caseId, now, { last_message_at: now });
      const recipients = agent
        ? [await recipientById(trx, agent.id)].filter((r) => r != null)
        : await agentsOf(trx, organisationId, ['partnerAgent']);
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
      if (sideOf(actor, m) !== 'partner')
        throw new AppError('forbidden', 'Seul un organisme invité marque sa part comme terminée.');
      if (m.status === 'closed') throw closedError();
      await trx
        .updateTable('case_participants')
        .set({ done_at: now })
        .where('case_id', '=', caseId)
        .where('organisation_id', '=', actor.organisationId!)
        .execute();
      await trx
        .insertInto('case_messages')
        .values({
          case_id: caseId,
          author_id: actor.id,
          author_organisation_id: actor.organisationId,
          kind: 'event',
          body: 'a terminé sa part.',
          created_at: now,
        })
        .execute();
      const open = await trx
        .selectFrom('case_participants')
        .select('organisation_id')
        .where('case_id', '=', caseId)
        .where('done_at', 'is', null)
        .execute();
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
      if (sideOf(actor, m) !== 'helper')
        throw new AppError('forbidden', 'Seul l’organisme de l’aidant clôt la saisine.');
      if (m.status === 'closed') throw closedError();
      if (!canClose(actor, m))
        throw new AppError('forbidden', 'Seul l’organisme de l’aidant clôt la saisine.');
      await trx
        .updateTable('cases')
        .set({ closed_at: now, usefulness: feedback.usefulness, outcome: feedback.outcome.trim() })
        .where('id', '=', caseId)
        .execute();
      await trx
        .insertInto('case_messages')
        .values({
          case_id: caseId,
          author_id: actor.id,
          author_organisation_id: actor.organisationId,
          kind: 'event',
          body: 'a clos le dossier.',
          created_at: now,
        })
        .execute();
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
      if (sideOf(actor, m) === 'helper' && m.status !== 'closed')
        throw new AppError('conflict', 'Ce dossier n’est pas clos : il n’y a rien à rouvrir.');
      if (!canReopen(actor, m))
        throw new AppError('forbidden', 'Seul l’organisme de l’aidant rouvre un dossier clos.');
      const c = await trx
        .selectFrom('cases')
        .select(['personal_data_erased_at', 'reopened_count'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      if (c.personal_data_erased_at)
        throw new AppError(
          'conflict',
          'Les données de ce dossier ont été effacées : ouvrez une nouvelle saisine.',
        );
      await trx
        .updateTable('cases')
        .set({ closed_at: null, usefulness: null, outcome: null, reopened_count: c.reopened_count + 1 })
        .where('id', '=', caseId)
        .execute();
      await trx
        .updateTable('case_participants')
        .set({ done_at: null })
        .where('case_id', '=', caseId)
        .execute();
      await trx
        .insertInto('case_messages')
        .values({
          case_id: caseId,
          author_id: actor.id,
          author_organisation_id: actor.organisationId,
          kind: 'event',
          body: 'a rouvert le dossier.',
          created_at: now,
        })
        .execute();
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
      const link = await trx
        .selectFrom('case_attachments')
        .select(['message_id'])
        .where('file_id', '=', fileId)
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      if (!link) throw notFound('Cette pièce n’existe pas ou a été effacée.');
      if (link.message_id != null) {
        // A file attached to another organisation's internal note stays with that organisation.
        const message = await trx
          .selectFrom('case_messages')
          .select(['kind', 'author_organisation_id'])
          .where('id', '=', link.message_id)
          .executeTakeFirstOrThrow();
        if (message.kind === 'internal' && message.author_organisation_id !== actor.organisationId)
          throw notFound('Cette pièce n’existe pas ou a été effacée.');
      }
      const file = await readFile(trx, deps.filesKey, { type: 'case', id: caseId }, fileId);
      if (!file) throw notFound('Cette pièce n’existe pas ou a été effacée.');
      return file;
    },
  );
}
