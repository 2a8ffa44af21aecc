// The bus's tour kept in pages, in Chromium on a 360 px screen without JavaScript, by keyboard only: the pilot
// opens the tour from the offer page, types 25:00 (told beside the field and in the summary, which links to it),
// corrects the stop of Arcambal to every Monday 10:00–11:00 from 14 December and cancels the 4 January passage;
// the commune's public bus page and a resident's plan show the new next passage, the cancelled one shown like a
// closure. The long service form, grouped in fieldsets, is looked at 360 px, its error summary linking to every
// field in error. axe (run in a twin page with scripts) finds nothing; nothing is wider than the screen.
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
  typeDate,
  type BrowserHarness,
} from './browser.ts';

// Screenshots for a person to look at (not compared): set E2E_SCREENSHOTS to a folder.
const shots = process.env.E2E_SCREENSHOTS;
const tour = 'bus-france-services-grand-cahors';

let h: BrowserHarness;
let pilotToken: string;
beforeAll(async () => {
  // Sunday 6 December 2026; Arcambal's demo stop: every other Monday 9:00–12:00 from Monday 7 December.
  h = await startBrowserHarness({ fixedToday: '2026-12-06' });
  pilotToken = await createSession(
    h.t.db,
    h.t.config,
    await userIdByEmail(h.t.db, 'pilote@demo.localhost'),
    'test',
  );
}, 180_000);
afterAll(async () => {
  await h?.close();
});

async function asPilot(javaScript: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await newPage(h, { javaScript, width: 360 });
  await context.addCookies([{ name: 'sc_session', value: pilotToken, url: h.baseUrl }]);
  return { context, page };
}

/**
 * Checks the page fits 360 px, passes axe in a twin page with scripts (axe is a script), and keeps a screenshot
 * when asked.
 */
async function look(page: Page, name: string, url = page.url()) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `${name} is wider than the screen`).toBeLessThanOrEqual(360);
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  }
  const twin = await asPilot(true);
  await twin.page.goto(url);
  await expectNoAxeViolations(twin.page);
  await twin.context.close();
}

/** Presses Tab until the element matched by `selector` has the focus (as a keyboard user moves). */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} never got the focus`);
}

/** Presses Tab until the button saying `words` has the focus. */
async function tabToButton(page: Page, words: string) {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() =>
      document.activeElement?.tagName === 'BUTTON' ? document.activeElement.textContent : null,
    );
    if (focused?.includes(words)) return;
  }
  throw new Error(`the button ${words} never got the focus`);
}

/** Replaces a text field's value by keyboard. */
async function typeInto(page: Page, selector: string, text: string) {
  await tabTo(page, selector);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Every link of the error summary points at an element of the page. */
async function summaryTargetsExist(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator('.fr-alert--error a[href^="#"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) expect(await page.locator(href).count(), href).toBe(1);
  return hrefs;
}

describe('the bus tour kept in pages', { timeout: 180_000 }, () => {
  it('the pilot changes a stop and cancels a passage by keyboard without JavaScript; residents see it', async () => {
    const { context, page } = await asPilot(false);
    await page.goto('/offre');
    await tabTo(page, `a[href="/offre/bus/${tour}"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/offre/bus/${tour}`);
    await look(page, 'tournee-360');
    await tabTo(page, 'li[data-stop] a[href*="/arrets/"]');
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.textContent)).toContain(
      'Arcambal',
    );
    await page.keyboard.press('Enter');
    await page.waitForURL('**/arrets/*');
    await look(page, 'arret-360');

    // 25:00: the message beside the field, the summary's link to it, nothing stored.
    await typeInto(page, '#debut', '25:00');
    await tabToButton(page, 'Enregistrer les jours et heures');
    await submitted(page);
    expect(await page.textContent('#debut-error')).toContain('Heure de début invalide');
    expect(await summaryTargetsExist(page)).toEqual(['#debut']);
    await look(page, 'arret-erreur-360');

    await tabTo(page, '#premier');
    expect(await typeDate(page, '#premier', '2026-12-14')).toBe('2026-12-14');
    await typeInto(page, '#rythme', '1');
    await typeInto(page, '#debut', '10:00');
    await typeInto(page, '#fin', '11:00');
    await tabToButton(page, 'Enregistrer les jours et heures');
    await submitted(page);
    expect(await page.textContent('.fr-alert--success')).toContain('Jours et heures enregistrés');

    // Cancel the passage of Monday 4 January 2027: the select moved by the arrow keys.
    await tabTo(page, '#date');
    for (let i = 0; i < 10 && (await page.inputValue('#date')) !== '2027-01-04'; i++)
      await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#date')).toBe('2027-01-04');
    await typeInto(page, '#motif', 'Bus en révision');
    await tabToButton(page, 'Annuler ce passage');
    await submitted(page);
    expect(await page.textContent('.fr-alert--success')).toContain('Passage annulé');
    expect(await page.locator('li[data-cancellation="2027-01-04"]').count()).toBe(1);
    await look(page, 'arret-annule-360', page.url().replace(/\/annulations$/, ''));
    await context.close();

    // The public bus page of Arcambal, without JavaScript: the new next passage, the cancelled one.
    const visitor = await newPage(h, { javaScript: false, width: 360 });
    await visitor.page.goto('/bus/46007');
    expect(await visitor.page.getAttribute('[data-next-passage]', 'data-next-passage')).toBe('2026-12-14');
    expect(await visitor.page.textContent('[data-next-passage]')).toContain(
      'lundi 14 décembre 2026, de 10 h à 11 h',
    );
    expect(await visitor.page.textContent('[data-cancelled-passages]')).toContain(
      'lundi 4 janvier 2027, de 10 h à 11 h : Bus en révision',
    );
    if (shots) await visitor.page.screenshot({ path: `${shots}/bus-public-360.png`, fullPage: true });

    // A resident of Arcambal who lost their job: the plan sends them to the bus, at its new next passage.
    await visitor.page.goto('/moments-de-vie/job-loss/formulaire');
    expect(await typeDate(visitor.page, '#eventDate', '2026-12-01')).toBe('2026-12-01');
    await visitor.page.selectOption('#commune', '46007');
    await visitor.page.click('form button[type=submit]');
    await visitor.page.waitForURL('**/moments-de-vie/job-loss/plan');
    const passage = visitor.page.locator('[data-place="arret-bus-arcambal"] [data-next-passage]').first();
    expect(await passage.getAttribute('data-next-passage')).toBe('2026-12-14');
    expect(await passage.textContent()).toContain('lundi 14 décembre 2026, de 10 h à 11 h');
    if (shots) await visitor.page.screenshot({ path: `${shots}/plan-bus-360.png`, fullPage: true });
    await visitor.context.close();
    const twin = await newPage(h, { width: 360 });
    await twin.page.goto('/bus/46007');
    await expectNoAxeViolations(twin.page);
    await twin.context.close();
  });

  it('the service form is grouped in fieldsets at 360 px, its error summary linking to each field', async () => {
    const { context, page } = await asPilot(false);
    await page.goto('/offre/services/nouveau?territoire=cahors');
    const legends = await page.locator('form legend h2').allTextContents();
    expect(legends).toEqual([
      'Le service',
      'Pour qui',
      'Frais',
      'Comment le solliciter',
      'Conditions et pièces à apporter',
      'Où',
      'Visibilité',
    ]);
    await look(page, 'service-nouveau-360');
    // Wrong or missing fields: no name, no way to reach it, no place, an unknown INSEE code, a bad phone.
    await page.fill('#zone', '99999');
    await page.fill('#telephone', '12');
    await page.click('button:has-text("Créer le service")');
    await page.waitForLoadState();
    const targets = await summaryTargetsExist(page);
    expect(targets).toEqual(expect.arrayContaining(['#nom', '#modes', '#lieux', '#zone', '#telephone']));
    if (shots) await page.screenshot({ path: `${shots}/service-erreurs-360.png`, fullPage: true });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(360);
    await context.close();
  });
});
