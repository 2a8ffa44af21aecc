// A shared case through the pages, in Chromium: a France Services agent opens a case for a resident with a
// signed mandate, a CAF agent takes it and answers with a file, invites the CPAM, a CPAM agent answers, and
// the helper closes it as useful. Every page passes axe; the case page also works without JavaScript at 320 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createSession } from '../src/platform/auth/session.ts';
import { userIdByEmail, samplePdf, samplePng } from '../test/helpers.ts';
import { expectNoAxeViolations, newPage, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
}, 180_000);
afterAll(async () => {
  await h?.close();
});

/** A browser page logged in as a demo user (the login flow has its own tests). */
async function loggedIn(
  email: string,
  options: { javaScript?: boolean; width?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await newPage(h, options);
  const token = await createSession(h.t.db, h.t.config, await userIdByEmail(h.t.db, email), 'test');
  await context.addCookies([{ name: 'sc_session', value: token, url: h.baseUrl }]);
  return { context, page };
}

describe('a shared case, through the pages', () => {
  let caseUrl = '';

  it('the France Services agent opens a case with a signed mandate', async () => {
    const { context, page } = await loggedIn('aidant@demo.localhost');
    await page.goto('/dossiers/nouveau');
    await expectNoAxeViolations(page);
    // Submitting empty shows the errors next to the fields, and the page still passes axe.
    await page.click('button:has-text("Ouvrir la saisine")');
    await expect.poll(() => page.locator('.fr-error-text').count()).toBeGreaterThan(3);
    expect(await page.locator('.fr-alert--error').textContent()).toContain('consentement');
    await expectNoAxeViolations(page);
    await page.fill('#prenom', 'Léa');
    await page.fill('#nom', 'Navigateur');
    await page.fill('#date_naissance', '1988-07-21');
    await page.fill('#numero_caf', '7654321');
    await page.selectOption('#commune', '46042');
    await page.selectOption('#moment', 'birth');
    await page.fill(
      '#question',
      'La prime à la naissance n’est pas arrivée et la CPAM n’a pas ouvert les droits de l’enfant.',
    );
    await page.click('label[for="organisme-caf-lot"]');
    await page.click('label[for="consentement_type-paper-mandate"]');
    await page.setInputFiles('#mandat', {
      name: 'mandat signé.pdf',
      mimeType: 'application/pdf',
      buffer: samplePdf,
    });
    await page.click('button:has-text("Ouvrir la saisine")');
    await page.waitForURL(/\/dossiers\/[0-9a-f-]{36}$/);
    caseUrl = new URL(page.url()).pathname;
    expect(await page.locator('h1').textContent()).toContain('Dossier');
    expect(await page.locator('main').textContent()).toContain('Léa Navigateur');
    // The birth date the server received, as the case page writes it: a date misread by the browser shows here.
    expect(await page.locator('main').textContent()).toContain('21 juillet 1988');
    expect(await page.locator('main').textContent()).toContain('Cahors (46042)');
    expect(await page.locator('main').textContent()).toContain('Mandat papier signé');
    await expectNoAxeViolations(page);
    await context.close();
  }, 180_000);

  it('the CAF agent finds it in the inbox, takes it, answers with a file and invites the CPAM', async () => {
    const { context, page } = await loggedIn('caf@demo.localhost');
    await page.goto('/dossiers?boite=organisme');
    await expectNoAxeViolations(page);
    await page.click(`a[href="${caseUrl}"]`);
    await page.waitForURL(`**${caseUrl}`);
    await expectNoAxeViolations(page);
    await page.click('button:has-text("Je m’en occupe")');
    await page.waitForURL(`**${caseUrl}?ok=prise`);
    expect(await page.locator('main').textContent()).toContain('Vous vous occupez de ce dossier');
    await page.click('label[for="type-answer"]');
    await page.fill('#texte', 'Prime à la naissance versée ce jour ; attestation jointe.');
    await page.setInputFiles('#pieces', {
      name: 'attestation.png',
      mimeType: 'image/png',
      buffer: samplePng,
    });
    await page.click('button:has-text("Envoyer")');
    await page.waitForURL(`**${caseUrl}?ok=message`);
    expect(await page.locator('main').textContent()).toContain('attestation.png');
    await page.selectOption('#organisme', { label: 'CPAM du Lot' });
    await page.click('button:has-text("Inviter")');
    await page.waitForURL(`**${caseUrl}?ok=invitation`);
    expect(await page.locator('main').textContent()).toContain('a invité CPAM du Lot');
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('the CPAM agent downloads the file and answers', async () => {
    const { context, page } = await loggedIn('cpam@demo.localhost');
    await page.goto(caseUrl);
    await expectNoAxeViolations(page);
    const download = await page.request.get(
      (await page.locator('a:has-text("attestation.png")').getAttribute('href')) ?? '',
    );
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(samplePng)).toBe(true);
    await page.fill('#texte', 'Droits de l’enfant ouverts sur la carte Vitale de la mère.');
    await page.click('button:has-text("Envoyer")');
    await page.waitForURL(`**${caseUrl}?ok=message`);
    expect(await page.locator('main').textContent()).toContain('Droits de l’enfant ouverts');
    await context.close();
  });

  it('the helper reads everything, sees who read, and closes the case as useful', async () => {
    const { context, page } = await loggedIn('aidant@demo.localhost');
    await page.goto('/dossiers');
    await expectNoAxeViolations(page);
    await page.goto(caseUrl);
    const text = await page.locator('main').textContent();
    expect(text).toContain('Alex Instructeur');
    expect(text).toContain('Morgan Référent');
    expect(await page.locator('#lu-par').textContent()).toContain('Morgan Référent');
    await page.click('label[for="utile-yes"]');
    await page.fill('#resultat', 'Prime versée et droits santé de l’enfant ouverts en une semaine.');
    await page.click('button:has-text("Clore le dossier")');
    await page.waitForURL(`**${caseUrl}?ok=cloture`);
    expect(await page.locator('h1').textContent()).toContain('Clos');
    await expectNoAxeViolations(page);
    await context.close();
    const row = await h.t.db
      .selectFrom('cases')
      .select(['status', 'usefulness'])
      .where('id', '=', caseUrl.split('/').pop()!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'closed', usefulness: 'yes' });
  });

  it('shows the case and its thread without JavaScript on a 320 px screen', async () => {
    const { context, page } = await loggedIn('aidant@demo.localhost', { javaScript: false, width: 320 });
    await page.goto(caseUrl);
    expect(await page.locator('main').textContent()).toContain('Prime à la naissance versée');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320);
    await page.goto('/parametres/courriels');
    await page.click('label[for="volume-digest"]');
    await page.click('button:has-text("Enregistrer")');
    await page.waitForURL('**/parametres/courriels?enregistre=1');
    expect(await page.locator('input[name="volume"][value="digest"]').isChecked()).toBe(true);
    await context.close();
  });
});
