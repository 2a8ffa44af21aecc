// The home pages (residents, and one per agent role) and the legal pages.
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { requireRole } from '../../platform/auth/session.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { AgentHomePage } from './views/agent-home.tsx';
import { HomePage } from './views/home.tsx';
import { AccessibilityPage, LegalNoticePage, PersonalDataPage } from './views/legal.tsx';

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

/** Registers the home and legal pages. */
export default async function homeRoutes(app: FastifyInstance) {
  const hide = { schema: { hide: true } };
  app.get('/', hide, async (request, reply) => reply.page(h(HomePage, { ctx: request.viewContext() })));
  app.get('/accessibilite', hide, async (request, reply) =>
    reply.page(h(AccessibilityPage, { ctx: request.viewContext() })),
  );
  app.get('/mentions-legales', hide, async (request, reply) =>
    reply.page(h(LegalNoticePage, { ctx: request.viewContext() })),
  );
  app.get('/donnees-personnelles', hide, async (request, reply) =>
    reply.page(h(PersonalDataPage, { ctx: request.viewContext() })),
  );
  for (const [role, url] of Object.entries(agentHomes) as [Exclude<Role, 'resident'>, string][]) {
    app.get(url, { ...hide, preHandler: requireRole(role) }, async (request, reply) =>
      reply.page(h(AgentHomePage, { ctx: request.viewContext(), role })),
    );
  }
}
