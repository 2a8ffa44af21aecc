// Consent in time, at the level of the pages: before the resident confirms an e-mail consent, the invited
// organisation neither reads nor writes nor hears of the case; the confirmation page names who asks, the
// organisations, what is shared and until when, and offers "Je refuse"; a refusal closes the case and erases
// its personal data; the link used again after a refusal says so and changes nothing; a confirmation message
// the real mail server refuses is told to the helper.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  databaseKinds,
  formContext,
  sessionCookieFor,
  testConfig,
  type TestApp,
  multipartBody,
} from '../../../test/helpers.ts';
import { sendConsentConfirmation } from './consent.ts';
import { validCaseFields } from '../../../test/factories.ts';

/** Opens a case through the form with an e-mail consent; returns its id. */
async function openWithEmailConsent(t: TestApp, contact: string): Promise<string> {
  const cookie = await sessionCookieFor(t, 'aidant@demo.localhost');
  const { csrf } = await formContext(t, '/dossiers/nouveau', cookie);
  const fields = (await validCaseFields(t, csrf, ['caf-lot', 'mairie-cahors'])).map(
    ([k, v]): [string, string] =>
      k === 'consentement_type' ? [k, 'email'] : k === 'consentement_contact' ? [k, contact] : [k, v],
  );
  const body = multipartBody(fields);
  const response = await t.app.inject({
    method: 'POST',
    url: '/dossiers',
    payload: body.payload,
    headers: { ...body.headers, cookie },
  });
  expect(response.statusCode).toBe(303);
  return String(response.headers.location).split('/').pop()!;
}

/** Sends the confirmation message the way the job does, and returns the link's token. */
async function linkOf(t: TestApp, caseId: string): Promise<string> {
  const consent = await t.db
    .selectFrom('case_consents')
    .select('id')
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  let text = '';
  await sendConsentConfirmation(
    t.db,
    { send: async (_c, _to, body) => void (text = body) },
    'http://sc.test',
    consent.id,
  );
  return /consentement\/([A-Za-z0-9_-]+)/.exec(text)![1]!;
}

async function answer(t: TestApp, token: string, reponse: 'accord' | 'refus') {
  // The visitor's form token (a refused link's page has no form left: the login page's token serves).
  const page = await formContext(t, '/connexion');
  return t.app.inject({
    method: 'POST',
    url: `/consentement/${token}`,
    payload: new URLSearchParams({ _csrf: page.csrf, reponse }).toString(),
    headers: { cookie: page.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
}

for (const kind of databaseKinds) {
  describe(`consent in time, on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    it('keeps the invited organisations out until the resident confirms, then lets them in and tells them', async () => {
      const id = await openWithEmailConsent(t, 'jeanne.martin@exemple.fr');
      const caf = await sessionCookieFor(t, 'caf@demo.localhost');
      const page = await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie: caf } });
      expect(page.statusCode).toBe(403);
      expect(page.body).toContain('L’usager n’a pas encore confirmé son accord');
      expect(page.body).not.toContain('Jeanne');
      const inbox = await t.app.inject({ url: '/dossiers', headers: { cookie: caf } });
      expect(inbox.body).not.toContain(`/dossiers/${id}`);
      // No write either: a message, taking the case, marking the part done.
      const { csrf } = await formContext(t, '/dossiers', caf);
      const body = multipartBody([
        ['_csrf', csrf],
        ['type', 'answer'],
        ['texte', 'Réponse trop tôt'],
      ]);
      const write = await t.app.inject({
        method: 'POST',
        url: `/dossiers/${id}/messages`,
        payload: body.payload,
        headers: { ...body.headers, cookie: caf },
      });
      expect(write.statusCode).toBe(403);
      const take = await t.app.inject({
        method: 'POST',
        url: `/dossiers/${id}/prise-en-charge`,
        payload: new URLSearchParams({ _csrf: csrf }).toString(),
        headers: { cookie: caf, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(take.statusCode).toBe(403);
      const messages = await t.db
        .selectFrom('case_messages')
        .select('body')
        .where('case_id', '=', id)
        .execute();
      expect(messages.map((m) => m.body)).not.toContain('Réponse trop tôt');
      // Nobody of the organisations is told yet.
      const invited = () =>
        t.db
          .selectFrom('jobs')
          .select('payload')
          .where('idempotency_key', 'like', `mail:invited:${id}:%`)
          .execute();
      expect(await invited()).toHaveLength(0);

      const token = await linkOf(t, id);
      const confirmation = await t.app.inject({ url: `/consentement/${token}` });
      expect(confirmation.statusCode).toBe(200);
      // Who asks, with whom, what, until when — and the choice to refuse.
      expect(confirmation.body).toContain('Sam Aidant');
      expect(confirmation.body).toContain('France Services de Catus');
      expect(confirmation.body).toContain('CAF du Lot');
      expect(confirmation.body).toContain('Mairie de Cahors');
      expect(confirmation.body).toContain('Partage avec les organismes invités.');
      expect(confirmation.body).toMatch(/Jusqu’au \d{1,2} \S+ \d{4}/);
      expect(confirmation.body).toContain('Je refuse');
      expect(confirmation.body).not.toContain('Jeanne');
      const accepted = await answer(t, token, 'accord');
      expect(accepted.statusCode).toBe(200);
      expect(accepted.body).toContain('votre accord est enregistré');
      expect((await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie: caf } })).statusCode).toBe(200);
      const told = (await invited()).map((j) => String(j.payload.to));
      expect(told).toContain('caf@demo.localhost');
      // The town hall's agents are helpers, not partner agents: they are told all the same.
      expect(told).toContain('mairie@demo.localhost');
      // The read of the consent by the resident is journaled.
      const journal = await t.db
        .selectFrom('audit_journal')
        .select('reason')
        .where('subject_type', '=', 'consent')
        .execute();
      expect(journal.map((j) => j.reason)).toContain('consultation du consentement par l’usager');
    });

    it('closes the case and erases its personal data when the resident refuses; the link then says so', async () => {
      const id = await openWithEmailConsent(t, 'refus@exemple.fr');
      const token = await linkOf(t, id);
      const refused = await answer(t, token, 'refus');
      expect(refused.statusCode).toBe(200);
      expect(refused.body).toContain('Vous avez refusé le partage');
      const c = await t.db
        .selectFrom('cases')
        .select([
          'status',
          'consent_status',
          'resident_first_name',
          'question',
          'personal_data_erased_at',
          'outcome',
        ])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(c).toMatchObject({
        status: 'closed',
        consent_status: 'refused',
        resident_first_name: null,
        question: null,
      });
      expect(c.personal_data_erased_at).not.toBeNull();
      const consent = await t.db
        .selectFrom('case_consents')
        .select(['contact', 'refused_at'])
        .where('case_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(consent.contact).toBeNull();
      expect(consent.refused_at).not.toBeNull();
      // The helper is told.
      const mails = await t.db
        .selectFrom('jobs')
        .select('payload')
        .where('idempotency_key', 'like', `mail:consent-refused:${id}:%`)
        .execute();
      expect(mails.map((m) => m.payload.to)).toEqual(['aidant@demo.localhost']);
      // The link used again: a clear French message, nothing changes.
      const again = await answer(t, token, 'accord');
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('Vous avez refusé le partage');
      expect(
        (
          await t.db
            .selectFrom('cases')
            .select('consent_status')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).consent_status,
      ).toBe('refused');
      const caf = await sessionCookieFor(t, 'caf@demo.localhost');
      expect((await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie: caf } })).statusCode).toBe(403);
    });
  });
}

describe('a confirmation e-mail the mail server refuses', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The real development SMTP server, which refuses the reserved .invalid domain like a server refuses an
    // unknown mailbox.
    const base = testConfig();
    t = await buildTestApp({ config: { devMailbox: true, smtp: { ...base.smtp, port: 0 } } });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('is told to the helper: on the case page, in the thread, and by mail', async () => {
    // Accepted by the form (it looks like an address), refused by the server.
    const id = await openWithEmailConsent(t, 'jeanne@domaine-inexistant.invalid');
    await t.app.jobs.tick();
    // The helper's mail is a job queued by the first pass.
    await t.app.jobs.tick();
    const consent = await t.db
      .selectFrom('case_consents')
      .select('delivery_failed_at')
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(consent.delivery_failed_at).not.toBeNull();
    const helper = await sessionCookieFor(t, 'aidant@demo.localhost');
    const page = await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie: helper } });
    expect(page.body).toContain('Le message de confirmation n’a pas pu être remis à l’usager');
    const mail = await t.app.devMailbox!.waitFor(
      (m) => m.to.includes('aidant@demo.localhost') && m.subject.startsWith('Le message de confirmation'),
    );
    expect(mail.text).toContain(`/dossiers/${id}`);
    expect(mail.text).not.toContain('Jeanne');
  });
});
