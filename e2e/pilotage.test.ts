// The experiment's pilotage in Chromium: the pilot follows the Indicateurs tile, records a workshop and a derogation
// request in the register, moves a solution to "experiment"; the public page shows it with its indicator, month by
// month up to the last complete month; a resident makes a plan, answers the satisfaction questions, and the
// indicator moves on the pilot's page at once — on the public page once the month is over. axe on every new page,
// wrong inputs shown next to their fields, the public pages without JavaScript at 360 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createSession } from '../src/platform/auth/session.ts';
import { userIdByEmail } from '../test/helpers.ts';
import { recordSatisfaction } from '../src/features/pilotage/satisfaction.ts';
import { addMonths, monthLabel, monthOf } from '../src/features/pilotage/months.ts';
import {
  expectNoAxeViolations,
  newPage,
  startBrowserHarness,
  typeDate,
  type BrowserHarness,
} from './browser.ts';

let h: BrowserHarness;
let current = '';
let previous = '';
beforeAll(async () => {
  h = await startBrowserHarness();
  current = monthOf(h.t.app.clock.now());
  previous = addMonths(current, -1);
  // Eleven answers last month: the figure is then published (above 10, statistical secrecy), the month being over.
  for (let i = 0; i < 11; i++)
    await recordSatisfaction(
      h.t.db,
      { subject: 'plan', lifeEvent: 'birth', commune: '46042', territoryId: '' },
      { went: 'good', easy: 'yes', useful: 'yes', comment: null },
      'resident',
      new Date(`${previous}-15T10:00:00Z`),
    );
  await h.t.app.jobs.tick();
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

/** Fails when the page is wider than the screen. */
async function expectFits(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

/** The figure of a solution's indicator for the last month shown (the last complete one), on the public page. */
async function liveFigure(page: Page, solution: string, indicator: string): Promise<string> {
  const section = page.locator('section', { has: page.locator('h3', { hasText: solution }) });
  const row = section.locator(`tr[data-indicator="${indicator}"] td`).last();
  return ((await row.textContent()) ?? '').trim();
}

describe('steering the experiment, through the pages', () => {
  it('the pilot opens the indicators from the home tile, then the register', async () => {
    const { context, page } = await loggedIn('pilote@demo.localhost');
    await page.goto('/espace/pilotage');
    await page.click('a:has-text("Indicateurs")');
    await page.waitForURL('**/pilotage');
    expect(await page.locator('h1').textContent()).toBe('Indicateurs — Bassin de vie de Cahors');
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(2);
    await expectNoAxeViolations(page);
    // A table downloads as CSV.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#tableau-satisfaction-mois a:has-text("Télécharger ce tableau")'),
    ]);
    expect(download.suggestedFilename()).toMatch(/^satisfaction-mois-cahors-.*\.csv$/);
    await page.goto('/espace/pilotage');
    await page.click('a:has-text("Registre de l’expérimentation")');
    await page.waitForURL('**/pilotage/registre');
    await expectNoAxeViolations(page);
    await page.goto('/pilotage/registre/calendrier');
    await expectNoAxeViolations(page);
    await context.close();
  }, 180_000);

  it('the pilot records a workshop, refused first without its date and participants', async () => {
    const { context, page } = await loggedIn('pilote@demo.localhost');
    await page.goto('/pilotage/registre/ateliers/nouveau');
    await expectNoAxeViolations(page);
    await page.fill('#titre', 'Atelier avec des aidants à Lalbenque');
    await page.click('button:has-text("Enregistrer l’atelier")');
    await expect.poll(() => page.locator('.fr-error-text').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#date-error').textContent()).toContain('Indiquez la date de l’atelier');
    await expectNoAxeViolations(page);
    expect(await typeDate(page, '#date', '2026-11-20')).toBe('2026-11-20');
    await page.fill('#participants_residents', '7');
    await page.fill('#participants_agents', '4');
    await page.click('label:has-text("Non-recours aux droits")');
    await page.fill('#nouveaux_irritants', 'Horaires d’ouverture trop courts le samedi');
    await page.click('button:has-text("Enregistrer l’atelier")');
    await page.waitForURL('**/pilotage/registre?territoire=cahors&ok=1');
    expect(await page.locator('main').textContent()).toContain('Atelier avec des aidants à Lalbenque');
    await context.close();
  }, 180_000);

  it('the pilot files a derogation request, refused first without its four conditions', async () => {
    const { context, page } = await loggedIn('pilote@demo.localhost');
    await page.goto('/pilotage/registre/derogations/nouveau');
    await expectNoAxeViolations(page);
    await page.fill('#titre', 'Un seul dossier de subvention pour les associations du bassin');
    await page.fill('#texte', 'Arrêté du 11 octobre 2006');
    await page.fill('#article', 'article 2');
    await page.click('label[for="matiere-subsidies"]');
    await page.fill('#condition_interest', 'Les petites associations renoncent aux aides.');
    await page.click('button:has-text("Enregistrer la demande")');
    await expect.poll(() => page.locator('.fr-error-text').count()).toBe(3);
    expect(await page.locator('#condition_effect-error').textContent()).toContain(
      'les quatre sont obligatoires',
    );
    await expectNoAxeViolations(page);
    await page.fill('#condition_effect', 'Un dossier au lieu de trois, instruit en un mois.');
    await page.fill('#condition_compatibility', 'Aucune règle européenne ou internationale en cause.');
    await page.fill('#condition_proportionality', 'Les pièces essentielles au contrôle restent demandées.');
    await page.click('label[for="statut-filed"]');
    await page.click('button:has-text("Enregistrer la demande")');
    await page.waitForURL('**/pilotage/registre?territoire=cahors&ok=1');
    expect(await page.locator('main').textContent()).toContain('Déposée auprès du préfet');
    await context.close();
  }, 180_000);

  it('the pilot moves a solution to experiment, judged by satisfaction; the public page shows it up to last month', async () => {
    const { context, page } = await loggedIn('pilote@demo.localhost');
    await page.goto('/pilotage/registre');
    await page.click('a:has-text("Modifier"):has-text("Bus France Services")');
    await expectNoAxeViolations(page);
    await page.click('label[for="etape-experiment"]');
    await page.click('label[for="indicateur-satisfaction-answers"]');
    await page.click('button:has-text("Enregistrer")');
    await page.waitForURL('**/pilotage/registre?territoire=cahors&ok=1');
    await context.close();

    const visitor = await newPage(h);
    await visitor.page.goto('/experimentation');
    await expectNoAxeViolations(visitor.page);
    await visitor.page.click('a:has-text("Bassin de vie de Cahors")');
    await visitor.page.waitForURL('**/experimentation/cahors');
    const main = (await visitor.page.locator('main').textContent()) ?? '';
    expect(main).toContain('Atelier avec des aidants à Lalbenque');
    expect(main).toContain('Horaires d’ouverture trop courts le samedi');
    expect(main).toContain('Un seul dossier de subvention pour les associations du bassin');
    expect(main).toContain(
      'Solution « Bus France Services avec une travailleuse sociale » : idée → expérimentation.',
    );
    const bus = visitor.page.locator('section', {
      has: visitor.page.locator('h3', { hasText: 'Bus France Services' }),
    });
    expect(await bus.locator('.fr-badge').textContent()).toBe('Expérimentation');
    expect(await liveFigure(visitor.page, 'Bus France Services', 'satisfaction-answers')).toBe('11');
    // Figures stop at the end of last month, and say so: the month still counting is not shown.
    expect(await visitor.page.locator('#chiffres-arretes').textContent()).toContain(
      'Chiffres arrêtés à la fin du mois',
    );
    const header = (await visitor.page.locator('#direct-chiffres thead').textContent()) ?? '';
    expect(header).toContain(monthLabel(previous));
    expect(header).not.toContain(monthLabel(current));
    await expectNoAxeViolations(visitor.page);
    await visitor.page.goto('/experimentation/rejoindre');
    await expectNoAxeViolations(visitor.page);
    await visitor.context.close();
  }, 180_000);

  it('a resident makes a plan, gives their opinion, and the indicator moves', async () => {
    const { context, page } = await newPage(h);
    await page.goto('/moments-de-vie/bereavement/formulaire');
    expect(await typeDate(page, '#eventDate', h.t.app.clock.today())).toBe(h.t.app.clock.today());
    await page.selectOption('#commune', '46042');
    await page.click('button[type="submit"]:has-text("plan")');
    await page.waitForURL('**/moments-de-vie/bereavement/plan');
    await page.click('a:has-text("Je donne mon avis")');
    await page.waitForURL(/\/avis\?sujet=plan/);
    await expectNoAxeViolations(page);
    // Sent without answers: each question says what is missing.
    await page.click('button:has-text("Envoyer mon avis")');
    await expect.poll(() => page.locator('.fr-message--error').count()).toBe(3);
    await expectNoAxeViolations(page);
    await page.click('label[for="deroulement-good"]');
    await page.click('label[for="facilite-partly"]');
    await page.click('label[for="utilite-yes"]');
    await page.fill('#commentaire', 'Le plan m’a évité deux déplacements.');
    await page.click('button:has-text("Envoyer mon avis")');
    await page.waitForURL('**/avis/merci');
    await expectNoAxeViolations(page);
    await context.close();
    // The durable job refreshes the indicators: the answer asked for a refresh at the end of its minute (the worker
    // runs it then; the test runs the jobs due a minute from now).
    await h.t.app.jobs.tick(new Date(h.t.app.clock.now().getTime() + 61_000));
    // The public page still shows last month's 11: this month's answer waits for the month's end, so that no figure
    // is seen moving by one between two refreshes.
    const visitor = await newPage(h);
    await visitor.page.goto('/experimentation/cahors');
    expect(await liveFigure(visitor.page, 'Bus France Services', 'satisfaction-answers')).toBe('11');
    await visitor.context.close();
    // The pilot's own page keeps the month still counting: the answer is there at once.
    const pilot = await loggedIn('pilote@demo.localhost');
    await pilot.page.goto('/pilotage');
    const thisMonth = pilot.page
      .locator('#tableau-satisfaction-mois tbody tr')
      .filter({ has: pilot.page.locator('th', { hasText: monthLabel(current) }) });
    expect(((await thisMonth.locator('td').first().textContent()) ?? '').trim()).toBe('1');
    expect(await pilot.page.locator('#commentaires').textContent()).toContain(
      'Le plan m’a évité deux déplacements.',
    );
    await pilot.context.close();
  }, 180_000);

  it('the national observer compares the territories; pages work without JavaScript at 360 px', async () => {
    const observer = await loggedIn('observateur@demo.localhost', { javaScript: false, width: 360 });
    await observer.page.goto('/pilotage');
    expect(await observer.page.locator('h1').textContent()).toBe('Indicateurs des territoires');
    const comparison = (await observer.page.locator('#tableau-comparaison').textContent()) ?? '';
    expect(comparison).toContain('Bassin de vie de Cahors');
    expect(comparison).toContain('Bassin de vie de Figeac');
    await expectFits(observer.page, 360);
    // The filter is a plain GET form: no script needed.
    await observer.page.selectOption('#territoire', 'figeac');
    await observer.page.click('button:has-text("Afficher")');
    await observer.page.waitForURL(/territoire=figeac/);
    expect(await observer.page.locator('h1').textContent()).toBe('Indicateurs — Bassin de vie de Figeac');
    await expectFits(observer.page, 360);
    await observer.context.close();
    const visitor = await newPage(h, { javaScript: false, width: 360 });
    const urls = [
      '/experimentation',
      '/experimentation/cahors',
      '/experimentation/figeac',
      '/avis?sujet=case',
      '/experimentation/rejoindre',
    ];
    for (const url of urls) {
      await visitor.page.goto(url);
      await expectFits(visitor.page, 360);
    }
    await visitor.context.close();
    // axe runs inside the page: the same pages at 360 px, with the script on.
    const narrow = await loggedIn('observateur@demo.localhost', { width: 360 });
    for (const url of [
      '/pilotage',
      '/pilotage?territoire=figeac',
      '/pilotage?territoire=cahors&maille=epci',
      ...urls,
    ]) {
      await narrow.page.goto(url);
      await expectNoAxeViolations(narrow.page);
    }
    await narrow.context.close();
  }, 180_000);

  it('every page of the register passes axe at 360 px, each form also with its errors', async () => {
    const { context, page } = await loggedIn('pilote@demo.localhost', { width: 360 });
    await page.goto('/pilotage/registre');
    const links = [
      ...new Set(
        await page.$$eval('a[href^="/pilotage/registre/"]', (as) => as.map((a) => a.getAttribute('href')!)),
      ),
    ];
    // The calendar, a new entry of each of the six sections, and the change of each entry (the demo register has
    // milestones, solutions and a funding request; the derogation filed earlier in this file when it runs whole).
    expect(links.filter((l) => l.includes('/nouveau')).length).toBe(6);
    for (const section of ['jalons', 'solutions', 'financements'])
      expect(
        links.some((l) => new RegExp(`/${section}/[0-9a-f-]{36}`).test(l)),
        section,
      ).toBe(true);
    for (const link of links) {
      await page.goto(link);
      await expectFits(page, 360);
      await expectNoAxeViolations(page);
      if (!link.includes('/nouveau')) continue;
      // Sent empty: refused, the errors listed and next to their fields, still accessible.
      await page.locator('main form[method="post"] button[type="submit"]').last().click();
      await page.waitForLoadState();
      expect(await page.locator('.fr-alert--error, .fr-error-text').count(), link).toBeGreaterThan(0);
      await expectFits(page, 360);
      await expectNoAxeViolations(page);
    }
    await page.goto('/avis/merci');
    await expectNoAxeViolations(page);
    await context.close();
  }, 240_000);
});
