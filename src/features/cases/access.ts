// Who may do what on a case. Pure decisions over (actor, case membership): no I/O, tested for every role.
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors.ts';
import type { CaseStatus, ConsentStatus } from './tables.ts';

/** The facts about a case that decisions need. */
export interface CaseMembership {
  helperOrganisationId: string;
  /** The site of the helper's organisation where the case was opened (France Services), if any. */
  helperSiteId?: string | null;
  participantOrganisationIds: string[];
  status: CaseStatus;
  /** 'pending' while the resident has not confirmed an e-mail or SMS consent; given when missing. */
  consentStatus?: ConsentStatus;
}

/** The roles that work on cases; pilots and observers only see aggregates (pilotage). */
export const caseRoles: Role[] = ['helper', 'partnerAgent', 'organisationManager', 'admin'];

/** How the actor stands towards a case: the helper's side, an invited organisation, metadata only, or nothing. */
export type CaseSide = 'helper' | 'partner' | 'metadata' | 'none';

/**
 * The side of an actor on a case. An agent bound to a site (a France Services counter) is on the helper's side
 * of the cases opened at their site only: the other sites' cases are not theirs to see.
 */
export function sideOf(actor: Actor, membership: CaseMembership): CaseSide {
  if (actor.role === 'admin') return 'metadata';
  if (!caseRoles.includes(actor.role) || !actor.organisationId) return 'none';
  if (actor.organisationId === membership.helperOrganisationId) {
    const otherSite =
      actor.siteId != null && membership.helperSiteId != null && actor.siteId !== membership.helperSiteId;
    if (!otherSite) return 'helper';
  }
  if (membership.participantOrganisationIds.includes(actor.organisationId)) return 'partner';
  return 'none';
}

/** Whether the resident's consent lets the invited organisations in (confirmed, or a signed mandate). */
export function consentGiven(m: CaseMembership): boolean {
  return (m.consentStatus ?? 'given') === 'given';
}

/**
 * Whether an invited organisation waits for the resident: until the resident confirms an e-mail or SMS
 * consent, the partners may neither read nor write anything of the case.
 */
export function waitsForConsent(actor: Actor, m: CaseMembership): boolean {
  return sideOf(actor, m) === 'partner' && !consentGiven(m);
}

/** Whether the actor may read the case with its personal data. */
export function canReadCase(actor: Actor, m: CaseMembership): boolean {
  const side = sideOf(actor, m);
  return side === 'helper' || (side === 'partner' && consentGiven(m));
}

/** The refusal of an invited organisation before the resident's confirmation. */
export function consentPendingError(): AppError {
  return new AppError(
    'forbidden',
    'L’usager n’a pas encore confirmé son accord : ce dossier s’ouvrira à votre organisme dès sa confirmation.',
  );
}

/** Only helpers open cases. */
export function canOpenCase(actor: Actor): boolean {
  return actor.role === 'helper' && actor.organisationId != null;
}

/** Partner agents (and their managers) of an invited organisation take the case for their organisation. */
export function canTake(actor: Actor, m: CaseMembership): boolean {
  return sideOf(actor, m) === 'partner' && m.status !== 'closed';
}

export type WritableKind = 'answer' | 'question' | 'message' | 'internal' | 'not-concerned';

/**
 * Which kinds of message the actor may write: answers, questions and "pas le bon interlocuteur" from partners
 * (once the resident's consent is given), messages from the helper's side.
 */
export function writableKinds(actor: Actor, m: CaseMembership): WritableKind[] {
  if (m.status === 'closed') return [];
  const side = sideOf(actor, m);
  if (side === 'partner') return consentGiven(m) ? ['answer', 'question', 'not-concerned', 'internal'] : [];
  if (side === 'helper') return ['message', 'internal'];
  return [];
}

/** Anyone working on an open case may invite another organisation or agent. */
export function canInvite(actor: Actor, m: CaseMembership): boolean {
  return canReadCase(actor, m) && m.status !== 'closed';
}

/** The helper's side closes and reopens. */
export function canClose(actor: Actor, m: CaseMembership): boolean {
  return sideOf(actor, m) === 'helper' && m.status !== 'closed';
}

/** The helper's side reopens a closed case. */
export function canReopen(actor: Actor, m: CaseMembership): boolean {
  return sideOf(actor, m) === 'helper' && m.status === 'closed';
}

/**
 * The resident's rights of access and erasure on a case go through the organisation that opened it (the
 * resident's helper): it met the resident and recorded the consent. Open or closed, it does not matter.
 */
export function canActOnResidentRequest(actor: Actor, m: CaseMembership): boolean {
  return sideOf(actor, m) === 'helper';
}

/** Organisation managers export their organisation's cases (without personal data). */
export function canExport(actor: Actor): boolean {
  return actor.role === 'organisationManager' && actor.organisationId != null;
}

/** What an actor is about to do on a case they may read; `write` without a kind is "write anything". */
export type CaseAction =
  | { do: 'take' }
  | { do: 'write'; kind?: WritableKind }
  | { do: 'invite' }
  | { do: 'mark-done' }
  | { do: 'close' }
  | { do: 'reopen' }
  | { do: 'resident-request' }
  | { do: 'flag-standard' };

const refusals = {
  take: 'Seuls les agents d’un organisme invité prennent en charge la saisine.',
  write: 'Vous ne pouvez pas écrire sur ce dossier.',
  writeKind: 'Vous ne pouvez pas écrire ce type de message sur ce dossier.',
  invite: 'Vous ne pouvez pas inviter sur ce dossier.',
  'mark-done': 'Seul un organisme invité marque sa part comme terminée.',
  close: 'Seul l’organisme de l’aidant clôt la saisine.',
  reopen: 'Seul l’organisme de l’aidant rouvre un dossier clos.',
  'resident-request': 'Seul l’organisme qui a ouvert la saisine exporte ou efface les données de l’usager.',
  'flag-standard': 'Seuls les organismes du dossier le marquent comme procédure standard.',
} as const;

/** The error of an action on a closed case. */
export function closedCaseError(): AppError {
  return new AppError('conflict', 'Ce dossier est clos : rouvrez-le pour y écrire ou y agir.');
}

/**
 * Refuses an action the actor may not take, with the French message people read. The role is checked before
 * the state, so that someone who may not act learns nothing about the case's state; the caller has already
 * answered "not found" to a stranger to the case.
 */
export function guard(actor: Actor, m: CaseMembership, action: CaseAction): void {
  const side = sideOf(actor, m);
  const closed = m.status === 'closed';
  if (waitsForConsent(actor, m)) throw consentPendingError();
  switch (action.do) {
    case 'take':
      if (side !== 'partner') throw new AppError('forbidden', refusals.take);
      if (closed) throw closedCaseError();
      return;
    case 'write': {
      // The kinds the actor could write were the case open: a refusal of the role, whatever the state.
      const kinds = writableKinds(actor, { ...m, status: 'in_progress' });
      if (action.kind ? !kinds.includes(action.kind) : kinds.length === 0)
        throw new AppError('forbidden', action.kind ? refusals.writeKind : refusals.write);
      if (closed) throw closedCaseError();
      return;
    }
    case 'invite':
      if (!canReadCase(actor, m)) throw new AppError('forbidden', refusals.invite);
      if (closed) throw closedCaseError();
      return;
    case 'mark-done':
      if (side !== 'partner') throw new AppError('forbidden', refusals['mark-done']);
      if (closed) throw closedCaseError();
      return;
    case 'close':
      if (side !== 'helper') throw new AppError('forbidden', refusals.close);
      if (closed) throw closedCaseError();
      return;
    case 'reopen':
      if (side !== 'helper') throw new AppError('forbidden', refusals.reopen);
      if (!closed) throw new AppError('conflict', 'Ce dossier n’est pas clos : il n’y a rien à rouvrir.');
      return;
    case 'resident-request':
      if (!canActOnResidentRequest(actor, m)) throw new AppError('forbidden', refusals['resident-request']);
      return;
    case 'flag-standard':
      if (!canReadCase(actor, m)) throw new AppError('forbidden', refusals['flag-standard']);
      return;
  }
}
