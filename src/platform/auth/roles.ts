// The roles of Sans Couture and what each may do. Decisions are pure functions of (user, action, resource):
// no I/O, tested for every role in roles.test.ts.

export const roles = [
  'resident',
  'helper',
  'partnerAgent',
  'organisationManager',
  'territoryPilot',
  'nationalObserver',
  'admin',
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  resident: 'Usager',
  helper: 'Aidant (agent polyvalent)',
  partnerAgent: 'Agent partenaire',
  organisationManager: 'Responsable d’organisme',
  territoryPilot: 'Pilote du territoire',
  nationalObserver: 'Observateur national',
  admin: 'Administrateur',
};

/** The connected user as every decision sees it. */
export interface Actor {
  id: string;
  role: Role;
  organisationId: string | null;
  territoryIds: string[];
  /** The site (a place of the organisation: a France Services counter) the agent works at; none: the whole organisation. */
  siteId?: string | null;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** Roles that may invite users: administrators anywhere, organisation managers in their organisation. */
export function canInviteUser(actor: Actor, target: { role: Role; organisationId: string | null }): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'organisationManager') return false;
  return (
    actor.organisationId != null &&
    target.organisationId === actor.organisationId &&
    (target.role === 'partnerAgent' || target.role === 'helper' || target.role === 'organisationManager')
  );
}

/** Who may see the list of users of an organisation. */
export function canListUsers(actor: Actor, organisationId: string | null): boolean {
  if (actor.role === 'admin') return true;
  return (
    actor.role === 'organisationManager' && organisationId != null && actor.organisationId === organisationId
  );
}

/** Who may edit the territory's offer (places, hours). */
export function canEditTerritory(actor: Actor, territoryId: string): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'territoryPilot' && actor.territoryIds.includes(territoryId);
}

/** Who may see the pilotage indicators of a territory (aggregates only, never personal data). */
export function canSeeIndicators(actor: Actor, territoryId: string): boolean {
  if (actor.role === 'admin' || actor.role === 'nationalObserver') return true;
  return (
    (actor.role === 'territoryPilot' || actor.role === 'organisationManager') &&
    actor.territoryIds.includes(territoryId)
  );
}

/** Who may read the audit journal. */
export function canReadAuditJournal(actor: Actor): boolean {
  return actor.role === 'admin';
}
