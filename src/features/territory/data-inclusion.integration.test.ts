// The offer exported as data·inclusion v1: every structure and service of the demo territory validates against the
// official JSON Schemas (v1.0.8, ../shared/data/data-inclusion), on PGlite and PostgreSQL.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildTestApp, databaseKinds, userIdByEmail, type TestApp } from '../../../test/helpers.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { createOrganisation } from './edit-organisations.ts';
import { createPlace } from './edit-places.ts';

const schemaDir = '../shared/data/data-inclusion';
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateStructure = ajv.compile(JSON.parse(fs.readFileSync(`${schemaDir}/structure.json`, 'utf8')));
const validateService = ajv.compile(JSON.parse(fs.readFileSync(`${schemaDir}/service.json`, 'utf8')));

for (const kind of databaseKinds) {
  describe(`data·inclusion export on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('publishes structures that validate against structure.json, under the Licence Ouverte', async () => {
      const response = await t.app.inject('/api/v1/territories/cahors/data-inclusion/structures');
      expect(response.statusCode).toBe(200);
      expect(response.headers.link).toContain('licence-ouverte');
      const structures = response.json<Record<string, unknown>[]>();
      expect(structures.length).toBeGreaterThanOrEqual(15);
      for (const structure of structures) {
        const valid = validateStructure(structure);
        expect(valid, JSON.stringify(validateStructure.errors)).toBe(true);
        expect(structure.id).toMatch(/^sans-couture--[a-z0-9-]+$/);
      }
      const catus = structures.find((s) => s.id === 'sans-couture--france-services-catus')!;
      // ANCT hours of Catus, as OSM opening_hours, closed on public holidays.
      expect(catus.horaires_accueil).toBe(
        'Mo-Tu 08:30-12:30,13:30-17:00; We 08:30-18:00; Th 13:30-18:00; Fr 08:30-12:30,13:30-17:00; PH off',
      );
      expect(catus.code_insee).toBe('46064');
      expect(catus.reseaux_porteurs).toEqual(['france-service']);
    });

    it('publishes services that validate against service.json, one per service and place', async () => {
      const response = await t.app.inject('/api/v1/territories/cahors/data-inclusion/services');
      expect(response.statusCode).toBe(200);
      const services = response.json<Record<string, unknown>[]>();
      expect(services.length).toBeGreaterThan(20);
      const structures = new Set(
        (await t.app.inject('/api/v1/territories/cahors/data-inclusion/structures'))
          .json<{ id: string }[]>()
          .map((s) => s.id),
      );
      for (const service of services) {
        const valid = validateService(service);
        expect(valid, JSON.stringify(validateService.errors)).toBe(true);
        expect(structures.has(String(service.structure_id))).toBe(true);
      }
      const caf = services.find((s) => s.id === 'sans-couture--caf-prestations:france-services-catus')!;
      expect(caf.modes_mobilisation).toEqual(['se-presenter', 'telephoner', 'utiliser-lien-mobilisation']);
      expect(caf.telephone).toBe('3230');
      expect(caf.zone_eligibilite).toContain('46042');
    });

    it('carries an organisation’s phone and e-mail to its places that have none, and still validates', async () => {
      const pilot: Actor = {
        id: await userIdByEmail(t.db, 'pilote@demo.localhost'),
        role: 'territoryPilot',
        organisationId: null,
        territoryIds: ['cahors'],
      };
      const organisation = await createOrganisation(t.db, pilot, 'cahors', {
        nom: 'Mission locale du Lot',
        type: 'etat',
        telephone: '05 65 53 26 70',
        courriel: 'contact@mission-locale.example.fr',
      });
      const organisationRow = await t.db
        .selectFrom('organisations')
        .select('id')
        .where('slug', '=', organisation)
        .executeTakeFirstOrThrow();
      const own = await createPlace(t.db, pilot, 'cahors', {
        nom: 'Mission locale, antenne de Catus',
        type: 'office',
        organisme: organisationRow.id,
        commune: '46064',
      });
      const withPhone = await createPlace(t.db, pilot, 'cahors', {
        nom: 'Mission locale, permanence de Cahors',
        type: 'office',
        organisme: organisationRow.id,
        commune: '46042',
        telephone: '05 65 00 00 01',
      });
      const structures = (await t.app.inject('/api/v1/territories/cahors/data-inclusion/structures')).json<
        Record<string, unknown>[]
      >();
      const byId = (slug: string) => structures.find((s) => s.id === `sans-couture--${slug}`)!;
      // The place without contacts: its organisation's; the place with its own phone keeps it.
      expect(byId(own)).toMatchObject({
        telephone: '05 65 53 26 70',
        courriel: 'contact@mission-locale.example.fr',
      });
      expect(byId(withPhone)).toMatchObject({
        telephone: '05 65 00 00 01',
        courriel: 'contact@mission-locale.example.fr',
      });
      for (const slug of [own, withPhone])
        expect(validateStructure(byId(slug)), JSON.stringify(validateStructure.errors)).toBe(true);
    });

    it('offers the same records as CSV, and a 404 problem for an unknown territory', async () => {
      const csv = await t.app.inject('/api/v1/territories/cahors/data-inclusion/structures.csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.body.trim().split('\r\n');
      expect(lines[0]!.startsWith('source,id,nom,date_maj')).toBe(true);
      const json = (await t.app.inject('/api/v1/territories/cahors/data-inclusion/structures')).json<
        unknown[]
      >();
      expect(lines.length).toBe(json.length + 1);
      const unknown = await t.app.inject('/api/v1/territories/nulle-part/data-inclusion/services');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.headers['content-type']).toContain('application/problem+json');
    });
  });
}
