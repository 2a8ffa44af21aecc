// The background work of cases on a real database: reminders after N working days then a manager alert,
// erasure of personal data after the retention period (statistics kept), weekly digests by mail setting,
// and the resident's consent confirmation through the development provider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  databaseKinds,
  formContext,
  userIdByEmail,
  type TestApp,
  samplePdf,
} from '../../../test/helpers.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { openCase, type OpenCaseInput } from './open-case.ts';
import { closeCase, postMessage } from './case-actions.ts';
import { eraseExpiredPersonalData, runDeadlines, sendWeeklyDigests } from './case-jobs.ts';
import { answerConsent, sendConsentConfirmation } from './consent.ts';
import { setMailVolume } from './store.ts';
import { organisationId } from '../../../test/factories.ts';

for (const kind of databaseKinds) {
  describe(`case jobs on ${kind}`, () => {
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

    const input = async (overrides: Partial<OpenCaseInput['consent']> = {}): Promise<OpenCaseInput> => ({
      resident: {
        firstName: 'Paul',
        lastName: 'Durand',
        birthDate: '1950-01-02',
        cafNumber: null,
        socialSecurityNumber: '150017512345675',
        taxNumber: null,
      },
      lifeEvent: 'retirement',
      question: 'Dossier de retraite perdu entre deux caisses.',
      organisationIds: [await organisationId(t, 'caf-lot')],
      consent: {
        kind: 'printed-mandate',
        givenOn: '2026-01-05',
        scope: 'Partage',
        expiresOn: '2026-12-31',
        contact: null,
        mandate: null,
        ...overrides,
      },
      attachments: [{ name: 'releve.pdf', mediaType: 'application/pdf', content: samplePdf }],
    });
    const deps = (now: Date) => ({ db: t.db, filesKey: t.config.filesKey, publicUrl: 'http://sc.test', now });
    const settings = { reminderWorkingDays: 5, retentionMonths: 6 };

    it('reminds the organisation after 5 working days without an answer, then alerts its manager', async () => {
      const opened = new Date('2026-11-06T09:00:00Z'); // a Friday; 11 November is a holiday
      const { id } = await openCase(deps(opened), helper, await input());
      const mails = async () =>
        (
          await t.db
            .selectFrom('jobs')
            .select(['idempotency_key', 'payload'])
            .where('idempotency_key', 'like', `mail:%:${id}:%`)
            .execute()
        ).map((j) => String(j.idempotency_key).split(':')[1] + '→' + String(j.payload.to));
      expect(await runDeadlines(t.db, settings, 'http://sc.test', new Date('2026-11-13T10:00:00Z'))).toEqual({
        reminded: 0,
        alerted: 0,
      });
      expect(
        (await runDeadlines(t.db, settings, 'http://sc.test', new Date('2026-11-16T10:00:00Z'))).reminded,
      ).toBeGreaterThanOrEqual(1);
      expect(await mails()).toContain('reminder→caf@demo.localhost');
      // Running again the same day changes nothing: no second reminder.
      await runDeadlines(t.db, settings, 'http://sc.test', new Date('2026-11-16T11:00:00Z'));
      expect((await mails()).filter((m) => m.startsWith('reminder'))).toHaveLength(1);
      await runDeadlines(t.db, settings, 'http://sc.test', new Date('2026-11-23T12:00:00Z'));
      expect(await mails()).toContain('alert→responsable-caf@demo.localhost');
    });

    it('sends no reminder to an organisation that answered', async () => {
      const opened = new Date('2026-11-02T09:00:00Z');
      const { id } = await openCase(deps(opened), helper, await input());
      await postMessage(deps(new Date('2026-11-03T09:00:00Z')), caf, id, {
        kind: 'answer',
        body: 'Réponse',
        attachments: [],
      });
      await runDeadlines(t.db, settings, 'http://sc.test', new Date('2026-12-15T10:00:00Z'));
      const reminders = await t.db
        .selectFrom('jobs')
        .select('id')
        .where('idempotency_key', 'like', `mail:reminder:${id}:%`)
        .execute();
      expect(reminders).toHaveLength(0);
    });

    it('erases the personal data of cases closed more than 6 months ago, and keeps the statistics', async () => {
      const { id: old } = await openCase(deps(new Date('2026-01-05T09:00:00Z')), helper, await input());
      await postMessage(deps(new Date('2026-01-06T09:00:00Z')), caf, old, {
        kind: 'answer',
        body: 'Pension rétablie pour M. Durand',
        attachments: [],
      });
      await closeCase(deps(new Date('2026-02-01T09:00:00Z')), helper, old, {
        usefulness: 'yes',
        outcome: 'Pension versée',
      });
      const { id: recent } = await openCase(deps(new Date('2026-10-01T09:00:00Z')), helper, await input());
      await closeCase(deps(new Date('2026-10-02T09:00:00Z')), helper, recent, {
        usefulness: 'partly',
        outcome: 'En partie',
      });
      expect(await eraseExpiredPersonalData(t.db, settings, new Date('2026-11-27T02:00:00Z'))).toBe(1);
      const c = await t.db.selectFrom('cases').selectAll().where('id', '=', old).executeTakeFirstOrThrow();
      expect(c).toMatchObject({
        resident_first_name: null,
        resident_last_name: null,
        resident_birth_date: null,
        social_security_number: null,
        question: null,
        status: 'closed',
        usefulness: 'yes',
        life_event: 'retirement',
      });
      expect(c.personal_data_erased_at).not.toBeNull();
      const bodies = await t.db
        .selectFrom('case_messages')
        .select('body')
        .where('case_id', '=', old)
        .execute();
      expect(bodies.length).toBeGreaterThan(0);
      expect(bodies.every((b) => b.body == null)).toBe(true);
      expect(
        await t.db.selectFrom('stored_files').select('id').where('owner_id', '=', old).execute(),
      ).toHaveLength(0);
      expect(
        await t.db
          .selectFrom('case_participants')
          .select('first_answer_at')
          .where('case_id', '=', old)
          .execute(),
      ).toHaveLength(1);
      expect(
        (
          await t.db
            .selectFrom('cases')
            .select('resident_first_name')
            .where('id', '=', recent)
            .executeTakeFirstOrThrow()
        ).resident_first_name,
      ).toBe('Paul');
      expect(
        await t.db
          .selectFrom('audit_journal')
          .select('id')
          .where('subject_id', '=', old)
          .where('action', '=', 'delete')
          .execute(),
      ).toHaveLength(1);
    });

    it('sends weekly digests to those who want them, once per week', async () => {
      await openCase(deps(new Date()), helper, await input());
      await setMailVolume(t.db, await userIdByEmail(t.db, 'cpam@demo.localhost'), 'minimum');
      await setMailVolume(t.db, caf.id, 'digest');
      const sent = await sendWeeklyDigests(t.db, 'http://sc.test', 'cases.digest@week-2026-11-23');
      expect(sent).toBeGreaterThan(0);
      expect(await sendWeeklyDigests(t.db, 'http://sc.test', 'cases.digest@week-2026-11-23')).toBe(0);
      const to = (
        await t.db
          .selectFrom('jobs')
          .select('payload')
          .where('idempotency_key', 'like', 'mail:digest:cases.digest@week-2026-11-23:%')
          .execute()
      ).map((j) => j.payload.to);
      expect(to).toContain('caf@demo.localhost');
      expect(to).toContain('aidant@demo.localhost');
      expect(to).not.toContain('cpam@demo.localhost');
    });

    it('confirms an e-mail consent through the development provider link', async () => {
      const { id } = await openCase(
        deps(new Date()),
        helper,
        await input({ kind: 'email', contact: 'paul@exemple.fr' }),
      );
      const consent = await t.db
        .selectFrom('case_consents')
        .select(['id', 'confirmed_at'])
        .where('case_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(consent.confirmed_at).toBeNull();
      expect(
        await t.db
          .selectFrom('jobs')
          .select('id')
          .where('idempotency_key', '=', `consent-confirmation:${consent.id}`)
          .execute(),
      ).toHaveLength(1);
      const sent: { channel: string; to: string; text: string }[] = [];
      await sendConsentConfirmation(
        t.db,
        { send: async (channel, to, text) => void sent.push({ channel, to, text }) },
        'http://sc.test',
        consent.id,
      );
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ channel: 'email', to: 'paul@exemple.fr' });
      const token = /consentement\/([A-Za-z0-9_-]+)/.exec(sent[0]!.text)![1]!;
      expect(
        (await answerConsent(t.db, 'http://sc.test', 'x'.repeat(32), 'accord', new Date())).link.state,
      ).toBe('unknown');
      const page = await formContext(t, `/consentement/${token}`);
      const response = await t.app.inject({
        method: 'POST',
        url: `/consentement/${token}`,
        payload: `_csrf=${encodeURIComponent(page.csrf)}&reponse=accord`,
        headers: { cookie: page.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('votre accord est enregistré');
      expect(
        (
          await t.db
            .selectFrom('case_consents')
            .select('confirmed_at')
            .where('id', '=', consent.id)
            .executeTakeFirstOrThrow()
        ).confirmed_at,
      ).not.toBeNull();
    });
  });
}
