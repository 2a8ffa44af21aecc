// Moments of life in a real browser, from the home page to the printed plan: with and without JavaScript, at
// 320 px, by keyboard, with axe on every step (start page, each question, an error, the summary, the plan).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  expectNoAxeViolations,
  newPage,
  startBrowserHarness,
  typeDate,
  type BrowserHarness,
} from './browser.ts';
import { addDays, frenchDate, todayInParis } from '../src/platform/dates.ts';

// The day the server believes it is: E2E_TODAY (YYYY-MM-DD) replays a given day, else the system's day. The
// dates typed below are relative to it, and each walk checks the date the server received.
const today = process.env.E2E_TODAY ?? todayInParis();

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness({ fixedToday: process.env.E2E_TODAY });
});
afterAll(async () => {
  await h?.close();
});

/** 'dd/mm/yyyy', as the summary shows a date. */
function summaryDate(isoDate: string): string {
  return isoDate.split('-').reverse().join('/');
}

/** Fails unless the summary shows the event date the test meant: a misread date can never pass unseen. */
async function expectEventDateOnSummary(page: Page, isoDate: string) {
  expect(new URL(page.url()).pathname).toMatch(/\/recapitulatif$/);
  const cell = page.locator('tr:has(a[href*="/questions/eventDate"]) td').nth(1);
  expect((await cell.textContent())?.trim()).toBe(summaryDate(isoDate));
}

/** Fails when the page is wider than the screen (no horizontal scrolling at 320 px). */
async function expectFits(page: Page, width: number) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width);
}

/** Answers the question on screen like a resident would, or says "je ne sais pas". */
async function answer(page: Page, question: string, eventDate: string) {
  const fill = (selector: string, value: string) => page.fill(selector, value);
  const pick = (id: string) => page.click(`label[for="${id}"]`);
  switch (question) {
    case 'eventDate':
      return fill('#eventDate', eventDate);
    case 'commune':
      return page.selectOption('#commune', '46042');
    case 'couple':
      return pick('couple-non');
    case 'student':
      return pick('student-non');
    case 'pregnant':
      return pick('pregnant-non');
    case 'housingAid':
      return fill('#housingAid', '0');
    case 'birthDate':
      return fill('#birthDate', '1984-02-29');
    case 'earnings':
      return fill('#earnings', '1250,50');
    case 'replacementIncome':
      return fill('#replacementIncome', '0');
    case 'children':
      return fill('#child1', '2020-09-01');
    case 'housing':
      await pick('housingStatus-tenant');
      return fill('#monthlyRent', '480');
    case 'salary':
      return fill('#salary', '2100');
    case 'businessActivity':
      return pick('businessActivity-services');
    case 'turnover':
      return fill('#turnover', '30000');
    case 'acre':
      return pick('acre-oui');
    case 'acreGroup':
      return pick('acreGroup-oui');
    case 'employmentRestriction':
      return pick('employmentRestriction-oui');
    default:
      return null;
  }
}

type AxeCheck = (page: Page) => Promise<void>;

/**
 * Axe for a page opened without JavaScript: axe itself needs scripts (its run never settles otherwise), so the same
 * URL is opened, with the same cookies, in a second context with JavaScript and checked there.
 */
async function axeViaScriptedTwin(noScriptPage: Page): Promise<void> {
  const { context, page } = await newPage(h, { width: noScriptPage.viewportSize()?.width ?? 1280 });
  await context.addCookies(await noScriptPage.context().cookies());
  await page.goto(noScriptPage.url());
  await expectNoAxeViolations(page);
  await context.close();
}

/** Walks the questionnaire from the current question to the summary; axe on every page. */
async function walkQuestions(
  page: Page,
  eventDate: string,
  width?: number,
  axe: AxeCheck = expectNoAxeViolations,
): Promise<string[]> {
  const asked: string[] = [];
  for (let guard = 0; guard < 20 && page.url().includes('/questions/'); guard++) {
    const question = new URL(page.url()).pathname.split('/').pop()!;
    asked.push(question);
    expect(await page.locator('h1').count()).toBe(1);
    await axe(page);
    if (width) await expectFits(page, width);
    const answered = await answer(page, question, eventDate);
    if (answered === null && (await page.locator('button[value="passer"]').count()) > 0)
      await page.click('button[value="passer"]');
    else await page.click('button[value="continuer"]');
    await page.waitForLoadState('domcontentloaded');
  }
  if (asked.includes('eventDate')) await expectEventDateOnSummary(page, eventDate);
  return asked;
}

/** Prints the plan: navigation and actions hidden, explanations shown, and a real PDF out of Chromium. */
async function expectCleanPrint(page: Page) {
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('.fr-header__menu').isVisible()).toBe(false);
  expect(await page.locator('footer').isVisible()).toBe(false);
  expect(await page.locator('a[href$="plan.pdf"]').isVisible()).toBe(false);
  expect(await page.locator('form[action$="/plan/envoyer"]').isVisible()).toBe(false);
  expect(await page.locator('h1').isVisible()).toBe(true);
  expect(await page.locator('[data-procedure]').first().isVisible()).toBe(true);
  const printed = await page.pdf({ format: 'A4' });
  expect(printed.subarray(0, 5).toString()).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });
}

describe('moments of life in Chromium', () => {
  it('birth: from the home page to the printed plan, with JavaScript, axe on every step', async () => {
    const { context, page } = await newPage(h);
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto('/');
    await page.click('a[href="/moments-de-vie/birth"]');
    expect(new URL(page.url()).pathname).toBe('/moments-de-vie/birth');
    await expectNoAxeViolations(page);
    await page.click('text=Commencer');
    // A refused answer first: a date too far ahead, shown next to the field, and axe still finds nothing.
    await page.fill('#eventDate', addDays(today, 400));
    await page.click('button[value="continuer"]');
    expect(await page.locator('#eventDate-error').textContent()).toContain('trop loin');
    await expectNoAxeViolations(page);
    const born = addDays(today, -3);
    const asked = await walkQuestions(page, born);
    expect(asked.slice(0, 2)).toEqual(['eventDate', 'commune']);
    expect(new URL(page.url()).pathname).toBe('/moments-de-vie/birth/recapitulatif');
    await expectNoAxeViolations(page);
    await page.click('text=Voir mon plan');
    expect(new URL(page.url()).pathname).toBe('/moments-de-vie/birth/plan');
    expect(await page.locator('[data-procedure="declare-birth"] [data-place="mairie-cahors"]').count()).toBe(
      1,
    );
    await expectNoAxeViolations(page);
    // "Pourquoi ce montant ?" opens in place.
    const details = page.locator('details').first();
    await details.locator('summary').click();
    expect(await details.getAttribute('open')).not.toBeNull();
    await expectCleanPrint(page);
    // The refused answer is a 400 page on purpose; anything else (CSP, script error) is a failure.
    expect(
      errors.filter((e) => !/status of 400/.test(e)),
      errors.join('\n'),
    ).toEqual([]);
    await context.close();
  }, 240_000);

  it('job loss: without JavaScript on a 320 px wide screen, axe on every step, printed plan', async () => {
    const { context, page } = await newPage(h, { javaScript: false, width: 320 });
    page.setDefaultTimeout(15_000);
    await page.goto('/');
    await page.click('a[href="/moments-de-vie/job-loss"]');
    await expectFits(page, 320);
    await page.click('text=Commencer');
    // A negative income is refused next to the field; the answer typed is kept.
    const asked = await walkQuestions(page, addDays(today, -15), 320, axeViaScriptedTwin);
    expect(asked).toContain('earnings');
    await page.goto('/moments-de-vie/job-loss/questions/earnings?retour=recapitulatif');
    await page.fill('#earnings', '-20');
    await page.click('button[value="continuer"]');
    expect(await page.locator('#earnings-error').textContent()).toBe('Le montant ne peut pas être négatif.');
    expect(await page.inputValue('#earnings')).toBe('-20');
    await page.fill('#earnings', '0');
    await page.click('button[value="continuer"]');
    expect(new URL(page.url()).pathname).toBe('/moments-de-vie/job-loss/recapitulatif');
    await expectFits(page, 320);
    await page.click('text=Voir mon plan');
    expect(await page.locator('[data-procedure="register-france-travail"]').count()).toBe(1);
    await axeViaScriptedTwin(page);
    await expectFits(page, 320);
    // Without JavaScript, "pourquoi ce montant ?" still opens (a native <details>).
    await page.locator('details summary').first().click();
    expect(await page.locator('details').first().getAttribute('open')).not.toBeNull();
    await expectCleanPrint(page);
    await context.close();
  }, 240_000);

  // Typed dates are where a test depends on the day it runs: this walk runs on the server's day and on a second,
  // fixed day (its own server on a fixed clock), so that a date misread by the browser cannot pass on either.
  const otherDay = today === '2027-01-19' ? '2027-03-02' : '2027-01-19';
  for (const day of [today, otherDay]) {
    it(`first hire on ${day}: by keyboard only, from the home page to the printed plan with the cost of hiring`, async () => {
      const onDay = day === today ? h : await startBrowserHarness({ fixedToday: day });
      const { context, page } = await newPage(onDay);
      await page.goto('/');
      // Tab to the tile link of this moment of life and open it with Enter.
      let focused = '';
      for (let i = 0; i < 60 && focused !== '/moments-de-vie/first-hire'; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(
          () => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href') ?? '',
        );
      }
      expect(focused).toBe('/moments-de-vie/first-hire');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/moments-de-vie/first-hire');
      await page.focus('text=Commencer');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/questions/eventDate');
      const hireDate = addDays(day, 20);
      expect(await typeDate(page, '#eventDate', hireDate)).toBe(hireDate);
      await page.keyboard.press('Enter');
      await page.waitForURL('**/questions/commune');
      await page.focus('#commune');
      await page.keyboard.type('Cahors');
      // Enter does not submit from a list box: Tab to the "Continuer" button, then Enter.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/questions/salary');
      await expectNoAxeViolations(page);
      await page.focus('#salary');
      await page.keyboard.type('2100');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/recapitulatif');
      await expectEventDateOnSummary(page, hireDate);
      await page.focus('text=Voir mon plan');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/first-hire/plan');
      expect(await page.locator('[data-hire-cost]').textContent()).toMatch(
        /Coût mensuel de l’embauche : [\d\s ]+,\d\d\s?€ par mois/,
      );
      expect(await page.locator('main').textContent()).toContain(
        `Date de l’événement : ${frenchDate(hireDate)}`,
      );
      expect(await page.locator('[data-procedure="declare-hire"]').count()).toBe(1);
      await expectNoAxeViolations(page);
      await expectCleanPrint(page);
      await context.close();
      if (onDay !== h) await onDay.close();
    }, 240_000);
  }

  it('a browser without a date picker: the date typed the French way in a text field is the date received', async () => {
    const { context, page } = await newPage(h);
    await page.goto('/moments-de-vie/moving/questions/eventDate');
    // What a browser without a date picker shows: a plain text field.
    await page.evaluate(() => document.querySelector('#eventDate')?.setAttribute('type', 'text'));
    const moved = addDays(today, -5);
    await page.locator('#eventDate').pressSequentially(summaryDate(moved).replace(/\//g, ' '));
    await page.click('button[value="continuer"]');
    await page.waitForURL('**/questions/commune');
    await page.goto('/moments-de-vie/moving/recapitulatif');
    await expectEventDateOnSummary(page, moved);
    await context.close();
  }, 60_000);

  it('business creation at 42: the ACRE is asked about the entitled groups, then shown in the plan; axe on every step', async () => {
    const { context, page } = await newPage(h);
    await page.goto('/moments-de-vie/business-creation');
    await page.click('text=Commencer');
    const asked = await walkQuestions(page, addDays(today, -10));
    // The applicant is 42 (born 29 February 1984) and asks for the ACRE: whether a group applies decides.
    expect(asked).toEqual(expect.arrayContaining(['acre', 'birthDate', 'acreGroup']));
    expect(asked.indexOf('acreGroup')).toBeGreaterThan(asked.indexOf('birthDate'));
    expect(new URL(page.url()).pathname).toBe('/moments-de-vie/business-creation/recapitulatif');
    await page.click('text=Voir mon plan');
    const acre = page.locator('[data-benefit="acre"]');
    expect(await acre.count()).toBe(1);
    expect(await acre.locator('.fr-badge--success').count()).toBe(1);
    expect(await page.locator('[data-benefit="micro-entrepreneur-cotisations"]').textContent()).toContain(
      'à payer',
    );
    await expectNoAxeViolations(page);
    await context.close();
  }, 240_000);

  it('helpers: the one-page form and the resume pages pass axe; an expired link offers to start again', async () => {
    const { context, page } = await newPage(h);
    await page.goto('/moments-de-vie/autonomy-loss');
    await page.click('text=Formulaire sur une page');
    await expectNoAxeViolations(page);
    await page.fill('#eventDate', today);
    await page.selectOption('#commune', '46064');
    await page.fill('#birthDate', addDays(today, 10));
    await page.click('text=Voir le plan');
    expect(await page.locator('#birthDate-error').textContent()).toBe(
      'La date de naissance ne peut pas être dans le futur.',
    );
    expect(await page.inputValue('#commune')).toBe('46064');
    await expectNoAxeViolations(page);
    await page.fill('#birthDate', '1940-06-01');
    await page.click('label[for="gir-3"]');
    await page.click('text=Voir le plan');
    expect(new URL(page.url()).pathname).toBe('/moments-de-vie/autonomy-loss/plan');
    expect(await page.locator('main').textContent()).toContain(`Date de l’événement : ${frenchDate(today)}`);
    expect(
      (await page.locator('[data-benefit="apa-domicile"]').count()) +
        (await page.locator('[data-procedure="request-apa"]').count()),
    ).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await page.click('text=Enregistrer et reprendre plus tard');
    expect(new URL(page.url()).pathname).toBe('/moments-de-vie/autonomy-loss/enregistrer');
    await expectNoAxeViolations(page);
    await page.click('button:has-text("Enregistrer mon plan")');
    const link = await page.locator('[data-resume-link]').getAttribute('href');
    expect(link).toContain('/moments-de-vie/reprendre/');
    await expectNoAxeViolations(page);
    await page.goto('/moments-de-vie/reprendre/lien-inconnu-lien-inconnu-lien-inconnu');
    expect(await page.locator('h1').textContent()).toBe('Ce lien ne fonctionne pas');
    await expectNoAxeViolations(page);
    await context.close();
  }, 240_000);
});
