// Four residents of the bassin de vie walk their moment of life on a 360 px phone, as the field tests saw them: a
// couple in Catus expecting a baby, an 82-year-old widow in Lalbenque losing autonomy, a 24-year-old starting a
// micro-enterprise in Cahors (without JavaScript), a person losing their job in Saint-Géry-Vers (without
// JavaScript). Axe on every page, nothing wider than the screen, a screenshot of each plan (written to the
// system's temporary folder, looked at by a person), and the plan's amounts held against figures computed by hand
// from the official parameters (in each test's comment). The app's clock is fixed on 6 December 2026.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, newPage, startBrowserHarness, type BrowserHarness } from './browser.ts';

const shots = path.join(os.tmpdir(), 'sans-couture-residents');
let h: BrowserHarness;
beforeAll(async () => {
  fs.mkdirSync(shots, { recursive: true });
  h = await startBrowserHarness({ fixedToday: '2026-12-06' });
});
afterAll(async () => {
  await h?.close();
});

/** Axe, once the page has settled; for a page without JavaScript, the same URL in a twin with it. */
async function axe(page: Page, scripted: boolean) {
  if (scripted) return expectNoAxeViolations(page);
  const twin = await newPage(h, { width: 360 });
  await twin.context.addCookies(await page.context().cookies());
  await twin.page.goto(page.url());
  await expectNoAxeViolations(twin.page);
  await twin.context.close();
}

async function expectFits(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

/**
 * Walks the questionnaire from the current page to the summary, answering each field on the page from `answers`
 * (by field name: text for inputs, the option's value for radio buttons and lists); a question whose fields are
 * not all in `answers` is skipped with « je ne sais pas ». Returns the questions asked.
 */
async function walk(page: Page, answers: Record<string, string>, scripted: boolean): Promise<string[]> {
  const asked: string[] = [];
  for (let guard = 0; guard < 30 && page.url().includes('/questions/'); guard++) {
    asked.push(new URL(page.url()).pathname.split('/').pop()!);
    await axe(page, scripted);
    await expectFits(page);
    const fields = await page
      .locator('form#question input:not([type=hidden]), form#question select')
      .evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLInputElement).name))]);
    const known = fields.filter((f) => f in answers);
    if (known.length === 0 || known.length < fields.filter((f) => !/^child[2-6]$/.test(f)).length) {
      await page.click('button[value="passer"]');
    } else {
      for (const name of known) {
        const value = answers[name]!;
        const radio = page.locator(`input[type=radio][name="${name}"][value="${value}"]`);
        if ((await radio.count()) > 0) await page.click(`label[for="${await radio.getAttribute('id')}"]`);
        else if ((await page.locator(`select[name="${name}"]`).count()) > 0)
          await page.selectOption(`select[name="${name}"]`, value);
        else await page.fill(`[name="${name}"]`, value);
      }
      await page.click('button[value="continuer"]');
    }
    await page.waitForLoadState('domcontentloaded');
  }
  expect(new URL(page.url()).pathname).toMatch(/\/recapitulatif$/);
  return asked;
}

/** Opens the plan from the summary, checks it, and keeps a screenshot of it. */
async function plan(page: Page, name: string, scripted: boolean): Promise<string> {
  await page.click('text=Voir mon plan');
  await page.waitForURL('**/plan');
  await axe(page, scripted);
  await expectFits(page);
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  return ((await page.locator('main').textContent()) ?? '').replace(/[\u202f\u00a0\s]+/g, ' ');
}

/** A benefit's block as it reads (its text, not as styled: badges are upper-cased by the DSFR), spaces made plain. */
const benefit = async (page: Page, id: string) =>
  ((await page.locator(`[data-benefit="${id}"]`).textContent()) ?? '').replace(/[\u202f\u00a0\s]+/g, ' ');

describe('four residents on a 360 px phone', () => {
  it('a couple in Catus expecting their second child in February (with JavaScript)', async () => {
    // BMAF of 1 April 2026 = 478,16 €, CRDS 0,5 % (CSS L521-1, D521-1, L531-2, L531-3, D531-2, D531-3):
    // allocations familiales, 2 children: 32 % × 478,16 = 153,011 → × 0,995 = 152,25 € a month, from the month
    // after the birth (March 2027); PAJE allocation de base, full rate: 41,65 % × 478,16 = 199,154 → × 0,995 =
    // 198,16 € a month from March 2027; prime à la naissance: 229,75 % × 478,16 = 1 098,573 → × 0,995 = 1 093,08 €
    // once. Resources of 2025: 21 000 €, below every ceiling for two children and one income.
    const { context, page } = await newPage(h, { width: 360 });
    await page.goto('/moments-de-vie/birth');
    await page.click('text=Commencer');
    await page.fill('#eventDate', '2027-02-15');
    await page.click('button[value="continuer"]');
    const asked = await walk(
      page,
      {
        commune: '46064',
        birthDate: '1994-05-02',
        couple: 'oui',
        partnerBirthDate: '1992-03-10',
        partnerEarnings: '1650',
        partnerReplacementIncome: '0',
        earnings: '0',
        replacementIncome: '0',
        child1: '2022-06-01',
        housingStatus: 'tenant',
        monthlyRent: '520',
        monthlyCharges: '40',
        housingAid: '0',
        annualResources: '21000',
        referenceTaxIncome: '19000',
      },
      true,
    );
    expect(asked).not.toContain('pregnant'); // a birth ahead is a pregnancy: never asked
    const text = await plan(page, 'birth-catus', true);
    expect(text).toContain('Date de l’événement : lundi 15 février 2027');
    expect(await benefit(page, 'allocations-familiales')).toContain(
      'À partir de mars 2027 : 152,25 € par mois',
    );
    expect(await benefit(page, 'paje-allocation-base')).toContain('198,16 € par mois');
    expect(await benefit(page, 'paje-prime-naissance')).toContain('1 093,08 € une fois');
    // Before the birth: declaring the pregnancy and, for an unmarried father, the advance recognition.
    expect(await page.locator('[data-procedure]').count()).toBeGreaterThanOrEqual(4);
    await context.close();
  }, 300_000);

  it('an 82-year-old widow in Lalbenque losing autonomy, GIR 3 (with JavaScript)', async () => {
    // APA at home, December 2026: MTP of 1 January 2026 = 1 288,13 €; ceiling of the care plan for GIR 3 =
    // 0,944 × 1 288,13 = 1 215,99 € a month (CASF R232-10) — a ceiling, said as such.
    const { context, page } = await newPage(h, { width: 360 });
    await page.goto('/moments-de-vie/autonomy-loss');
    await page.click('text=Commencer');
    await page.fill('#eventDate', '2026-12-01');
    await page.click('button[value="continuer"]');
    await walk(
      page,
      {
        commune: '46148',
        birthDate: '1944-05-10',
        gir: '3',
        disabilityPercent: '0',
        couple: 'non',
        earnings: '0',
        replacementIncome: '980',
        housingStatus: 'owner',
        referenceTaxIncome: '11760',
        housingAid: '0',
        children: '',
      },
      true,
    );
    await plan(page, 'autonomy-lalbenque', true);
    expect(await benefit(page, 'apa-domicile')).toContain('plan d’aide jusqu’à 1 215,99 € par mois');
    // No step of an MDPH application for a first claim of the AAH at 82: the APA request instead.
    const steps = await page
      .locator('[data-procedure]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-procedure')));
    expect(steps).toContain('request-apa');
    for (const id of steps) expect(id).not.toMatch(/mdph|aah/);
    await context.close();
  }, 300_000);

  it('a 24-year-old becoming a micro-entrepreneur in Cahors (without JavaScript)', async () => {
    // Commercial services (BIC), 30 000 € a year = 2 500 € a month, created 26 November 2026 (after 1 July 2026):
    // the ACRE, open at 24 (CSS L131-6-4), lowers the social rate of 21,2 % by 25 % = 15,9 % (décret n° 2025-943):
    // 2 500 × 15,9 % = 397,50 → 398 € (the Urssaf counts contributions in whole euros); the training contribution
    // 0,2 % (Code du travail L6331-48) = 5 €; the chamber tax 0,044 % = 1,10 → 1 €: 404,00 € a month. The ACRE
    // saves 2 500 × (21,2 − 15,9) % = 132,50 € a month.
    const { context, page } = await newPage(h, { javaScript: false, width: 360 });
    await page.goto('/moments-de-vie/self-employment');
    await page.click('text=Commencer');
    await page.fill('#eventDate', '2026-11-26');
    await page.click('button[value="continuer"]');
    await walk(
      page,
      {
        commune: '46042',
        businessActivity: 'services',
        turnover: '30000',
        acre: 'oui',
        birthDate: '2002-06-01',
        couple: 'non',
        earnings: '0',
        replacementIncome: '0',
        housingStatus: 'tenant',
        monthlyRent: '420',
        monthlyCharges: '30',
        housingAid: '0',
        child1: '',
      },
      false,
    );
    await plan(page, 'micro-cahors', false);
    expect(await benefit(page, 'micro-entrepreneur-cotisations')).toContain('à payer : 404,00 € par mois');
    expect(await benefit(page, 'acre')).toContain('132,50 €');
    await context.close();
  }, 300_000);

  it('a person losing their job in Saint-Géry-Vers (without JavaScript)', async () => {
    // ARE (règlement d'assurance chômage, art. 14–17; Unédic, 1 July 2025: fixed part 13,18 €, minimum 32,13 €):
    // previous gross salary 1 900 € a month, 24 months worked: SJR = 1 900 × 12 / 365 = 62,47 €; 40,4 % × 62,47 +
    // 13,18 = 38,42 € > 57 % × 62,47 = 35,61 € and > 32,13 €, under 75 % × 62,47 = 46,85 € → 38,42 € a day, ×
    // 30 = 1 152,60 € a month (gross). RSA while it is not paid, December 2026, one person, no income, tenant with no
    // housing aid (no forfait logement): 651,69 € (décret n° 2026-220).
    const { context, page } = await newPage(h, { javaScript: false, width: 360 });
    await page.goto('/moments-de-vie/job-loss');
    await page.click('text=Commencer');
    await page.fill('#eventDate', '2026-11-20');
    await page.click('button[value="continuer"]');
    await walk(
      page,
      {
        commune: '46268',
        birthDate: '1984-02-29',
        couple: 'non',
        earnings: '0',
        replacementIncome: '0',
        previousSalary: '1900',
        monthsWorked: '24',
        housingStatus: 'tenant',
        monthlyRent: '450',
        monthlyCharges: '35',
        housingAid: '0',
        referenceTaxIncome: '21000',
        child1: '',
      },
      false,
    );
    await plan(page, 'job-loss-saint-gery', false);
    expect(await benefit(page, 'are')).toContain('1 152,60 € par mois');
    expect(await benefit(page, 'rsa')).toContain('651,69 € par mois');
    // France Travail first: registering is the urgent step.
    expect(await page.locator('[data-procedure]').first().getAttribute('data-procedure')).toBe(
      'register-france-travail',
    );
    await context.close();
  }, 300_000);
});
