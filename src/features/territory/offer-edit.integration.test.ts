// Creating and changing the offer in pages, on PGlite and PostgreSQL: a CAF manager changes the CAF's service (the
// public place page shows it, it is checked today, journaled) and may hide it; wrong fields are refused in French,
// field by field, with the row unchanged; the pilot creates an organisation and a place (slugs from names, unique,
// stable); the manager of another organisation, a France Services agent and the pilot of another territory are
// refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors.ts';
import {
  buildTestApp,
  databaseKinds,
  formContext,
  sessionCookieFor,
  userIdByEmail,
  type TestApp,
} from '../../../test/helpers.ts';
import { organisationId } from '../../../test/factories.ts';
import { createService, editService, type ServiceForm } from './edit-services.ts';
import { createPlace, editPlace } from './edit-places.ts';
import { createOrganisation, editOrganisation } from './edit-organisations.ts';
import { serviceFormValues, type FormValues } from './views/offer-forms.tsx';
import { findServiceById } from './store.ts';

const today = '2026-12-06';

/** The fields a validation error names, or the error itself when it is another one. */
async function refusedFields(work: Promise<unknown>): Promise<string[]> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') return error.fields.map((f) => f.field);
    throw error;
  }
  throw new Error('accepted');
}

/** The code of the typed error a use-case throws. */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'accepted';
}

for (const kind of databaseKinds) {
  describe(`editing the offer in pages (${kind})`, () => {
    let t: TestApp;
    let manager: Actor;
    let pilot: Actor;
    let figeacPilot: Actor;
    let cafService: string;
    let mdphService: string;
    beforeAll(async () => {
      t = await buildTestApp({ kind, config: { fixedToday: today } });
      manager = {
        id: await userIdByEmail(t.db, 'responsable-caf@demo.localhost'),
        role: 'organisationManager',
        organisationId: await organisationId(t, 'caf-lot'),
        territoryIds: ['cahors'],
      };
      pilot = {
        id: await userIdByEmail(t.db, 'pilote@demo.localhost'),
        role: 'territoryPilot',
        organisationId: null,
        territoryIds: ['cahors'],
      };
      figeacPilot = {
        id: await userIdByEmail(t.db, 'pilote-figeac@demo.localhost'),
        role: 'territoryPilot',
        organisationId: null,
        territoryIds: ['figeac'],
      };
      const id = async (slug: string) =>
        (await t.db.selectFrom('services').select('id').where('slug', '=', slug).executeTakeFirstOrThrow())
          .id;
      cafService = await id('caf-prestations');
      mdphService = await id('mdph-compensation');
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    const serviceRow = (id: string) =>
      t.db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    /** The form of a stored service as its page fills it, with some fields changed. */
    const formOf = async (id: string, changes: FormValues): Promise<ServiceForm> => {
      const service = (await findServiceById(t.db, id))!;
      return { ...serviceFormValues(service), ...changes } as ServiceForm;
    };

    it('lets the CAF manager change its service: stored, checked today, journaled, shown on the place page', async () => {
      await t.db
        .updateTable('services')
        .set({ last_checked_on: '2026-03-01' })
        .where('id', '=', cafService)
        .execute();
      await editService(
        t.db,
        manager,
        cafService,
        await formOf(cafService, {
          description:
            'Allocations familiales, aide au logement, RSA : la Caf vous reçoit et répond à vos questions.',
          thematiques: [
            'famille--garde-denfants',
            'difficultes-financieres--ameliorer-sa-gestion-budgetaire',
          ],
          publics: ['familles'],
          frais: 'gratuit',
          modes: ['walk-in', 'appointment'],
          documents: 'Numéro d’allocataire\nPièce d’identité',
          zone: '46042 46064',
        }),
        today,
      );
      const row = await serviceRow(cafService);
      expect(row).toMatchObject({
        description:
          'Allocations familiales, aide au logement, RSA : la Caf vous reçoit et répond à vos questions.',
        themes: ['famille--garde-denfants', 'difficultes-financieres--ameliorer-sa-gestion-budgetaire'],
        publics: ['familles'],
        fees: 'gratuit',
        usage_modes: ['walk-in', 'appointment'],
        documents: ['Numéro d’allocataire', 'Pièce d’identité'],
        eligibility_zone: ['46042', '46064'],
        last_checked_on: today,
        published: true,
      });
      expect(row.edited_at).not.toBeNull();
      const journal = await t.db
        .selectFrom('audit_journal')
        .select(['action', 'actor_id', 'reason'])
        .where('subject_type', '=', 'service')
        .where('subject_id', '=', cafService)
        .execute();
      expect(journal).toContainEqual({
        action: 'update',
        actor_id: manager.id,
        reason: 'service caf-prestations modifié et vérifié',
      });
      const page = await t.app.inject('/lieux/france-services-catus');
      expect(page.body).toContain('la Caf vous reçoit et répond à vos questions');
      expect(page.body).toContain('Numéro d’allocataire');
    });

    it('refuses an empty name, an unknown INSEE code and a wrong e-mail, field by field, the row unchanged', async () => {
      const before = await serviceRow(cafService);
      const fields = await refusedFields(
        editService(
          t.db,
          manager,
          cafService,
          await formOf(cafService, { nom: '  ', zone: '46042 99999', courriel: 'caf.lot' }),
          today,
        ),
      );
      expect(fields.sort()).toEqual(['courriel', 'nom', 'zone']);
      expect(await serviceRow(cafService)).toEqual(before);
      // Through the page: a 400, the messages beside the fields and in the summary, the input kept.
      const cookie = await sessionCookieFor(t, 'responsable-caf@demo.localhost');
      const ctx = await formContext(t, `/offre/services/${cafService}`, cookie);
      const form = new URLSearchParams({
        _csrf: ctx.csrf,
        nom: 'Prestations',
        description: 'x',
        zone: '99999',
      });
      form.append('modes', 'walk-in');
      form.append('lieux', (await findServiceById(t.db, cafService))!.places[0]!.id);
      form.append('organisme', manager.organisationId!);
      const response = await t.app.inject({
        method: 'POST',
        url: `/offre/services/${cafService}`,
        headers: { cookie: ctx.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form.toString(),
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('id="zone-error"');
      expect(response.body).toContain('Ce code INSEE n’est pas celui d’une commune du territoire : 99999.');
      expect(response.body).toContain('href="#zone"');
      expect(await serviceRow(cafService)).toEqual(before);
    });

    it('keeps a manager to its organisation, and other territories’ pilots and agents out', async () => {
      expect(
        await refusal(editService(t.db, manager, mdphService, await formOf(mdphService, {}), today)),
      ).toBe('forbidden');
      // Giving its service to another organisation is not among the manager's choices.
      const mdph = await organisationId(t, 'mdph-lot');
      expect(
        await refusedFields(
          editService(t.db, manager, cafService, await formOf(cafService, { organisme: mdph }), today),
        ),
      ).toEqual(['organisme']);
      expect(
        await refusal(editService(t.db, figeacPilot, cafService, await formOf(cafService, {}), today)),
      ).toBe('forbidden');
      expect(await refusal(createPlace(t.db, figeacPilot, 'cahors', { nom: 'Ailleurs' }))).toBe('forbidden');
      expect(await refusal(createOrganisation(t.db, manager, 'cahors', { nom: 'X', type: 'caf' }))).toBe(
        'forbidden',
      );
      for (const [email, url] of [
        ['responsable-caf@demo.localhost', `/offre/services/${mdphService}`],
        ['aidant@demo.localhost', `/offre/services/${cafService}`],
        ['pilote-figeac@demo.localhost', `/offre/services/${cafService}`],
        ['pilote-figeac@demo.localhost', '/offre/lieux/mdph-lot'],
        ['pilote-figeac@demo.localhost', '/offre/lieux/nouveau?territoire=cahors'],
        ['pilote-figeac@demo.localhost', '/offre/organismes/caf-lot'],
        ['responsable-caf@demo.localhost', '/offre/organismes/caf-lot'],
      ] as const) {
        const cookie = await sessionCookieFor(t, email);
        const response = await t.app.inject({ url, headers: { cookie } });
        expect(response.statusCode, `${email} ${url}`).toBe(403);
      }
    });

    it('hides a service from the public without deleting it', async () => {
      await editService(t.db, manager, cafService, await formOf(cafService, { publie: '' }), today);
      const page = await t.app.inject('/lieux/france-services-catus');
      expect(page.body).not.toContain('data-service="caf-prestations"');
      const exported = await t.app.inject('/api/v1/territories/cahors/data-inclusion/services');
      expect(exported.body).not.toContain('caf-prestations');
      const cookie = await sessionCookieFor(t, 'responsable-caf@demo.localhost');
      const offer = await t.app.inject({ url: '/offre', headers: { cookie } });
      expect(offer.body).toContain('masqué au public');
      await editService(t.db, manager, cafService, await formOf(cafService, { publie: 'oui' }), today);
      expect((await t.app.inject('/lieux/france-services-catus')).body).toContain(
        'data-service="caf-prestations"',
      );
    });

    it('lets the pilot create an organisation, a place and a service; slugs unique and stable', async () => {
      const slug = await createOrganisation(t.db, pilot, 'cahors', {
        nom: 'Mission locale du Lot',
        type: 'etat',
        telephone: '05 65 00 00 00',
        courriel: 'contact@mission-locale.example',
      });
      expect(slug).toBe('mission-locale-du-lot');
      expect(
        await createOrganisation(t.db, pilot, 'cahors', { nom: 'Mission locale du Lot', type: 'etat' }),
      ).toBe('mission-locale-du-lot-2');
      await editOrganisation(t.db, pilot, slug, { nom: 'Mission locale du Lot (Cahors)', type: 'etat' });
      const organisation = await t.db
        .selectFrom('organisations')
        .select(['id', 'name', 'slug'])
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      expect(organisation.name).toBe('Mission locale du Lot (Cahors)');

      const countPlaces = async () =>
        Number(
          (
            await t.db
              .selectFrom('places')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await countPlaces();
      const bad = await refusedFields(
        createPlace(t.db, pilot, 'cahors', {
          nom: '',
          type: 'office',
          organisme: organisation.id,
          commune: '12202',
          latitude: '200',
          longitude: '1.44',
          horaires: 'Mo 09:00-25:00',
          courriel: 'pas une adresse',
        }),
      );
      expect(bad.sort()).toEqual(['commune', 'courriel', 'horaires', 'latitude', 'nom']);
      expect(await countPlaces()).toBe(before);

      const place = await createPlace(t.db, pilot, 'cahors', {
        nom: 'Mission locale — antenne de Cahors',
        type: 'office',
        organisme: organisation.id,
        adresse: '35 rue Wilson',
        code_postal: '46000',
        commune: '46042',
        telephone: '05 65 00 00 01',
        horaires: 'Mo-Fr 09:00-12:00',
      });
      expect(place).toBe('mission-locale-antenne-de-cahors');
      const row = await t.db
        .selectFrom('places')
        .selectAll()
        .where('slug', '=', place)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        latitude: null,
        longitude: null,
        commune_insee: '46042',
        territory_id: 'cahors',
      });
      await editPlace(t.db, pilot, place, {
        nom: 'Mission locale de Cahors',
        latitude: '44,4475',
        longitude: '1.4412',
      });
      const renamed = await t.db
        .selectFrom('places')
        .select(['slug', 'name', 'latitude'])
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      expect(renamed).toEqual({ slug: place, name: 'Mission locale de Cahors', latitude: 44.4475 });
      const publicPage = await t.app.inject(`/lieux/${place}`);
      expect(publicPage.statusCode).toBe(200);
      expect(publicPage.body).toContain('35 rue Wilson');
      expect(
        await t.db
          .selectFrom('audit_journal')
          .select(['subject_type', 'action'])
          .where('actor_id', '=', pilot.id)
          .where('subject_type', 'in', ['organisation', 'place'])
          .execute(),
      ).toEqual(
        expect.arrayContaining([
          { subject_type: 'organisation', action: 'create' },
          { subject_type: 'organisation', action: 'update' },
          { subject_type: 'place', action: 'create' },
          { subject_type: 'place', action: 'update' },
        ]),
      );

      const service = await createService(
        t.db,
        pilot,
        'cahors',
        {
          nom: 'Accompagnement des jeunes',
          description: 'Emploi, formation, logement : un conseiller suit les 16-25 ans.',
          organisme: organisation.id,
          publics: 'jeunes',
          modes: 'appointment',
          lieux: row.id,
          publie: 'oui',
        },
        today,
      );
      expect(await serviceRow(service)).toMatchObject({
        slug: 'accompagnement-des-jeunes',
        publics: ['jeunes'],
        last_checked_on: today,
      });
      expect((await t.app.inject(`/lieux/${place}`)).body).toContain('Accompagnement des jeunes');
    });

    it('gives organisations created with the same name at the same instant each its slug, no error', async () => {
      // On PostgreSQL both transactions run at once on two connections: without the slug lock both would pick
      // « point-conseil-budget » and one would fail on the unique constraint.
      const slugs = await Promise.all(
        [1, 2, 3].map(() =>
          createOrganisation(t.db, pilot, 'cahors', { nom: 'Point conseil budget', type: 'ccas' }),
        ),
      );
      expect(slugs.sort()).toEqual([
        'point-conseil-budget',
        'point-conseil-budget-2',
        'point-conseil-budget-3',
      ]);
    });

    it('lets a manager change the full details of its own places, not move them to another organisation', async () => {
      const caf = manager.organisationId!;
      const place = await createPlace(t.db, pilot, 'cahors', {
        nom: 'Accueil Caf de Cahors',
        type: 'office',
        organisme: caf,
        commune: '46042',
      });
      const mdph = await organisationId(t, 'mdph-lot');
      await editPlace(t.db, manager, place, {
        nom: 'Caf du Lot — accueil',
        adresse: '304 rue Victor Hugo',
        code_postal: '46000',
        organisme: mdph,
      });
      const row = await t.db
        .selectFrom('places')
        .select(['name', 'address_line', 'organisation_id'])
        .where('slug', '=', place)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        name: 'Caf du Lot — accueil',
        address_line: '304 rue Victor Hugo',
        organisation_id: caf,
      });
      expect(
        await refusedFields(editPlace(t.db, manager, place, { latitude: '200', longitude: '1' })),
      ).toEqual(['latitude']);
      expect(await refusal(editPlace(t.db, manager, 'mdph-lot', { nom: 'MDPH' }))).toBe('forbidden');
    });
  });
}
