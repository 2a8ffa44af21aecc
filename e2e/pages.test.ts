// The public pages in a real browser: they render with DSFR, pass axe, and work without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, newPage, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('public pages in Chromium', () => {
  for (const url of ['/', '/lieux', '/lieux/france-services-catus', '/lieux/caf-lot-accueil', '/accessibilite', '/mentions-legales', '/donnees-personnelles', '/page-qui-n-existe-pas']) {
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
