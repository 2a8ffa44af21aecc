// "Mes données" of a resident signed in by magic link, on a real database: the page lists what is held and
// why, the JSON download holds it all (dates only for sessions and links, no token), the erasure deletes the
// account and everything hanging on it but keeps the journal's rows, each step is journaled, a second erasure
// is harmless, and other roles, anonymous visitors and forms without their CSRF token are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import {
  buildTestApp,
  databaseKinds,
  formContext,
  sessionCookieFor,
  userIdByEmail,
  whileJournalRefuses,
  type TestApp,
} from '../../../test/helpers.ts';
import { insertUser } from '../../../test/factories.ts';
import * as savedAnswersOwner from '../../../migrations/20261127T1500-saved-answers-owner.ts';
import { queueMail } from '../../platform/jobs/mail.ts';
import { createLoginToken } from '../accounts/magic-link.ts';
import { resumeAnswers, saveAnswers } from '../navigator/saved-answers.ts';
import { eraseResidentAccount, type ResidentExport } from './my-data.ts';

for (const kind of databaseKinds) {
  describe(`the resident’s own data on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    /** How many rows the platform holds for a resident: account, sessions, login links, saved answers, mails. */
    async function rowsHeldBy(userId: string, mailKey: string) {
      const count = async (rows: Promise<unknown[]>) => (await rows).length;
      return {
        users: await count(t.db.selectFrom('users').select('id').where('id', '=', userId).execute()),
        sessions: await count(
          t.db.selectFrom('sessions').select('id_hash').where('user_id', '=', userId).execute(),
        ),
        loginLinks: await count(
          t.db.selectFrom('login_tokens').select('token_hash').where('user_id', '=', userId).execute(),
        ),
        savedAnswers: await count(
          t.db.selectFrom('navigator_saved_answers').select('id').where('user_id', '=', userId).execute(),
        ),
        mails: await count(
          t.db.selectFrom('jobs').select('id').where('idempotency_key', '=', mailKey).execute(),
        ),
      };
    }

    /** A fresh resident account, signed in through a real magic link; returns its id, address and cookie. */
    async function signedInResident(): Promise<{ id: string; email: string; cookie: string }> {
      const email = `camille-${randomBytes(4).toString('hex')}@exemple.localhost`;
      const id = await insertUser(t.db, { email, displayName: 'Camille Données', role: 'resident' });
      const token = await createLoginToken(t.db, id, 30 * 60_000);
      const confirm = await formContext(t, `/connexion/lien?jeton=${token}`);
      const login = await t.app.inject({
        method: 'POST',
        url: '/connexion/lien',
        payload: new URLSearchParams({ _csrf: confirm.csrf, jeton: token }).toString(),
        headers: { cookie: confirm.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(login.statusCode).toBe(303);
      const session = login.cookies.find((c) => c.name === 'sc_session')!;
      return { id, email, cookie: `sc_session=${session.value}` };
    }

    const post = async (
      url: string,
      cookie: string,
      fields: Record<string, string> = {},
      pageUrl = '/compte/mes-donnees',
    ) => {
      const { csrf } = await formContext(t, pageUrl, cookie);
      return t.app.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
    };
    const journalOf = (userId: string) =>
      t.db.selectFrom('audit_journal').selectAll().where('actor_id', '=', userId).orderBy('id').execute();

    it('links the answers a resident saves to their account, and only theirs', async () => {
      const resident = await signedInResident();
      const helperId = await userIdByEmail(t.db, 'aidant@demo.localhost');
      await saveAnswers(t.db, { id: resident.id, role: 'resident' }, 'birth', { eventDate: '2026-06-01' });
      await saveAnswers(t.db, { id: helperId, role: 'helper' }, 'birth', { eventDate: '2026-06-02' });
      await saveAnswers(t.db, null, 'birth', { eventDate: '2026-06-03' });
      const rows = await t.db
        .selectFrom('navigator_saved_answers')
        .select(['user_id', 'answers'])
        .orderBy('created_at', 'desc')
        .limit(3)
        .execute();
      const owners = Object.fromEntries(rows.map((r) => [r.answers.eventDate, r.user_id]));
      expect(owners).toEqual({ '2026-06-01': resident.id, '2026-06-02': null, '2026-06-03': null });
    });

    it('shows the resident what is held about them and why, linked from the header and the home page; the reading is journaled', async () => {
      const resident = await signedInResident();
      await saveAnswers(t.db, { id: resident.id, role: 'resident' }, 'moving', { eventDate: '2026-07-01' });
      const home = await t.app.inject({ url: '/', headers: { cookie: resident.cookie } });
      expect(home.body).toContain('href="/compte/mes-donnees"');
      const page = await t.app.inject({ url: '/compte/mes-donnees', headers: { cookie: resident.cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toContain('no-store');
      expect(page.body).toContain('<h1>Mes données</h1>');
      expect(page.body).toContain(resident.email);
      expect(page.body).toContain('Camille Données');
      expect(page.body).toContain('(celle-ci)');
      expect(page.body).toContain('Déménager');
      expect(page.body).toContain('Le journal des accès');
      expect(page.body).toContain('connexion (compte)'); // the magic-link login, from the journal
      expect(page.body).toContain('ni modifié ni effacé');
      expect(page.body).toContain('action="/compte/mes-donnees/export"');
      expect(page.body).toContain('href="/compte/mes-donnees/effacement"');
      expect(page.body).toContain('aria-current="page"');
      const reads = (await journalOf(resident.id)).filter(
        (e) => e.action === 'read' && e.subject_type === 'user',
      );
      expect(reads).toHaveLength(1);
      expect(reads[0]).toMatchObject({ subject_id: resident.id, actor_role: 'resident' });
    });

    it('downloads everything as JSON: account, session and link dates, saved answers, the whole journal, queued mails; no token; journaled', async () => {
      const resident = await signedInResident();
      await saveAnswers(t.db, { id: resident.id, role: 'resident' }, 'birth', {
        eventDate: '2026-06-01',
        commune: '46042',
      });
      await queueMail(
        t.db,
        { to: resident.email.toUpperCase(), subject: 'Votre plan : J’attends un enfant', text: 'Le plan' },
        `test:${resident.id}`,
      );
      const response = await post('/compte/mes-donnees/export', resident.cookie);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('application/json');
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename="mes-donnees-sans-couture.json"',
      );
      expect(response.headers['cache-control']).toContain('no-store');
      const data = JSON.parse(response.body) as ResidentExport;
      expect(data.compte).toMatchObject({
        adresseElectronique: resident.email,
        nomAffiche: 'Camille Données',
        role: 'Usager',
        etat: 'actif',
        identifiantProConnect: null,
      });
      expect(data.compte.derniereConnexion).not.toBeNull();
      expect(data.sessions).toHaveLength(1);
      expect(Object.keys(data.sessions[0]!).sort()).toEqual(['derniereActivite', 'expireLe', 'ouverteLe']);
      expect(data.liensDeConnexion).toHaveLength(1);
      expect(data.liensDeConnexion[0]!.utiliseLe).not.toBeNull();
      expect(data.reponsesEnregistrees).toHaveLength(1);
      expect(data.reponsesEnregistrees[0]).toMatchObject({
        reponses: { eventDate: '2026-06-01', commune: '46042' },
      });
      expect(data.journal.map((j) => `${j.qui}/${j.action}/${j.objet}`)).toEqual(
        expect.arrayContaining(['vous/connexion/compte', 'vous/création/réponses enregistrées']),
      );
      expect(data.courrielsEnFileDAttente).toEqual([
        expect.objectContaining({ objet: 'Votre plan : J’attends un enfant', etat: 'en attente' }),
      ]);
      expect(data.aSavoir.join(' ')).toContain('ne peut être ni modifié ni effacé');
      // No session or link token, not even their hashes.
      const hashes = [
        ...(await t.db
          .selectFrom('sessions')
          .select('id_hash as h')
          .where('user_id', '=', resident.id)
          .execute()),
        ...(await t.db
          .selectFrom('login_tokens')
          .select('token_hash as h')
          .where('user_id', '=', resident.id)
          .execute()),
      ].map((r) => r.h);
      expect(hashes.length).toBe(2);
      for (const h of hashes) expect(response.body).not.toContain(h);
      expect(response.body).not.toContain(resident.cookie.slice('sc_session='.length));
      const exports = (await journalOf(resident.id)).filter((e) => e.action === 'export');
      expect(exports).toHaveLength(1);
      expect(exports[0]).toMatchObject({
        subject_type: 'user',
        subject_id: resident.id,
        reason: 'export de ses données par l’usager',
      });
    });

    it('erases the account after confirmation: account, sessions, links, own answers and queued mails gone, journal rows kept; a second erasure is harmless', async () => {
      const resident = await signedInResident();
      const other = await signedInResident();
      await saveAnswers(t.db, { id: resident.id, role: 'resident' }, 'birth', { eventDate: '2026-06-01' });
      await saveAnswers(t.db, { id: other.id, role: 'resident' }, 'birth', { eventDate: '2026-06-09' });
      await saveAnswers(t.db, null, 'birth', { eventDate: '2026-06-10' });
      await createLoginToken(t.db, resident.id, 30 * 60_000);
      await queueMail(
        t.db,
        { to: resident.email, subject: 'Un courriel', text: 'Texte' },
        `erase:${resident.id}`,
      );
      await queueMail(t.db, { to: other.email, subject: 'Un courriel', text: 'Texte' }, `erase:${other.id}`);
      const ownAnswers = (
        await t.db
          .selectFrom('navigator_saved_answers')
          .select('id')
          .where('user_id', '=', resident.id)
          .execute()
      ).map((a) => a.id);
      expect(ownAnswers).toHaveLength(1);
      const anonymousBefore = (
        await t.db.selectFrom('navigator_saved_answers').select('id').where('user_id', 'is', null).execute()
      ).length;

      const confirm = await t.app.inject({
        url: '/compte/mes-donnees/effacement',
        headers: { cookie: resident.cookie },
      });
      expect(confirm.statusCode).toBe(200);
      expect(confirm.body).toContain('name="confirmation"');
      expect(confirm.body).toContain('La suppression est définitive');

      const unticked = await post(
        '/compte/mes-donnees/effacement',
        resident.cookie,
        {},
        '/compte/mes-donnees/effacement',
      );
      expect(unticked.statusCode).toBe(400);
      expect(unticked.body).toContain('fr-checkbox-group--error');
      expect(unticked.body).toContain('Cochez la case');
      expect(unticked.body).toMatch(/<title>Erreur — /);
      expect(unticked.body).toContain('href="#confirmation"');
      expect(
        await t.db.selectFrom('users').select('id').where('id', '=', resident.id).execute(),
      ).toHaveLength(1);

      const journalBefore = await journalOf(resident.id);
      const erased = await post(
        '/compte/mes-donnees/effacement',
        resident.cookie,
        { confirmation: 'oui' },
        '/compte/mes-donnees/effacement',
      );
      // Post, redirect, get: reloading the result asks nothing again.
      expect(erased.statusCode).toBe(303);
      expect(erased.headers.location).toBe('/compte/supprime');
      expect(erased.cookies.find((c) => c.name === 'sc_session')?.value).toBe('');
      const result = await t.app.inject({ url: '/compte/supprime' });
      expect(result.statusCode).toBe(200);
      expect(result.body).toContain('Votre compte est supprimé');
      expect(result.body).not.toContain('Camille Données');
      expect(result.body).toContain('href="/connexion"');

      expect(await rowsHeldBy(resident.id, `mail:erase:${resident.id}`)).toEqual({
        users: 0,
        sessions: 0,
        loginLinks: 0,
        savedAnswers: 0,
        mails: 0,
      });
      // Deleted, not merely unlinked from the account.
      expect(
        await t.db.selectFrom('navigator_saved_answers').select('id').where('id', 'in', ownAnswers).execute(),
      ).toEqual([]);
      // Nothing of anyone else went with it.
      expect(await rowsHeldBy(other.id, `mail:erase:${other.id}`)).toMatchObject({
        users: 1,
        savedAnswers: 1,
        mails: 1,
      });
      expect(
        (await t.db.selectFrom('navigator_saved_answers').select('id').where('user_id', 'is', null).execute())
          .length,
      ).toBe(anonymousBefore);
      // The journal keeps every row it had, plus one per erased subject.
      const journalAfter = await journalOf(resident.id);
      expect(journalAfter.slice(0, journalBefore.length)).toEqual(journalBefore);
      const deletions = journalAfter.slice(journalBefore.length).filter((e) => e.action === 'delete');
      expect(deletions.map((e) => `${e.subject_type}:${e.subject_id}`).sort()).toEqual(
        [`navigator-answers:${ownAnswers[0]}`, `user:${resident.id}`].sort(),
      );
      expect(deletions.every((e) => e.reason === 'effacement du compte à la demande de l’usager')).toBe(true);

      // Again, with the same (now dead) session: refused as a visitor, nothing changes.
      const again = await t.app.inject({ url: '/compte/mes-donnees', headers: { cookie: resident.cookie } });
      expect(again.statusCode).toBe(401);
      expect(await eraseResidentAccount(t.db, { id: resident.id, role: 'resident' })).toBe(false);
      expect(await journalOf(resident.id)).toHaveLength(journalAfter.length);
    });

    it('refuses agents, anonymous visitors and forms without their CSRF token; never erases an agent’s account', async () => {
      const resident = await signedInResident();
      for (const email of ['aidant@demo.localhost', 'caf@demo.localhost', 'admin@demo.localhost']) {
        const cookie = await sessionCookieFor(t, email);
        expect(
          (await t.app.inject({ url: '/compte/mes-donnees', headers: { cookie } })).statusCode,
          email,
        ).toBe(403);
        expect(
          (await t.app.inject({ url: '/compte/mes-donnees/effacement', headers: { cookie } })).statusCode,
          email,
        ).toBe(403);
        expect((await post('/compte/mes-donnees/export', cookie, {}, '/')).statusCode, email).toBe(403);
        expect(
          (await post('/compte/mes-donnees/effacement', cookie, { confirmation: 'oui' }, '/')).statusCode,
          email,
        ).toBe(403);
      }
      expect((await t.app.inject({ url: '/compte/mes-donnees' })).statusCode).toBe(401);
      const anonymous = await formContext(t, '/connexion');
      const anonymousErase = await t.app.inject({
        method: 'POST',
        url: '/compte/mes-donnees/effacement',
        payload: new URLSearchParams({ _csrf: anonymous.csrf, confirmation: 'oui' }).toString(),
        headers: { cookie: anonymous.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(anonymousErase.statusCode).toBe(401);
      for (const payload of ['_csrf=faux&confirmation=oui', '_csrf=&confirmation=oui']) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/compte/mes-donnees/effacement',
          payload,
          headers: { cookie: resident.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        });
        expect(response.statusCode).toBe(403);
        expect(response.body).toContain('Formulaire expiré ou invalide');
      }
      const forgedExport = await t.app.inject({
        method: 'POST',
        url: '/compte/mes-donnees/export',
        payload: '_csrf=faux',
        headers: { cookie: resident.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(forgedExport.statusCode).toBe(403);
      expect(forgedExport.body).not.toContain(resident.email);
      expect(
        await t.db.selectFrom('users').select('id').where('id', '=', resident.id).execute(),
      ).toHaveLength(1);
      expect(
        (await journalOf(resident.id)).filter((e) => e.action === 'export' || e.action === 'delete'),
      ).toEqual([]);
      const helperId = await userIdByEmail(t.db, 'aidant@demo.localhost');
      expect(await eraseResidentAccount(t.db, { id: helperId, role: 'helper' })).toBe(false);
      expect(await t.db.selectFrom('users').select('id').where('id', '=', helperId).execute()).toHaveLength(
        1,
      );
    });

    it('shows and exports one resident’s data only: nothing of another resident’s answers, mails or journal', async () => {
      const resident = await signedInResident();
      const other = await signedInResident();
      await saveAnswers(t.db, { id: resident.id, role: 'resident' }, 'birth', { eventDate: '2026-09-01' });
      await saveAnswers(t.db, { id: other.id, role: 'resident' }, 'moving', { eventDate: '2026-09-02' });
      await queueMail(
        t.db,
        { to: resident.email, subject: 'Pour moi', text: 'Texte' },
        `mine:${resident.id}`,
      );
      await queueMail(t.db, { to: other.email, subject: 'Pour l’autre', text: 'Texte' }, `other:${other.id}`);
      // The other resident's page view and export write journal lines of their own.
      await t.app.inject({ url: '/compte/mes-donnees', headers: { cookie: other.cookie } });
      expect((await post('/compte/mes-donnees/export', other.cookie)).statusCode).toBe(200);
      const otherAnswers = await t.db
        .selectFrom('navigator_saved_answers')
        .select('id')
        .where('user_id', '=', other.id)
        .executeTakeFirstOrThrow();

      const page = await t.app.inject({ url: '/compte/mes-donnees', headers: { cookie: resident.cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/« Pour moi », du [^<]+ : en attente/);
      expect(page.body).not.toContain('Pour l’autre');
      expect(page.body).not.toContain(other.email);
      expect(page.body).not.toContain('Déménager');

      const response = await post('/compte/mes-donnees/export', resident.cookie);
      const data = JSON.parse(response.body) as ResidentExport;
      expect(data.reponsesEnregistrees.map((a) => a.reponses.eventDate)).toEqual(['2026-09-01']);
      expect(data.courrielsEnFileDAttente.map((m) => m.objet)).toEqual(['Pour moi']);
      expect(response.body).not.toContain(other.id);
      expect(response.body).not.toContain(other.email);
      expect(response.body).not.toContain(otherAnswers.id);
      expect(data.journal.every((j) => j.qui === 'vous')).toBe(true);
    });

    it('says who opened the resident’s saved answers without being signed in: a person with the link, not the platform', async () => {
      const resident = await signedInResident();
      const { token } = await saveAnswers(t.db, { id: resident.id, role: 'resident' }, 'birth', {
        eventDate: '2026-10-01',
      });
      expect((await resumeAnswers(t.db, null, token)).status).toBe('ok');
      const data = JSON.parse(
        (await post('/compte/mes-donnees/export', resident.cookie)).body,
      ) as ResidentExport;
      const resumed = data.journal.find(
        (j) => j.action === 'consultation' && j.objet === 'réponses enregistrées',
      );
      expect(resumed?.qui).toBe('une personne non connectée (avec le lien privé)');
    });

    it('erases all or nothing: when the journal cannot be written, the account and everything on it stay', async () => {
      const resident = await signedInResident();
      await saveAnswers(t.db, { id: resident.id, role: 'resident' }, 'birth', { eventDate: '2026-06-01' });
      await queueMail(t.db, { to: resident.email, subject: 'Reste', text: 'Texte' }, `atomic:${resident.id}`);
      const journalBefore = await journalOf(resident.id);
      // The account's own journal line is the last write of the erasure: refusing it must undo all the rest.
      await whileJournalRefuses(t.db, 'user', 'delete', () =>
        expect(eraseResidentAccount(t.db, { id: resident.id, role: 'resident' })).rejects.toThrow(
          /journal indisponible/,
        ),
      );
      expect(await rowsHeldBy(resident.id, `mail:atomic:${resident.id}`)).toEqual({
        users: 1,
        sessions: 1,
        loginLinks: 1,
        savedAnswers: 1,
        mails: 1,
      });
      expect(await journalOf(resident.id)).toEqual(journalBefore);
      // And the session still works: the resident can try again.
      const page = await t.app.inject({ url: '/compte/mes-donnees', headers: { cookie: resident.cookie } });
      expect(page.statusCode).toBe(200);
    });

    it('links, when migrating, the answers residents saved before, from the journal entry of their creation', async () => {
      const resident = await signedInResident();
      const helperId = await userIdByEmail(t.db, 'aidant@demo.localhost');
      await saveAnswers(t.db, { id: resident.id, role: 'resident' }, 'adoption', { eventDate: '2026-08-01' });
      await saveAnswers(t.db, { id: helperId, role: 'helper' }, 'adoption', { eventDate: '2026-08-02' });
      await saveAnswers(t.db, null, 'adoption', { eventDate: '2026-08-03' });
      // The migration's own down and up, each in a transaction as the migrator runs them: rolling back the last
      // migration would test whichever migration comes last once another one lands.
      const asMigrator = (step: (db: Kysely<unknown>) => Promise<void>) =>
        t.db.transaction().execute((trx) => step(trx as unknown as Kysely<unknown>));
      await asMigrator(savedAnswersOwner.down);
      const columns = await sql<{ n: number }>`
        select count(*)::int as n from information_schema.columns
        where table_name = 'navigator_saved_answers' and column_name = 'user_id'`.execute(t.db);
      expect(columns.rows[0]!.n).toBe(0);
      await asMigrator(savedAnswersOwner.up);
      const rows = await t.db
        .selectFrom('navigator_saved_answers')
        .select(['user_id', 'answers'])
        .where('life_event', '=', 'adoption')
        .execute();
      const owners = Object.fromEntries(rows.map((r) => [r.answers.eventDate, r.user_id]));
      expect(owners['2026-08-01']).toBe(resident.id);
      expect(owners['2026-08-02']).toBeNull();
      expect(owners['2026-08-03']).toBeNull();
    });
  });
}
