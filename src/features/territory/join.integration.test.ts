// A territory joins by configuration, on a real database: a bassin de vie of the INSEE zoning table (the Lot's,
// from ../shared/data), an EPCI, a list of communes; its membership kept by geography year; and every bad input
// refused with a French message, nothing written.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildTestApp, databaseKinds, type TestApp } from '../../../test/helpers.ts';
import { AppError } from '../../platform/errors.ts';
import { addTerritory, resolveCommunes } from './join.ts';
import { membershipForYear } from './membership-store.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const zoningFile = path.resolve(root, '../shared/data/territoire/tagc2022-communes-46.csv');
const zoning = fs.readFileSync(zoningFile, 'utf8');

/** The French message of a refused addition. */
async function refusal(
  work: Promise<unknown>,
): Promise<{ code: string; message: string; field: string | undefined }> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError)
      return { code: error.code, message: error.detail ?? error.message, field: error.fields[0]?.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('resolving communes', () => {
  it('reads the INSEE table with its title lines, and counts a merged commune as the commune it merged into', () => {
    // The table of 2022 lists Pern (46217), merged into Pern-Lhospitalet (46172) since.
    const table = [
      'Table d’appartenance géographique des communes au 1er janvier 2022',
      'Source : Insee, code officiel géographique 2022',
      '',
      'CODGEO;LIBGEO;BV2012',
      '46217;Pern;99001',
      '46172;Lhospitalet;99001',
      '46042;Cahors;46042',
    ].join('\r\n');
    const resolved = resolveCommunes({
      kind: 'bassin-de-vie',
      code: '99001',
      zoningCsv: table,
      zoningSource: 'test',
    });
    expect(resolved.codes).toEqual(['46172']);
    expect(resolved.zoning).toBe('BV2012');
  });

  it('finds the 48 Lot communes of the bassin de vie of Figeac in the table of 2022, as the seed lists them', () => {
    const resolved = resolveCommunes({
      kind: 'bassin-de-vie',
      code: '46102',
      zoningCsv: zoning,
      zoningSource: 'tagc',
    });
    const seed = JSON.parse(fs.readFileSync(path.join(root, 'seeds/territories/figeac.json'), 'utf8')) as {
      communes: string[];
    };
    expect(resolved.codes).toEqual([...seed.communes].sort());
    expect(resolved.codes).toHaveLength(48);
  });

  it('refuses a table without CODGEO, without a bassin de vie column, or with a broken line', () => {
    expect(() =>
      resolveCommunes({
        kind: 'bassin-de-vie',
        code: '46102',
        zoningCsv: 'code;nom\n46102;Figeac',
        zoningSource: 'x',
      }),
    ).toThrow(/colonne CODGEO/);
    expect(() =>
      resolveCommunes({
        kind: 'bassin-de-vie',
        code: '46102',
        zoningCsv: 'CODGEO;EPCI\n46102;200067361',
        zoningSource: 'x',
      }),
    ).toThrow(/pas de colonne de bassin de vie/);
    expect(() =>
      resolveCommunes({
        kind: 'bassin-de-vie',
        code: '46102',
        zoningCsv: 'CODGEO;BV2012\nFigeac;46102',
        zoningSource: 'x',
      }),
    ).toThrow(/Ligne 2 du fichier de zonage illisible/);
    expect(() =>
      resolveCommunes({
        kind: 'bassin-de-vie',
        code: '46102',
        zoningCsv: 'CODGEO;BV2012;BV2022\n46102;46102;46102',
        zoningSource: 'x',
      }),
    ).toThrow(/plusieurs colonnes/);
    const table = (zoningCsv: string) => () =>
      resolveCommunes({ kind: 'bassin-de-vie', code: '46102', zoningCsv, zoningSource: 'x' });
    expect(table('\n\n')).toThrow(/^Le fichier de zonage est vide\./);
    // A workbook not saved as CSV: its bytes are not echoed to the terminal.
    const binary = table('PK\u0003\u0004\u0014\u0000\u0006\u0000\b\u0000xl/workbook.xml');
    expect(binary).toThrow(/n’est pas un fichier texte CSV/);
    expect(binary).not.toThrow(/workbook/);
  });
});

for (const kind of databaseKinds) {
  describe(`a territory joins on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    const territories = async () =>
      Number(
        (
          await t.db
            .selectFrom('territories')
            .select(sql<number>`count(*)`.as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('adds a bassin de vie from the zoning table, with its membership for the geography year', async () => {
      // Bassin de vie 46128 (Gramat) in the INSEE table of 2022: 30 communes of the Lot.
      const added = await addTerritory(t.db, {
        id: 'gramat',
        name: 'Bassin de vie de Gramat',
        definition: { kind: 'bassin-de-vie', code: '46128', zoningCsv: zoning, zoningSource: 'tagc2022' },
      });
      expect(added).toEqual({ id: 'gramat', communes: 30, geographyYear: 2026 });
      const communes = await t.db
        .selectFrom('territory_communes')
        .select('insee_code')
        .where('territory_id', '=', 'gramat')
        .execute();
      expect(communes).toHaveLength(30);
      const geography = await t.db
        .selectFrom('territory_geographies')
        .selectAll()
        .where('territory_id', '=', 'gramat')
        .executeTakeFirstOrThrow();
      expect(geography).toMatchObject({ geography_year: 2026, method: 'bassin-de-vie', code: '46128' });
      expect(geography.source).toContain('BV2012');
      expect((await membershipForYear(t.db, 2026)).get(communes[0]!.insee_code)).toBe('gramat');
      const api = await t.app.inject({ url: '/api/v1/territories' });
      expect((api.json() as { territories: { id: string; communes: number }[] }).territories).toContainEqual(
        expect.objectContaining({ id: 'gramat', communes: 30, zoning: 'BV2012' }),
      );
    });

    it('adds an EPCI and a list of communes', async () => {
      // CC de la Vallée du Lot et du Vignoble, SIREN 244600433: 27 communes (@etalab/decoupage-administratif 6.0.0).
      expect(
        await addTerritory(t.db, {
          id: 'vallee-du-lot',
          name: 'Vallée du Lot et du Vignoble',
          definition: { kind: 'epci', siren: '244600433' },
        }),
      ).toMatchObject({ communes: 27 });
      expect(
        await addTerritory(t.db, {
          id: 'labastide',
          name: 'Deux communes du Lot',
          definition: { kind: 'communes', codes: ['46033', ' 46033', '46135'] },
        }),
      ).toMatchObject({ communes: 2 });
    });

    it('refuses every bad input with a French message and writes nothing', async () => {
      const before = await territories();
      const cases: [() => Promise<unknown>, RegExp, string][] = [
        [
          () =>
            addTerritory(t.db, {
              id: 'cahors',
              name: 'Encore Cahors',
              definition: { kind: 'communes', codes: ['46040'] },
            }),
          /« cahors » est déjà pris/,
          'id',
        ],
        [
          () =>
            addTerritory(t.db, {
              id: 'Figeac 2',
              name: 'Figeac',
              definition: { kind: 'communes', codes: ['46102'] },
            }),
          /minuscules/,
          'id',
        ],
        [
          () =>
            addTerritory(t.db, {
              id: 'x1',
              name: 'Inconnue',
              definition: { kind: 'communes', codes: ['46042', '99999'] },
            }),
          /Code INSEE inconnu.*99999/,
          'communes',
        ],
        [
          () =>
            addTerritory(t.db, {
              id: 'x2',
              name: 'Sans EPCI',
              definition: { kind: 'epci', siren: '123456789' },
            }),
          /Aucun EPCI n’a le SIREN 123456789/,
          'epci',
        ],
        [
          () =>
            addTerritory(t.db, {
              id: 'x3',
              name: 'Sans bassin',
              definition: { kind: 'bassin-de-vie', code: '99999', zoningCsv: zoning, zoningSource: 'tagc' },
            }),
          /Le bassin de vie 99999 n’est pas dans la table/,
          'bassin-de-vie',
        ],
        [
          () =>
            addTerritory(t.db, {
              id: 'x4',
              name: 'Mauvaise table',
              definition: {
                kind: 'bassin-de-vie',
                code: '46102',
                zoningCsv: 'commune,bassin\n46102,46102',
                zoningSource: 'x',
              },
            }),
          /colonne CODGEO/,
          'zoning-file',
        ],
        [
          // Figeac's communes are Figeac's: a commune belongs to one territory in a year.
          () =>
            addTerritory(t.db, {
              id: 'x5',
              name: 'Chevauchement',
              definition: { kind: 'communes', codes: ['46001', '46102'] },
            }),
          /appartiennent déjà à un autre territoire en 2026 : 46001 \(vallee-du-lot\), 46102 \(figeac\)/,
          'communes',
        ],
      ];
      for (const [work, message, field] of cases) {
        const r = await refusal(work());
        expect(r.message).toMatch(message);
        expect(r.field).toBe(field);
      }
      expect(await territories()).toBe(before);
      // Nothing half-written: no commune of the refused overlap was attached.
      const attached = await t.db
        .selectFrom('territory_communes')
        .select('territory_id')
        .where('insee_code', '=', '46001')
        .execute();
      expect(attached.map((r) => r.territory_id)).toEqual(['vallee-du-lot']);
    });
  });
}

describe('npx sans-couture territory add', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-territory-cli-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/sans-couture.js', 'territory', 'add', ...args], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 240_000,
    });

  it(
    'adds the bassin de vie of Prayssac from the INSEE table, then refuses the same id and a wrong file',
    { timeout: 300_000 },
    () => {
      const ok = run(
        '--id',
        'prayssac',
        '--name',
        'Bassin de vie de Prayssac',
        '--bassin-de-vie',
        '46225',
        '--zoning-file',
        zoningFile,
      );
      expect(ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      expect(ok.stdout).toBe('Territoire prayssac ajouté : 24 communes (géographie 2026).\n');
      const again = run('--id', 'prayssac', '--name', 'Prayssac', '--communes', '46001');
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('L’identifiant de territoire « prayssac » est déjà pris.');
      const wrongFile = run(
        '--id',
        'autre',
        '--name',
        'Autre',
        '--bassin-de-vie',
        '46225',
        '--zoning-file',
        path.join(root, 'package.json'),
      );
      expect(wrongFile.status).toBe(1);
      expect(wrongFile.stderr).toContain('colonne CODGEO');
      const two = run('--id', 'autre', '--name', 'Autre', '--epci', '244600433', '--communes', '46001');
      expect(two.status).toBe(1);
      expect(two.stderr).toContain('exactement une des options');
      // Commander's own refusals are said in French too.
      const noId = run('--name', 'Autre', '--communes', '46001');
      expect(noId.status).toBe(1);
      expect(noId.stderr).toContain('sans-couture : l’option --id <id> est obligatoire');
      const unknown = run('--id', 'autre', '--name', 'Autre', '--communes', '46001', '--commune', '46002');
      expect(unknown.stderr).toContain('sans-couture : option inconnue : --commune');
    },
  );
});
