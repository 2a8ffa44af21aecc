// Importing the offer: the ANCT list of France Services (the extract of 1 August 2024 in ../shared/data, written
// back as the CSV it came from) and data·inclusion structures. Preview with per-line French errors and the
// differences with what is stored; applying is all-or-nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anct, anctCsv } from '../../../test/anct-list.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers.ts';
import { applyImport, previewImport } from './import-offer.ts';

describe('importing the offer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { fixedToday: '2026-12-06' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const hoursOf = async (slug: string) =>
    (
      await t.db
        .selectFrom('places')
        .select('opening_hours')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow()
    ).opening_hours;

  it('previews the ANCT list: an error per bad line, and hours that disagree with ours', async () => {
    const preview = await previewImport(t.db, 'anct', anctCsv(anct.structures), 'cahors');
    // One structure of the Lot declares overlapping Thursday ranges: its line (header is line 1) is refused.
    expect(preview.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Ligne \d+ : Plages qui se chevauchent le jeudi/),
    ]);
    // 4 of the 24 sites are in the bassin de vie; the others are outside the territory.
    expect(preview.create).toHaveLength(0);
    expect(preview.unchanged + preview.update.length).toBe(4);
    const saintGery = preview.update.find((u) => u.place.slug === 'france-services-saint-gery-vers')!;
    // The list opens Saint-Géry-Vers every Saturday morning; our seed keeps the first Saturday only, in a note.
    expect(saintGery.differences[0]).toContain('Sa 09:00-12:00');
  });

  it('refuses to apply a file with an error and writes nothing; applies a clean one', async () => {
    const before = await hoursOf('france-services-saint-gery-vers');
    await expect(
      applyImport(t.db, null, 'anct', anctCsv(anct.structures), 'cahors', null),
    ).rejects.toMatchObject({
      code: 'validation',
    });
    expect(await hoursOf('france-services-saint-gery-vers')).toEqual(before);
    const clean = anct.structures.filter((s) => s.dansBassinDeVieCahorsBV2012);
    await applyImport(t.db, null, 'anct', anctCsv(clean), 'cahors', null);
    const after = await hoursOf('france-services-saint-gery-vers');
    expect(after).toContainEqual({ day: 6, opens: '09:00', closes: '12:00' });
    const journal = await t.db
      .selectFrom('audit_journal')
      .select('reason')
      .where('reason', 'like', 'import anct%')
      .execute();
    expect(journal).toHaveLength(1);
  });

  it('names a wrong column, an unknown INSEE code and hours like 25:00', async () => {
    const wrong = await previewImport(t.db, 'anct', 'identifiant;nom\n1;x', 'cahors');
    expect(wrong.errors[0]!.message).toMatch(/Colonnes manquantes.*id_fs/);
    const structure = { id: 'x--1', nom: 'Lieu test', source: 'x', date_maj: '2026-01-01' };
    const bad = await previewImport(
      t.db,
      'data-inclusion',
      JSON.stringify([
        { ...structure, code_insee: '99999' },
        { ...structure, code_insee: '46042', horaires_accueil: 'Mo 25:00-26:00' },
      ]),
      'cahors',
    );
    expect(bad.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('code_insee inconnu « 99999 »'),
      expect.stringContaining('horaires_accueil'),
    ]);
  });

  it('reads back its own data·inclusion export as unchanged', async () => {
    const exported = await t.app.inject('/api/v1/territories/cahors/data-inclusion/structures');
    const preview = await previewImport(t.db, 'data-inclusion', exported.body, 'cahors');
    expect(preview.errors).toEqual([]);
    expect(preview.create).toHaveLength(0);
    expect(preview.update).toEqual([]);
  });
});
