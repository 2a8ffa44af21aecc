// People told, on both databases: the helpers of an invited town hall and its shared mailbox get the invitation,
// every organisation hears of the closing, and the resident is told at opening, at each answer and at closing
// by the channel of their consent — a mail, an SMS through the provider, or a letter the helper prints — in
// plain French, never with an internal note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  databaseKinds,
  sessionCookieFor,
  userIdByEmail,
  type TestApp,
} from '../../../test/helpers.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { openCase, type OpenCaseInput } from './open-case.ts';
import { closeCase, postMessage } from './case-actions.ts';
import { confirmByResident, organisationId } from '../../../test/factories.ts';

for (const kind of databaseKinds) {
  describe(`people told, on ${kind}`, () => {
    let t: TestApp;
    let helper: Actor;
    let caf: Actor;

    beforeAll(async () => {
      t = await buildTestApp({ kind });
      helper = {
        id: await userIdByEmail(t.db, 'aidant@demo.localhost'),
        role: 'helper',
        organisationId: await organisationId(t, 'france-services-lot'),
        territoryIds: ['cahors'],
        // The demo helper works at the Catus counter: the resident is told the name of that place.
        siteId: (
          await t.db
            .selectFrom('places')
            .select('id')
            .where('slug', '=', 'france-services-catus')
            .executeTakeFirstOrThrow()
        ).id,
      };
      caf = {
        id: await userIdByEmail(t.db, 'caf@demo.localhost'),
        role: 'partnerAgent',
        organisationId: await organisationId(t, 'caf-lot'),
        territoryIds: ['cahors'],
      };
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    const deps = () => ({ db: t.db, filesKey: t.config.filesKey, publicUrl: 'http://sc.test' });
    const input = async (
      resident: Partial<OpenCaseInput['resident']>,
      consent: Partial<OpenCaseInput['consent']> = {},
      orgs = ['caf-lot'],
    ): Promise<OpenCaseInput> => ({
      resident: {
        firstName: 'Paul',
        lastName: 'Prévenu',
        birthDate: '1970-01-01',
        cafNumber: null,
        socialSecurityNumber: null,
        taxNumber: null,
        ...resident,
      },
      lifeEvent: 'moving',
      question: 'Déménagement : les aides ne suivent pas.',
      organisationIds: await Promise.all(orgs.map((o) => organisationId(t, o))),
      consent: {
        kind: 'printed-mandate',
        givenOn: new Date().toISOString().slice(0, 10),
        scope: 'Partage',
        expiresOn: new Date(Date.now() + 200 * 86400_000).toISOString().slice(0, 10),
        contact: null,
        mandate: null,
        ...consent,
      },
      attachments: [],
    });
    const mailsTo = async (caseId: string, prefix: string) =>
      (
        await t.db
          .selectFrom('jobs')
          .select(['idempotency_key', 'payload'])
          .where(
            'idempotency_key',
            'like',
            prefix === 'resident' ? `mail:resident:%:${caseId}:%` : `mail:${prefix}:${caseId}:%`,
          )
          .execute()
      ).map((j) => ({
        to: String(j.payload.to),
        subject: String(j.payload.subject),
        text: String(j.payload.text),
      }));

    it('tells the town hall’s helpers and its shared mailbox, and every organisation at closing', async () => {
      const mairie = await organisationId(t, 'mairie-cahors');
      await t.db
        .updateTable('organisations')
        .set({ shared_mailbox: 'accueil@mairie-cahors.localhost' })
        .where('id', '=', mairie)
        .execute();
      const { id } = await openCase(deps(), helper, await input({}, {}, ['caf-lot', 'mairie-cahors']));
      const invited = (await mailsTo(id, 'invited')).map((m) => m.to);
      expect(invited).toEqual(
        expect.arrayContaining([
          'caf@demo.localhost',
          'mairie@demo.localhost',
          'accueil@mairie-cahors.localhost',
        ]),
      );
      await closeCase(deps(), helper, id, { usefulness: 'partly', outcome: 'En partie réglé.' });
      const closed = (await mailsTo(id, 'closed')).map((m) => m.to);
      expect(closed).toEqual(
        expect.arrayContaining([
          'caf@demo.localhost',
          'mairie@demo.localhost',
          'accueil@mairie-cahors.localhost',
        ]),
      );
    });

    it('tells a resident with an e-mail at opening, at each answer and at closing, never with an internal note', async () => {
      const { id } = await openCase(deps(), helper, await input({ email: 'paul.prevenu@exemple.fr' }));
      await postMessage(deps(), caf, id, {
        kind: 'internal',
        body: 'Note interne : dossier signalé au contrôle.',
        attachments: [],
      });
      await postMessage(deps(), caf, id, { kind: 'answer', body: 'Aide versée le 5.', attachments: [] });
      await closeCase(deps(), helper, id, { usefulness: 'yes', outcome: 'Réglé.' });
      const told = await mailsTo(id, 'resident');
      expect(told.map((m) => m.to)).toEqual([
        'paul.prevenu@exemple.fr',
        'paul.prevenu@exemple.fr',
        'paul.prevenu@exemple.fr',
      ]);
      const texts = told.map((m) => m.text).join('\n');
      expect(told.map((m) => m.subject)).toEqual(
        expect.arrayContaining([
          expect.stringContaining('Votre dossier est transmis'),
          expect.stringContaining('Une réponse sur votre dossier'),
          expect.stringContaining('Votre dossier est clos'),
        ]),
      );
      expect(texts).toContain('CAF du Lot a répondu');
      expect(texts).toContain('France Services de Catus');
      expect(texts).not.toContain('signalé au contrôle');
      expect(texts).not.toContain('Aide versée');
      expect(texts).not.toContain('Prévenu');
    });

    it('tells a resident with only a mobile number by SMS through the provider', async () => {
      const { id } = await openCase(deps(), helper, await input({ phone: '06 12 34 56 78' }));
      const notices = await t.db
        .selectFrom('case_resident_notices')
        .select(['id', 'channel', 'body'])
        .where('case_id', '=', id)
        .execute();
      expect(notices.map((n) => n.channel)).toEqual(['sms']);
      const job = await t.db
        .selectFrom('jobs')
        .select(['kind', 'payload'])
        .where('idempotency_key', 'like', `resident-sms:opened:${id}:%`)
        .executeTakeFirstOrThrow();
      expect(job.kind).toBe('cases.resident-sms');
      // The job sends through the provider interface (in development and tests, the logging provider).
      await t.app.jobs.tick();
      const sent = await t.db
        .selectFrom('case_resident_notices')
        .select('sent_at')
        .where('id', '=', notices[0]!.id)
        .executeTakeFirstOrThrow();
      expect(sent.sent_at).not.toBeNull();
      expect(notices[0]!.body).toMatch(/^Sans Couture : votre dossier [0-9A-F]{8} est transmis à CAF du Lot/);
      expect(notices[0]!.body!.length).toBeLessThan(200);
    });

    it('prepares a letter for the helper to print when the resident has neither e-mail nor mobile', async () => {
      const { id } = await openCase(deps(), helper, await input({ phone: '05 65 20 86 40' }));
      const notice = await t.db
        .selectFrom('case_resident_notices')
        .select(['id', 'channel'])
        .where('case_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(notice.channel).toBe('letter');
      const cookie = await sessionCookieFor(t, 'aidant@demo.localhost');
      const page = await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie } });
      expect(page.body).toContain(`/dossiers/${id}/courriers/${notice.id}`);
      expect(page.body).toContain('courrier à imprimer et à lui remettre');
      const letter = await t.app.inject({
        url: `/dossiers/${id}/courriers/${notice.id}`,
        headers: { cookie },
      });
      expect(letter.statusCode).toBe(200);
      expect(letter.body).toContain('a transmis votre demande à : CAF du Lot');
      expect(letter.body).toContain('Vous n’avez rien à faire pour le moment');
      // The partner sees neither the letters nor what the resident was told.
      const cafCookie = await sessionCookieFor(t, 'caf@demo.localhost');
      expect(
        (await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie: cafCookie } })).body,
      ).not.toContain('courriers/');
    });

    it('tells a resident who confirmed by e-mail through that address, not before the confirmation', async () => {
      const { id } = await openCase(
        deps(),
        helper,
        await input({}, { kind: 'email', contact: 'confirme@exemple.fr' }),
      );
      expect(await mailsTo(id, 'resident')).toEqual([]);
      await confirmByResident(t, id);
      await postMessage(deps(), caf, id, { kind: 'answer', body: 'Fait.', attachments: [] });
      expect((await mailsTo(id, 'resident')).map((m) => m.to)).toEqual(['confirme@exemple.fr']);
    });
  });
}
