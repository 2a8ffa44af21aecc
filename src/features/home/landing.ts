// Where each role lands: home's own URLs, read by accounts after a login (a seam, see docs/architecture.md).
import type { Role } from '../../platform/auth/roles.ts';

/** The home URL of each agent role. */
export const agentHomes: Record<Exclude<Role, 'resident'>, string> = {
  helper: '/espace/aidant',
  partnerAgent: '/espace/partenaire',
  organisationManager: '/espace/organisme',
  territoryPilot: '/espace/pilotage',
  nationalObserver: '/espace/observatoire',
  admin: '/espace/admin',
};

/** Where a user lands after login. */
export function homeFor(role: Role): string {
  return role === 'resident' ? '/' : agentHomes[role];
}
