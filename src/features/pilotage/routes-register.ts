// The pilot's pages of the experiment register. Thin: check the territory, check the form, call the use-case,
// redirect (or show the form again with its messages).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { requireRole } from '../../platform/auth/session.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { listTerritorySummaries } from '../territory/membership-store.ts';
import { canEditRegister } from './access.ts';
import {
  checkCalendar,
  checkCreation,
  checkUpdate,
  createInRegister,
  registerOf,
  registerSections,
  setCalendar,
  single,
  updatableSections,
  updateInRegister,
  type FormValues,
  type RegisterSection,
  type UpdatableSection,
} from './register.ts';
import { readHistory, type Register } from './register-store.ts';
import { CalendarPage, CreationPage, RegisterPage, UpdatePage } from './views/register-edit.tsx';

// Form bodies: every field a string (or repeated); names and values are checked by the use-cases.
export const FormBody = Type.Record(
  Type.String({ maxLength: 60 }),
  Type.Union([
    Type.String({ maxLength: 6000 }),
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 60 }),
  ]),
);
const TerritoryQuery = Type.Object(
  {
    territoire: Type.Optional(Type.String({ maxLength: 60 })),
    ok: Type.Optional(Type.String({ maxLength: 2 })),
  },
  { additionalProperties: false },
);
const SectionParams = Type.Object(
  { section: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
);
const EntryParams = Type.Object(
  { section: Type.String({ maxLength: 40 }), id: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
);

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function sectionOr404(section: string): RegisterSection {
  if (!(registerSections as string[]).includes(section))
    throw notFound('Cette rubrique du registre n’existe pas.');
  return section as RegisterSection;
}

function updatableOr404(section: string, id: string): UpdatableSection {
  if (!(updatableSections as string[]).includes(section) || !uuid.test(id))
    throw notFound('Cette entrée du registre n’existe pas.');
  return section as UpdatableSection;
}

/** Registers the register's pages for pilots (and administrators). */
export function registerRoutes(app: FastifyInstance): void {
  const guard = requireRole('territoryPilot', 'admin');

  /** The territories whose register the user edits, and the one asked for (their first by default). */
  async function territoryOf(request: FastifyRequest, requested: string | undefined) {
    const user = request.user!;
    const territories = (await listTerritorySummaries(app.db)).filter((t) => canEditRegister(user, t.id));
    if (territories.length === 0) throw forbidden('Aucun territoire ne vous est rattaché.');
    const territory = requested ? territories.find((t) => t.id === requested) : territories[0];
    if (!territory) throw forbidden('Vous ne tenez pas le registre de ce territoire.');
    return { territory, territories, register: await registerOf(app.db, territory) };
  }

  const done = (reply: FastifyReply, territoryId: string) =>
    reply.redirect(`/pilotage/registre?territoire=${encodeURIComponent(territoryId)}&ok=1`, 303);

  app.get<{ Querystring: Static<typeof TerritoryQuery> }>(
    '/pilotage/registre',
    { schema: { querystring: TerritoryQuery, hide: true }, preHandler: guard },
    async (request, reply) => {
      const { territory, territories, register } = await territoryOf(request, request.query.territoire);
      return reply.header('cache-control', 'no-store').page(
        h(RegisterPage, {
          ctx: request.viewContext(),
          territory,
          territories,
          register,
          history: await readHistory(app.db, territory.id),
          saved: request.query.ok === '1',
        }),
      );
    },
  );

  app.get<{ Querystring: Static<typeof TerritoryQuery> }>(
    '/pilotage/registre/calendrier',
    { schema: { querystring: TerritoryQuery, hide: true }, preHandler: guard },
    async (request, reply) => {
      const { territory, register } = await territoryOf(request, request.query.territoire);
      const e = register.experiment;
      return reply.page(
        h(CalendarPage, {
          ctx: request.viewContext(),
          territory,
          form: { titre: e.title, resume: e.summary, debut: e.startsOn ?? '' },
          errors: [],
        }),
      );
    },
  );

  app.post<{ Body: FormValues }>(
    '/pilotage/registre/calendrier',
    { schema: { body: FormBody, hide: true }, preHandler: guard },
    async (request, reply) => {
      const { territory, register } = await territoryOf(request, single(request.body, 'territoire'));
      const checked = checkCalendar(request.body, register);
      if ('errors' in checked)
        return reply.status(400).page(
          h(CalendarPage, {
            ctx: request.viewContext(),
            territory,
            form: request.body,
            errors: checked.errors,
          }),
        );
      await setCalendar(app.db, request.user!, territory.id, checked.input);
      return done(reply, territory.id);
    },
  );

  app.get<{ Params: Static<typeof SectionParams>; Querystring: Static<typeof TerritoryQuery> }>(
    '/pilotage/registre/:section/nouveau',
    { schema: { params: SectionParams, querystring: TerritoryQuery, hide: true }, preHandler: guard },
    async (request, reply) => {
      const section = sectionOr404(request.params.section);
      const { territory, register } = await territoryOf(request, request.query.territoire);
      return reply.page(
        h(CreationPage, { ctx: request.viewContext(), territory, section, register, form: {}, errors: [] }),
      );
    },
  );

  app.post<{ Params: Static<typeof SectionParams>; Body: FormValues }>(
    '/pilotage/registre/:section',
    { schema: { params: SectionParams, body: FormBody, hide: true }, preHandler: guard },
    async (request, reply) => {
      const section = sectionOr404(request.params.section);
      const { territory, register } = await territoryOf(request, single(request.body, 'territoire'));
      const checked = checkCreation(section, request.body, register);
      if ('errors' in checked)
        return reply.status(400).page(
          h(CreationPage, {
            ctx: request.viewContext(),
            territory,
            section,
            register,
            form: request.body,
            errors: checked.errors,
          }),
        );
      await createInRegister(app.db, request.user!, territory.id, section, checked.input);
      return done(reply, territory.id);
    },
  );

  app.get<{ Params: Static<typeof EntryParams>; Querystring: Static<typeof TerritoryQuery> }>(
    '/pilotage/registre/:section/:id',
    { schema: { params: EntryParams, querystring: TerritoryQuery, hide: true }, preHandler: guard },
    async (request, reply) => {
      const section = updatableOr404(request.params.section, request.params.id);
      const { territory, register } = await territoryOf(request, request.query.territoire);
      const form = currentValues(section, request.params.id, register);
      return reply.page(
        h(UpdatePage, {
          ctx: request.viewContext(),
          territory,
          section,
          id: request.params.id,
          register,
          form,
          errors: [],
        }),
      );
    },
  );

  app.post<{ Params: Static<typeof EntryParams>; Body: FormValues }>(
    '/pilotage/registre/:section/:id',
    { schema: { params: EntryParams, body: FormBody, hide: true }, preHandler: guard },
    async (request, reply) => {
      const section = updatableOr404(request.params.section, request.params.id);
      const { territory, register } = await territoryOf(request, single(request.body, 'territoire'));
      const checked = checkUpdate(section, request.params.id, request.body, register, app.clock.today());
      if ('errors' in checked)
        return reply.status(400).page(
          h(UpdatePage, {
            ctx: request.viewContext(),
            territory,
            section,
            id: request.params.id,
            register,
            form: request.body,
            errors: checked.errors,
          }),
        );
      await updateInRegister(app.db, request.user!, territory.id, section, request.params.id, checked.input);
      return done(reply, territory.id);
    },
  );
}

/** The form values of an entry as it is (to show its change form); 404 when it is not in the register. */
function currentValues(section: UpdatableSection, id: string, register: Register): FormValues {
  const missing = () => {
    throw notFound('Cette entrée du registre n’existe pas.');
  };
  if (section === 'jalons') {
    const m = register.milestones.find((x) => x.id === id) ?? missing();
    return { atteint: m.doneOn ? 'oui' : 'non', date_atteint: m.doneOn ?? '' };
  }
  if (section === 'solutions') {
    const s = register.solutions.find((x) => x.id === id) ?? missing();
    return { etape: s.stage, indicateurs: s.indicators };
  }
  if (section === 'derogations') {
    const d = register.derogations.find((x) => x.id === id) ?? missing();
    return { statut: d.status, arrete: d.decreeReference ?? '', date_decision: d.decidedOn ?? '' };
  }
  const f = register.fundings.find((x) => x.id === id) ?? missing();
  return {
    accorde: f.amountGranted === null ? '' : String(f.amountGranted).replace('.', ','),
    depense: f.amountSpent === null ? '' : String(f.amountSpent).replace('.', ','),
  };
}
