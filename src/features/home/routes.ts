// The home pages (residents, and one per agent role) and the legal pages.
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { requireRole } from '../../platform/auth/session.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { agentHomes } from './landing.ts';
import { AgentHomePage } from './views/agent-home.tsx';
import { HomePage } from './views/home.tsx';
import { AccessibilityPage, LegalNoticePage, PersonalDataPage } from './views/legal.tsx';

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
