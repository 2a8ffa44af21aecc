// The audit journal: every read or write of personal data goes through `withPersonalData`, which records
// who, what, when and why in the same transaction as the work itself. The table is append-only (a database
// trigger refuses UPDATE, DELETE and TRUNCATE).
import type { Transaction } from 'kysely';
import type { Db, Executor } from './db/database.ts';
import type { Database } from './db/schema.ts';
import type { Role } from './auth/roles.ts';

export type AuditAction = 'read' | 'create' | 'update' | 'delete' | 'export' | 'login' | 'logout' | 'share';

export interface AuditEntry {
  actor: { id: string; role: Role } | null;
  action: AuditAction;
  /** What kind of personal data: 'case', 'attachment', 'user', 'plan', 'consent'… */
  subjectType: string;
  subjectId: string | null;
  /** Why: the purpose, in a few words ("consultation du dossier", "réponse à la saisine"). */
  reason: string;
  requestId?: string;
}

/** Appends one entry to the journal. Prefer `withPersonalData`, which ties it to the work. */
export async function journal(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_journal')
    .values({
      actor_id: entry.actor?.id ?? null,
      actor_role: entry.actor?.role ?? null,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      reason: entry.reason,
      request_id: entry.requestId ?? null,
    })
    .execute();
}

/**
 * Runs `work` in a transaction and journals the access in it: either both happen or neither.
 * When `work` returns the subject id (for a creation), pass `subjectId: null` and it is filled in.
 */
export async function withPersonalData<T>(
  db: Db,
  entry: AuditEntry,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const result = await work(trx);
    const subjectId =
      entry.subjectId ??
      (typeof result === 'object' && result !== null && 'id' in result
        ? String((result as { id: unknown }).id)
        : null);
    await journal(trx, { ...entry, subjectId });
    return result;
  });
}
