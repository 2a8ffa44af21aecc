// Who may do what on a case. Pure decisions over (actor, case membership): no I/O, tested for every role.
import type { Actor, Role } from '../../platform/auth/roles.ts';
import type { CaseStatus } from './tables.ts';

/** The facts about a case that decisions need. */
export interface CaseMembership {
  helperOrganisationId: string;
  participantOrganisationIds: string[];
  status: CaseStatus;
}

/** The roles that work on cases; pilots and observers only see aggregates (pilotage). */
export const caseRoles: Role[] = ['helper', 'partnerAgent', 'organisationManager', 'admin'];

/** How the actor stands towards a case: the helper's side, an invited organisation, metadata only, or nothing. */
export type CaseSide = 'helper' | 'partner' | 'metadata' | 'none';

/** The side of an actor on a case. */
export function sideOf(actor: Actor, membership: CaseMembership): CaseSide {
  if (actor.role === 'admin') return 'metadata';
  if (!caseRoles.includes(actor.role) || !actor.organisationId) return 'none';
  if (actor.organisationId === membership.helperOrganisationId) return 'helper';
  if (membership.participantOrganisationIds.includes(actor.organisationId)) return 'partner';
  return 'none';
}

/** Whether the actor may read the case with its personal data. */
export function canReadCase(actor: Actor, m: CaseMembership): boolean {
  const side = sideOf(actor, m);
  return side === 'helper' || side === 'partner';
}

/** Only helpers open cases. */
export function canOpenCase(actor: Actor): boolean {
  return actor.role === 'helper' && actor.organisationId != null;
}

/** Partner agents (and their managers) of an invited organisation take the case for their organisation. */
export function canTake(actor: Actor, m: CaseMembership): boolean {
  return sideOf(actor, m) === 'partner' && m.status !== 'closed';
}

export type WritableKind = 'answer' | 'question' | 'message' | 'internal';

/** Which kinds of message the actor may write: answers and questions from partners, messages from the helper's side. */
export function writableKinds(actor: Actor, m: CaseMembership): WritableKind[] {
  if (m.status === 'closed') return [];
  const side = sideOf(actor, m);
  if (side === 'partner') return ['answer', 'question', 'internal'];
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
