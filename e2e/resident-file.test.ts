// The resident's file in a real browser, with axe on every new page: a resident creates an account (the link comes
// through the development mailbox), fills their file once, gets a birth plan that asks nothing already known,
// gives a 3-month "famille" mandate to France Services, sees the helper's consultation in their journal, revokes
// the mandate and the helper is refused at once. Then every other page of the file, the mandates at the counter,
// the requests, the shared files and aller-vers (its list paged by « Suivant » and « Précédent », by keyboard), at
// 360 px, and the situation's form without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { sql } from 'kysely';
import {
  expectNoAxeViolations,
  newPage,
  startBrowserHarness,
  submitted,
  typeDate,
  type BrowserHarness,
} from './browser.ts';
import { sessionCookieFor, testConfig } from '../test/helpers.ts';
import { insertUser } from '../test/factories.ts';
import { addMonths, frenchDate, todayInParis } from '../src/platform/dates.ts';
import { reestimateResidents } from '../src/features/outreach/reestimate.ts';

const today = todayInParis();

let h: BrowserHarness;
beforeAll(async () => {
  const base = testConfig();
  h = await startBrowserHarness({ devMailbox: true, smtp: { ...base.smtp, port: 0 } });
});
afterAll(async () => {
  await h?.close();
});

async function open(options: { javaScript?: boolean; width?: number } = {}) {
  const opened = await newPage(h, options);
  opened.page.setDefaultTimeout(10_000);
  return opened;
}

/** Logs a context in as a demo user (the login flow itself is walked in the first test). */
async function logInAs(context: BrowserContext, email: string): Promise<void> {
  const cookie = await sessionCookieFor(h.t, email);
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name: name!, value: value!, url: h.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
}

async function expectFits(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

const h1 = (page: Page) => page.locator('h1').first().textContent();

/** Fills the situation's form as the resident of the walk would. */
async function fillSituation(page: Page) {
  await page.fill('#firstName', 'Camille');
  await page.fill('#lastName', 'Martin');
  await page.selectOption('#commune', '46042');
  await page.fill('#child1', '2021-09-01');
  await page.click('label[for="couple-non"]');
  await page.fill('#birthDate', '1992-03-14');
  await page.fill('#earnings', '1100');
  await page.fill('#replacementIncome', '0');
  await page.click('label[for="student-non"]');
  await page.click('label[for="housingStatus-tenant"]');
  await page.fill('#monthlyRent', '520');
  await page.fill('#housingAid', '0');
  await page.fill('#annualResources', '18000');
  await page.fill('#referenceTaxIncome', '17000');
  // The answers about the child: the other parent pays nothing (ASF), no disability (AEEH).
  await page.fill('#childSupport', '0');
  await page.fill('#childRate1', '0');
}

describe('the resident’s file in Chromium', () => {
  it('walks the issue: account, file filled once, a birth plan asking nothing known, a famille mandate, the journal, the revocation', async () => {
    const { context, page } = await open();
    const email = `camille.martin.${Date.now()}@exemple.localhost`;

    // An account, created by the resident.
    await page.goto('/');
    await page.click('a:has-text("Créer mon dossier ou me connecter")');
    expect(await h1(page)).toBe('Mon dossier : créer mon compte');
    await expectNoAxeViolations(page);
    await page.click('button:has-text("Créer mon compte")');
    expect(await page.locator('#email-error').textContent()).toContain(
      'Indiquez votre adresse électronique.',
    );
    await expectNoAxeViolations(page);
    await page.fill('#nom', 'Camille Martin');
    await page.fill('#email', email);
    await page.click('button:has-text("Créer mon compte")');
    expect(await h1(page)).toBe('Vérifiez votre boîte mail');
    await expectNoAxeViolations(page);
    const mail = await h.t.app.devMailbox!.waitFor((m) => m.to.includes(email));
    const link = /(https?:\/\/\S+\/connexion\/lien\?jeton=[\w-]+)/.exec(mail.text)![1]!;
    await page.goto(link);
    await page.click('button:has-text("Me connecter")');
    await page.goto('/mon-dossier');
    expect(await h1(page)).toBe('Mon dossier');
    await expectNoAxeViolations(page);

    // The file, filled once; a wrong answer first, shown next to its field.
    await page.click('a:has-text("Modifier ma situation")');
    await expectNoAxeViolations(page);
    await fillSituation(page);
    await page.fill('#earnings', '-10');
    await page.click('button:has-text("Enregistrer")');
    expect(await page.locator('#earnings-error').textContent()).toBe('Le montant ne peut pas être négatif.');
    await expectNoAxeViolations(page);
    await page.fill('#earnings', '1100');
    await page.click('button:has-text("Enregistrer")');
    expect(await page.locator('.fr-alert--success').textContent()).toContain('Votre dossier est enregistré.');
    expect(await page.locator('[data-fact="earnings"]').textContent()).toContain('par vous');
    const support = await page.locator('[data-fact="childSupport"]').textContent();
    expect(support).toContain('Combien l’autre parent verse-t-il pour chaque enfant, par mois ? : 0 €');
    expect(support).toContain('par vous');
    expect(await page.locator('[data-fact="childRates"]').textContent()).toContain('1er enfant : 0 %');

    // A birth plan that asks nothing already known — not even the child support a lone parent receives nor the
    // child's disability, asked child by child: the date, then the summary.
    await page.goto('/moments-de-vie/birth');
    await page.click('a:has-text("Commencer")');
    expect(new URL(page.url()).pathname).toBe('/moments-de-vie/birth/questions/eventDate');
    await page.fill('#eventDate', addMonths(today, 4));
    await page.click('button[name=action][value=continuer]');
    expect(new URL(page.url()).pathname).toBe('/moments-de-vie/birth/recapitulatif');
    expect(await page.locator('main').textContent()).toContain('0 € par enfant et par mois');
    await page.goto('/moments-de-vie/birth/plan');
    expect(await page.locator('[data-file-panel]').textContent()).toContain('Faire suivre à France Services');
    await expectNoAxeViolations(page);

    // A 3-month "famille" mandate to France Services, from the account.
    await page.goto('/mon-dossier/mandats');
    await expectNoAxeViolations(page);
    await page.click('label:has-text("Réseau France Services du Lot")');
    await page.click('label[for="demarches-famille"]');
    await page.click('label[for="duree-3m"]');
    await page.click('button:has-text("Donner le mandat")');
    expect(await page.locator('.fr-alert--success').textContent()).toContain('Le mandat est donné.');
    expect(await page.locator('[data-mandates]').textContent()).toContain('Démarches : Famille');
    await expectNoAxeViolations(page);

    // The helper consults the file under the mandate.
    const helper = await open();
    await logInAs(helper.context, 'aidant@demo.localhost');
    await helper.page.goto('/espace/aidant/mandats');
    await expectNoAxeViolations(helper.page);
    await helper.page.click('a:has-text("Camille Martin")');
    expect(await h1(helper.page)).toBe('Dossier de Camille Martin');
    expect(await helper.page.locator('[data-fact="children"]').count()).toBe(1);
    await expectNoAxeViolations(helper.page);
    const fileUrl = helper.page.url();

    // The resident sees who consulted their file, when and why.
    await page.goto('/mon-dossier/journal');
    const journal = await page.locator('[data-journal]').textContent();
    expect(journal).toContain('Sam Aidant (Réseau France Services du Lot)');
    expect(journal).toContain('consultation du dossier sous mandat (Famille)');
    await expectNoAxeViolations(page);

    // The resident revokes; the helper is refused at once.
    await page.goto('/mon-dossier/mandats');
    await page.click('button:has-text("Révoquer le mandat donné à Réseau France Services du Lot")');
    expect(await page.locator('.fr-alert--success').textContent()).toContain('Le mandat est révoqué');
    const refused = await helper.page.goto(fileUrl);
    expect(refused?.status()).toBe(403);
    expect(await helper.page.locator('main').textContent()).toContain('Ce mandat a été révoqué');
    await expectNoAxeViolations(helper.page);
    await helper.context.close();

    // Four months later the child support is too old: a new birth plan asks it again, and only it; the resident
    // confirms it in the one page of changes, where it is said « date renouvelée ».
    const userId = (
      await h.t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    ).id;
    const file = await h.t.db
      .selectFrom('resident_files')
      .select('facts')
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    const facts = { ...file.facts };
    facts.childSupport = { ...facts.childSupport!, at: `${addMonths(today, -4)}T08:00:00.000Z` };
    await h.t.db
      .updateTable('resident_files')
      .set({ facts: JSON.stringify(facts) })
      .where('user_id', '=', userId)
      .execute();
    await page.goto('/mon-dossier');
    expect(await page.locator('[data-fact="childSupport"]').textContent()).toContain(
      'Trop ancienne (montant mensuel : à confirmer tous les 3 mois) : elle vous sera redemandée.',
    );
    await expectNoAxeViolations(page);
    await page.goto('/moments-de-vie/birth/plan');
    await page.click('button:has-text("Effacer mes réponses")');
    await page.goto('/moments-de-vie/birth/questions');
    await page.fill('#eventDate', addMonths(today, 4));
    await page.click('button[name=action][value=continuer]');
    expect(new URL(page.url()).pathname).toBe('/moments-de-vie/birth/questions/childSupport');
    await expectNoAxeViolations(page);
    await page.fill('#childSupport', '0');
    await page.click('button[name=action][value=continuer]');
    expect(new URL(page.url()).pathname).toBe('/moments-de-vie/birth/recapitulatif');
    await page.goto('/moments-de-vie/birth/mon-dossier');
    expect(await page.locator('main').textContent()).toMatch(/Confirmé :\s*« 0\s€ » \(date renouvelée\)/);
    await expectNoAxeViolations(page);
    await page.click('button:has-text("Enregistrer ces 1 changement dans mon dossier")');
    await page.goto('/mon-dossier');
    const renewed = await page.locator('[data-fact="childSupport"]').textContent();
    expect(renewed).not.toContain('Trop ancienne');
    expect(renewed).toContain(`À confirmer avant le ${frenchDate(addMonths(today, 3))}.`);
    await context.close();
  }, 240_000);

  it('passes axe on every other page of the file, at 360 px', async () => {
    const resident = await open({ width: 360 });
    await logInAs(resident.context, 'usager@demo.localhost');
    const { page } = resident;
    await page.goto('/mon-dossier/situation');
    await fillSituation(page);
    await page.click('button:has-text("Enregistrer")');
    // A birth plan, forwarded to France Services.
    await page.goto('/moments-de-vie/birth/questions');
    await page.fill('#eventDate', addMonths(today, 2));
    await page.click('button[name=action][value=continuer]');
    await page.goto('/moments-de-vie/birth/faire-suivre');
    await expectNoAxeViolations(page);
    await expectFits(page, 360);
    await page.click('button:has-text("Envoyer ma demande")');
    expect(await page.locator('#accord-messages').textContent()).toContain('Cochez la case');
    await expectNoAxeViolations(page);
    await page.click('label[for="accord"]');
    await page.click('label[for="partage_organismes"]');
    await page.click('button:has-text("Envoyer ma demande")');
    expect(await h1(page)).toBe('Ma demande à France Services');
    await expectNoAxeViolations(page);
    const requestUrl = page.url();
    for (const url of [
      '/mon-dossier',
      '/mon-dossier/partages',
      '/mon-dossier/journal',
      '/mon-dossier/nouvelles-aides',
      '/compte/mes-donnees',
    ]) {
      await page.goto(url);
      await expectNoAxeViolations(page);
      await expectFits(page, 360);
    }
    await page.goto('/mon-dossier/nouvelles-aides');
    await page.click('label[for="accord"]');
    await page.click('button:has-text("Prévenez-moi")');
    expect(await page.locator('[data-consent="oui"]').count()).toBe(1);
    await expectNoAxeViolations(page);

    // The helper: inbox, request, appointment, shared case, mandates at the counter, aller-vers.
    const helper = await open({ width: 360 });
    await logInAs(helper.context, 'aidant@demo.localhost');
    const hp = helper.page;
    await hp.goto('/espace/aidant/demandes');
    await expectNoAxeViolations(hp);
    await hp.click('a:has-text("Camille Usager")');
    await expectNoAxeViolations(hp);
    await expectFits(hp, 360);
    await hp.fill('#rendez_vous', 'Mardi à 10 h, France Services de Catus');
    await hp.click('button:has-text("Proposer ce rendez-vous")');
    expect(await hp.locator('.fr-alert--success').textContent()).toContain('Le rendez-vous est proposé');
    await hp.click('a:has-text("Ouvrir une saisine partagée")');
    // The resident's commune comes from the file they shared: Cahors, chosen in the list.
    expect(await hp.locator('#commune').inputValue()).toBe('46042');
    await expectNoAxeViolations(hp);
    await expectFits(hp, 360);
    await hp.click('button:has-text("Ouvrir la saisine")');
    expect(await hp.locator('.fr-alert--error').textContent()).toContain('Invitez au moins un organisme.');
    await expectNoAxeViolations(hp);
    await hp.click('label:has-text("CAF du Lot")');
    await hp.click('button:has-text("Ouvrir la saisine")');
    expect(await hp.locator('.fr-alert--success').textContent()).toContain(
      'La saisine partagée est ouverte.',
    );
    await page.goto(requestUrl);
    expect(await page.locator('main').textContent()).toContain('Mardi à 10 h, France Services de Catus');

    await hp.goto('/espace/aidant/mandats/nouveau');
    await expectNoAxeViolations(hp);
    await hp.click('button:has-text("Proposer le mandat")');
    expect(await hp.locator('#demarches-messages').textContent()).toContain(
      'Choisissez au moins une démarche',
    );
    await expectNoAxeViolations(hp);
    await hp.fill('#usager', 'usager@demo.localhost');
    await hp.click('label[for="demarches-social"]');
    await hp.click('label[for="duree-1m"]');
    await hp.click('label[for="confirmation-email-code"]');
    await hp.click('button:has-text("Proposer le mandat")');
    expect(await h1(hp)).toBe('Confirmer le mandat');
    await expectNoAxeViolations(hp);
    await hp.fill('#code', '000000');
    await hp.click('button:has-text("Confirmer le mandat")');
    await expectNoAxeViolations(hp);
    const mail = await h.t.app.devMailbox!.waitFor(
      (m) => m.to.includes('usager@demo.localhost') && m.subject.includes('code'),
    );
    await hp.fill('#code', /(\d{6})/.exec(mail.text)![1]!);
    await hp.click('button:has-text("Confirmer le mandat")');
    expect(await h1(hp)).toBe('Dossier de Camille Usager');
    await expectNoAxeViolations(hp);
    await hp.click('a:has-text("Compléter sa situation")');
    await expectNoAxeViolations(hp);
    await hp.goto(hp.url().replace(/\/situation$/, '/imprimer'));
    await expectNoAxeViolations(hp);

    await reestimateResidents(h.t.db, { publicUrl: h.baseUrl, today, now: new Date() });
    await hp.goto('/espace/aidant/aller-vers');
    await expectNoAxeViolations(hp);

    const caf = await open({ width: 360 });
    await logInAs(caf.context, 'caf@demo.localhost');
    await caf.page.goto('/espace/dossiers-partages');
    await expectNoAxeViolations(caf.page);
    await caf.page.click('a:has-text("Camille Usager")');
    expect(await h1(caf.page)).toBe('Dossier partagé de Camille Usager');
    await expectNoAxeViolations(caf.page);
    await expectFits(caf.page, 360);

    await page.goto('/mon-dossier/mandats');
    await expectNoAxeViolations(page);
    await page.goto('/mon-dossier/partages');
    expect(await page.locator('main').textContent()).toContain('CAF du Lot');
    await expectNoAxeViolations(page);
    await page.goto('/moments-de-vie/birth/mon-dossier');
    await expectNoAxeViolations(page);
    for (const c of [caf, helper, resident]) await c.context.close();
  }, 240_000);

  it('pages the helpers’ aller-vers list with « Suivant » and « Précédent », keyboard only, at 360 px, with or without JavaScript', async () => {
    // Sixty more consenting residents, each with a right found the same night: more than a page of 50.
    for (let i = 0; i < 60; i++) {
      const id = await insertUser(h.t.db, {
        email: `liste-${i}-${Date.now()}@exemple.localhost`,
        displayName: `Usager Liste ${i}`,
        role: 'resident',
      });
      await sql`insert into outreach_consents (user_id, territory_id) values (${id}, 'cahors')`.execute(
        h.t.db,
      );
      await sql`insert into outreach_rights (user_id, benefit_id, territory_id, first_probable_at, amount, frequency)
        values (${id}, 'css', 'cahors', '2026-03-15T01:00:00Z', 100, 'monthly')`.execute(h.t.db);
    }
    const { context, page } = await open({ width: 360 });
    await logInAs(context, 'aidant@demo.localhost');
    await page.goto('/espace/aidant/aller-vers');
    const lines = () => page.locator('[data-line]').count();
    expect(await lines()).toBe(50);
    expect(await page.locator('a[rel="prev"]').count()).toBe(0);
    await expectNoAxeViolations(page);
    await expectFits(page, 360);
    // The keyboard only: Tab to « Suivant » (its words shown at 360 px), Enter.
    const tabTo = async (words: string) => {
      for (let n = 0; n < 300; n++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === words) return;
      }
      throw new Error(`« ${words} » jamais atteint au clavier`);
    };
    const next = page.locator('a[rel="next"]');
    expect(await next.isVisible()).toBe(true);
    expect((await next.boundingBox())!.x + (await next.boundingBox())!.width).toBeLessThanOrEqual(360);
    // Enter on the focused link, then wait for the page it leads to (the URL changes at each page).
    const follow = async () => {
      const from = page.url();
      await Promise.all([page.waitForURL((url) => url.href !== from), page.keyboard.press('Enter')]);
      await page.waitForLoadState();
    };
    await tabTo('Suivant');
    await follow();
    expect(page.url()).toMatch(/curseur=/);
    const second = await lines();
    expect(second).toBeGreaterThan(0);
    expect(await page.locator('a[rel="next"]').count()).toBe(0);
    await expectNoAxeViolations(page);
    await expectFits(page, 360);
    await tabTo('Précédent');
    await follow();
    expect(await lines()).toBe(50);
    expect(await page.locator('a[rel="prev"]').count()).toBe(0);
    await context.close();

    // Without JavaScript: the same plain links.
    const bare = await open({ javaScript: false, width: 360 });
    await logInAs(bare.context, 'aidant@demo.localhost');
    await bare.page.goto('/espace/aidant/aller-vers');
    await bare.page.click('a[rel="next"]');
    await bare.page.waitForURL(/curseur=/);
    expect(await bare.page.locator('[data-line]').count()).toBe(second);
    // A damaged link: a French page with a way back.
    await bare.page.goto('/espace/aidant/aller-vers?curseur=abime');
    expect(await bare.page.locator('.fr-alert--error').textContent()).toContain(
      'Ce lien de page n’est pas valide',
    );
    await Promise.all([
      bare.page.waitForURL((url) => !url.search.includes('curseur')),
      bare.page.click('a:has-text("Revenir au début de la liste")'),
    ]);
    expect(await bare.page.locator('[data-line]').count()).toBe(50);
    await bare.context.close();
  }, 120_000);

  it('saves the situation without JavaScript, keyboard only', async () => {
    const { context, page } = await open({ javaScript: false, width: 360 });
    await logInAs(context, 'usager@demo.localhost');
    await page.goto('/mon-dossier/situation');
    await page.focus('#firstName');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Camille');
    expect(await typeDate(page, '#birthDate', '2099-01-01')).toBe('2099-01-01');
    await page.focus('button:has-text("Enregistrer")');
    await submitted(page);
    expect(await page.locator('#birthDate-error').textContent()).toBe(
      'La date de naissance ne peut pas être dans le futur.',
    );
    await expectFits(page, 360);
    await context.close();
  }, 60_000);
});
