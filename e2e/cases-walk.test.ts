// Issue 13's walk, in Chromium: a helper of the Catus France Services site opens a case inviting the CAF and the
// Mairie de Cahors; the Lalbenque site does not see it; the Mairie's helper is told and answers; a CAF agent
// answers "pas le bon interlocuteur" and invites the MSA; on a second case, the resident refuses the e-mail
// consent through the link and the case closes. Every page passes axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createSession } from '../src/platform/auth/session.ts';
import { formContext, sessionCookieFor, userIdByEmail, multipartBody, samplePdf } from '../test/helpers.ts';
import { sendConsentConfirmation } from '../src/features/cases/consent.ts';
import { expectNoAxeViolations, newPage, startBrowserHarness, type BrowserHarness } from './browser.ts';
import { validCaseFields } from '../test/factories.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
}, 180_000);
afterAll(async () => {
  await h?.close();
});

/** A browser page logged in as a demo user (the login flow has its own tests). */
async function loggedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await newPage(h, {});
  const token = await createSession(h.t.db, h.t.config, await userIdByEmail(h.t.db, email), 'test');
  await context.addCookies([{ name: 'sc_session', value: token, url: h.baseUrl }]);
  return { context, page };
}

describe('issue 13’s walk: sites, a town hall, “pas le bon interlocuteur”, a refused consent', () => {
  let caseUrl = '';
  const caseId = () => caseUrl.split('/').pop()!;

  it('a helper of the Catus site opens a case inviting the CAF and the Mairie de Cahors', async () => {
    const { context, page } = await loggedIn('aidant@demo.localhost');
    await page.goto('/dossiers/nouveau');
    await page.fill('#prenom', 'Sacha');
    await page.fill('#nom', 'Parcours');
    await page.fill('#date_naissance', '1979-03-14');
    await page.selectOption('#moment', 'moving');
    await page.fill('#question', 'Déménagement à Cahors : aides au logement et inscription à la cantine.');
    await page.click('label[for="organisme-caf-lot"]');
    await page.click('label[for="organisme-mairie-cahors"]');
    await page.click('label[for="consentement_type-paper-mandate"]');
    await page.setInputFiles('#mandat', {
      name: 'mandat.pdf',
      mimeType: 'application/pdf',
      buffer: samplePdf,
    });
    await page.click('button:has-text("Ouvrir la saisine")');
    await page.waitForURL(/\/dossiers\/[0-9a-f-]{36}$/);
    caseUrl = new URL(page.url()).pathname;
    expect(await page.locator('main').textContent()).toContain('Sacha Parcours');
    await expectNoAxeViolations(page);
    await context.close();
  }, 180_000);

  it('the Lalbenque site neither sees it in its inbox nor opens it', async () => {
    const { context, page } = await loggedIn('aidant-lalbenque@demo.localhost');
    for (const url of ['/dossiers', '/dossiers?boite=site', '/dossiers?q=parcours']) {
      await page.goto(url);
      expect(await page.locator(`a[href="${caseUrl}"]`).count(), url).toBe(0);
    }
    const direct = await page.goto(caseUrl);
    expect(direct?.status()).toBe(404);
    await context.close();
  });

  it('the Mairie’s helper is told by mail, finds the case in the default tab and answers', async () => {
    const mails = await h.t.db
      .selectFrom('jobs')
      .select('payload')
      .where('idempotency_key', 'like', `mail:invited:${caseId()}:%`)
      .execute();
    expect(mails.map((m) => m.payload.to)).toContain('mairie@demo.localhost');
    const { context, page } = await loggedIn('mairie@demo.localhost');
    await page.goto('/dossiers');
    await expectNoAxeViolations(page);
    await page.click(`a[href="${caseUrl}"]`);
    await page.waitForURL(`**${caseUrl}`);
    await page.click('label[for="type-answer"]');
    await page.fill('#texte', 'Inscription à la cantine faite ; la carte de transport suit par courrier.');
    await page.click('button:has-text("Envoyer")');
    await page.waitForURL(`**${caseUrl}?ok=message`);
    expect(await page.locator('main').textContent()).toContain('Inscription à la cantine faite');
    await context.close();
  });

  it('a CAF agent answers “pas le bon interlocuteur” and invites the MSA', async () => {
    const { context, page } = await loggedIn('caf@demo.localhost');
    await page.goto(caseUrl);
    expect(await page.locator('#organisme option').allTextContents()).toContain('MSA Midi-Pyrénées Nord');
    expect(await page.locator('input[name="type"]').evaluateAll((l) => l.map((i) => i.id))).toContain(
      'type-not-concerned',
    );
    await page.click('label[for="type-not-concerned"]');
    await page.fill('#texte', 'L’usager relève du régime agricole : la MSA gère ses aides au logement.');
    await page.click('button:has-text("Envoyer")');
    await page.waitForURL(`**${caseUrl}?ok=message`);
    await page.selectOption('#organisme', { label: 'MSA Midi-Pyrénées Nord' });
    await page.click('button:has-text("Inviter")');
    await page.waitForURL(`**${caseUrl}?ok=invitation`);
    expect(await page.locator('main').textContent()).toContain('a invité MSA Midi-Pyrénées Nord');
    await expectNoAxeViolations(page);
    await context.close();
    const parts = await h.t.db
      .selectFrom('case_participants')
      .innerJoin('organisations', 'organisations.id', 'case_participants.organisation_id')
      .select(['organisations.slug', 'case_participants.done_at', 'case_participants.first_answer_at'])
      .where('case_id', '=', caseId())
      .execute();
    const caf = parts.find((p) => p.slug === 'caf-lot')!;
    expect(caf.done_at).not.toBeNull();
    expect(caf.first_answer_at).not.toBeNull();
    expect(parts.map((p) => p.slug)).toContain('msa-mpn');
  });

  it('the resident refuses the e-mail consent of a second case through the link, and the case closes', async () => {
    // The second case, opened with an e-mail consent (the form itself is walked above).
    const cookie = await sessionCookieFor(h.t, 'aidant@demo.localhost');
    const { csrf } = await formContext(h.t, '/dossiers/nouveau', cookie);
    const fields = (await validCaseFields(h.t, csrf, ['caf-lot'])).map(([k, v]): [string, string] =>
      k === 'consentement_type'
        ? [k, 'email']
        : k === 'consentement_contact'
          ? [k, 'refus@exemple.fr']
          : [k, v],
    );
    const body = multipartBody(fields);
    const opened = await h.t.app.inject({
      method: 'POST',
      url: '/dossiers',
      payload: body.payload,
      headers: { ...body.headers, cookie },
    });
    expect(opened.statusCode).toBe(303);
    const id = String(opened.headers.location).split('/').pop()!;
    const consent = await h.t.db
      .selectFrom('case_consents')
      .select('id')
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    let text = '';
    await sendConsentConfirmation(
      h.t.db,
      { send: async (_channel, _to, message) => void (text = message) },
      h.baseUrl,
      consent.id,
    );
    const link = /https?:\/\/\S+\/consentement\/[A-Za-z0-9_-]+/.exec(text)![0];
    // The resident is not logged in: a fresh browser context.
    const { context, page } = await newPage(h, {});
    await page.goto(new URL(link).pathname);
    await expectNoAxeViolations(page);
    await page.click('button:has-text("Je refuse")');
    await expect
      .poll(async () => page.locator('main').textContent())
      .toContain('Vous avez refusé le partage');
    await expectNoAxeViolations(page);
    await context.close();
    const c = await h.t.db
      .selectFrom('cases')
      .select(['status', 'consent_status', 'resident_first_name'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(c).toEqual({ status: 'closed', consent_status: 'refused', resident_first_name: null });
  });
});
