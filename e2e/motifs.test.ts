// Motifs and booking from a case, in Chromium on a 360 px screen: the CAF's manager adds a motif (a wrong duration
// first, told beside the field), offers it on a range at Catus, and the public slots page then offers it; a France
// Services helper books for the resident of a shared case from the case page, with the contact taken from the
// case, and the case's thread tells of it. Axe finds nothing on any page; screenshots on demand.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createSession } from '../src/platform/auth/session.ts';
import { userIdByEmail } from '../test/helpers.ts';
import { openCaseThroughForm } from '../test/factories.ts';
import { expectNoAxeViolations, newPage, startBrowserHarness, type BrowserHarness } from './browser.ts';

/** Where to keep screenshots for a person to look at (`E2E_SCREENSHOTS=/tmp/shots`); none when unset. */
const shots = process.env.E2E_SCREENSHOTS;

let h: BrowserHarness;
beforeAll(async () => {
  // Sunday 6 December 2026.
  h = await startBrowserHarness({ fixedToday: '2026-12-06' });
  if (shots) fs.mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await h?.close();
});

/** A 360 px page signed in as a demo account. */
async function signedIn(email: string): Promise<Page> {
  const token = await createSession(h.t.db, h.t.config, await userIdByEmail(h.t.db, email), 'test');
  const { context, page } = await newPage(h, { width: 360 });
  await context.addCookies([{ name: 'sc_session', value: token, url: h.baseUrl }]);
  return page;
}

/** Axe, nothing wider than the screen, and a screenshot. */
async function check(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

describe('motifs and booking from a case', { timeout: 180_000 }, () => {
  it('a manager creates a motif and the public slots page offers it', async () => {
    const page = await signedIn('responsable-caf@demo.localhost');
    await page.goto('/agenda');
    await page.click('a:has-text("Motifs de rendez-vous")');
    await page.waitForURL('**/agenda/motifs');
    await check(page, '1-motifs');

    // Wrong first: a duration that is not a number, a minimum delay past the maximum.
    await page.fill('#libelle', 'Aide à la déclaration trimestrielle');
    await page.fill('#duree', 'abc');
    await page.fill('#delai_min', '100');
    await page.fill('#delai_max', '3');
    await page.click('button:has-text("Ajouter le motif")');
    expect(await page.textContent('#duree-error')).toContain('entre 5 et 480');
    expect(await page.textContent('#delai_min-error')).toContain('plus court que le délai maximum');
    expect(await page.textContent('.fr-alert--error')).toContain('Le formulaire contient 2 erreurs');
    expect(await page.inputValue('#duree')).toBe('abc');
    await check(page, '2-motif-errors');

    // Corrected with the keyboard only: the error summary's link leads to the field, Enter sends the form.
    await page.fill('#consignes_avant', 'Ayez votre numéro d’allocataire.');
    await page.fill('#delai_min', '24');
    await page.fill('#delai_max', '30');
    await page.focus('.fr-alert--error a[href="#duree"]');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#duree');
    await page.focus('#duree');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('45');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/agenda/motifs?organisme=caf-lot&ok=cree');
    expect(await page.textContent('[role=status]')).toContain('Motif ajouté');
    const link = page.locator('a:has-text("Aide à la déclaration trimestrielle")');
    await link.click();
    await page.waitForURL('**/agenda/motifs/*');
    expect(await page.inputValue('#duree')).toBe('45');
    await check(page, '3-motif');

    // The manager offers it on Wednesday mornings at Catus.
    await page.goto('/agenda/plages');
    await page.selectOption('#lieu', 'france-services-catus');
    await page.selectOption('#jour', '3');
    await page.fill('#debut', '09:00');
    await page.fill('#fin', '12:00');
    await page.click('label:has-text("Aide à la déclaration trimestrielle")');
    await page.click('button:has-text("Ajouter la plage")');
    expect(await page.textContent('[role=status]')).toContain('Plage ajoutée');

    // The public, without an account.
    const { context, page: pub } = await newPage(h, { width: 360 });
    await pub.goto('/rendez-vous?lieu=france-services-catus');
    await pub.click('a.fr-tag:has-text("Aide à la déclaration trimestrielle")');
    await pub.waitForURL('**/rendez-vous?lieu=france-services-catus&motif=*');
    expect(await pub.textContent('main')).toContain('Ayez votre numéro d’allocataire.');
    // Wednesday 9 December, 9:00–12:00 in 45 minutes: 9 h, 9 h 45, 10 h 30, 11 h 15.
    const times = await pub.locator('[data-day="2026-12-09"] a[data-slot]').allTextContents();
    expect(times.map((t) => t.split(' le ')[0]!.trim())).toEqual(['9 h', '9 h 45', '10 h 30', '11 h 15']);
    await check(pub, '4-public-slots');
    await context.close();
  });

  it('a helper books for the resident of a shared case from the case page', async () => {
    const caseId = await openCaseThroughForm(h.t, ['caf-lot'], [], {
      telephone: '06 11 22 33 44',
      courriel: 'jeanne.martin@exemple.localhost',
    });
    const page = await signedIn('aidant@demo.localhost');
    await page.goto(`/dossiers/${caseId}`);
    await page.click('a:has-text("Prendre un rendez-vous pour cette personne")');
    await page.waitForURL(`**/agenda/rdv?dossier=${caseId}`);
    await check(page, '5-choose-place');
    await page.click('a:has-text("France Services de Catus")');
    await page.waitForURL('**/agenda/rdv?lieu=france-services-catus*');
    await page.click('a.fr-tag:has-text("Aide à une démarche administrative")');
    await page.locator('[data-day="2026-12-08"] a[data-slot]').first().click();
    await page.waitForURL('**/agenda/rdv/reserver?creneau=*');
    expect(await page.inputValue('#prenom')).toBe('Jeanne');
    expect(await page.inputValue('#nom')).toBe('Martin');
    expect(await page.inputValue('#courriel')).toBe('jeanne.martin@exemple.localhost');
    expect(await page.textContent('#dossier')).toContain('reprises du dossier');
    await check(page, '6-booking-form');
    // Forgetting the resident's agreement first: told beside the box.
    await page.click('button:has-text("Confirmer le rendez-vous")');
    expect(await page.textContent('#consentement-messages')).toContain('Cochez la case');
    await page.click('label[for="consentement"]');
    await page.click('button:has-text("Confirmer le rendez-vous")');
    await page.waitForURL(`**/dossiers/${caseId}?ok=rendez-vous`);
    expect(await page.textContent('[role=status]')).toContain('Le rendez-vous est pris');
    expect(await page.textContent('.sc-thread')).toContain(
      'a pris rendez-vous pour l’usager le mardi 8 décembre 2026 à 9 h, France Services de Catus',
    );
    await check(page, '7-case-after');
  });
});
