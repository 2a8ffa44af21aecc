// The motifs pages under the agenda: an organisation's manager (the territory's pilot and administrators too, for
// the organisations of their territories) lists, adds, changes, archives and deletes motifs. Thin handlers:
// validate, authorise (in the use-case), call one use-case, render.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { requireRole, type SessionUser } from '../../platform/auth/session.ts';
import type { FieldError } from '../../platform/errors.ts';
import { attempt } from './book-appointment.ts';
import {
  createMotif,
  editMotif,
  motifFormOf,
  motifOrganisation,
  motifToEdit,
  organisationMotifs,
  removeMotif,
  setMotifArchived,
  type MotifForm,
  type MotifOrganisation,
} from './edit-motifs.ts';
import { ChooseOrganisationPage, MotifPage, MotifsPage } from './views/motifs.tsx';

const uuid = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const slug = { maxLength: 80, pattern: '^[a-z0-9-]+$' };

const notices = {
  cree: 'Motif ajouté : proposez-le sur une plage d’ouverture pour ouvrir ses créneaux.',
  modifie: 'Motif enregistré.',
  archive: 'Motif archivé : il n’est plus proposé.',
  reactive: 'Motif réactivé : il est de nouveau proposé sur les plages qui le portaient.',
  supprime: 'Motif supprimé.',
} as const;

const ListQuery = Type.Object(
  {
    organisme: Type.Optional(Type.String(slug)),
    ok: Type.Optional(Type.Union(Object.keys(notices).map((k) => Type.Literal(k)))),
  },
  { additionalProperties: false },
);
const motifFields = {
  _csrf: Type.Optional(Type.String()),
  libelle: Type.Optional(Type.String({ maxLength: 500 })),
  duree: Type.Optional(Type.String({ maxLength: 20 })),
  modalite: Type.Optional(Type.String({ maxLength: 20 })),
  reservation: Type.Optional(Type.String({ maxLength: 20 })),
  delai_min: Type.Optional(Type.String({ maxLength: 20 })),
  delai_max: Type.Optional(Type.String({ maxLength: 20 })),
  consignes_avant: Type.Optional(Type.String({ maxLength: 4000 })),
  consignes_apres: Type.Optional(Type.String({ maxLength: 4000 })),
};
const NewMotifForm = Type.Object(
  { ...motifFields, organisme: Type.Optional(Type.String(slug)) },
  { additionalProperties: false },
);
const MotifEditForm = Type.Object(motifFields, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.String({ pattern: uuid }) }, { additionalProperties: false });
const CsrfOnly = Type.Object({ _csrf: Type.Optional(Type.String()) }, { additionalProperties: false });

/** A new motif's form starts with the common case: on site, open to the public, from 2 hours to 60 days. */
const newMotifDefaults: MotifForm = {
  modalite: 'on-site',
  reservation: 'public',
  delai_min: '2',
  delai_max: '60',
};

/** Registers the motifs pages. */
export function registerMotifPages(app: FastifyInstance) {
  const editors = requireRole('organisationManager', 'territoryPilot', 'admin');
  const user = (request: FastifyRequest): SessionUser => request.user!;
  const listUrl = (o: MotifOrganisation, ok: keyof typeof notices) =>
    `/agenda/motifs?${new URLSearchParams({ organisme: o.slug, ok })}`;

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    slugWanted: string | undefined,
    form: { values: MotifForm; errors: FieldError[]; status: number; notice?: string },
  ) {
    const { chosen, choices } = await motifOrganisation(app.db, user(request), slugWanted);
    const ctx = request.viewContext();
    if (!chosen) return reply.page(h(ChooseOrganisationPage, { ctx, organisations: choices }));
    return reply.status(form.status).page(
      h(MotifsPage, {
        ctx,
        organisation: chosen,
        canChoose: choices.length > 1,
        motifs: await organisationMotifs(app.db, chosen),
        values: form.values,
        errors: form.errors,
        ...(form.notice ? { notice: form.notice } : {}),
      }),
    );
  }

  async function motifPage(
    request: FastifyRequest,
    reply: FastifyReply,
    motifId: string,
    form?: { values: MotifForm; errors: FieldError[]; status: number },
  ) {
    const { motif, organisation, appointments } = await motifToEdit(app.db, user(request), motifId);
    return reply.status(form?.status ?? 200).page(
      h(MotifPage, {
        ctx: request.viewContext(),
        organisation,
        motif,
        appointments,
        values: form?.values ?? motifFormOf(motif),
        errors: form?.errors ?? [],
      }),
    );
  }

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/agenda/motifs',
    { schema: { querystring: ListQuery, hide: true }, preHandler: editors },
    async (request, reply) =>
      listPage(request, reply, request.query.organisme, {
        values: newMotifDefaults,
        errors: [],
        status: 200,
        ...(request.query.ok ? { notice: notices[request.query.ok as keyof typeof notices] } : {}),
      }),
  );

  app.post<{ Body: Static<typeof NewMotifForm> }>(
    '/agenda/motifs',
    { schema: { body: NewMotifForm, hide: true }, preHandler: editors },
    async (request, reply) => {
      const { organisme, _csrf, ...form } = request.body;
      const { chosen } = await motifOrganisation(app.db, user(request), organisme);
      if (!chosen) return reply.redirect('/agenda/motifs', 303);
      const result = await attempt(() => createMotif(app.db, user(request), chosen, form));
      if (result.ok) return reply.redirect(listUrl(chosen, 'cree'), 303);
      return listPage(request, reply, chosen.slug, {
        values: form,
        errors: result.error.fields,
        status: result.error.status,
      });
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/agenda/motifs/:id',
    { schema: { params: IdParams, hide: true }, preHandler: editors },
    async (request, reply) => motifPage(request, reply, request.params.id),
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof MotifEditForm> }>(
    '/agenda/motifs/:id',
    { schema: { params: IdParams, body: MotifEditForm, hide: true }, preHandler: editors },
    async (request, reply) => {
      const { _csrf, ...form } = request.body;
      const result = await attempt(() => editMotif(app.db, user(request), request.params.id, form));
      if (result.ok) return reply.redirect(listUrl(result.value.organisation, 'modifie'), 303);
      return motifPage(request, reply, request.params.id, {
        values: form,
        errors: result.error.fields,
        status: result.error.status,
      });
    },
  );

  for (const [action, archived, ok] of [
    ['archiver', true, 'archive'],
    ['reactiver', false, 'reactive'],
  ] as const)
    app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CsrfOnly> }>(
      `/agenda/motifs/:id/${action}`,
      { schema: { params: IdParams, body: CsrfOnly, hide: true }, preHandler: editors },
      async (request, reply) => {
        const { organisation } = await setMotifArchived(app.db, user(request), request.params.id, archived);
        return reply.redirect(listUrl(organisation, ok), 303);
      },
    );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CsrfOnly> }>(
    '/agenda/motifs/:id/supprimer',
    { schema: { params: IdParams, body: CsrfOnly, hide: true }, preHandler: editors },
    async (request, reply) => {
      const { organisation } = await removeMotif(app.db, user(request), request.params.id);
      return reply.redirect(listUrl(organisation, 'supprime'), 303);
    },
  );
}
