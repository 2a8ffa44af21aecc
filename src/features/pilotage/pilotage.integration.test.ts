// The pilotage on a real database, through HTTP: plans and estimations counted as anonymous aggregates, the
// indicator store refreshed by its durable job, the indicator pages and their CSV for the pilot and the national
// observer (each territory isolated), satisfaction, the experiment register with its bad inputs, open data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  buildTestApp,
  cookiesOf,
  csrfTokenOf,
  databaseKinds,
  formContext,
  sessionCookieFor,
  type TestApp,
} from '../../../test/helpers.ts';
import { flushCounters } from './counters.ts';
import { monthOf } from './months.ts';
import { demoSolutionId } from './demo.ts';

const household = {
  couple: false,
  members: [{ role: 'applicant', birthDate: '1990-04-12', monthlyNetEarnings: 0 }],
  housing: { status: 'tenant', monthlyRent: 450 },
};

for (const kind of databaseKinds) {
  describe(`pilotage on ${kind}`, () => {
    let t: TestApp;
    let month: string;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
      month = monthOf(t.app.clock.now());
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    /** Posts a form as a browser does: the page's CSRF token and cookies. */
    const form = async (
      url: string,
      pageUrl: string,
      fields: Record<string, string | string[]>,
      cookie = '',
    ) => {
      const page = await formContext(t, pageUrl, cookie);
      const body = new URLSearchParams({ _csrf: page.csrf });
      for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
      return t.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { cookie: page.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
    };
    const value = async (indicator: string, territory: string, breakdown?: string, commune?: string) => {
      let q = t.db
        .selectFrom('indicator_values')
        .select(sql<number>`coalesce(sum(value), 0)`.as('v'))
        .where('indicator', '=', indicator)
        .where('territory_id', '=', territory)
        .where('month', '=', month);
      if (breakdown !== undefined) q = q.where('breakdown', '=', breakdown);
      if (commune !== undefined) q = q.where('commune', '=', commune);
      return Number((await q.executeTakeFirstOrThrow()).v);
    };

    it('counts plans and estimations as aggregates only, in the territory of the commune, once refreshed', async () => {
      for (const [commune, lifeEvent] of [
        ['46042', 'birth'],
        ['46042', 'birth'],
        ['46102', 'job-loss'],
      ] as const) {
        const r = await t.app.inject({
          method: 'POST',
          url: '/api/v1/plans',
          payload: { month: '2026-05', commune, household, lifeEvent, eventDate: '2026-06-01' },
        });
        expect(r.statusCode).toBe(200);
      }
      const estimation = await t.app.inject({
        method: 'POST',
        url: '/api/v1/estimations',
        payload: { month: '2026-05', commune: '46009', household },
      });
      expect(estimation.statusCode).toBe(200);
      // A plan made on the pages (the one-page form, then the plan page), in a commune of Figeac.
      const answers = await form(
        '/moments-de-vie/bereavement/formulaire',
        '/moments-de-vie/bereavement/formulaire',
        {
          eventDate: t.app.clock.today(),
          commune: '46102',
        },
      );
      expect(answers.statusCode).toBe(303);
      const plan = await t.app.inject({
        url: '/moments-de-vie/bereavement/plan',
        headers: { cookie: cookiesOf(answers) },
      });
      expect(plan.statusCode).toBe(200);
      expect(plan.body).toContain('/avis?sujet=plan&amp;moment=bereavement&amp;commune=46102');
      // Nothing is in the counters table before the buffer is written; then only aggregates.
      await flushCounters(t.db);
      const counters = await t.db
        .selectFrom('usage_counters')
        .selectAll()
        .where('month', '=', month)
        .execute();
      expect(Object.keys(counters[0]!).sort()).toEqual(
        ['channel', 'commune', 'count', 'kind', 'life_event', 'month', 'territory_id', 'updated_at'].sort(),
      );
      expect(
        counters.find((c) => c.kind === 'plan' && c.commune === '46042' && c.channel === 'api'),
      ).toMatchObject({ territory_id: 'cahors', life_event: 'birth', count: 2 });
      expect(counters.find((c) => c.kind === 'plan' && c.channel === 'page')).toMatchObject({
        territory_id: 'figeac',
        commune: '46102',
        life_event: 'bereavement',
        count: 1,
      });
      await t.app.jobs.tick();
      expect(await value('plans', 'cahors', 'birth', '46042')).toBe(2);
      expect(await value('plans', 'figeac')).toBe(2);
      expect(await value('plans-by-channel', 'figeac', 'page')).toBe(1);
      expect(await value('estimations', 'figeac', '', '46009')).toBe(1);
    });

    it('shows the pilot their territory only, the observer every territory side by side, each table as CSV', async () => {
      const pilot = await sessionCookieFor(t, 'pilote@demo.localhost');
      const page = await t.app.inject({ url: '/pilotage', headers: { cookie: pilot } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Indicateurs — Bassin de vie de Cahors');
      expect(page.body).toContain('<svg role="img"');
      expect(page.body).toContain('tableau.csv?id=plans-mois');
      expect(
        (await t.app.inject({ url: '/pilotage?territoire=figeac', headers: { cookie: pilot } })).statusCode,
      ).toBe(403);
      const csv = await t.app.inject({
        url: `/pilotage/tableau.csv?id=plans-communes&territoire=cahors&du=${month}&au=${month}&maille=commune`,
        headers: { cookie: pilot },
      });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body).toContain('Cahors (46042),2');
      const byEpci = await t.app.inject({
        url: `/pilotage/tableau.csv?id=plans-epci&territoire=cahors&du=${month}&au=${month}&maille=epci`,
        headers: { cookie: pilot },
      });
      expect(byEpci.body).toContain('CA du Grand Cahors,2');
      const figeacPilot = await sessionCookieFor(t, 'pilote-figeac@demo.localhost');
      const figeac = await t.app.inject({ url: '/pilotage', headers: { cookie: figeacPilot } });
      expect(figeac.body).toContain('Indicateurs — Bassin de vie de Figeac');
      expect(figeac.body).not.toContain('Bassin de vie de Cahors</option>');
      const observer = await sessionCookieFor(t, 'observateur@demo.localhost');
      const all = await t.app.inject({ url: '/pilotage', headers: { cookie: observer } });
      expect(all.statusCode).toBe(200);
      expect(all.body).toContain('Les territoires côte à côte');
      const comparison = await t.app.inject({
        url: `/pilotage/tableau.csv?id=comparaison&territoire=tous&du=${month}&au=${month}`,
        headers: { cookie: observer },
      });
      const lines = comparison.body.replace('\uFEFF', '').trim().split('\r\n');
      expect(lines[0]).toMatch(/^Territoire,Plans personnalisés faits,/);
      expect(lines.find((l) => l.startsWith('Bassin de vie de Cahors,'))!.split(',')[1]).toBe('2');
      expect(lines.find((l) => l.startsWith('Bassin de vie de Figeac,'))!.split(',')[1]).toBe('2');
      // A wrong month is refused next to its field, the page still shown.
      const wrong = await t.app.inject({ url: '/pilotage?du=2026-13', headers: { cookie: pilot } });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain('Choisissez un mois de début');
      // Residents and anonymous visitors never see it.
      expect((await t.app.inject({ url: '/pilotage' })).statusCode).toBeGreaterThanOrEqual(300);
      const resident = await sessionCookieFor(t, 'usager@demo.localhost');
      expect((await t.app.inject({ url: '/pilotage', headers: { cookie: resident } })).statusCode).toBe(403);
    });

    it('records a satisfaction answer, refuses a missing answer with nothing stored, and the indicator moves', async () => {
      const count = async () =>
        Number(
          (
            await t.db
              .selectFrom('satisfaction_answers')
              .select(sql<number>`count(*)`.as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const incomplete = await form('/avis', '/avis?sujet=plan&moment=birth&commune=46042', {
        sujet: 'plan',
        moment: 'birth',
        commune: '46042',
        deroulement: 'good',
        commentaire: 'x'.repeat(1001),
      });
      expect(incomplete.statusCode).toBe(400);
      expect(incomplete.body).toContain('Dites si c’était facile');
      expect(incomplete.body).toContain('au plus 1000 caractères');
      expect(await count()).toBe(before);
      const ok = await form('/avis', '/avis?sujet=plan&moment=birth&commune=46042', {
        sujet: 'plan',
        moment: 'birth',
        commune: '46042',
        deroulement: 'good',
        facilite: 'partly',
        utilite: 'yes',
        commentaire: 'Tout était clair.',
      });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe('/avis/merci');
      const stored = await t.db
        .selectFrom('satisfaction_answers')
        .selectAll()
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      expect(stored).toMatchObject({
        territory_id: 'cahors',
        subject: 'plan',
        went: 'good',
        easy: 'partly',
        respondent: 'resident',
      });
      const journaled = await t.db
        .selectFrom('audit_journal')
        .select('subject_type')
        .where('subject_id', '=', stored.id)
        .executeTakeFirst();
      expect(journaled?.subject_type).toBe('satisfaction_comment');
      // The refresh an answer asks for runs at the end of its minute (so that it counts the whole minute).
      await t.app.jobs.tick(new Date(t.app.clock.now().getTime() + 61_000));
      expect(await value('satisfaction-answers', 'cahors', 'plan')).toBe(1);
      expect(await value('satisfaction-easy', 'cahors', 'partly')).toBe(1);
      // By commune too (the pilot's table by commune or EPCI): Cahors, 46042.
      expect(await value('satisfaction-answers', 'cahors', 'plan', '46042')).toBe(1);
      const pilot = await sessionCookieFor(t, 'pilote@demo.localhost');
      const byEpci = await t.app.inject({
        url: `/pilotage/tableau.csv?id=satisfaction-epci&territoire=cahors&du=${month}&au=${month}&maille=epci`,
        headers: { cookie: pilot },
      });
      expect(byEpci.statusCode).toBe(200);
      expect(byEpci.body).toContain('CA du Grand Cahors,1');
      // The pilot reads the comment (journaled); the observer does not.
      expect((await t.app.inject({ url: '/pilotage', headers: { cookie: pilot } })).body).toContain(
        'Tout était clair.',
      );
      const observer = await sessionCookieFor(t, 'observateur@demo.localhost');
      expect(
        (await t.app.inject({ url: '/pilotage?territoire=cahors', headers: { cookie: observer } })).body,
      ).not.toContain('Tout était clair.');
      // A broken link is a clear 404, not a 500.
      expect((await t.app.inject({ url: '/avis?sujet=rien' })).statusCode).toBe(404);
    });

    it('erases satisfaction comments after six months through its nightly job, keeps the answers and younger comments', async () => {
      // The nightly run of a day ahead (the job is scheduled daily at 03:00 UTC): a comment of 6 months and 2 days
      // before it goes, one of 6 months less 2 days stays (SATISFACTION_COMMENT_MONTHS, 6 by default).
      const day = new Date(t.app.clock.now().getTime() + 2 * 86400_000);
      const run = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 4));
      const monthsBefore = (months: number, days: number) => {
        const d = new Date(run.getTime());
        d.setUTCMonth(d.getUTCMonth() - months);
        return new Date(d.getTime() + days * 86400_000);
      };
      expect(t.app.config.pilotage.satisfactionCommentMonths).toBe(6);
      const answer = (comment: string, createdAt: Date) => ({
        month,
        territory_id: 'cahors',
        commune: '46042',
        subject: 'case' as const,
        life_event: '',
        respondent: 'helper' as const,
        went: 'average' as const,
        easy: 'no' as const,
        useful: 'partly' as const,
        comment,
        created_at: createdAt,
      });
      const [old, young] = await t.db
        .insertInto('satisfaction_answers')
        .values([
          answer('Trop long à joindre la CAF.', monthsBefore(6, -2)),
          answer('Réponse rapide.', monthsBefore(6, 2)),
        ])
        .returning('id')
        .execute();
      const journalBefore = await t.db
        .selectFrom('audit_journal')
        .select(sql<number>`count(*)`.as('n'))
        .where('subject_type', '=', 'satisfaction_comment')
        .where('action', '=', 'delete')
        .executeTakeFirstOrThrow();
      await t.app.jobs.tick(run);
      const rows = await t.db
        .selectFrom('satisfaction_answers')
        .select(['id', 'comment', 'went', 'useful'])
        .where('id', 'in', [old!.id, young!.id])
        .execute();
      expect(rows.find((r) => r.id === old!.id)).toMatchObject({
        comment: null,
        went: 'average',
        useful: 'partly',
      });
      expect(rows.find((r) => r.id === young!.id)?.comment).toBe('Réponse rapide.');
      // Earlier comments of this file (made now) are younger still: kept.
      expect(
        await t.db
          .selectFrom('satisfaction_answers')
          .select('id')
          .where('comment', '=', 'Tout était clair.')
          .execute(),
      ).toHaveLength(1);
      const journalAfter = await t.db
        .selectFrom('audit_journal')
        .select(sql<number>`count(*)`.as('n'))
        .where('subject_type', '=', 'satisfaction_comment')
        .where('action', '=', 'delete')
        .executeTakeFirstOrThrow();
      expect(Number(journalAfter.n)).toBe(Number(journalBefore.n) + 1);
    });

    it('lets the pilot keep the register, refuses bad input with nothing stored, and publishes it with its history', async () => {
      const pilot = await sessionCookieFor(t, 'pilote@demo.localhost');
      const rows = async (
        table:
          'experiment_derogations' | 'experiment_fundings' | 'experiment_milestones' | 'experiment_history',
      ) =>
        Number(
          (
            await t.db
              .selectFrom(table)
              .select(sql<number>`count(*)`.as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      // Opening the register page creates the demo register if needed; then the counts are stable.
      expect((await t.app.inject({ url: '/pilotage/registre', headers: { cookie: pilot } })).statusCode).toBe(
        200,
      );
      const counts = async () => [
        await rows('experiment_derogations'),
        await rows('experiment_fundings'),
        await rows('experiment_milestones'),
        await rows('experiment_history'),
      ];
      const before = await counts();
      const noConditions = await form(
        '/pilotage/registre/derogations',
        '/pilotage/registre/derogations/nouveau',
        {
          territoire: 'cahors',
          titre: 'Dossier unique de subvention',
          texte: 'Arrêté du 11 octobre 2006',
          article: 'article 2',
          matiere: 'subsidies',
          condition_interest: 'Des associations renoncent faute de temps.',
        },
        pilot,
      );
      expect(noConditions.statusCode).toBe(400);
      expect(noConditions.body).toContain('les quatre sont obligatoires');
      const negative = await form(
        '/pilotage/registre/financements',
        '/pilotage/registre/financements/nouveau',
        { territoire: 'cahors', appel: 'FTAP', demande: '-500' },
        pilot,
      );
      expect(negative.statusCode).toBe(400);
      expect(negative.body).toContain('Le montant ne peut pas être négatif.');
      const notANumber = await form(
        '/pilotage/registre/financements',
        '/pilotage/registre/financements/nouveau',
        { territoire: 'cahors', appel: 'FTAP', demande: 'beaucoup' },
        pilot,
      );
      expect(notANumber.body).toContain('en chiffres');
      const outside = await form(
        '/pilotage/registre/jalons',
        '/pilotage/registre/jalons/nouveau',
        { territoire: 'cahors', titre: 'Trop tard', date: '2028-01-15' },
        pilot,
      );
      expect(outside.statusCode).toBe(400);
      expect(outside.body).toContain('comprise dans l’expérimentation');
      expect(await counts()).toEqual(before);
      // Another territory's register is refused to this pilot.
      const other = await form(
        '/pilotage/registre/irritants',
        '/pilotage/registre/irritants/nouveau',
        { territoire: 'figeac', titre: 'Chez les voisins' },
        pilot,
      );
      expect(other.statusCode).toBe(403);
      // A complete derogation request, then granted by arrêté; a solution moved to experiment.
      const filed = await form(
        '/pilotage/registre/derogations',
        '/pilotage/registre/derogations/nouveau',
        {
          territoire: 'cahors',
          titre: 'Dossier unique de subvention pour les associations',
          texte: 'Arrêté du 11 octobre 2006',
          article: 'article 2',
          matiere: 'subsidies',
          condition_interest: 'Des associations du bassin renoncent aux aides.',
          condition_effect: 'Un seul dossier au lieu de trois.',
          condition_compatibility: 'Aucune règle européenne en cause.',
          condition_proportionality: 'Les pièces essentielles restent demandées.',
          statut: 'filed',
          solution: demoSolutionId,
        },
        pilot,
      );
      expect(filed.statusCode).toBe(303);
      const derogation = await t.db
        .selectFrom('experiment_derogations')
        .select('id')
        .where('title', '=', 'Dossier unique de subvention pour les associations')
        .executeTakeFirstOrThrow();
      const grantedWithout = await form(
        `/pilotage/registre/derogations/${derogation.id}`,
        `/pilotage/registre/derogations/${derogation.id}`,
        { territoire: 'cahors', statut: 'granted', date_decision: '2026-11-30' },
        pilot,
      );
      expect(grantedWithout.statusCode).toBe(400);
      expect(grantedWithout.body).toContain('numéro de l’arrêté');
      const granted = await form(
        `/pilotage/registre/derogations/${derogation.id}`,
        `/pilotage/registre/derogations/${derogation.id}`,
        { territoire: 'cahors', statut: 'granted', arrete: '2026-1187', date_decision: '2026-11-30' },
        pilot,
      );
      expect(granted.statusCode).toBe(303);
      const moved = await form(
        `/pilotage/registre/solutions/${demoSolutionId}`,
        `/pilotage/registre/solutions/${demoSolutionId}`,
        { territoire: 'cahors', etape: 'generalised', indicateurs: ['plans', 'satisfaction-answers'] },
        pilot,
      );
      expect(moved.statusCode).toBe(303);
      const publicPage = await t.app.inject({ url: '/experimentation/cahors' });
      expect(publicPage.statusCode).toBe(200);
      expect(publicPage.body).toContain('accordée par l’arrêté n° 2026-1187 du lundi 30 novembre 2026');
      expect(publicPage.body).toContain('Généralisée');
      expect(publicPage.body).toContain(
        'Solution « Plan personnalisé par moment de vie » : expérimentation → généralisée.',
      );
      expect(publicPage.body).toContain('Pilote du territoire');
      expect(publicPage.body).not.toContain('Jo Pilote');
      expect(publicPage.body).toMatch(/il reste \d+ jours/);
      expect(publicPage.body).toContain('data-indicator="satisfaction-answers"');
    });

    it('publishes open data with a schema, under the Licence Ouverte, and refuses an unknown dataset', async () => {
      const list = await t.app.inject({ url: '/api/v1/open-data' });
      expect(list.statusCode).toBe(200);
      const body = list.json() as {
        licence: { name: string };
        datasets: { id: string; csv: string; schema: { fields: { name: string }[] } }[];
      };
      expect(body.licence.name).toContain('Licence Ouverte');
      const plans = body.datasets.find((d) => d.id === 'plans')!;
      expect(plans.schema.fields.map((f) => f.name)).toEqual([
        'month',
        'territory',
        'commune',
        'life_event',
        'plans',
      ]);
      expect(plans.csv).toMatch(/\/api\/v1\/open-data\/plans\.csv$/);
      const csv = await t.app.inject({ url: '/api/v1/open-data/plans.csv' });
      expect(csv.statusCode).toBe(200);
      expect(csv.body.split('\n')[0]).toBe('month,territory,commune,life_event,plans');
      const json = await t.app.inject({ url: '/api/v1/open-data/plans.json' });
      expect((json.json() as { licence: { url: string } }).licence.url).toContain('licence-ouverte');
      const unknown = await t.app.inject({ url: '/api/v1/open-data/personnes.csv' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.headers['content-type']).toContain('application/problem+json');
      expect((unknown.json() as { detail: string }).detail).toContain('Jeu de données inconnu');
    });

    it('lists the territories with their number of communes', async () => {
      const r = await t.app.inject({ url: '/api/v1/territories' });
      const { territories } = r.json() as { territories: { id: string; communes: number }[] };
      expect(territories.find((x) => x.id === 'cahors')?.communes).toBe(59);
      expect(territories.find((x) => x.id === 'figeac')?.communes).toBe(48);
    });
  });
}

describe('territories are isolated', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the agents and cases of Figeac and Cahors apart', async () => {
    const { multipartBody } = await import('../../../test/helpers.ts');
    const { validCaseFields } = await import('../../../test/factories.ts');
    const figeacHelper = await sessionCookieFor(t, 'aidant-figeac@demo.localhost');
    const newCase = await t.app.inject({ url: '/dossiers/nouveau', headers: { cookie: figeacHelper } });
    // The Figeac helper may invite the Figeac organisations, never those of Cahors.
    expect(newCase.body).toContain('Mairie de Figeac');
    expect(newCase.body).not.toContain('CAF du Lot');
    const fields = await validCaseFields(t, csrfTokenOf(newCase.body), ['mairie-figeac']);
    const body = multipartBody(fields);
    const opened = await t.app.inject({
      method: 'POST',
      url: '/dossiers',
      payload: body.payload,
      headers: { ...body.headers, cookie: figeacHelper },
    });
    expect(opened.statusCode).toBe(303);
    const id = String(opened.headers.location).split('/').pop()!;
    const stored = await t.db
      .selectFrom('cases')
      .select('territory_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.territory_id).toBe('figeac');
    // Cahors's agents never see it; Figeac's partner does.
    for (const email of ['aidant@demo.localhost', 'caf@demo.localhost', 'responsable-caf@demo.localhost']) {
      const cookie = await sessionCookieFor(t, email);
      expect((await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie } })).statusCode, email).toBe(
        404,
      );
      expect((await t.app.inject({ url: '/dossiers', headers: { cookie } })).body).not.toContain(id);
    }
    const mairie = await sessionCookieFor(t, 'mairie-figeac@demo.localhost');
    expect((await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie: mairie } })).statusCode).toBe(
      200,
    );
    // The demo case of Cahors is not Figeac's.
    expect(
      (
        await t.app.inject({
          url: '/dossiers/5c0a5e00-0000-4000-8000-000000000001',
          headers: { cookie: figeacHelper },
        })
      ).statusCode,
    ).toBe(404);
    // Pilots see their own territory's figures only; the observer compares both.
    await t.app.jobs.tick();
    const month = monthOf(t.app.clock.now());
    const opened_ = await t.db
      .selectFrom('indicator_values')
      .select(['territory_id', 'value'])
      .where('indicator', '=', 'cases-opened')
      .where('month', '=', month)
      .execute();
    expect(opened_.filter((v) => v.territory_id === 'figeac').reduce((s, v) => s + v.value, 0)).toBe(1);
    const cahorsPilot = await sessionCookieFor(t, 'pilote@demo.localhost');
    expect(
      (await t.app.inject({ url: '/pilotage?territoire=figeac', headers: { cookie: cahorsPilot } }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          url: '/pilotage/tableau.csv?id=saisines-mois&territoire=figeac',
          headers: { cookie: cahorsPilot },
        })
      ).statusCode,
    ).toBe(403);
    const figeacPilot = await sessionCookieFor(t, 'pilote-figeac@demo.localhost');
    const figeacCsv = await t.app.inject({
      url: `/pilotage/tableau.csv?id=saisines-mois&territoire=figeac&du=${month}&au=${month}`,
      headers: { cookie: figeacPilot },
    });
    expect(figeacCsv.body).toContain(',1,');
  });
});
