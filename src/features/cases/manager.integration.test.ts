// The manager's dashboard, on both databases: the delays of the first answer and of the closing by month, for the
// whole organisation and per France Services site, from events written at known instants; a case flagged
// "procédure standard" is left out of every figure (delays, usefulness) and marked in the CSV export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, databaseKinds, sessionCookieFor, type TestApp } from '../../../test/helpers.ts';
import { newAgent } from '../../../test/factories.ts';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { openCase } from './open-case.ts';
import { closeCase, postMessage, setStandardProcedure } from './case-actions.ts';
import { managerDashboard } from './manager.ts';
import { casesIndicators } from './indicators.ts';
import { caseReference } from './store.ts';

const now = new Date('2026-12-06T10:00:00Z');
const hour = 3_600_000;

for (const kind of databaseKinds) {
  describe(`the manager's dashboard, on ${kind}`, () => {
    let t: TestApp;
    let catus: Actor;
    let lalbenque: Actor;
    let caf: Actor;
    let fsManager: Actor;
    let cafManager: Actor;
    let standardId = '';
    let plainId = '';

    /** An actor from a demo or test account, with its organisation and site as stored. */
    const actorOf = async (email: string): Promise<Actor> => {
      const row = await t.db
        .selectFrom('users')
        .select(['id', 'role', 'organisation_id', 'site_id'])
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      return {
        id: row.id,
        role: row.role as Role,
        organisationId: row.organisation_id,
        territoryIds: ['cahors'],
        siteId: row.site_id,
      };
    };
    const deps = (at: Date) => ({
      db: t.db,
      filesKey: t.config.filesKey,
      publicUrl: 'http://sc.test',
      now: at,
    });

    /**
     * A case opened by `helper` at `opened`, the CAF invited then; the CAF answers `answerAfter` hours later and the
     * helper closes it `closeAfter` hours after the opening (never, when null).
     */
    const story = async (
      helper: Actor,
      opened: string,
      answerAfter: number,
      closeAfter: number | null,
      usefulness: 'yes' | 'partly' | 'no' = 'yes',
    ): Promise<string> => {
      const at = new Date(opened);
      const { id } = await openCase(deps(at), helper, {
        resident: {
          firstName: 'Délai',
          lastName: 'Connu',
          birthDate: '1970-01-01',
          cafNumber: null,
          socialSecurityNumber: null,
          taxNumber: null,
        },
        lifeEvent: 'job-loss',
        question: 'Droits suspendus.',
        organisationIds: [caf.organisationId!],
        consent: {
          kind: 'printed-mandate',
          givenOn: opened.slice(0, 10),
          scope: 'Partage',
          expiresOn: '2027-06-01',
          contact: null,
          mandate: null,
        },
        attachments: [],
      });
      await postMessage(deps(new Date(at.getTime() + answerAfter * hour)), caf, id, {
        kind: 'answer',
        body: 'Réponse.',
        attachments: [],
      });
      if (closeAfter != null)
        await closeCase(deps(new Date(at.getTime() + closeAfter * hour)), helper, id, {
          usefulness,
          outcome: 'Réglé',
        });
      return id;
    };

    beforeAll(async () => {
      t = await buildTestApp({ kind, config: { fixedToday: '2026-12-06' } });
      catus = await actorOf('aidant@demo.localhost');
      lalbenque = await actorOf('aidant-lalbenque@demo.localhost');
      caf = await actorOf('caf@demo.localhost');
      cafManager = await actorOf('responsable-caf@demo.localhost');
      const manager = await newAgent(t, { role: 'organisationManager', organisation: 'france-services-lot' });
      fsManager = await actorOf(manager.email);
      expect(catus.siteId).toBeTruthy();
      expect(lalbenque.siteId).toBeTruthy();
      expect(catus.siteId).not.toBe(lalbenque.siteId);
      // All instants in UTC; every one falls in the same month in Paris time.
      // October 2026, Catus: first answers after 10, 20 and 60 h; closings after 48 and 96 h (the third is open).
      await story(catus, '2026-10-05T08:00:00Z', 10, 48);
      await story(catus, '2026-10-12T08:00:00Z', 20, 96, 'partly');
      await story(catus, '2026-10-19T08:00:00Z', 60, null);
      // November 2026, Catus: first answers after 5 and 15 h, closings after 24 and 72 h…
      plainId = await story(catus, '2026-11-02T09:00:00Z', 5, 24);
      await story(catus, '2026-11-09T09:00:00Z', 15, 72, 'no');
      // … and a trivial request answered in 1 h, closed in 2 h, flagged "procédure standard": left out.
      standardId = await story(catus, '2026-11-16T09:00:00Z', 1, 2, 'no');
      await setStandardProcedure(deps(new Date('2026-11-16T12:00:00Z')), catus, standardId, true);
      // November 2026, Lalbenque: first answer after 30 h, closing after 100 h.
      await story(lalbenque, '2026-11-03T09:00:00Z', 30, 100);
    }, 240_000);
    afterAll(async () => {
      await t?.close();
    });

    it('gives each site its own delays by month, hand-computed, without the standard procedure', async () => {
      // percentile_cont over n sorted values v0…v(n-1): position p × (n − 1), interpolated between neighbours.
      // Catus, October: first answers [10, 20, 60] → median 20; 90th: position 1.8 → 20 + 0.8 × 40 = 52.
      //   Closings [48, 96] (the open case has none) → median 72; 90th: position 0.9 → 48 + 0.9 × 48 = 91.2.
      // Catus, November, without the standard procedure: first answers [5, 15] → median 10; 90th: 5 + 0.9 × 10 = 14.
      //   Closings [24, 72] → median 48; 90th: 24 + 0.9 × 48 = 67.2.
      //   (With it, first answers [1, 5, 15] would give a median of 5.)
      const site = await managerDashboard(t.db, fsManager, catus.siteId!, now);
      expect(site.errors).toEqual([]);
      expect(site.dashboard.site?.id).toBe(catus.siteId);
      const months = site.dashboard.opened.months;
      expect(months.map((m) => m.month)).toEqual(['2026-10', '2026-11']);
      const [october, november] = months;
      expect(october!.cases).toBe(3);
      expect(october!.firstAnswerMedian).toBeCloseTo(20, 6);
      expect(october!.firstAnswerP90).toBeCloseTo(52, 6);
      expect(october!.closingMedian).toBeCloseTo(72, 6);
      expect(october!.closingP90).toBeCloseTo(91.2, 6);
      expect(november!.cases).toBe(2);
      expect(november!.firstAnswerMedian).toBeCloseTo(10, 6);
      expect(november!.firstAnswerP90).toBeCloseTo(14, 6);
      expect(november!.closingMedian).toBeCloseTo(48, 6);
      expect(november!.closingP90).toBeCloseTo(67.2, 6);
      // A site opens cases, it is not invited: no "invited" side.
      expect(site.dashboard.invited).toBeNull();
      // Usefulness of the site's closed cases: yes (Oct), partly (Oct), yes (Nov), no (Nov); the standard one's
      // "no" is left out.
      expect(site.dashboard.usefulness).toEqual({ yes: 2, partly: 1, no: 1 });

      // Lalbenque, November: one case, first answer 30 h, closing 100 h (median and 90th of one value: itself).
      const other = await managerDashboard(t.db, fsManager, lalbenque.siteId!, now);
      expect(other.dashboard.opened.months).toEqual([
        {
          month: '2026-11',
          cases: 1,
          firstAnswerMedian: 30,
          firstAnswerP90: 30,
          closingMedian: 100,
          closingP90: 100,
        },
      ]);
    });

    it('gives the whole organisation the delays of all its sites, and the invited side its own', async () => {
      // France Services, November, both sites: first answers [5, 15, 30] → median 15; 90th: position 1.8 →
      // 15 + 0.8 × 15 = 27. Closings [24, 72, 100] → median 72; 90th: 72 + 0.8 × 28 = 94.4.
      const whole = await managerDashboard(t.db, fsManager, undefined, now);
      const november = whole.dashboard.opened.months.find((m) => m.month === '2026-11')!;
      expect(november.cases).toBe(3);
      expect(november.firstAnswerMedian).toBeCloseTo(15, 6);
      expect(november.firstAnswerP90).toBeCloseTo(27, 6);
      expect(november.closingMedian).toBeCloseTo(72, 6);
      expect(november.closingP90).toBeCloseTo(94.4, 6);
      // The CAF was invited on every case at its opening: its own delays are the same, from its invitations
      // (December holds the demonstration's shared case, opened on the day the demo data is loaded).
      const cafSide = await managerDashboard(t.db, cafManager, undefined, now);
      const invited = cafSide.dashboard.invited!.months.filter((m) => m.month < '2026-12');
      expect(invited.map((m) => [m.month, m.cases])).toEqual([
        ['2026-10', 3],
        ['2026-11', 3],
      ]);
      expect(invited[1]!.firstAnswerMedian).toBeCloseTo(15, 6);
      expect(invited[1]!.closingP90).toBeCloseTo(94.4, 6);
      // An unknown site: the whole organisation, and a French message next to the field.
      const unknown = await managerDashboard(t.db, fsManager, catus.organisationId!, now);
      expect(unknown.errors).toEqual([
        {
          field: 'site',
          message: 'Ce site n’est pas un site de votre organisme : choisissez-en un dans la liste.',
        },
      ]);
    });

    it('leaves the standard procedure out of the pilotage’s delays too', async () => {
      // The CAF's first answers given in November (Paris time): after 5, 15 and 30 h (the standard procedure's
      // 1 h left out) → count 3, median 15, 90th 15 + 0.8 × 15 = 27. Its parts ended in November by the closing:
      // after 24, 72 and 100 h → median 72, 90th 72 + 0.8 × 28 = 94.4. (With the standard procedure: 4 answers,
      // median 10.)
      const rows = await casesIndicators.compute(t.db, { from: '2026-11', to: '2026-11' });
      const value = (indicator: string) =>
        rows.find((r) => r.indicator === indicator && r.month === '2026-11' && r.breakdown === 'caf-lot')
          ?.value;
      expect(value('case-first-answers')).toBe(3);
      expect(value('case-first-answer-median-hours')).toBe(15);
      expect(value('case-first-answer-p90-hours')).toBe(27);
      expect(value('case-closings')).toBe(3);
      expect(value('case-closing-median-hours')).toBe(72);
      expect(value('case-closing-p90-hours')).toBe(94.4);
    });

    it('shows the figures on the page in plain words, and the CSV marks the standard procedure', async () => {
      const manager = await t.db
        .selectFrom('users')
        .select('email')
        .where('id', '=', fsManager.id)
        .executeTakeFirstOrThrow();
      const page = await t.app.inject({
        url: `/dossiers/tableau-de-bord?site=${catus.siteId}`,
        headers: { cookie: await sessionCookieFor(t, manager.email) },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('hors procédures standard');
      // October at Catus: 3 cases, 20 h, then in days from 48 h on: 52 h ≈ 2.2 days, 72 h = 3 days, 91.2 h = 3.8 days.
      const october = /<th scope="row">[^<]*octobre 2026<\/th>((?:\s*<td>[^<]*<\/td>){5})/i.exec(
        page.body,
      )?.[1];
      expect(october?.match(/<td>([^<]*)<\/td>/g)?.map((c) => c.replace(/<\/?td>/g, ''))).toEqual([
        '3',
        '20 h',
        '2,2 jours',
        '3 jours',
        '3,8 jours',
      ]);

      const csv = await t.app.inject({
        url: '/dossiers/export.csv',
        headers: { cookie: await sessionCookieFor(t, 'responsable-caf@demo.localhost') },
      });
      const [header, ...lines] = csv.body.trim().split('\r\n');
      const columns = header!.split(';');
      const flag = (id: string) =>
        lines.find((l) => l.startsWith(`${caseReference(id)};`))!.split(';')[
          columns.indexOf('Procédure standard')
        ];
      expect(flag(standardId)).toBe('oui');
      expect(flag(plainId)).toBe('non');
    });
  });
}
