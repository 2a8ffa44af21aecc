// The inbox as a work tool, on both databases: the resident and the subject on each line, the state filters
// (new, to answer, overdue by the reminder rule, answered, closed) with their counters, full-text search on the
// resident's name (accents and case ignored), the subject and the reference, the urgent and overdue badges,
// the scopes (mine, my site, my organisation), and wrong parameters answered next to the field.
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
import { closeCase, invite, postMessage } from './case-actions.ts';
import {
  caseReference,
  countInbox,
  inboxStates,
  listInbox,
  searchBreadth,
  type InboxScope,
} from './store.ts';
import { foldSearch } from './inbox.ts';
import { organisationId } from '../../../test/factories.ts';

for (const kind of databaseKinds) {
  describe(`the inbox, on ${kind}`, () => {
    let t: TestApp;
    let helper: Actor;
    let caf: Actor;
    let cafCookie: string;
    let helperCookie: string;
    const ids: Record<string, string> = {};

    const input = async (
      firstName: string,
      lastName: string,
      extra: Partial<OpenCaseInput> = {},
      orgs = ['caf-lot'],
    ): Promise<OpenCaseInput> => ({
      resident: {
        firstName,
        lastName,
        birthDate: '1980-02-03',
        cafNumber: null,
        socialSecurityNumber: null,
        taxNumber: null,
      },
      lifeEvent: 'job-loss',
      question: 'Droits suspendus depuis la fin du contrat.',
      organisationIds: await Promise.all(orgs.map((o) => organisationId(t, o))),
      consent: {
        kind: 'printed-mandate',
        givenOn: new Date().toISOString().slice(0, 10),
        scope: 'Partage',
        expiresOn: new Date(Date.now() + 200 * 86400_000).toISOString().slice(0, 10),
        contact: null,
        mandate: null,
      },
      attachments: [],
      ...extra,
    });
    const deps = (now = new Date()) => ({
      db: t.db,
      filesKey: t.config.filesKey,
      publicUrl: 'http://sc.test',
      now,
    });

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
      cafCookie = await sessionCookieFor(t, 'caf@demo.localhost');
      helperCookie = await sessionCookieFor(t, 'aidant@demo.localhost');
      ids.urgent = (
        await openCase(
          deps(),
          helper,
          await input('Éloïse', 'Dupré', {
            subject: { id: null, label: 'Rupture de droits RSA' },
            urgent: true,
          }),
        )
      ).id;
      ids.answered = (await openCase(deps(), helper, await input('Bruno', 'Répondu'))).id;
      await postMessage(deps(), caf, ids.answered, { kind: 'answer', body: 'Réglé.', attachments: [] });
      ids.closed = (await openCase(deps(), helper, await input('Chloé', 'Close'))).id;
      await closeCase(deps(), helper, ids.closed, { usefulness: 'yes', outcome: 'Réglé' });
      // Invited three weeks ago, never answered: past its reminder date (5 working days).
      ids.overdue = (
        await openCase(deps(new Date(Date.now() - 21 * 86400_000)), helper, await input('Denis', 'Enretard'))
      ).id;
      ids.question = (await openCase(deps(), helper, await input('Emma', 'Question'))).id;
      await postMessage(deps(), caf, ids.question, {
        kind: 'question',
        body: 'Pouvez-vous joindre le dernier bulletin ?',
        attachments: [],
      });
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    const listed = (body: string) => [...body.matchAll(/data-case="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    const counter = (body: string, state: string) =>
      Number(new RegExp(`data-state="${state}"[^>]*>[^<(]*\\((\\d+)\\)`).exec(body)?.[1] ?? NaN);
    const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });

    it('shows the resident, the subject and the badges on each line, and journals the listing', async () => {
      const page = await get('/dossiers', cafCookie);
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain('Éloïse Dupré — dossier');
      expect(page.body).toContain('Rupture de droits RSA');
      expect(page.body).toMatch(/fr-badge--error">Urgent/);
      expect(page.body).toMatch(/fr-badge--warning">En retard/);
      const journal = await t.db
        .selectFrom('audit_journal')
        .select('reason')
        .where('subject_type', '=', 'case-list')
        .where('actor_id', '=', caf.id)
        .execute();
      expect(journal.length).toBeGreaterThan(0);
    });

    it('filters by state, and each counter says how many lines the filter lists', async () => {
      const all = await get('/dossiers?etat=tous', cafCookie);
      const filter = async (etat: string) => {
        const page = await get(`/dossiers?etat=${etat}`, cafCookie);
        expect(page.statusCode).toBe(200);
        const rows = listed(page.body);
        expect(counter(all.body, etat)).toBe(rows.length);
        return rows;
      };
      const news = await filter('nouveaux');
      expect(news).toContain(ids.urgent);
      expect(news).not.toContain(ids.answered);
      const toAnswer = await filter('a-traiter');
      expect(toAnswer).toEqual(expect.arrayContaining([ids.urgent, ids.overdue]));
      // A question to the helper is not an answer: the CAF still owes its first answer.
      expect(toAnswer).toContain(ids.question);
      expect(toAnswer).not.toContain(ids.answered);
      const overdue = await filter('en-retard');
      expect(overdue).toEqual([ids.overdue]);
      expect(await filter('repondus')).toContain(ids.answered);
      expect(await filter('clos')).toEqual([ids.closed]);
      expect(counter(all.body, 'tous')).toBe(listed(all.body).length);
    });

    it('lists for the helper the cases where a partner waits for an answer', async () => {
      const page = await get('/dossiers?etat=a-traiter', helperCookie);
      expect(listed(page.body)).toContain(ids.question);
      expect(listed(page.body)).not.toContain(ids.urgent);
    });

    it('finds a resident by name, accents and case ignored, by subject and by reference', async () => {
      for (const q of ['dupre', 'ÉLOÏSE', 'eloise dup', 'Rupture']) {
        const page = await get(`/dossiers?q=${encodeURIComponent(q)}`, cafCookie);
        expect(listed(page.body), q).toEqual([ids.urgent]);
        expect(counter(page.body, 'tous'), q).toBe(1);
      }
      const byReference = await get(`/dossiers?q=${caseReference(ids.closed!)}`, cafCookie);
      expect(listed(byReference.body)).toEqual([ids.closed]);
      // Search and filter together: the urgent case is new, not closed.
      expect(listed((await get('/dossiers?q=dupre&etat=clos', cafCookie)).body)).toEqual([]);
      // Another organisation's agent finds nothing of the CAF's cases.
      const cpam = await sessionCookieFor(t, 'cpam@demo.localhost');
      expect(listed((await get('/dossiers?q=dupre', cpam)).body)).toEqual([]);
    });

    it('lets an organisation invited after the opening find the case by search', async () => {
      const cpam = await sessionCookieFor(t, 'cpam@demo.localhost');
      const id = (await openCase(deps(), helper, await input('Fanny', 'Invitéeplustard'))).id;
      expect(listed((await get('/dossiers?q=invitéeplustard', cpam)).body)).toEqual([]);
      await invite(deps(), helper, id, { organisationId: await organisationId(t, 'cpam-lot') });
      const found = await get('/dossiers?q=invitéeplustard', cpam);
      expect(listed(found.body)).toEqual([id]);
      expect(counter(found.body, 'tous')).toBe(1);
    });

    it('lists the same cases for a search read broadly (thousands of matches) as for a narrow one', async () => {
      // Common words (thousands of matches) take another query (the scope read in date order, each case checked
      // against the words): on the same words it must list the same cases, for each scope and state.
      const cpam = {
        id: await userIdByEmail(t.db, 'cpam@demo.localhost'),
        role: 'partnerAgent' as const,
        organisationId: await organisationId(t, 'cpam-lot'),
        territoryIds: ['cahors'],
      };
      const now = new Date();
      const cases: [Actor, InboxScope][] = [
        [caf, 'organisation'],
        [caf, 'mine'],
        [helper, 'organisation'],
        [helper, 'mine'],
        [cpam, 'organisation'],
      ];
      let seen = 0;
      for (const [actor, scope] of cases)
        for (const search of ['rupture', 'dupre', 'e', 'invitee'])
          for (const state of inboxStates) {
            const words = foldSearch(search);
            expect(await searchBreadth(t.db, actor, scope, words)).toBe('narrow');
            const query = { scope, state, words, now };
            const narrow = (await listInbox(t.db, actor, { ...query, breadth: 'narrow' })).rows;
            const broad = (await listInbox(t.db, actor, { ...query, breadth: 'broad' })).rows;
            const label = `${actor.role} ${scope} ${search} ${state}`;
            expect(
              broad.map((r) => r.id),
              label,
            ).toEqual(narrow.map((r) => r.id));
            // A narrow search's counters read its matches once for every state: each says what its filter lists.
            const counts = await countInbox(t.db, actor, { scope, words, breadth: 'narrow', now });
            expect(counts !== 'broad' && counts[state], label).toBe(narrow.length);
            seen += narrow.length;
          }
      // The comparison is not between empty lists.
      expect(seen).toBeGreaterThan(20);
    });

    it('answers an unknown filter or a 2,000-character search next to the field, with a French message', async () => {
      const unknown = await get('/dossiers?etat=inconnu', cafCookie);
      expect(unknown.statusCode).toBe(400);
      expect(unknown.body).toContain('Ce filtre n’existe pas');
      const long = await get(`/dossiers?q=${'a'.repeat(2000)}`, cafCookie);
      expect(long.statusCode).toBe(400);
      expect(long.body).toMatch(/id="q-error"[^>]*>La recherche compte au plus 100 caractères/);
      const scope = await get('/dossiers?boite=site', cafCookie);
      expect(scope.statusCode).toBe(400);
      expect(scope.body).toContain('Cette boîte de réception n’existe pas pour votre compte');
    });
  });
}

describe('sites and invited helpers in the inbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('shows a Catus case to Catus, not to Lalbenque; the Mairie’s helpers find it in their default tab', async () => {
    const { openCaseThroughForm } = await import('../../../test/factories.ts');
    const id = await openCaseThroughForm(t, ['caf-lot', 'mairie-cahors']);
    const site = await t.db
      .selectFrom('cases')
      .select('helper_site_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const catus = await t.db
      .selectFrom('places')
      .select('id')
      .where('slug', '=', 'france-services-catus')
      .executeTakeFirstOrThrow();
    expect(site.helper_site_id).toBe(catus.id);
    const lalbenque = await sessionCookieFor(t, 'aidant-lalbenque@demo.localhost');
    expect((await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie: lalbenque } })).statusCode).toBe(
      404,
    );
    for (const url of [
      '/dossiers',
      '/dossiers?boite=organisme',
      '/dossiers?boite=site',
      '/dossiers?q=martin',
    ])
      expect((await t.app.inject({ url, headers: { cookie: lalbenque } })).body, url).not.toContain(id);
    const catusCookie = await sessionCookieFor(t, 'aidant@demo.localhost');
    expect(
      (await t.app.inject({ url: '/dossiers?boite=site', headers: { cookie: catusCookie } })).body,
    ).toContain(id);
    const mairie = await sessionCookieFor(t, 'mairie@demo.localhost');
    const inbox = await t.app.inject({ url: '/dossiers', headers: { cookie: mairie } });
    expect(inbox.body).toContain(`/dossiers/${id}`);
    expect((await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie: mairie } })).statusCode).toBe(
      200,
    );
    // The organisation's manager (no site) sees every site's cases.
    const mails = await t.db
      .selectFrom('jobs')
      .select('payload')
      .where('idempotency_key', 'like', `mail:invited:${id}:%`)
      .execute();
    expect(mails.map((m) => m.payload.to)).toContain('mairie@demo.localhost');
  });
});
