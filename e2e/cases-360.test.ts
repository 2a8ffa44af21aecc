// The cases' pages on a 360 px phone, in Chromium, with and without JavaScript: the inbox (a helper's, a
// partner's with its "Suivant" link, a manager's), a case page (the helper's and the partner's side), the
// manager's dashboard and settings. Every button and pagination link shows its words, whole (DSFR shrinks an icon
// button to its icon unless its group says otherwise), nothing is wider than the screen, and axe finds nothing.
// With E2E_SCREENSHOTS=<folder>, each page is also saved as a PNG there, to be looked at.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createSession } from '../src/platform/auth/session.ts';
import type { Actor } from '../src/platform/auth/roles.ts';
import { openCase } from '../src/features/cases/open-case.ts';
import { userIdByEmail } from '../test/helpers.ts';
import { organisationId } from '../test/factories.ts';
import { axeViolations, newPage, startBrowserHarness, type BrowserHarness } from './browser.ts';

const width = 360;
let h: BrowserHarness;
let caseId = '';

beforeAll(async () => {
  h = await startBrowserHarness();
  const helper: Actor = {
    id: await userIdByEmail(h.t.db, 'aidant@demo.localhost'),
    role: 'helper',
    organisationId: await organisationId(h.t, 'france-services-lot'),
    territoryIds: ['cahors'],
  };
  const caf = await organisationId(h.t, 'caf-lot');
  // Enough cases for the CAF's inbox to have a second page (50 lines a page), with long names and subjects.
  for (let i = 0; i < 52; i++) {
    const opened = await openCase(
      { db: h.t.db, filesKey: h.t.config.filesKey, publicUrl: h.baseUrl, now: new Date() },
      helper,
      {
        resident: {
          firstName: 'Marie-Bernadette',
          lastName: `Delacroix-Vasseur-Fontaine${i}`,
          birthDate: '1961-04-05',
          cafNumber: '1234567',
          socialSecurityNumber: null,
          taxNumber: null,
        },
        lifeEvent: 'autonomy-loss',
        subject: {
          id: null,
          label: 'Allocation personnalisée d’autonomie : dossier incomplet depuis trois mois',
        },
        urgent: i % 5 === 0,
        question: 'Le dossier APA de la mère de l’usagère est incomplet, quelles pièces manquent ?',
        organisationIds: [caf],
        consent: {
          kind: 'printed-mandate',
          givenOn: new Date().toISOString().slice(0, 10),
          scope: 'Partage avec la CAF',
          expiresOn: new Date(Date.now() + 200 * 86400_000).toISOString().slice(0, 10),
          contact: null,
          mandate: null,
        },
        attachments: [],
      },
    );
    caseId = opened.id;
  }
}, 240_000);
afterAll(async () => {
  await h?.close();
});

async function phone(email: string, javaScript: boolean): Promise<Page> {
  const { context, page } = await newPage(h, { javaScript, width });
  const token = await createSession(h.t.db, h.t.config, await userIdByEmail(h.t.db, email), 'test');
  await context.addCookies([{ name: 'sc_session', value: token, url: h.baseUrl }]);
  return page;
}

/** The buttons and pagination links of the page's main content whose words are missing or cut. */
async function wordlessButtons(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('main .fr-btn, main .fr-pagination__link[href]'))
      .filter((el) => el.offsetParent !== null)
      .filter((el) => el.innerText.trim() === '' || el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.outerHTML.slice(0, 160)} (${el.scrollWidth} > ${el.clientWidth})`),
  );
}

async function check(
  page: Page,
  javaScript: boolean,
  url: string,
  shot: string,
  words: string[],
): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  const text = await page.locator('main').innerText();
  for (const w of words) expect(text, `${url}: ${w}`).toContain(w);
  expect(await wordlessButtons(page), url).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(width);
  // axe runs in the page's JavaScript: checked with JavaScript on (the HTML is the same without).
  if (javaScript) expect(await axeViolations(page), url).toEqual([]);
  const folder = process.env.E2E_SCREENSHOTS;
  if (folder) {
    fs.mkdirSync(folder, { recursive: true });
    await page.screenshot({ path: path.join(folder, `${shot}.png`), fullPage: true });
  }
}

describe('the cases’ pages at 360 px', () => {
  for (const javaScript of [true, false]) {
    const mode = javaScript ? 'js' : 'sans-js';
    it(`the helper’s inbox and case page, ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const page = await phone('aidant@demo.localhost', javaScript);
      await check(page, javaScript, '/dossiers', `aidant-boite-${mode}`, [
        'Ouvrir une saisine',
        'Mes courriels',
      ]);
      await check(page, javaScript, `/dossiers/${caseId}`, `aidant-dossier-${mode}`, [
        'Marie-Bernadette',
        'Clore le dossier',
        'Exporter les données',
        'Effacer les données',
      ]);
      await page.context().close();
    });

    it(`the partner’s inbox with its "Suivant" link and case page, ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const page = await phone('caf@demo.localhost', javaScript);
      await check(page, javaScript, '/dossiers?boite=organisme', `caf-boite-${mode}`, [
        'Suivant',
        'Rechercher',
      ]);
      // The next page through its link, as a person taps it.
      await page.getByRole('link', { name: 'Suivant' }).click();
      await page.waitForURL(/curseur=/);
      await check(page, javaScript, page.url().replace(h.baseUrl, ''), `caf-boite-page-2-${mode}`, [
        'Précédent',
      ]);
      await check(page, javaScript, `/dossiers/${caseId}`, `caf-dossier-${mode}`, ['Je m’en occupe']);
      await page.context().close();
    });

    it(`the manager’s inbox, dashboard and settings, ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const page = await phone('responsable-caf@demo.localhost', javaScript);
      await check(page, javaScript, '/dossiers', `responsable-boite-${mode}`, [
        'Tableau de bord des délais',
        'Exporter en CSV (sans données personnelles)',
        'Réglages de l’organisme',
      ]);
      await check(page, javaScript, '/dossiers/tableau-de-bord', `responsable-tableau-${mode}`, [
        'hors procédures standard',
      ]);
      await check(page, javaScript, '/dossiers/organisme', `responsable-reglages-${mode}`, []);
      await page.context().close();
    });
  }

  it('opens a case at 360 px with the resident’s commune typed in its list; an unknown commune is refused beside it', async () => {
    const page = await phone('aidant@demo.localhost', true);
    await check(page, true, '/dossiers/nouveau', 'aidant-nouveau', ['Commune de l’usager (facultatif)']);
    await page.fill('#prenom', 'Aline');
    await page.fill('#nom', 'Communale');
    await page.fill('#date_naissance', '1979-02-11');
    // The commune by keyboard: its first letters, typed on the focused list.
    await page.focus('#commune');
    await page.keyboard.type('Lalb');
    expect(await page.locator('#commune').inputValue()).toBe('46148');
    await page.selectOption('#moment', 'job-loss');
    await page.fill('#question', 'L’inscription à France Travail n’apparaît pas, l’allocation ne vient pas.');
    await page.click('label[for="organisme-caf-lot"]');
    await page.click('label[for="consentement_type-printed-mandate"]');
    // A stale or forged form sends a code that is no commune of the territory: refused, beside the field.
    await page.evaluate(() => {
      const option = document.querySelector<HTMLOptionElement>('#commune option[value="46148"]')!;
      option.value = '99999';
    });
    const before = await h.t.db.selectFrom('cases').select('id').execute();
    await page.click('button:has-text("Ouvrir la saisine")');
    await page.waitForURL(/\/dossiers$/);
    expect(await page.locator('#commune-error').innerText()).toContain(
      'Cette commune n’est pas une commune du territoire',
    );
    expect(await page.locator('.fr-alert--error').innerText()).toContain('Commune');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(await axeViolations(page)).toEqual([]);
    expect(await h.t.db.selectFrom('cases').select('id').execute()).toHaveLength(before.length);
    const folder = process.env.E2E_SCREENSHOTS;
    if (folder)
      await page.screenshot({
        path: path.join(folder, 'aidant-nouveau-commune-inconnue.png'),
        fullPage: true,
      });
    // Chosen again from the list: the case opens and its page says the commune.
    await page.focus('#commune');
    await page.keyboard.type('Lalb');
    await page.click('label[for="consentement_type-printed-mandate"]');
    await page.click('button:has-text("Ouvrir la saisine")');
    await page.waitForURL(/\/dossiers\/[0-9a-f-]{36}$/);
    expect(await page.locator('main').innerText()).toContain('Lalbenque (46148)');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('reaches "Suivant" by keyboard alone, and answers a damaged page link in French', async () => {
    const page = await phone('caf@demo.localhost', false);
    await page.goto('/dossiers?boite=organisme');
    // Tab through the page (header, filters, 50 cards) until the "Suivant" link has the focus, then Enter.
    let focused = '';
    for (let n = 0; n < 200 && focused !== 'Suivant'; n++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(
        () => (document.activeElement as HTMLElement | null)?.innerText.trim() ?? '',
      );
    }
    expect(focused).toBe('Suivant');
    await page.keyboard.press('Enter');
    await page.waitForURL(/curseur=/);
    expect(await page.locator('main').innerText()).toContain('Précédent');
    // A cut or edited link: a 400 page that says so, at the phone's width.
    const damaged = await page.goto(`${page.url().slice(0, -4)}xyz%21`);
    expect(damaged?.status()).toBe(400);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Lien de page non valide');
    expect(text).toContain('repartez de la première page');
    expect(text).not.toContain('Aucune saisine');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const folder = process.env.E2E_SCREENSHOTS;
    if (folder) await page.screenshot({ path: path.join(folder, 'caf-lien-abime.png'), fullPage: true });
    await page.getByRole('link', { name: 'Revenir à la boîte de réception' }).click();
    await page.waitForURL(/\/dossiers$/);
    expect(await page.locator('main').innerText()).toContain('Suivant');
    await page.context().close();
  });
});
