// Moments of life in a real browser, from the home page to the printed plan: with and without JavaScript, at
// 320 px, by keyboard, with axe on every step (start page, each question, an error, the summary, the plan).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, newPage, startBrowserHarness, type BrowserHarness } from './browser.ts';
import { addDays, todayInParis } from '../src/features/navigator/calendar.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
});
afterAll(async () => {
  await h?.close();
});

const today = todayInParis();

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

  it('first hire: by keyboard only, from the home page to the printed plan with the cost of hiring', async () => {
    const { context, page } = await newPage(h);
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
    await page.focus('#eventDate');
    await page.keyboard.type(addDays(today, 20).split('-').reverse().join(''));
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
    await page.focus('text=Voir mon plan');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/first-hire/plan');
    expect(await page.locator('[data-hire-cost]').textContent()).toMatch(
      /Coût mensuel de l’embauche : [\d\s ]+,\d\d\s?€ par mois/,
    );
    expect(await page.locator('[data-procedure="declare-hire"]').count()).toBe(1);
    await expectNoAxeViolations(page);
    await expectCleanPrint(page);
    await context.close();
  }, 240_000);

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
    expect(await page.locator('[data-benefit="micro-entrepreneur-cotisations"]').textContent()).toContain('à payer');
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
    expect(
      (await page.locator('[data-benefit="apa-domicile"]').count()) +
        (await page.locator('[data-procedure="request-apa"]').count()),
    ).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await page.click('text=Enregistrer et reprendre plus tard');
    const link = await page.locator('[data-resume-link]').getAttribute('href');
    expect(link).toContain('/moments-de-vie/reprendre/');
    await expectNoAxeViolations(page);
    await page.goto('/moments-de-vie/reprendre/lien-inconnu-lien-inconnu-lien-inconnu');
    expect(await page.locator('h1').textContent()).toBe('Ce lien ne fonctionne pas');
    await expectNoAxeViolations(page);
    await context.close();
  }, 240_000);
});
