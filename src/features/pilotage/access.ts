// Who may see and do what in the pilotage. Pure decisions, tested for every role in access.test.ts.
import { canSeeIndicators, type Actor } from '../../platform/auth/roles.ts';

/** The roles that reach the indicator pages (each sees only the territories its decision allows). */
export const indicatorRoles = ['organisationManager', 'territoryPilot', 'nationalObserver', 'admin'] as const;

/** The territories whose indicators the actor may see, among all of them. */
export function visibleTerritories<T extends { id: string }>(actor: Actor, all: T[]): T[] {
  return all.filter((t) => canSeeIndicators(actor, t.id));
}

/** Whether the actor compares every territory (the national observer and administrators). */
export function comparesTerritories(actor: Actor): boolean {
  return actor.role === 'nationalObserver' || actor.role === 'admin';
}

/** Who edits a territory's experiment register: its pilots, and administrators. */
export function canEditRegister(actor: Actor, territoryId: string): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'territoryPilot' && actor.territoryIds.includes(territoryId);
}

/**
 * Who reads the free-text satisfaction comments of a territory (they may hold personal data, despite the advice
 * not to write any): its pilots and administrators, each read journaled; the national observer sees figures only.
 */
export function canReadComments(actor: Actor, territoryId: string): boolean {
  return canEditRegister(actor, territoryId);
}
