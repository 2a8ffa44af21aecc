// Reminders of a saved plan on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set), sent by the
// durable jobs through the real local SMTP server and the development SMS outbox. The app's clock is fixed on
// Sunday 6 December 2026; the jobs are run at chosen instants with `jobs.tick(now)`.
//
// The plan: a birth expected on Monday 15 February 2027 in Cahors, parents not married. Its dated steps, by hand
// (content/life-events/birth.json):
// - declare the pregnancy 189 days before: 10 August 2026 (legal, already past: no reminder);
// - recognise the child before the birth: Monday 15 February 2027 (advice);
// - declare the birth within 5 days: Saturday 20 February → moved to Monday 22 February 2027 (legal);
// - register the child with the Assurance maladie and tell the Caf within 30 days: Wednesday 17 March (advice);
// - tell the tax office within 60 days: Friday 16 April 2027 (advice).
// Reminders leave at 08:00 UTC a week and a day before: 8 and 14 February, 15 and 21 February, 10 and 16 March
// (two steps each), 9 and 15 April. The private link lives a month after the last deadline: Sunday 16 May 2027.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  buildTestApp,
  databaseKinds,
  testConfig,
  whileJournalRefuses,
  type TestApp,
} from '../../../test/helpers.ts';
import { Visitor } from '../../../test/visitor.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import { DevMailbox } from '../../platform/mail/dev-mailbox.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { reminderJobKind, reminderSchedule, type RemindableProcedure } from './reminders.ts';
import { purgeExpiredLinks, saveAnswers } from './saved-answers.ts';

const birth = { eventDate: '2027-02-15', commune: '46042', couple: 'non', earnings: '1400' };

/** A visitor with a birth plan in its cookie (the one-page form), on the save page. */
async function visitorWithPlan(t: TestApp, answers: Record<string, string> = birth): Promise<Visitor> {
  const v = new Visitor(t);
  const form = await v.post('/moments-de-vie/birth/formulaire', answers);
  expect(form.statusCode).toBe(303);
  return v;
}

/** Saves the plan with these reminder fields; returns the response and the private link's token. */
async function save(v: Visitor, fields: Record<string, string>) {
  const response = await v.post('/moments-de-vie/birth/enregistrer', fields);
  const link = /data-resume-link[^>]*>([^<]+)</.exec(response.body)?.[1];
  return { response, token: link?.split('/').pop() };
}

const links = (text: string) => ({
  plan: /https?:\/\/\S+\/moments-de-vie\/reprendre\/[\w-]+/.exec(text)?.[0],
  stop: /https?:\/\/\S+\/moments-de-vie\/rappels\/arret\/[\w-]+/.exec(text)?.[0],
});

for (const kind of databaseKinds) {
  describe(`reminders on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({
        kind,
        config: {
          fixedToday: '2026-12-06',
          devMailbox: true,
          smtp: { ...testConfig().smtp, port: 0 },
          rateLimit: { loginPerMinute: 1000, apiPerMinute: 1000 },
        },
      });
    });
    afterAll(async () => {
      await t?.close();
    });

    const count = async (
      table: 'navigator_saved_answers' | 'navigator_reminders' | 'navigator_reminder_messages',
    ) =>
      Number(
        (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n,
      );
    const reminderJobs = async () =>
      Number(
        (
          await sql<{ n: string }>`select count(*) as n from jobs where kind = ${reminderJobKind}`.execute(
            t.db,
          )
        ).rows[0]!.n,
      );
    const mailsTo = (address: string) => t.app.devMailbox!.for(address);

    it('GET /enregistrer explains, dates the link a month after the last deadline and lists the reminders to come', async () => {
      const empty = await new Visitor(t).get('/moments-de-vie/birth/enregistrer');
      expect(empty.statusCode).toBe(200);
      expect(empty.body).toContain('il n’y a rien à enregistrer');
      expect(empty.body).not.toContain('name="reminders"');

      const v = await visitorWithPlan(t);
      const page = await v.get('/moments-de-vie/birth/enregistrer');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('data-expires-on="2027-05-16"');
      expect(page.body).toContain('dimanche 16 mai 2027');
      expect(page.body).toContain('Rappels le lundi 8 février 2027 et le dimanche 14 février 2027');
      expect(page.body).toContain('Rappels le vendredi 9 avril 2027 et le jeudi 15 avril 2027');
      // The pregnancy declaration's date is past: nothing to remind for it.
      expect(page.body).not.toContain('Déclarer la grossesse');
      expect(page.body).toContain('name="reminders"');
      expect(page.body).toContain('Rappels le lundi 15 février 2027 et le dimanche 21 février 2027');
      expect(page.body).toContain('Rappels le mercredi 10 mars 2027 et le mardi 16 mars 2027');
      expect(page.body).toContain('Date limite : lundi 22 février 2027');
      expect(page.body).toContain('Conseillé avant le mercredi 17 mars 2027');
      expect(page.body).toContain('value="sms"');
    });

    it('an event far ahead keeps the link two years at most, one long past 30 days, with nothing to remind', async () => {
      // A retirement on 1 June 2035: its steps (a year and six months before) fall after 6 December 2026 + 730
      // days = 5 December 2028, where the link stops: nothing to remind within its life.
      const far = new Visitor(t);
      expect(
        (
          await far.post('/moments-de-vie/retirement/formulaire', {
            eventDate: '2035-06-01',
            commune: '46042',
          })
        ).statusCode,
      ).toBe(303);
      const farPage = await far.get('/moments-de-vie/retirement/enregistrer');
      expect(farPage.body).toContain('data-expires-on="2028-12-05"');
      expect(farPage.body).toContain('soit deux ans');
      expect(farPage.body).toContain('il n’y a pas de rappel à programmer');
      const forged = await far.post('/moments-de-vie/retirement/enregistrer', {
        reminders: 'courriel',
        email: 'loin@exemple.fr',
        consent: 'oui',
      });
      expect(forged.statusCode).toBe(400);
      expect(forged.body).toContain('il n’y a rien à rappeler');
      // A move on 10 January 2026: its last step (the moving allowance, 6 months) was due on 10 July 2026; every
      // date is past, the link lives 30 days, to 5 January 2027.
      const past = new Visitor(t);
      await past.post('/moments-de-vie/moving/formulaire', { eventDate: '2026-01-10', commune: '46042' });
      const pastPage = await past.get('/moments-de-vie/moving/enregistrer');
      expect(pastPage.body).toContain('data-expires-on="2027-01-05"');
      expect(pastPage.body).toContain('soit 30 jours');
      expect(pastPage.body).toContain('il n’y a pas de rappel à programmer');
      const saved = await past.post('/moments-de-vie/moving/enregistrer', {});
      expect(saved.statusCode).toBe(200);
      expect(saved.body).toContain('data-expires-on="2027-01-05"');
      // Further back than the moment of life allows (a year), the date itself is refused in French.
      const tooOld = await new Visitor(t).post('/moments-de-vie/bereavement/questions/eventDate', {
        eventDate: '2025-11-01',
        action: 'continuer',
      });
      expect(tooOld.statusCode).toBe(400);
      expect(tooOld.body).toContain('Cette date est trop ancienne');
    });

    it('refuses wrong reminder fields next to each field, and stores nothing', async () => {
      const v = await visitorWithPlan(t);
      const before = [
        await count('navigator_saved_answers'),
        await count('navigator_reminders'),
        await reminderJobs(),
      ];
      const cases: [Record<string, string>, string, string][] = [
        [
          { reminders: 'courriel', email: 'pas-une-adresse', consent: 'oui' },
          'email-error',
          'Cette adresse électronique n’est pas valide',
        ],
        [
          { reminders: 'courriel', email: '', consent: 'oui' },
          'email-error',
          'Indiquez votre adresse électronique',
        ],
        [
          { reminders: 'sms', phone: '05 65 20 87 87', consent: 'oui' },
          'phone-error',
          'Ce numéro n’est pas un numéro de portable français',
        ],
        [{ reminders: 'courriel', email: 'nom@exemple.fr' }, 'consent-messages', 'Cochez la case'],
        [{ reminders: 'non', email: 'nom@exemple.fr' }, 'reminders-messages', 'choisissez « Par courriel »'],
        [{ reminders: '<script>' }, 'reminders-messages', 'Choisissez comment recevoir les rappels.'],
      ];
      for (const [fields, where, message] of cases) {
        const refused = await v.post('/moments-de-vie/birth/enregistrer', fields);
        expect(refused.statusCode, JSON.stringify(fields)).toBe(400);
        expect(refused.body).toContain(`id="${where}"`);
        expect(refused.body).toContain(message);
        expect(refused.body).toContain('Erreur — Enregistrer mon plan');
        if (fields.email) expect(refused.body).toContain(`value="${fields.email}"`);
        expect(refused.body).not.toContain('<script>');
      }
      expect([
        await count('navigator_saved_answers'),
        await count('navigator_reminders'),
        await reminderJobs(),
      ]).toEqual(before);
      // Without answers in the browser there is nothing to save.
      const nothing = await new Visitor(t).post(
        '/moments-de-vie/birth/enregistrer',
        {},
        '/moments-de-vie/birth/formulaire',
      );
      expect(nothing.statusCode).toBe(400);
      expect(nothing.body).toContain('il n’y a rien à enregistrer');
    });

    it('sends by e-mail at once, then a week and a day before, once each; the stop link stops them with one click', async () => {
      const address = 'parent@exemple.fr';
      const v = await visitorWithPlan(t);
      const { response, token } = await save(v, { reminders: 'courriel', email: address, consent: 'oui' });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Rappels activés');
      expect(response.body).toContain(`Par courriel à ${address}`);
      expect(response.headers['referrer-policy']).toBe('no-referrer');

      // Stored: the answers until 17 April, the subscription with the consent sentence, seven messages and jobs.
      const saved = await t.db
        .selectFrom('navigator_saved_answers')
        .selectAll()
        .where('token_hash', '=', hashToken(token!))
        .executeTakeFirstOrThrow();
      expect(saved.expires_at.toISOString().slice(0, 10)).toBe('2027-05-16');
      const reminder = await t.db
        .selectFrom('navigator_reminders')
        .selectAll()
        .where('saved_answers_id', '=', saved.id)
        .executeTakeFirstOrThrow();
      expect(reminder).toMatchObject({ channel: 'email', contact: address, stopped_at: null });
      expect(reminder.consent_text).toContain('jusqu’au dimanche 16 mai 2027');
      expect(reminder.links_sealed).not.toContain(token);
      const messages = await t.db
        .selectFrom('navigator_reminder_messages')
        .select(['id', 'kind', 'procedure_id', 'send_at', 'status'])
        .where('reminder_id', '=', reminder.id)
        .orderBy('send_at')
        .orderBy('procedure_id')
        .execute();
      expect(messages.slice(1).map((m) => [m.procedure_id, m.kind, m.send_at.toISOString()])).toEqual([
        ['recognize-child', 'week-before', '2027-02-08T08:00:00.000Z'],
        ['recognize-child', 'day-before', '2027-02-14T08:00:00.000Z'],
        ['declare-birth', 'week-before', '2027-02-15T08:00:00.000Z'],
        ['declare-birth', 'day-before', '2027-02-21T08:00:00.000Z'],
        ['inform-caf', 'week-before', '2027-03-10T08:00:00.000Z'],
        ['register-health-insurance', 'week-before', '2027-03-10T08:00:00.000Z'],
        ['inform-caf', 'day-before', '2027-03-16T08:00:00.000Z'],
        ['register-health-insurance', 'day-before', '2027-03-16T08:00:00.000Z'],
        ['inform-tax', 'week-before', '2027-04-09T08:00:00.000Z'],
        ['inform-tax', 'day-before', '2027-04-15T08:00:00.000Z'],
      ]);
      expect(messages[0]!.kind).toBe('welcome');
      const jobs = await t.db
        .selectFrom('jobs')
        .select(['payload', 'run_at', 'idempotency_key'])
        .where('kind', '=', reminderJobKind)
        .where(
          'idempotency_key',
          'in',
          messages.map((m) => `${reminderJobKind}:${m.id}`),
        )
        .execute();
      expect(jobs).toHaveLength(11);
      // A second enqueue of a message's job is a no-op: one job per message.
      expect(
        await enqueue(
          t.db,
          reminderJobKind,
          { messageId: messages[1]!.id },
          { idempotencyKey: jobs[0]!.idempotency_key! },
        ),
      ).toBeNull();
      const created = await t.db
        .selectFrom('audit_journal')
        .select(['action', 'reason'])
        .where('subject_type', '=', 'navigator-reminder')
        .where('subject_id', '=', reminder.id)
        .execute();
      expect(created).toEqual([{ action: 'create', reason: 'rappels demandés par l’usager' }]);

      // The first message leaves at once, with both links and the List-Unsubscribe header.
      // A minute after the fixed day's current time: the first message is due whatever the hour the test runs.
      await t.app.jobs.tick(new Date(t.app.clock.now().getTime() + 60_000));
      const welcome = await t.app.devMailbox!.waitFor((m) => m.to.includes(address));
      expect(welcome.subject).toBe('Rappels activés : Avoir un enfant');
      expect(welcome.text).toContain('- Déclarer la naissance : date limite le lundi 22 février 2027');
      const welcomeLinks = links(welcome.text);
      expect(welcomeLinks.plan).toBe(`http://127.0.0.1:3000/moments-de-vie/reprendre/${token}`);
      expect(welcomeLinks.stop).toBeTruthy();
      expect(welcome.headers['list-unsubscribe']).toBe(`<${welcomeLinks.stop}>`);
      expect(welcome.messageId).toBe(`<reminder-${messages[0]!.id}@sans-couture>`);

      // Nothing more until a week before the first date, the recognition of the child (advice).
      await t.app.jobs.tick(new Date('2027-02-08T07:59:00Z'));
      expect(mailsTo(address)).toHaveLength(1);
      await t.app.jobs.tick(new Date('2027-02-08T08:00:30Z'));
      const recognize = await t.app.devMailbox!.waitFor(
        (m) => m.to.includes(address) && m.subject.startsWith('Rappel :'),
      );
      expect(recognize.subject).toBe(
        'Rappel : Reconnaître l’enfant avant sa naissance, si vous n’êtes pas mariés — conseillé avant le lundi 15 février 2027',
      );
      expect(recognize.text).toContain('la date de cette démarche est dans 7 jours');
      expect(links(recognize.text)).toEqual(welcomeLinks);

      // Never twice: a job run again (a crash after the send, before its "done" row) finds the message settled.
      await sql`update jobs set status = 'pending', run_at = ${new Date('2027-02-08T08:00:00Z')}
        where idempotency_key = ${`${reminderJobKind}:${messages[1]!.id}`}`.execute(t.db);
      await t.app.jobs.tick(new Date('2027-02-08T09:00:00Z'));
      expect(mailsTo(address)).toHaveLength(2);

      // The day before, then a week before the birth's declaration (a legal deadline), then the day before it.
      await t.app.jobs.tick(new Date('2027-02-14T08:00:30Z'));
      expect(mailsTo(address)[2]!.text).toContain('la date de cette démarche est demain');
      await t.app.jobs.tick(new Date('2027-02-15T08:00:30Z'));
      const week = mailsTo(address)[3]!;
      expect(week.subject).toBe('Rappel : Déclarer la naissance — date limite le lundi 22 février 2027');
      expect(week.text).toContain('la date de cette démarche est dans 7 jours');
      expect(week.text).toContain('Où : Mairie de Cahors, 73 boulevard Gambetta, 46000 Cahors');
      await t.app.jobs.tick(new Date('2027-02-21T08:00:30Z'));
      const dayBefore = mailsTo(address)[4]!;
      expect(dayBefore.subject).toBe(week.subject);
      expect(dayBefore.text).toContain('la date de cette démarche est demain');
      expect(mailsTo(address)).toHaveLength(5);
      // One click on the stop link: stopped, the address forgotten, the rest skipped, the stop journaled.
      const stopPath = new URL(welcomeLinks.stop!).pathname;
      const stopped = await new Visitor(t).get(stopPath);
      expect(stopped.statusCode).toBe(200);
      expect(stopped.body).toContain('Vos rappels sont arrêtés');
      expect(stopped.headers['cache-control']).toBe('no-store');
      const after = await t.db
        .selectFrom('navigator_reminders')
        .select(['contact', 'stopped_at', 'stop_reason', 'links_sealed'])
        .where('id', '=', reminder.id)
        .executeTakeFirstOrThrow();
      expect(after).toMatchObject({ contact: null, stop_reason: 'request', links_sealed: null });
      const statuses = await t.db
        .selectFrom('navigator_reminder_messages')
        .select('status')
        .where('reminder_id', '=', reminder.id)
        .orderBy('send_at')
        .execute();
      expect(statuses.map((s) => s.status)).toEqual([
        'sent',
        'sent',
        'sent',
        'sent',
        'sent',
        'skipped',
        'skipped',
        'skipped',
        'skipped',
        'skipped',
        'skipped',
      ]);
      await t.app.jobs.tick(new Date('2027-03-10T08:00:30Z'));
      await t.app.jobs.tick(new Date('2027-03-16T08:00:30Z'));
      await t.app.jobs.tick(new Date('2027-04-15T08:00:30Z'));
      expect(mailsTo(address)).toHaveLength(5);
      const again2 = await new Visitor(t).get(stopPath);
      expect(again2.statusCode).toBe(200);
      expect(again2.body).toContain('Vos rappels étaient déjà arrêtés');
      const journal = await t.db
        .selectFrom('audit_journal')
        .select(['action', 'reason'])
        .where('subject_type', '=', 'navigator-reminder')
        .where('subject_id', '=', reminder.id)
        .orderBy('id')
        .execute();
      expect(journal.map((j) => j.action)).toEqual([
        'create',
        'read',
        'read',
        'read',
        'read',
        'read',
        'delete',
      ]);
      // The private link still works after the stop.
      expect((await new Visitor(t).get(`/moments-de-vie/reprendre/${token}`)).statusCode).toBe(303);
    });

    it('SMS: the first message and its links in the outbox; a number the provider refuses stops them', async () => {
      const v = await visitorWithPlan(t);
      const ok = await save(v, { reminders: 'sms', phone: '07 11 22 33 44', consent: 'oui' });
      expect(ok.response.statusCode).toBe(200);
      expect(ok.response.body).toContain('Par SMS au 07 11 22 33 44');
      // A minute after the fixed day's current time: the first message is due whatever the hour the test runs.
      await t.app.jobs.tick(new Date(t.app.clock.now().getTime() + 60_000));
      const sms = t.app.devSms!.for('+33711223344');
      expect(sms).toHaveLength(1);
      expect(sms[0]!.text).toContain(
        'rappels activés pour votre plan « Avoir un enfant » (10 messages prévus',
      );
      expect(links(sms[0]!.text).plan).toBe(`http://127.0.0.1:3000/moments-de-vie/reprendre/${ok.token}`);
      expect(links(sms[0]!.text).stop).toBeTruthy();

      const fiction = await save(await visitorWithPlan(t), {
        reminders: 'sms',
        phone: '06 39 98 00 01',
        consent: 'oui',
      });
      await t.app.jobs.tick(new Date(t.app.clock.now().getTime() + 60_000));
      expect(t.app.devSms!.for('+33639980001')).toHaveLength(0);
      const notice = await new Visitor(t).get(`/moments-de-vie/reprendre/${fiction.token}`);
      expect(notice.statusCode).toBe(200);
      expect(notice.body).toContain('Le numéro 06 39 98 00 01 a été refusé par l’opérateur');
    });

    it('an address the mail server refuses: recorded in one go, said once on the next visit of the link, then forgotten', async () => {
      const address = 'personne@refus.invalid';
      const v = await visitorWithPlan(t);
      const { token } = await save(v, { reminders: 'courriel', email: address, consent: 'oui' });
      await t.app.jobs.tick(new Date('2026-12-07T06:00:00Z'));
      const saved = await t.db
        .selectFrom('navigator_saved_answers')
        .select('id')
        .where('token_hash', '=', hashToken(token!))
        .executeTakeFirstOrThrow();
      const reminder = await t.db
        .selectFrom('navigator_reminders')
        .select(['id', 'contact', 'stop_reason', 'links_sealed'])
        .where('saved_answers_id', '=', saved.id)
        .executeTakeFirstOrThrow();
      expect(reminder).toMatchObject({ contact: address, stop_reason: 'refused', links_sealed: null });
      const statuses = await t.db
        .selectFrom('navigator_reminder_messages')
        .select(['kind', 'status'])
        .where('reminder_id', '=', reminder.id)
        .execute();
      expect(statuses.find((s) => s.kind === 'welcome')!.status).toBe('refused');
      expect(statuses.filter((s) => s.kind !== 'welcome').every((s) => s.status === 'skipped')).toBe(true);
      const welcomeId = (
        await t.db
          .selectFrom('navigator_reminder_messages')
          .select('id')
          .where('reminder_id', '=', reminder.id)
          .where('kind', '=', 'welcome')
          .executeTakeFirstOrThrow()
      ).id;
      const refusedJob = await t.db
        .selectFrom('jobs')
        .select('status')
        .where('idempotency_key', '=', `${reminderJobKind}:${welcomeId}`)
        .executeTakeFirstOrThrow();
      // A refusal is settled, not retried for nothing.
      expect(refusedJob.status).toBe('done');

      const other = new Visitor(t);
      const notice = await other.get(`/moments-de-vie/reprendre/${token}`);
      expect(notice.statusCode).toBe(200);
      expect(notice.body).toContain('Vos rappels n’ont pas pu être envoyés');
      expect(notice.body).toContain(`L’adresse ${address} a été refusée par son serveur de messagerie`);
      expect(notice.body).toContain('href="/moments-de-vie/birth/enregistrer"');
      expect((await other.get('/moments-de-vie/birth/recapitulatif')).body).toContain('Cahors');
      const forgotten = await t.db
        .selectFrom('navigator_reminders')
        .select('contact')
        .where('id', '=', reminder.id)
        .executeTakeFirstOrThrow();
      expect(forgotten.contact).toBeNull();
      const next = await new Visitor(t).get(`/moments-de-vie/reprendre/${token}`);
      expect(next.statusCode).toBe(303);
    });

    it('deleting the saved answers stops the reminders; the link then says it was erased (410), the stop link matches nothing', async () => {
      const address = 'efface@exemple.fr';
      const v = await visitorWithPlan(t);
      const { token } = await save(v, { reminders: 'courriel', email: address, consent: 'oui' });
      await t.app.jobs.tick(new Date('2026-12-07T07:00:00Z'));
      const welcome = await t.app.devMailbox!.waitFor((m) => m.to.includes(address));
      const stopPath = new URL(links(welcome.text).stop!).pathname;
      const saved = await t.db
        .selectFrom('navigator_saved_answers')
        .select('id')
        .where('token_hash', '=', hashToken(token!))
        .executeTakeFirstOrThrow();
      const reminder = await t.db
        .selectFrom('navigator_reminders')
        .select('id')
        .where('saved_answers_id', '=', saved.id)
        .executeTakeFirstOrThrow();

      const removed = await v.post(
        `/moments-de-vie/reprendre/${token}/supprimer`,
        {},
        '/moments-de-vie/birth/enregistrer',
      );
      expect(removed.statusCode).toBe(200);
      expect(removed.body).toContain('les rappels éventuels sont arrêtés');
      expect(
        await t.db
          .selectFrom('navigator_reminders')
          .select('id')
          .where('id', '=', reminder.id)
          .executeTakeFirst(),
      ).toBeUndefined();
      expect(
        await t.db
          .selectFrom('navigator_reminder_messages')
          .select('id')
          .where('reminder_id', '=', reminder.id)
          .execute(),
      ).toEqual([]);
      const journal = await t.db
        .selectFrom('audit_journal')
        .select(['action', 'reason'])
        .where('subject_type', '=', 'navigator-reminder')
        .where('subject_id', '=', reminder.id)
        .orderBy('id')
        .execute();
      expect(journal.at(-1)).toEqual({ action: 'delete', reason: 'effacement à la demande de l’usager' });

      const before = t.app.devMailbox!.for(address).length;
      await t.app.jobs.tick(new Date('2027-02-15T08:30:00Z'));
      expect(t.app.devMailbox!.for(address)).toHaveLength(before);

      const erased = await new Visitor(t).get(`/moments-de-vie/reprendre/${token}`);
      expect(erased.statusCode).toBe(410);
      expect(erased.body).toContain('Ces réponses ont été effacées');
      expect(erased.body).toContain('le dimanche 6 décembre 2026');
      const stop = await new Visitor(t).get(stopPath);
      expect(stop.statusCode).toBe(404);
      expect(stop.body).toContain('Ce lien ne correspond à aucun rappel');
      expect((await new Visitor(t).get('/moments-de-vie/rappels/arret/court')).statusCode).toBe(404);
    });

    it('“Je ne sais pas” on every question still saves, with reminders; nothing is half-written when the journal fails', async () => {
      const v = new Visitor(t);
      let next = await v.post('/moments-de-vie/birth/questions/eventDate', {
        eventDate: '15/02/2027',
        action: 'continuer',
      });
      next = await v.post('/moments-de-vie/birth/questions/commune', {
        commune: '46042',
        action: 'continuer',
      });
      for (let guard = 0; guard < 25 && next.headers.location?.includes('/questions/'); guard++) {
        const question = next.headers.location.split('/').pop()!;
        next = await v.post(`/moments-de-vie/birth/questions/${question}`, { action: 'passer' });
        expect(next.statusCode).toBe(303);
      }
      expect(next.headers.location).toBe('/moments-de-vie/birth/recapitulatif');
      expect((await v.get('/moments-de-vie/birth/plan')).statusCode).toBe(200);
      const { response } = await save(v, {
        reminders: 'courriel',
        email: 'sait-pas@exemple.fr',
        consent: 'oui',
      });
      expect(response.statusCode).toBe(200);

      // The journal line of the saved answers is the transaction's last write: refused, nothing stays.
      const before = [
        await count('navigator_saved_answers'),
        await count('navigator_reminders'),
        await count('navigator_reminder_messages'),
        await reminderJobs(),
      ];
      const procedures: RemindableProcedure[] = [
        {
          id: 'declare-birth',
          title: 'Déclarer la naissance',
          organisation: 'Mairie',
          deadline: '2027-02-22',
          legal: true,
          place: null,
        },
      ];
      const now = new Date('2026-12-06T12:00:00Z');
      await whileJournalRefuses(t.db, 'navigator-answers', 'create', () =>
        expect(
          saveAnswers(t.db, null, 'birth', { eventDate: '2027-02-15', commune: '46042' }, now, undefined, {
            expiresOn: '2027-03-22',
            reminders: {
              choice: { channel: 'email', contact: 'moitie@exemple.fr', consentText: 'J’accepte' },
              schedule: reminderSchedule(procedures, now),
              filesKey: t.config.filesKey,
            },
          }),
        ).rejects.toThrow(/journal indisponible/),
      );
      expect([
        await count('navigator_saved_answers'),
        await count('navigator_reminders'),
        await count('navigator_reminder_messages'),
        await reminderJobs(),
      ]).toEqual(before);
    });

    it('when the link expires the reminders go with it (nightly purge, journaled), and the link says it expired', async () => {
      const v = await visitorWithPlan(t);
      const { token } = await save(v, { reminders: 'courriel', email: 'expire@exemple.fr', consent: 'oui' });
      const saved = await t.db
        .selectFrom('navigator_saved_answers')
        .select(['id', 'expires_at'])
        .where('token_hash', '=', hashToken(token!))
        .executeTakeFirstOrThrow();
      const reminder = await t.db
        .selectFrom('navigator_reminders')
        .select('id')
        .where('saved_answers_id', '=', saved.id)
        .executeTakeFirstOrThrow();
      const afterExpiry = new Date(saved.expires_at.getTime() + 60_000);
      const purged = await purgeExpiredLinks(t.db, afterExpiry);
      expect(purged.reminders).toBeGreaterThanOrEqual(1);
      expect(
        await t.db
          .selectFrom('navigator_reminders')
          .select('id')
          .where('id', '=', reminder.id)
          .executeTakeFirst(),
      ).toBeUndefined();
      const journal = await t.db
        .selectFrom('audit_journal')
        .select('reason')
        .where('subject_type', '=', 'navigator-reminder')
        .where('subject_id', '=', reminder.id)
        .where('action', '=', 'delete')
        .execute();
      expect(journal).toEqual([{ reason: 'effacement à l’expiration du lien privé' }]);
      await t.db
        .updateTable('navigator_saved_answers')
        .set({ expires_at: new Date(t.app.clock.now().getTime() - 1000) })
        .where('id', '=', saved.id)
        .execute();
      const expired = await new Visitor(t).get(`/moments-de-vie/reprendre/${token}`);
      expect(expired.statusCode).toBe(410);
      expect(expired.body).toContain('Ce lien a expiré');
    });

    // Last of this block: it closes the development mailbox the other tests read.
    it('never lost: with the mail server down the job fails and comes back; once the server is back it leaves, once', async () => {
      const address = 'panne@exemple.fr';
      await save(await visitorWithPlan(t), { reminders: 'courriel', email: address, consent: 'oui' });
      const port = t.app.devMailbox!.port;
      await t.app.devMailbox!.close();
      const start = new Date('2026-12-08T10:00:00Z');
      await t.app.jobs.tick(start);
      const failed = await t.db
        .selectFrom('jobs')
        .innerJoin('navigator_reminder_messages as m', (join) =>
          join.on(sql`jobs.idempotency_key`, '=', sql`${reminderJobKind} || ':' || m.id::text`),
        )
        .innerJoin('navigator_reminders as r', 'r.id', 'm.reminder_id')
        .select(['jobs.status', 'jobs.attempts', 'jobs.last_error', 'm.status as message'])
        .where('r.contact', '=', address)
        .where('m.kind', '=', 'welcome')
        .executeTakeFirstOrThrow();
      expect(failed).toMatchObject({ status: 'pending', attempts: 1, message: 'pending' });
      expect(failed.last_error).toContain('Le courriel n’a pas pu être envoyé');
      expect(failed.last_error).not.toContain(address);
      const back = new DevMailbox();
      await back.start(port);
      try {
        // The first retry is due 30 seconds later.
        await t.app.jobs.tick(new Date(start.getTime() + 60_000));
        const welcome = await back.waitFor((m) => m.to.includes(address));
        expect(welcome.subject).toBe('Rappels activés : Avoir un enfant');
        await t.app.jobs.tick(new Date(start.getTime() + 3_600_000));
        expect(back.for(address)).toHaveLength(1);
      } finally {
        await back.close();
      }
    });
  });
}
