// Keeping the offer in pages, in Chromium: the CAF manager opens its service from the offer page, types an unknown
// INSEE code (the message beside the field and in the summary), corrects it and saves — the public page of a
// France Services place shows the new text. The pilot creates a place by keyboard only, then an organisation
// without JavaScript, on a 360 px wide screen. axe finds nothing on any page; nothing is wider than the screen.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
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

async function loggedIn(
  email: string,
  options: { javaScript?: boolean; width?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await newPage(h, options);
  const token = await createSession(h.t.db, h.t.config, await userIdByEmail(h.t.db, email), 'test');
  await context.addCookies([{ name: 'sc_session', value: token, url: h.baseUrl }]);
  return { context, page };
}

/**
 * Checks the page fits the screen, passes axe (axe runs as a script: not in a page without JavaScript, whose
 * pages are checked with it elsewhere in this file), and keeps a screenshot when asked.
 */
async function look(page: Page, name: string, width: number, javaScript = true) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `${name} is wider than the screen`).toBeLessThanOrEqual(width);
  if (javaScript) await expectNoAxeViolations(page);
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  }
}

/** Presses Tab until the element matched by `selector` has the focus (as a keyboard user moves). */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} never got the focus`);
}

describe('keeping the offer in pages', () => {
  it('the CAF manager corrects its service and the public place page shows it', async () => {
    const { context, page } = await loggedIn('responsable-caf@demo.localhost', { width: 360 });
    await page.goto('/offre');
    await look(page, 'offre-responsable-360', 360);
    // Managers add services for their organisation; organisations and places are the pilot's.
    expect(await page.locator('a:has-text("Ajouter un service")').count()).toBe(1);
    expect(await page.locator('a:has-text("Ajouter un lieu")').count()).toBe(0);
    await page.click('li[data-service="caf-prestations"] a:has-text("Modifier")');
    await page.waitForURL('**/offre/services/*');
    await look(page, 'service-360', 360);

    await page.fill(
      '#description',
      'La Caf reçoit sans rendez-vous le mardi : prestations familiales et RSA.',
    );
    await page.fill('#zone', '46042 99999');
    await page.click('button:has-text("Enregistrer le service")');
    expect(await page.locator('#zone-error').textContent()).toContain('99999');
    expect(await page.locator('.fr-alert--error a[href="#zone"]').count()).toBe(1);
    // What the manager typed is kept.
    expect(await page.inputValue('#description')).toContain('le mardi');
    await look(page, 'service-erreur-360', 360);
    const stored = await h.t.db
      .selectFrom('services')
      .select('description')
      .where('slug', '=', 'caf-prestations')
      .executeTakeFirstOrThrow();
    expect(stored.description).not.toContain('le mardi');

    await page.fill('#zone', '46042 46064');
    // The family of themes folds when none of its themes is ticked: open it first, as a person would.
    const family = page.locator('details:has(#thematiques-famille--garde-denfants)');
    if (!(await family.evaluate((d) => (d as HTMLDetailsElement).open)))
      await family.locator('summary').click();
    await page.click('#thematiques-famille--garde-denfants + label');
    await page.click('button:has-text("Enregistrer le service")');
    expect(await page.locator('.fr-alert--success').textContent()).toContain('vérifié aujourd’hui');

    await page.goto('/lieux/france-services-catus');
    const section = page.locator('[data-service="caf-prestations"]');
    expect(await section.textContent()).toContain('La Caf reçoit sans rendez-vous le mardi');
    await look(page, 'lieu-public-360', 360);
    await context.close();
  }, 180_000);

  it('the pilot creates a place by keyboard only', async () => {
    const { context, page } = await loggedIn('pilote@demo.localhost');
    await page.goto('/offre');
    await look(page, 'offre-pilote', 1280);
    await tabTo(page, 'a[href="/offre/lieux/nouveau"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/offre/lieux/nouveau');
    await look(page, 'lieu-nouveau', 1280);

    await tabTo(page, '#nom');
    await page.keyboard.type('Point d’accueil de Lalbenque');
    await tabTo(page, '#type');
    await page.keyboard.press('ArrowDown'); // France Services
    await page.keyboard.press('ArrowDown'); // bus
    await page.keyboard.press('ArrowDown'); // Accueil d’un organisme
    await tabTo(page, '#organisme');
    await page.keyboard.type('Mairie');
    await tabTo(page, '#adresse');
    await page.keyboard.type('1 place de la Mairie');
    await tabTo(page, '#code_postal');
    await page.keyboard.type('46230');
    await tabTo(page, '#commune');
    await page.keyboard.type('Lalbenque');
    await tabTo(page, '#latitude');
    await page.keyboard.type('200');
    await tabTo(page, '#longitude');
    await page.keyboard.type('1.55');
    await tabTo(page, '#horaires');
    await page.keyboard.type('Mo-Fr 09:00-12:00');
    await tabTo(page, 'button[type="submit"]');
    await submitted(page);
    // Latitude 200 is refused; the link of the error summary leads to the field.
    expect(await page.locator('#latitude-error').textContent()).toContain('entre -90 et 90');
    expect(await page.inputValue('#nom')).toBe('Point d’accueil de Lalbenque');
    await look(page, 'lieu-nouveau-erreur', 1280);
    await tabTo(page, 'a[href="#latitude"]');
    await page.keyboard.press('Enter');
    await tabTo(page, '#latitude');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('44.33');
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/offre/lieux/point-d-accueil-de-lalbenque?ok=1');
    expect(await page.locator('.fr-alert--success').textContent()).toContain('Lieu créé');
    const row = await h.t.db
      .selectFrom('places')
      .innerJoin('organisations', 'organisations.id', 'places.organisation_id')
      .select(['places.kind', 'places.commune_insee', 'places.latitude', 'organisations.slug'])
      .where('places.slug', '=', 'point-d-accueil-de-lalbenque')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: 'office', commune_insee: '46148', latitude: 44.33, slug: 'mairie-cahors' });
    await look(page, 'lieu-cree', 1280);
    await page.goto('/lieux/point-d-accueil-de-lalbenque');
    expect(await page.locator('h1').textContent()).toContain('Point d’accueil de Lalbenque');
    // The organisation form, and its errors, pass axe too.
    await page.goto('/offre/organismes/caf-lot');
    await look(page, 'organisme', 1280);
    await page.fill('#nom', '');
    await page.click('button:has-text("Enregistrer l’organisme")');
    expect(await page.locator('#nom-error').textContent()).toContain('Indiquez le nom');
    await look(page, 'organisme-erreur', 1280);
    await context.close();
  }, 180_000);

  it('the pilot adds an organisation without JavaScript, on a small screen', async () => {
    const { context, page } = await loggedIn('pilote@demo.localhost', { javaScript: false, width: 360 });
    await page.goto('/offre/organismes/nouveau');
    await page.fill('#nom', 'Mission locale du Lot');
    await page.selectOption('#type', 'etat');
    await page.fill('#courriel', 'pas une adresse');
    await page.click('button:has-text("Créer l’organisme")');
    expect(await page.locator('#courriel-error').textContent()).toContain('n’est pas valide');
    await look(page, 'organisme-erreur-360', 360, false);
    await page.fill('#courriel', 'contact@mission-locale.example');
    await page.click('button:has-text("Créer l’organisme")');
    await page.waitForURL('**/offre/organismes/mission-locale-du-lot?ok=1');
    await look(page, 'organisme-360', 360, false);
    await page.goto('/offre');
    expect(await page.locator('li[data-organisation="mission-locale-du-lot"]').count()).toBe(1);
    await context.close();
  }, 180_000);
});
