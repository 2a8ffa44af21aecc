// Importing the offer from a file, in Chromium on a 360 px wide screen: the pilot opens the import page from the
// offer page, sends the ANCT list with hours like 25:00 (the line is named, nothing can be saved), then the list
// as published (the hours that disagree with ours are shown, nothing written), confirms, and the page says what
// was saved. axe finds nothing on any page; nothing is wider than the screen.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { anctCsv, inCahors as inTerritory } from '../test/anct-list.ts';
import { createSession } from '../src/platform/auth/session.ts';
import { userIdByEmail } from '../test/helpers.ts';
import {
  expectNoAxeViolations,
  newPage,
  startBrowserHarness,
  submitted,
  type BrowserHarness,
} from './browser.ts';

// Screenshots for a person to look at (not compared): set E2E_SCREENSHOTS to a folder.
const shots = process.env.E2E_SCREENSHOTS;

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness({ fixedToday: '2026-12-06' });
}, 180_000);
afterAll(async () => {
  await h?.close();
});

/** Presses Tab until the element matched by `selector` has the focus (as a keyboard user moves). */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} never got the focus`);
}

describe('importing the offer from a file', () => {
  it('the pilot previews the ANCT list, sees the hours that differ, and confirms', async () => {
    const { context, page } = await newPage(h, { width: 360 });
    const token = await createSession(
      h.t.db,
      h.t.config,
      await userIdByEmail(h.t.db, 'pilote@demo.localhost'),
      'test',
    );
    await context.addCookies([{ name: 'sc_session', value: token, url: h.baseUrl }]);
    const look = async (name: string) => {
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `${name} is wider than the screen`).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(page);
      if (shots) {
        fs.mkdirSync(shots, { recursive: true });
        await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
      }
    };
    const hoursOfSaintGery = async () =>
      (
        await h.t.db
          .selectFrom('places')
          .select('opening_hours')
          .where('slug', '=', 'france-services-saint-gery-vers')
          .executeTakeFirstOrThrow()
      ).opening_hours;
    const before = await hoursOfSaintGery();

    await page.goto('/offre');
    await page.click('a:has-text("Importer un fichier")');
    await page.waitForURL('**/offre/import');
    await look('import-360');

    // Sent without a format nor a file: each message beside its field, and in the summary.
    await page.click('button:has-text("Voir l’aperçu (rien n’est enregistré)")');
    await page.waitForLoadState();
    expect(await page.locator('#fichier-error').textContent()).toBe('Choisissez un fichier à envoyer.');
    expect(await page.locator('#format-messages').textContent()).toContain('Choisissez le format');
    expect(await page.locator('.fr-alert--error a[href="#fichier"]').count()).toBe(1);
    await look('import-champs-360');

    // Hours like 25:00 on the second site (line 3): named, nothing can be saved.
    const late = inTerritory.map((s, i) => (i === 1 ? { ...s, h_mardi: '09:00 - 25:00' } : s));
    await page.click('label[for="format-anct"]');
    await page.setInputFiles('#fichier', {
      name: 'liste-france-services.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(anctCsv(late)),
    });
    await page.click('button:has-text("Voir l’aperçu (rien n’est enregistré)")');
    await page.waitForLoadState();
    expect(await page.locator('[data-line-errors]').textContent()).toContain('Ligne 3 :');
    expect(await page.locator('button:has-text("Enregistrer")').count()).toBe(0);
    await look('import-erreurs-360');

    await page.click('label[for="format-anct"]');
    await page.setInputFiles('#fichier', {
      name: 'liste-france-services.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(anctCsv(inTerritory)),
    });
    await page.click('button:has-text("Voir l’aperçu (rien n’est enregistré)")');
    await page.waitForLoadState();
    const saintGery = page.locator('[data-update="france-services-saint-gery-vers"]');
    expect(await saintGery.textContent()).toContain('Sa 09:00-12:00');
    expect(await hoursOfSaintGery()).toEqual(before);
    await look('import-apercu-360');

    // One place differs here (Saint-Géry-Vers): one change to save.
    await page.click('button:has-text("Enregistrer ce changement")');
    await page.waitForLoadState();
    expect(await page.locator('.fr-alert--success').textContent()).toContain('Import enregistré');
    expect(await hoursOfSaintGery()).toContainEqual({ day: 6, opens: '09:00', closes: '12:00' });
    await look('import-enregistre-360');
    await context.close();
  }, 180_000);

  it('an administrator creates a place of Cahors from a data·inclusion file, by keyboard and without JavaScript', async () => {
    const { context, page } = await newPage(h, { javaScript: false, width: 360 });
    const token = await createSession(
      h.t.db,
      h.t.config,
      await userIdByEmail(h.t.db, 'admin@demo.localhost'),
      'test',
    );
    await context.addCookies([{ name: 'sc_session', value: token, url: h.baseUrl }]);
    const structure = {
      id: 'mairie-46--accueil-bellefont',
      nom: 'Point d’accueil de Bellefont-La Rauze',
      source: 'mairie-46',
      date_maj: '2026-11-30',
      code_insee: '46156',
      adresse: '1 place de la Mairie',
      code_postal: '46090',
      horaires_accueil: 'Mo-Fr 09:00-12:00',
    };
    await page.goto('/offre/import');
    // The administrator works on two territories (Cahors, Figeac): the page asks which.
    await tabTo(page, '#territoire');
    await page.keyboard.type('Bassin de vie de C');
    await tabTo(page, '#format-anct');
    await page.keyboard.press('ArrowDown'); // data·inclusion
    await tabTo(page, '#organisme');
    await page.keyboard.type('Mairie de Cahors');
    await page.setInputFiles('#fichier', {
      name: 'structures.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify([structure])),
    });
    await tabTo(page, 'button[type="submit"]');
    await submitted(page);
    expect(await page.locator('[data-create]').textContent()).toContain(
      'Point d’accueil de Bellefont-La Rauze',
    );
    expect(await page.locator('[data-owner]').textContent()).toContain('Mairie de Cahors');
    expect(
      await h.t.db
        .selectFrom('places')
        .select('id')
        .where('slug', '=', 'di-mairie-46-accueil-bellefont')
        .execute(),
    ).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/import-creation-sans-js-360.png`, fullPage: true });
    const confirm = '#apercu ~ form button[type="submit"]';
    expect(await page.locator(confirm).textContent()).toBe('Enregistrer ce changement');
    await tabTo(page, confirm);
    await submitted(page);
    expect(await page.locator('.fr-alert--success').textContent()).toContain('1 lieu créé');
    const created = await h.t.db
      .selectFrom('places')
      .innerJoin('organisations', 'organisations.id', 'places.organisation_id')
      .select(['organisations.slug', 'places.opening_hours'])
      .where('places.slug', '=', 'di-mairie-46-accueil-bellefont')
      .executeTakeFirstOrThrow();
    expect(created.slug).toBe('mairie-cahors');
    expect(created.opening_hours).toHaveLength(5);
    await context.close();
  }, 180_000);
});
