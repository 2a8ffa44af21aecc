// Saving a plan with reminders, in Chromium on a 360 px wide screen: the save page, its errors next to the
// fields, the saved page with the private link and the reminders to come, then the stop link of the first
// message (read from the real local SMTP server) — axe finds nothing on any of them. The same save works
// without JavaScript. The app’s clock is fixed on Sunday 6 December 2026; the birth is expected on Monday
// 15 February 2027 in Cahors.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  expectNoAxeViolations,
  newPage,
  startBrowserHarness,
  submitted,
  type BrowserHarness,
} from './browser.ts';
import { testConfig } from '../test/helpers.ts';

const width = 360;
// Screenshots for a person to look at (not compared): set E2E_SCREENSHOTS to a folder.
const shots = process.env.E2E_SCREENSHOTS;

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness({
    fixedToday: '2026-12-06',
    devMailbox: true,
    smtp: { ...testConfig().smtp, port: 0 },
  });
});
afterAll(async () => {
  await h?.close();
});

async function look(page: Page, name: string) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `${name} is wider than the screen`).toBeLessThanOrEqual(width);
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  }
}

/** Fills the one-page form of the birth plan and opens the plan. */
async function birthPlan(page: Page) {
  await page.goto('/moments-de-vie/birth/formulaire');
  await page.fill('#eventDate', '2027-02-15');
  await page.selectOption('#commune', '46042');
  await page.click('text=Voir le plan');
  expect(new URL(page.url()).pathname).toBe('/moments-de-vie/birth/plan');
}

describe('saving a plan with reminders in Chromium', () => {
  it('at 360 px: the save page, wrong fields, the saved page and the stop link, axe on each', async () => {
    const { context, page } = await newPage(h, { width });
    await birthPlan(page);
    expect(await page.locator('a[href$="/plan.ics"]').count()).toBe(1);
    await page.click('text=Enregistrer et reprendre plus tard');
    expect(new URL(page.url()).pathname).toBe('/moments-de-vie/birth/enregistrer');
    expect(await page.locator('h1').textContent()).toBe('Enregistrer mon plan');
    // The last deadline of a birth on 15 February 2027 is telling the tax office within 60 days: 13 days left
    // in February (28 days in 2027) + 31 in March + 16 in April = 60, so 16 April 2027; the link lives a month
    // more, until 16 May 2027.
    expect(await page.locator('[data-expires-on]').first().getAttribute('data-expires-on')).toBe(
      '2027-05-16',
    );
    expect(await page.locator('[data-reminder-schedule] li').count()).toBe(5);
    await expectNoAxeViolations(page);
    await look(page, '1-save-page');

    // By e-mail, a wrong address and no consent: both said next to their field, the input kept.
    await page.click('label[for="reminders-courriel"]');
    await page.fill('#email', 'pas une adresse');
    await page.click('button:has-text("Enregistrer mon plan")');
    expect(await page.locator('#email-error').textContent()).toBe(
      'Cette adresse électronique n’est pas valide : elle s’écrit comme nom@exemple.fr.',
    );
    expect(await page.locator('#consent-messages').textContent()).toContain('Cochez la case');
    expect(await page.inputValue('#email')).toBe('pas une adresse');
    expect(await page.isChecked('#reminders-courriel')).toBe(true);
    expect(await page.title()).toMatch(/^Erreur — /);
    await expectNoAxeViolations(page);
    await look(page, '2-save-errors');

    await page.fill('#email', 'parent@exemple.fr');
    await page.click('label[for="consent"]');
    await page.click('button:has-text("Enregistrer mon plan")');
    expect(await page.locator('h1').textContent()).toBe('Vos réponses sont enregistrées');
    const link = await page.locator('[data-resume-link]').getAttribute('href');
    expect(link).toContain('/moments-de-vie/reprendre/');
    expect(await page.locator('[data-reminders="email"]').textContent()).toContain('parent@exemple.fr');
    await expectNoAxeViolations(page);
    await look(page, '3-saved');

    // The first message, through the real SMTP server, carries the stop link: one click stops the reminders.
    // A minute after the fixed day's current time: the first message is due whatever the hour the test runs.
    await h.t.app.jobs.tick(new Date(h.t.app.clock.now().getTime() + 60_000));
    const mail = await h.t.app.devMailbox!.waitFor((m) => m.to.includes('parent@exemple.fr'));
    expect(mail.text).toContain(link!);
    const stop = /http:\/\/\S+\/moments-de-vie\/rappels\/arret\/[\w-]+/.exec(mail.text)![0];
    await page.goto(stop);
    expect(await page.locator('h1').textContent()).toBe('Vos rappels sont arrêtés');
    expect(await page.locator('[data-stopped]').textContent()).toContain(
      'Votre adresse ou votre numéro est effacé',
    );
    await expectNoAxeViolations(page);
    await look(page, '4-stopped');
    await page.goto(stop);
    expect(await page.locator('h1').textContent()).toBe('Vos rappels étaient déjà arrêtés');

    // The private link still opens the answers.
    await page.goto(link!);
    expect(new URL(page.url()).pathname).toBe('/moments-de-vie/birth/recapitulatif');
    await context.close();
  }, 240_000);

  it('without JavaScript at 360 px, by keyboard: the reminders are asked for and the link is given', async () => {
    const { context, page } = await newPage(h, { width, javaScript: false });
    await birthPlan(page);
    await page.goto('/moments-de-vie/birth/enregistrer');
    // Keyboard only: the radio, the address, the consent box and the button, each reached with Tab.
    await page.focus('#reminders-non');
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('#reminders-courriel')).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
    await page.keyboard.type('sans-script@exemple.fr');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('phone');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('consent');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Enregistrer mon plan',
    );
    await submitted(page);
    expect(await page.locator('h1').textContent()).toBe('Vos réponses sont enregistrées');
    expect(await page.locator('[data-reminders="email"]').textContent()).toContain('sans-script@exemple.fr');
    await look(page, '5-saved-without-javascript');
    await context.close();
  }, 240_000);

  it('an address the mail server refuses is said on the next visit of the link; an erased link says so; axe on both', async () => {
    const { context, page } = await newPage(h, { width });
    await birthPlan(page);
    await page.goto('/moments-de-vie/birth/enregistrer');
    await page.click('label[for="reminders-courriel"]');
    await page.fill('#email', 'personne@refus.invalid');
    await page.click('label[for="consent"]');
    await page.click('button:has-text("Enregistrer mon plan")');
    const link = (await page.locator('[data-resume-link]').getAttribute('href'))!;
    await h.t.app.jobs.tick(new Date('2026-12-07T06:00:00Z'));
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe('Vos rappels n’ont pas pu être envoyés');
    expect(await page.locator('[data-refusal="email"]').textContent()).toContain(
      'L’adresse personne@refus.invalid a été refusée par son serveur de messagerie',
    );
    await expectNoAxeViolations(page);
    await look(page, '7-refused-address');
    await page.click('text=Voir mes réponses');
    expect(new URL(page.url()).pathname).toBe('/moments-de-vie/birth/recapitulatif');
    // Erased from the saved page's button: the link then says the answers were erased.
    await page.goto('/moments-de-vie/birth/enregistrer');
    await page.click('button:has-text("Enregistrer mon plan")');
    const second = (await page.locator('[data-resume-link]').getAttribute('href'))!;
    await page.click('button:has-text("Supprimer ces réponses enregistrées")');
    expect(await page.locator('h1').textContent()).toBe('Vos réponses enregistrées sont effacées');
    const erased = await page.goto(second);
    expect(erased!.status()).toBe(410);
    expect(await page.locator('h1').textContent()).toBe('Ces réponses ont été effacées');
    await expectNoAxeViolations(page);
    await look(page, '8-erased-link');
    await context.close();
  }, 240_000);

  it('a plan without dates: no calendar link, and the save page says there is nothing to remind', async () => {
    const { context, page } = await newPage(h, { width });
    await page.goto('/moments-de-vie/autonomy-loss/formulaire');
    await page.fill('#eventDate', '2026-12-01');
    await page.selectOption('#commune', '46042');
    await page.click('text=Voir le plan');
    expect(await page.locator('a[href$="/plan.ics"]').count()).toBe(0);
    await page.click('text=Enregistrer et reprendre plus tard');
    expect(await page.locator('main').textContent()).toContain('il n’y a pas de rappel à programmer');
    expect(await page.locator('input[name="reminders"]').count()).toBe(0);
    await expectNoAxeViolations(page);
    await look(page, '6-save-without-dates');
    await context.close();
  }, 240_000);
});
