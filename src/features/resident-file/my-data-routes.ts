// The resident's "Mes données" pages: the list of what the platform holds about them, its download as JSON,
// and the erasure of the account (a confirmation page, then the erasure itself). Residents only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { requireRole } from '../../platform/auth/session.ts';
import { eraseResidentAccount, exportResidentData, residentOverview, type ResidentActor } from './my-data.ts';
import { AccountErasedPage, AccountErasurePage, MyDataPage } from './views/my-data.tsx';

const CsrfOnly = Type.Object({ _csrf: Type.String() }, { additionalProperties: false });
const EraseBody = Type.Object(
  { _csrf: Type.String(), confirmation: Type.Optional(Type.String({ maxLength: 10 })) },
  { additionalProperties: false },
);

function actorOf(request: FastifyRequest): ResidentActor {
  return { id: request.user!.id, role: request.user!.role };
}

/** Registers the resident's data pages. */
export default async function residentDataRoutes(app: FastifyInstance) {
  const residents = requireRole('resident');

  app.get(
    '/compte/mes-donnees',
    { schema: { hide: true }, preHandler: residents },
    async (request, reply) => {
      const data = await residentOverview(app.db, actorOf(request), request.user!.sessionHash, request.id);
      return reply
        .header('cache-control', 'no-store')
        .page(h(MyDataPage, { ctx: request.viewContext(), data }));
    },
  );

  app.post<{ Body: Static<typeof CsrfOnly> }>(
    '/compte/mes-donnees/export',
    { schema: { hide: true, body: CsrfOnly }, preHandler: residents },
    async (request, reply) => {
      const data = await exportResidentData(app.db, actorOf(request), request.id);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="mes-donnees-sans-couture.json"')
        .header('cache-control', 'private, no-store')
        .send(JSON.stringify(data, null, 2));
    },
  );

  app.get(
    '/compte/mes-donnees/effacement',
    { schema: { hide: true }, preHandler: residents },
    async (request, reply) =>
      reply.header('cache-control', 'no-store').page(h(AccountErasurePage, { ctx: request.viewContext() })),
  );

  app.post<{ Body: Static<typeof EraseBody> }>(
    '/compte/mes-donnees/effacement',
    { schema: { hide: true, body: EraseBody }, preHandler: residents },
    async (request, reply) => {
      if (request.body.confirmation !== 'oui') {
        return reply.status(400).page(
          h(AccountErasurePage, {
            ctx: request.viewContext(),
            error: 'Cochez la case pour confirmer la suppression de votre compte.',
          }),
        );
      }
      await eraseResidentAccount(app.db, actorOf(request), request.id);
      // The session row went with the account: clear the cookie, then show the result on a page of its own
      // (reloading it asks nothing again).
      await reply.endSession();
      return reply.redirect('/compte/supprime', 303);
    },
  );

  // Says what happened after an erasure; holds nothing about anyone (the account is gone).
  app.get('/compte/supprime', { schema: { hide: true } }, async (request, reply) =>
    reply.header('cache-control', 'no-store').page(h(AccountErasedPage, { ctx: request.viewContext() })),
  );
}
