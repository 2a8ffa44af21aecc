// Pages in a real browser: the public pages, and the resident’s data pages (signed in), render with DSFR, pass axe,
// and work without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createSession } from '../src/platform/auth/session.ts';
import { userIdByEmail, samplePdf } from '../test/helpers.ts';
import type { Actor } from '../src/platform/auth/roles.ts';
import { openCase } from '../src/features/cases/open-case.ts';
import { expectNoAxeViolations, newPage, startBrowserHarness, type BrowserHarness } from './browser.ts';
import { insertUser, organisationId } from '../test/factories.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('public pages in Chromium', () => {
  for (const url of [
    '/',
    '/lieux',
    '/lieux/france-services-catus',
    '/lieux/mdph-lot',
    '/accessibilite',
    '/mentions-legales',
    '/donnees-personnelles',
    '/page-qui-n-existe-pas',
  ]) {
    it(`${url} passes axe with zero violations`, async () => {
      const { context, page } = await newPage(h);
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(url);
      expect(await page.locator('h1').count()).toBe(1);
      await expectNoAxeViolations(page);
      // No CSP violation or script error on the page.
      expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
      await context.close();
    });
  }

  it('finds a place by commune without JavaScript, on a 320 px wide screen', async () => {
    const { context, page } = await newPage(h, { javaScript: false, width: 320 });
    await page.goto('/lieux');
    await page.selectOption('#commune', '46064');
    await page.click('button[type=submit]');
    expect(page.url()).toContain('commune=46064');
    const first = page.locator('[data-place]').first();
    expect(await first.getAttribute('data-place')).toBe('france-services-catus');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320);
    await context.close();
  });

  it('shows a DSFR 404 page in French', async () => {
    const { context, page } = await newPage(h);
    const response = await page.goto('/nulle-part');
    expect(response?.status()).toBe(404);
    expect((await page.locator('h1').textContent())?.trim()).toBe('Page ou ressource introuvable');
    await context.close();
  });
});

/** A browser page logged in as a user (the login flow has its own tests). */
async function loggedIn(
  email: string,
  options: { javaScript?: boolean; width?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await newPage(h, options);
  const token = await createSession(h.t.db, h.t.config, await userIdByEmail(h.t.db, email), 'test');
  await context.addCookies([{ name: 'sc_session', value: token, url: h.baseUrl }]);
  return { context, page };
}

const demoCase = '/dossiers/5c0a5e00-0000-4000-8000-000000000001';

describe('the resident’s data pages in Chromium', () => {
  for (const [email, url] of [
    ['usager@demo.localhost', '/compte/mes-donnees'],
    ['usager@demo.localhost', '/compte/mes-donnees/effacement'],
    ['aidant@demo.localhost', demoCase],
    ['aidant@demo.localhost', `${demoCase}/effacement`],
  ] as const) {
    it(`${url} as ${email} passes axe with zero violations`, async () => {
      const { context, page } = await loggedIn(email);
      await page.goto(url);
      expect(await page.locator('h1').count()).toBe(1);
      await expectNoAxeViolations(page);
      await context.close();
    });
  }

  it('the resident’s erasure confirmation with its error passes axe, and its title says “Erreur”', async () => {
    const { context, page } = await loggedIn('usager@demo.localhost');
    await page.goto('/compte/mes-donnees/effacement');
    await page.click('button:has-text("Supprimer définitivement mon compte")');
    expect(await page.locator('.fr-checkbox-group--error').count()).toBe(1);
    expect(await page.title()).toMatch(/^Erreur — /);
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('a resident reaches “Mes données” from the header, then deletes their account without JavaScript, 320 px wide', async () => {
    const userId = await insertUser(h.t.db, {
      email: 'camille-e2e@exemple.localhost',
      displayName: 'Camille Navigateur',
      role: 'resident',
    });
    const { context, page } = await loggedIn('camille-e2e@exemple.localhost', {
      javaScript: false,
      width: 320,
    });
    await page.goto('/');
    await page.click('footer a[href="/compte/mes-donnees"]');
    await page.waitForURL('**/compte/mes-donnees');
    expect(await page.locator('main').textContent()).toContain('camille-e2e@exemple.localhost');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.click('a:has-text("Supprimer mon compte")');
    await page.waitForURL('**/compte/mes-donnees/effacement');
    // Without the box ticked: the message next to it, nothing deleted.
    await page.click('button:has-text("Supprimer définitivement mon compte")');
    expect(await page.locator('.fr-checkbox-group--error').textContent()).toContain('Cochez la case');
    expect(await h.t.db.selectFrom('users').select('id').where('id', '=', userId).execute()).toHaveLength(1);
    await page.click('label[for="confirmation"]');
    await page.click('button:has-text("Supprimer définitivement mon compte")');
    await page.waitForURL('**/compte/supprime');
    expect(await page.locator('h1').textContent()).toBe('Votre compte est supprimé');
    expect(await h.t.db.selectFrom('users').select('id').where('id', '=', userId).execute()).toEqual([]);
    await context.close();
  }, 120_000);

  it('the helper erases a resident’s data from a case without JavaScript, and the confirmation with its error passes axe', async () => {
    const helper: Actor = {
      id: await userIdByEmail(h.t.db, 'aidant@demo.localhost'),
      role: 'helper',
      organisationId: await organisationId(h.t, 'france-services-lot'),
      territoryIds: ['cahors'],
    };
    const today = new Date().toISOString().slice(0, 10);
    const { id } = await openCase(
      { db: h.t.db, filesKey: h.t.config.filesKey, publicUrl: h.baseUrl },
      helper,
      {
        resident: {
          firstName: 'Lina',
          lastName: 'Effacée',
          birthDate: '1979-02-03',
          cafNumber: null,
          socialSecurityNumber: null,
          taxNumber: null,
        },
        lifeEvent: 'moving',
        question: 'Adresse non mise à jour.',
        organisationIds: [await organisationId(h.t, 'caf-lot')],
        consent: {
          kind: 'printed-mandate',
          givenOn: today,
          scope: 'Partage',
          expiresOn: new Date(Date.now() + 200 * 86400_000).toISOString().slice(0, 10),
          contact: null,
          mandate: null,
        },
        attachments: [{ name: 'justificatif.pdf', mediaType: 'application/pdf', content: samplePdf }],
      },
    );
    const scripted = await loggedIn('aidant@demo.localhost');
    await scripted.page.goto(`/dossiers/${id}/effacement`);
    await scripted.page.click('button:has-text("Effacer définitivement")');
    expect(await scripted.page.locator('.fr-checkbox-group--error').count()).toBe(1);
    await expectNoAxeViolations(scripted.page);
    await scripted.context.close();

    const { context, page } = await loggedIn('aidant@demo.localhost', { javaScript: false, width: 320 });
    await page.goto(`/dossiers/${id}`);
    expect(await page.locator('main').textContent()).toContain('Lina Effacée');
    await page.click('a:has-text("Effacer les données personnelles à la demande de l’usager")');
    await page.click('label[for="confirmation"]');
    await page.click('button:has-text("Effacer définitivement")');
    await page.waitForURL(`**/dossiers/${id}?ok=effacement`);
    const text = await page.locator('main').textContent();
    expect(text).toContain('Les données personnelles de l’usager sont effacées');
    expect(text).not.toContain('Lina');
    await context.close();
  }, 120_000);
});
