// The import page (/offre/import) on both databases: the pilot sends the ANCT list (the extract of 1 August 2024 in
// ../shared/data, written back as the CSV it came from), sees the hours that disagree with ours and nothing is
// written; the confirmation (the file's text sent back by the page) applies it, journaled with the pilot. A wrong
// column, hours like 25:00, an empty, non-UTF-8 or oversized file: a French message, 400, nothing stored. A
// manager is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anctColumns as columns, anctCsv, inCahors as inTerritory } from '../../../test/anct-list.ts';
import {
  buildTestApp,
  databaseKinds,
  formContext,
  multipartBody,
  sessionCookieFor,
  type TestApp,
} from '../../../test/helpers.ts';

/** An attribute value as the browser reads it back from the page. */
const unescapeAttribute = (v: string) =>
  v
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe.each(databaseKinds)('the import page (%s)', (kind) => {
  let t: TestApp;
  let pilot: string;
  beforeAll(async () => {
    t = await buildTestApp({ kind, config: { fixedToday: '2026-12-06' } });
    pilot = await sessionCookieFor(t, 'pilote@demo.localhost');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Posts the import form as the page does: the fields, and a file when given. */
  async function send(
    fields: Record<string, string>,
    file: { content: Buffer | string; filename?: string } | null,
    cookie = pilot,
    withCsrf = true,
  ) {
    const form = await formContext(t, '/offre/import', cookie);
    const body = multipartBody(
      [...(withCsrf ? ([['_csrf', form.csrf]] as [string, string][]) : []), ...Object.entries(fields)],
      file
        ? [
            {
              field: 'fichier',
              filename: file.filename ?? 'liste.csv',
              type: 'text/csv',
              content: Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8'),
            },
          ]
        : [],
    );
    return t.app.inject({
      method: 'POST',
      url: '/offre/import',
      headers: { ...body.headers, cookie: form.cookie },
      payload: body.payload,
    });
  }

  const stored = async () =>
    (
      await t.db
        .selectFrom('places')
        .select(['slug', 'opening_hours', 'updated_at'])
        .where('territory_id', '=', 'cahors')
        .orderBy('slug')
        .execute()
    ).map((p) => JSON.stringify(p));
  const importJournal = () =>
    t.db
      .selectFrom('audit_journal')
      .select(['actor_id', 'actor_role', 'reason', 'subject_id'])
      .where('reason', 'like', 'import %')
      .execute();

  it('shows the form to the pilot, with the link from the offer page', async () => {
    const page = await t.app.inject({ url: '/offre/import', headers: { cookie: pilot } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('Voir l’aperçu (rien n’est enregistré)');
    expect(page.body).toContain('Liste ANCT des France services (CSV)');
    // The pilot keeps one territory: no select, a hidden field.
    expect(page.body).toContain('<input type="hidden" name="territoire" value="cahors"/>');
    const offer = await t.app.inject({ url: '/offre', headers: { cookie: pilot } });
    expect(offer.body).toContain('href="/offre/import"');
  });

  it('refuses a manager and a form without its CSRF token', async () => {
    const manager = await sessionCookieFor(t, 'responsable-caf@demo.localhost');
    expect((await t.app.inject({ url: '/offre/import', headers: { cookie: manager } })).statusCode).toBe(403);
    const offer = await t.app.inject({ url: '/offre', headers: { cookie: manager } });
    expect(offer.body).not.toContain('href="/offre/import"');
    const before = await stored();
    const posted = await send({ format: 'anct' }, { content: anctCsv(inTerritory) }, manager);
    expect(posted.statusCode).toBe(403);
    const noToken = await send({ format: 'anct' }, { content: anctCsv(inTerritory) }, pilot, false);
    expect(noToken.statusCode).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it('refuses a wrong column and hours like 25:00, naming the line, and stores nothing', async () => {
    const before = await stored();
    const wrongColumn = await send(
      { format: 'anct' },
      {
        content: anctCsv(
          inTerritory,
          columns.map((c) => (c === 'h_lundi' ? 'lundi' : c)),
        ),
      },
    );
    expect(wrongColumn.statusCode).toBe(400);
    expect(wrongColumn.body).toContain('Colonnes manquantes dans l’en-tête : h_lundi');
    expect(wrongColumn.body).toContain('rien ne peut être enregistré');
    expect(wrongColumn.body).not.toContain('name="appliquer"');

    // The third site (line 4: the header is line 1) opens at 25:00 on Mondays.
    const late = inTerritory.map((s, i) => (i === 2 ? { ...s, h_lundi: '25:00 - 26:00' } : s));
    const badHours = await send({ format: 'anct' }, { content: anctCsv(late) });
    expect(badHours.statusCode).toBe(400);
    expect(badHours.body).toMatch(/<li>Ligne 4 : [^<]*« 25:00-26:00 » le lundi/);
    expect(badHours.body).not.toContain('name="appliquer"');
    // The same text sent back as a confirmation is re-checked and refused too.
    const forced = await send({ format: 'anct', appliquer: '1', contenu: anctCsv(late) }, null);
    expect(forced.statusCode).toBe(400);
    expect(forced.body).toContain('Ligne 4 : Plage horaire invalide « 25:00-26:00 » le lundi');
    expect(await stored()).toEqual(before);
    expect(await importJournal()).toEqual([]);
  });

  it('refuses an empty, non-UTF-8 or oversized file, a missing file and an unknown format', async () => {
    const before = await stored();
    const cases: [Record<string, string>, Buffer | null, string][] = [
      [{ format: 'anct' }, null, 'Choisissez un fichier à envoyer.'],
      [{ format: 'anct' }, Buffer.alloc(0), 'Le fichier est vide.'],
      [{ format: 'anct' }, Buffer.from('\uFEFF  \r\n'), 'Le fichier est vide.'],
      [
        { format: 'anct' },
        Buffer.from('id_fs;lib_fs\n1;Hôtel Wilson', 'latin1'),
        'Le fichier n’est pas en UTF-8',
      ],
      [{ format: 'anct' }, Buffer.alloc(2 * 1024 * 1024 + 1, 'a'), 'Le fichier dépasse 2 Mo'],
      [{ format: 'xml' }, Buffer.from(anctCsv(inTerritory)), 'Choisissez le format du fichier'],
      [
        { format: 'anct', organisme: 'inconnu' },
        Buffer.from(anctCsv(inTerritory)),
        'Choisissez un organisme',
      ],
      // An ANCT CSV sent as data·inclusion: not JSON.
      [
        { format: 'data-inclusion' },
        Buffer.from(anctCsv(inTerritory)),
        'Le fichier n’est pas du JSON valide.',
      ],
    ];
    for (const [fields, content, message] of cases) {
      const response = await send(fields, content ? { content } : null);
      expect(response.statusCode, message).toBe(400);
      expect(response.body, message).toContain(message);
    }
    expect(await stored()).toEqual(before);
  });

  it('asks an administrator of several territories which one, and keeps organisations to that territory', async () => {
    const admin = await sessionCookieFor(t, 'admin@demo.localhost');
    const page = await t.app.inject({ url: '/offre/import', headers: { cookie: admin } });
    expect(page.body).toContain('<option value>Choisissez le territoire</option>');
    expect(page.body).toContain('<optgroup label="Bassin de vie de Figeac">');
    const before = await stored();
    const none = await send({ format: 'anct' }, { content: anctCsv(inTerritory) }, admin);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choisissez le territoire.');
    const figeacOrganisation = await send(
      { territoire: 'cahors', format: 'anct', organisme: 'mairie-figeac' },
      { content: anctCsv(inTerritory) },
      admin,
    );
    expect(figeacOrganisation.statusCode).toBe(400);
    expect(figeacOrganisation.body).toContain('Choisissez un organisme de ce territoire, ou aucun.');
    expect(await stored()).toEqual(before);
  });

  it('previews the difference in hours without writing, then applies it on confirmation', async () => {
    const before = await stored();
    const preview = await send({ format: 'anct' }, { content: anctCsv(inTerritory) });
    expect(preview.statusCode).toBe(200);
    // The list opens Saint-Géry-Vers every Saturday morning; our seed keeps the first Saturday only, in a note.
    const saintGery = /data-update="france-services-saint-gery-vers">([\s\S]*?)<\/div>/.exec(preview.body)!;
    expect(saintGery[1]).toMatch(/horaires : enregistrés « [^»]*», fichier « [^»]*Sa 09:00-12:00/);
    expect(await stored()).toEqual(before);
    expect(await importJournal()).toEqual([]);

    // The counts, and the confirm button with as many changes as places to update (none to create).
    const updates = preview.body.match(/data-update="/g)!.length;
    expect(preview.body).toContain(`À mettre à jour : <strong>${updates}</strong>`);
    expect(preview.body).toContain('À créer : <strong>0</strong>');
    expect(preview.body).toContain(
      updates === 1 ? 'Enregistrer ce changement' : `Enregistrer ces ${updates} changements`,
    );

    // The confirmation sends back what the page carries.
    // An empty value is written as a bare attribute (`value`), which the browser reads as "".
    const hidden = (name: string) =>
      unescapeAttribute(
        new RegExp(`name="${name}" value(?:="([^"]*)")?`).exec(preview.body.split('id="apercu"')[1]!)![1] ??
          '',
      );
    const saved = await send(
      {
        territoire: hidden('territoire'),
        format: hidden('format'),
        organisme: hidden('organisme'),
        contenu: hidden('contenu'),
        appliquer: hidden('appliquer'),
      },
      null,
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain(`Import enregistré : aucun lieu créé, ${updates}`);
    const hours = (
      await t.db
        .selectFrom('places')
        .select('opening_hours')
        .where('slug', '=', 'france-services-saint-gery-vers')
        .executeTakeFirstOrThrow()
    ).opening_hours;
    expect(hours).toContainEqual({ day: 6, opens: '09:00', closes: '12:00' });
    const pilotId = (
      await t.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'pilote@demo.localhost')
        .executeTakeFirstOrThrow()
    ).id;
    const journal = await importJournal();
    expect(journal).toHaveLength(updates);
    expect(journal.every((j) => j.actor_id === pilotId && j.actor_role === 'territoryPilot')).toBe(true);

    // Sent again, the file now says what is stored.
    const again = await send({ format: 'anct' }, { content: anctCsv(inTerritory) });
    expect(again.body).toContain('Rien à enregistrer');
    expect(again.body).not.toContain('name="appliquer"');
  });
});
