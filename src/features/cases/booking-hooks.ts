// The door of cases for appointments: an agent working on a shared case books an appointment for its resident.
// The case says who the resident is (only to those who may read it, and only while the resident's consent
// lasts), and the booking is written on the case's thread in the booking's own transaction. The rules are the
// case's own (access.ts); the appointments feature never reads the cases tables.
import type { Db, Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { journal, withPersonalData } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { allowRead } from './case-actions.ts';
import { findMembership, insertEvent, loadCaseDetail, touchCase, caseReference } from './store.ts';

/** The case an agent books for: its reference, and the resident's contact when the agent may reuse it. */
export interface CaseForBooking {
  caseId: string;
  reference: string;
  /** Null when the data is erased or the resident's consent has expired: the agent types what the person says. */
  resident: { firstName: string; lastName: string; email: string; phone: string } | null;
}

const closedMessage = 'Ce dossier est clos : rouvrez-le pour y prendre un rendez-vous.';

/** The refusal of a booking on a closed case, on the form's `dossier` field. */
function closedCase(): AppError {
  return new AppError('conflict', closedMessage, [{ field: 'dossier', message: closedMessage }]);
}

/**
 * The case an agent books from, checked: "not found" to a stranger to the case, refused to an invited
 * organisation before the resident's confirmation, 409 on a closed case. Reads no personal data.
 */
export async function caseToBookFrom(db: Db, actor: Actor, caseId: string): Promise<{ reference: string }> {
  const membership = allowRead(actor, await findMembership(db, caseId));
  if (membership.status === 'closed') throw closedCase();
  return { reference: caseReference(membership.id) };
}

/**
 * The resident's name and contact to prefill the booking form, journaled as a read of the case. Left out when
 * the case's data is erased or the consent recorded on it has expired (before `today`).
 */
export async function residentForBooking(
  db: Db,
  actor: Actor,
  caseId: string,
  today: string,
  requestId?: string,
): Promise<CaseForBooking> {
  const { reference } = await caseToBookFrom(db, actor, caseId);
  return withPersonalData(
    db,
    {
      actor,
      action: 'read',
      subjectType: 'case',
      subjectId: caseId,
      reason: 'coordonnées de l’usager pour prendre un rendez-vous',
      ...(requestId ? { requestId } : {}),
    },
    async (trx) => {
      const detail = await loadCaseDetail(trx, caseId, actor);
      const usable =
        detail != null &&
        detail.erasedAt == null &&
        (detail.consent == null || detail.consent.expiresOn >= today);
      const r = detail?.resident;
      return {
        caseId,
        reference,
        resident:
          usable && r
            ? {
                firstName: r.firstName ?? '',
                lastName: r.lastName ?? '',
                email: r.email ?? '',
                phone: r.phone ?? '',
              }
            : null,
      };
    },
  );
}

/**
 * Writes "a pris rendez-vous pour l'usager le …" on the case's thread, inside the booking's transaction: the
 * case row is locked and the rights checked again, so that a case closed meanwhile refuses the booking whole.
 */
export async function noteAppointmentOnCase(
  trx: Executor,
  actor: Actor,
  caseId: string,
  what: string,
  now: Date,
  requestId?: string,
): Promise<void> {
  const membership = allowRead(actor, await findMembership(trx, caseId, true));
  if (membership.status === 'closed') throw closedCase();
  await insertEvent(trx, caseId, actor, `a pris rendez-vous pour l’usager ${what}.`, now);
  await touchCase(trx, caseId, now, { last_message_at: now });
  await journal(trx, {
    actor,
    action: 'update',
    subjectType: 'case',
    subjectId: caseId,
    reason: 'rendez-vous pris pour l’usager',
    ...(requestId ? { requestId } : {}),
  });
}
