// The resident's file, said once: reading it (journaled), saving the situation in one transaction that refuses a
// save made from an older version (two tabs, or the resident and their helper at once: the later save shows the
// conflict instead of erasing the earlier), the documents (encrypted, typed by content), the questionnaire's
// prefill (only what is still valid) and the one page where the resident confirms what a questionnaire changed.
import { firstTerritory } from '../territory/membership-store.ts';
import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { journal, withPersonalData } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { readFile as readStoredFile, saveFile, type CheckedFile } from '../../platform/files/files.ts';
import type { LifeEvent } from '../navigator/life-events.ts';
import type { Answers } from '../navigator/questions.ts';
import { questions } from '../navigator/questions.ts';
import { questionnaireFor } from '../navigator/questionnaire.ts';
import {
  answersFromFacts,
  applyChanges,
  changesFrom,
  effectiveChanges,
  fileQuestionIds,
  householdOf,
  pageAnswered,
  type FactAuthor,
  type FactChange,
  type StoredFacts,
} from './facts.ts';
import {
  addReuse,
  deleteDocument,
  documentsOf,
  ensureFile,
  findFile,
  insertDocument,
  namesOf,
  territoryOfCommune,
  writeFacts,
  type DocumentRow,
  type Executor,
} from './store.ts';

/** Who acts on a file: the resident, or an agent. */
export interface FileActor {
  id: string;
  role: Role;
}

/** The file as the pages show it. */
export interface FileView {
  userId: string;
  facts: StoredFacts;
  version: number;
  updatedAt: Date | null;
  documents: DocumentRow[];
  /** Names of the accounts that gave facts or documents (agents, with their organisation). */
  names: Map<string, string>;
}

/** The owner type of a file's documents in stored_files. */
export const documentOwnerType = 'resident-file';

/** The file of a resident, read in a transaction (created empty on first use). */
export async function loadFile(trx: Executor, userId: string): Promise<FileView> {
  await ensureFile(trx, userId);
  const file = await findFile(trx, userId);
  const documents = await documentsOf(trx, userId);
  const authors = [
    ...Object.values(file?.facts ?? {}).flatMap((f) => (f.by ? [f.by] : [])),
    ...documents.flatMap((d) => (d.givenBy ? [d.givenBy] : [])),
  ];
  return {
    userId,
    facts: file?.facts ?? {},
    version: file?.version ?? 0,
    updatedAt: file?.updatedAt ?? null,
    documents,
    names: await namesOf(trx, authors),
  };
}

/** The resident's own file; the reading is journaled. */
export async function ownFile(db: Db, actor: FileActor, requestId?: string): Promise<FileView> {
  return withPersonalData(
    db,
    {
      actor,
      action: 'read',
      subjectType: 'resident-file',
      subjectId: actor.id,
      reason: 'consultation de son dossier par l’usager',
      requestId,
    },
    (trx) => loadFile(trx, actor.id),
  );
}

/** A save refused because the file changed since the page was opened: what it holds now. */
export interface FileConflict {
  facts: StoredFacts;
  version: number;
  updatedAt: Date | null;
  names: Map<string, string>;
}

export type SaveResult =
  { ok: true; version: number; changed: string[] } | { ok: false; conflict: FileConflict };

/** What a save writes, by whom, from which version, and why (the journal's words). */
export interface SaveInput {
  userId: string;
  author: FactAuthor;
  /** Facts to write (undefined removes one), already reduced to what changes (see `effectiveChanges`). */
  changes: Record<string, unknown>;
  baseVersion: number;
  reason: string;
  now: Date;
  requestId?: string;
}

/**
 * Saves facts in the transaction given: refuses when the file is no longer at `baseVersion` (nothing written),
 * otherwise writes them all at once, raises the version and journals the change.
 */
export async function saveFactsIn(trx: Transaction<Database>, input: SaveInput): Promise<SaveResult> {
  await ensureFile(trx, input.userId);
  const file = await findFile(trx, input.userId, true);
  if (!file || file.version !== input.baseVersion) {
    const facts = file?.facts ?? {};
    return {
      ok: false,
      conflict: {
        facts,
        version: file?.version ?? 0,
        updatedAt: file?.updatedAt ?? null,
        names: await namesOf(
          trx,
          Object.values(facts).flatMap((f) => (f.by ? [f.by] : [])),
        ),
      },
    };
  }
  const changed = Object.keys(input.changes);
  if (changed.length === 0) return { ok: true, version: file.version, changed };
  const next = applyChanges(file.facts, input.changes, input.author, input.now);
  const version = await writeFacts(trx, input.userId, next, input.baseVersion, input.now);
  if (version === null)
    throw new AppError('conflict', 'Le dossier vient d’être modifié : rechargez la page.');
  await journal(trx, {
    actor: input.author.actor,
    action: 'update',
    subjectType: 'resident-file',
    subjectId: input.userId,
    reason: input.reason,
    requestId: input.requestId,
  });
  return { ok: true, version, changed };
}

/** The resident saves the form of their file: every fact it holds, checked with the navigator's readers. */
export async function saveOwnSituation(
  db: Db,
  actor: FileActor,
  submitted: Record<string, unknown>,
  baseVersion: number,
  today: string,
  now: Date,
  requestId?: string,
): Promise<SaveResult> {
  return db.transaction().execute(async (trx) => {
    const file = await findFile(trx, actor.id);
    return saveFactsIn(trx, {
      userId: actor.id,
      author: { actor, via: 'resident' },
      changes: effectiveChanges(file?.facts ?? {}, submitted, today),
      baseVersion,
      reason: 'modification de son dossier par l’usager',
      now,
      requestId,
    });
  });
}

// ── Documents ────────────────────────────────────────────────────────────────────────────────────────

/** Adds a document to a file (encrypted at rest); `mandateId` when a helper adds it under a mandate. */
export async function addDocument(
  db: Db,
  filesKey: Buffer,
  actor: FileActor,
  userId: string,
  kind: string,
  file: CheckedFile,
  mandateId: string | null,
  requestId?: string,
): Promise<string> {
  return withPersonalData(
    db,
    {
      actor,
      action: 'create',
      subjectType: 'resident-file',
      subjectId: userId,
      reason: mandateId ? 'ajout d’un document au dossier sous mandat' : 'ajout d’un document à son dossier',
      requestId,
    },
    async (trx) => {
      await ensureFile(trx, userId);
      const fileId = await saveFile(trx, filesKey, file, {
        type: documentOwnerType,
        id: userId,
        createdBy: actor.id,
      });
      await insertDocument(trx, {
        fileId,
        userId,
        kind,
        givenBy: actor.id,
        givenByRole: actor.role,
        mandateId,
      });
      return fileId;
    },
  );
}

/** Reads one document of a file (decrypted); the reading is journaled with its reason. */
export async function readDocument(
  db: Db,
  filesKey: Buffer,
  actor: FileActor,
  userId: string,
  fileId: string,
  reason: string,
  requestId?: string,
): Promise<{ name: string; mediaType: string; content: Buffer }> {
  return withPersonalData(
    db,
    { actor, action: 'read', subjectType: 'resident-file', subjectId: userId, reason, requestId },
    async (trx) => {
      const document = (await documentsOf(trx, userId)).find((d) => d.fileId === fileId);
      const content = document
        ? await readStoredFile(trx, filesKey, { type: documentOwnerType, id: userId }, fileId)
        : undefined;
      if (!content) throw notFound('Ce document n’existe pas ou plus.');
      return content;
    },
  );
}

/** The resident deletes one of their documents. */
export async function removeDocument(
  db: Db,
  actor: FileActor,
  fileId: string,
  requestId?: string,
): Promise<void> {
  await withPersonalData(
    db,
    {
      actor,
      action: 'delete',
      subjectType: 'resident-file',
      subjectId: actor.id,
      reason: 'suppression d’un document de son dossier',
      requestId,
    },
    async (trx) => {
      if (!(await deleteDocument(trx, actor.id, fileId))) throw notFound('Ce document n’existe pas ou plus.');
    },
  );
}

// ── Questionnaires ───────────────────────────────────────────────────────────────────────────────────

/** The territory of the file's commune (the experiment's first when it is not known). */
export async function territoryOfFile(trx: Executor, facts: StoredFacts): Promise<string> {
  const commune = facts.commune?.v;
  return (typeof commune === 'string' && (await territoryOfCommune(trx, commune))) || firstTerritory(trx);
}

/**
 * The questions of a moment of life that the file answered: a page counts when the questionnaire would have asked
 * it without the file's answer to it (the other answers staying), and does not any more.
 */
export function questionsAvoided(
  event: LifeEvent,
  fromFile: Answers,
  merged: Answers,
  today: string,
): number {
  // The questionnaire starts before its date is known: the pages counted are those of an event happening today
  // (the months around it), the date the question itself proposes first.
  const dated: Answers = { ...merged, eventDate: merged.eventDate ?? today };
  let avoided = 0;
  for (const id of fileQuestionIds) {
    if (!pageAnswered(id, fromFile)) continue;
    const without: Record<string, unknown> = { ...dated };
    const keys = questions[id].inputs.length > 0 ? questions[id].inputs.map((i) => i.form.key) : [id];
    for (const key of keys) delete without[key];
    if (questionnaireFor(event, without as Answers, today).includes(id)) avoided++;
  }
  return avoided;
}

/**
 * The answers a resident's questionnaire starts from: their file's valid facts, under what this browser already
 * answered. Only at the start of a questionnaire (nothing of the household answered yet); the questions it spares
 * are counted for the moment of life (pilotage) and the reading is journaled. Null when the file has nothing to
 * give.
 */
export async function prefillQuestionnaire(
  db: Db,
  actor: FileActor,
  event: LifeEvent,
  current: Answers,
  today: string,
  requestId?: string,
): Promise<Answers | null> {
  if (actor.role !== 'resident' || Object.keys(householdOf(current)).length > 0) return null;
  const file = await findFile(db, actor.id);
  if (!file) return null;
  const fromFile = answersFromFacts(file.facts, today);
  if (Object.keys(fromFile).length === 0) return null;
  const merged: Answers = { ...fromFile, ...current };
  const avoided = questionsAvoided(event, fromFile, merged, today);
  await withPersonalData(
    db,
    {
      actor,
      action: 'read',
      subjectType: 'resident-file',
      subjectId: actor.id,
      reason: `reprise de son dossier pour le questionnaire « ${event.title} »`,
      requestId,
    },
    async (trx) => {
      await addReuse(trx, {
        territoryId: await territoryOfFile(trx, file.facts),
        lifeEvent: event.id,
        day: today,
        questions: avoided,
        documents: 0,
      });
    },
  );
  return merged;
}

/** What the answers of a questionnaire would change in the resident's file, and the file's version. */
export async function pendingChanges(
  db: Db,
  actor: FileActor,
  answers: Answers,
  today: string,
): Promise<{ changes: FactChange[]; version: number; facts: StoredFacts }> {
  const file = await findFile(db, actor.id);
  const facts = file?.facts ?? {};
  return { changes: changesFrom(facts, householdOf(answers), today), version: file?.version ?? 0, facts };
}

/**
 * The resident confirms in one page what a questionnaire changed: every new, changed or re-confirmed fact is saved
 * at once (nothing is removed); refused when the file changed since the page was shown.
 */
export async function confirmQuestionnaire(
  db: Db,
  actor: FileActor,
  event: LifeEvent,
  answers: Answers,
  baseVersion: number,
  today: string,
  now: Date,
  requestId?: string,
): Promise<SaveResult> {
  return db.transaction().execute(async (trx) => {
    const file = await findFile(trx, actor.id);
    const changes = changesFrom(file?.facts ?? {}, householdOf(answers), today);
    return saveFactsIn(trx, {
      userId: actor.id,
      author: { actor, via: 'resident' },
      changes: Object.fromEntries(changes.map((c) => [c.key, c.after])),
      baseVersion,
      reason: `mise à jour de son dossier après le questionnaire « ${event.title} »`,
      now,
      requestId,
    });
  });
}
