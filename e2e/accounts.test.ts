// Accounts in a real browser: login through the development mailbox (with and without JavaScript, 320 px
// wide), ProConnect through a real local OpenID Connect provider, and the CSV import with errors — every
// page passes axe with zero violations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, newPage, startBrowserHarness, type BrowserHarness } from './browser.ts';
import { sessionCookieFor, testConfig } from '../test/helpers.ts';
import { reserveOidcProvider, type TestOidcProvider } from '../test/oidc-provider.ts';

let h: BrowserHarness;
let provider: TestOidcProvider;
beforeAll(async () => {
  provider = await reserveOidcProvider({ agent: { email: 'cpam@demo.localhost' } });
  const base = testConfig();
  h = await startBrowserHarness({
    devMailbox: true,
    smtp: { ...base.smtp, port: 0 },
    oidc: {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      label: 'ProConnect',
    },
  });
  provider.start(`${h.baseUrl}/connexion/proconnect/retour`);
});
afterAll(async () => {
  await h?.close();
  await provider?.close();
});

/** A page whose actions fail after 8 s with the selector that blocked, rather than at the test timeout. */
async function open(options: { javaScript?: boolean; width?: number } = {}) {
  const opened = await newPage(h, options);
  opened.page.setDefaultTimeout(8000);
  return opened;
}

/** Runs axe when the page has JavaScript (axe runs inside the page); the same pages are checked with it on. */
async function axeIfScripted(page: Page, javaScript: boolean): Promise<void> {
  if (javaScript) await expectNoAxeViolations(page);
}

async function expectFitsIn320(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(320);
}

/** Logs a browser context in as a demo user (the login flow itself has its own tests). */
async function logInAs(context: Awaited<ReturnType<typeof open>>['context'], email: string): Promise<void> {
  const cookie = await sessionCookieFor(h.t, email);
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name: name!, value: value!, url: h.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
}

describe('login by magic link in Chromium', () => {
  for (const javaScript of [true, false]) {
    it(`logs in through the development mailbox ${javaScript ? 'with' : 'without'} JavaScript, 320 px wide`, async () => {
      h.t.app.devMailbox!.clear();
      const { context, page } = await open({ javaScript, width: 320 });
      await page.goto('/connexion');
      await axeIfScripted(page, javaScript);
      await expectFitsIn320(page);

      // A wrong address first: the French message next to the field, the input kept.
      await page.fill('#email', 'admin@demo');
      await page.click('button[type=submit]:has-text("Recevoir un lien")');
      expect(await page.locator('#email-erreur').textContent()).toContain('Adresse électronique invalide');
      expect(await page.inputValue('#email')).toBe('admin@demo');
      await axeIfScripted(page, javaScript);

      await page.fill('#email', 'Admin@Demo.Localhost');
      await page.click('button[type=submit]:has-text("Recevoir un lien")');
      expect(await page.locator('h1').textContent()).toBe('Vérifiez votre boîte mail');
      await axeIfScripted(page, javaScript);

      await h.t.app.devMailbox!.waitFor((m) => m.to.includes('admin@demo.localhost'));
      await page.goto('/dev/boite-mail');
      await axeIfScripted(page, javaScript);
      const mail = page.locator('[data-mail-to="admin@demo.localhost"]').first();
      await mail.locator('a[href*="/connexion/lien?jeton="]').click();
      expect(await page.locator('h1').textContent()).toBe('Confirmer la connexion');
      await axeIfScripted(page, javaScript);
      await expectFitsIn320(page);

      await page.click('button:has-text("Me connecter")');
      expect(new URL(page.url()).pathname).toBe('/espace/admin');
      expect(await page.locator('h1').textContent()).toBe('Bonjour Ali Administrateur');

      // The link has served: opening it again explains why it does not work.
      await page.goBack();
      await page.reload();
      expect(await page.locator('h1').textContent()).toBe('Lien de connexion déjà utilisé');
      await axeIfScripted(page, javaScript);

      // At 320 px the logout button lives in the header's menu; the header itself is tested elsewhere.
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto('/espace/admin');
      await page.locator('.fr-header__tools form[action="/deconnexion"] button').click();
      expect(new URL(page.url()).pathname).toBe('/');
      const after = await page.goto('/espace/admin');
      expect(after?.status()).toBe(401);
      await context.close();
    }, 90_000);
  }
});

describe('ProConnect in Chromium', () => {
  it('logs in through the local OpenID Connect provider’s login and consent pages', async () => {
    const { context, page } = await open();
    await page.goto('/connexion');
    await page.click('#bouton-proconnect');
    expect(page.url()).toContain(provider.issuer);
    await page.fill('input[name=login]', 'agent');
    await page.fill('input[name=password]', 'peu-importe');
    await page.click('button[type=submit]');
    await page.click('button:has-text("Continue")');
    await page.waitForURL((url) => url.pathname === '/espace/partenaire');
    expect(await page.locator('h1').textContent()).toContain('Morgan Référent');
    await expectNoAxeViolations(page);
    await context.close();
  });
});

describe('CSV import in Chromium', () => {
  const file = [
    'e-mail;nom;rôle;organisme',
    'nouvelle.agente@caf.fr;Anaïs Nouvelle;Agent partenaire;caf-lot',
    'pas-une-adresse;Jean Faux;Agent partenaire;caf-lot',
    'role@caf.fr;Rôle Inconnu;Directeur;caf-lot',
  ].join('\n');

  for (const javaScript of [true, false]) {
    it(`shows a per-line report and creates nothing when lines are wrong, ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const { context, page } = await open({ javaScript, width: javaScript ? 1280 : 320 });
      await logInAs(context, 'admin@demo.localhost');
      await page.goto('/espace/admin/utilisateurs');
      await axeIfScripted(page, javaScript);
      await page.setInputFiles('#fichier', {
        name: 'agents.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(file, 'utf8'),
      });
      await page.click('#importer button[type=submit]');
      expect(await page.locator('#rapport-import').isVisible()).toBe(true);
      expect(await page.locator('#rapport-import h2').textContent()).toBe('Aucun compte n’a été créé');
      expect(await page.locator('tr[data-line="3"]').textContent()).toContain(
        'Adresse électronique invalide',
      );
      expect(await page.locator('tr[data-line="4"]').textContent()).toContain('Rôle inconnu : « Directeur »');
      await axeIfScripted(page, javaScript);
      if (!javaScript) await expectFitsIn320(page);
      const created = await h.t.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'nouvelle.agente@caf.fr')
        .executeTakeFirst();
      expect(created).toBeUndefined();
      await context.close();
    }, 60_000);
  }

  it('shows the invitation form’s errors next to the fields, keeping the input', async () => {
    const { context, page } = await open();
    await logInAs(context, 'responsable-caf@demo.localhost');
    await page.goto('/espace/organisme/utilisateurs');
    await page.fill('#invitation-email', 'léa@');
    await page.fill('#invitation-name', 'Léa Dupré');
    await page.selectOption('#invitation-role', 'partnerAgent');
    await page.click('#inviter button[type=submit]');
    expect(await page.locator('#invitation-email-erreur').textContent()).toContain(
      'Adresse électronique invalide',
    );
    expect(await page.inputValue('#invitation-name')).toBe('Léa Dupré');
    await expectNoAxeViolations(page);
    await page.fill('#invitation-email', 'lea.dupre@caf.fr');
    await page.click('#inviter button[type=submit]');
    expect(await page.locator('.fr-alert--success').textContent()).toContain(
      'Invitation envoyée à lea.dupre@caf.fr.',
    );
    expect(await page.locator('[data-user="lea.dupre@caf.fr"]').count()).toBe(1);
    await expectNoAxeViolations(page);
    await context.close();
  });
});
