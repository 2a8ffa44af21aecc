// The pilotage's indicators of shared cases by the resident's commune and by EPCI, on PGlite and PostgreSQL:
// opened, answered, closed, usefulness, time to first answer and to closing (median, 90th percentile), with
// "commune non renseignée" apart — each figure counted by hand from cases written at known instants two months ago
// (a month no other test of this file writes in), read as the pilot downloads the page's tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, databaseKinds, sessionCookieFor, type TestApp } from '../../../test/helpers.ts';
import { caseRowWithoutPerson, organisationId } from '../../../test/factories.ts';
import { indicatorSources } from '../indicators.ts';
import { addMonths, monthOf } from './months.ts';
import { refreshIndicators } from './refresh.ts';

for (const kind of databaseKinds) {
  describe(`cases by commune and EPCI in the indicators, on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    it('counts cases, their delays and usefulness by commune and by EPCI, "commune non renseignée" apart', async () => {
      // Two months ago, in Paris time, away from the clock changes (last Sundays of March and October).
      const month = addMonths(monthOf(t.app.clock.now()), -2);
      const at = (day: number, hours = 0) =>
        new Date(
          new Date(`${month}-${String(day).padStart(2, '0')}T10:00:00Z`).getTime() + hours * 3_600_000,
        );
      const helperOrg = await organisationId(t, 'france-services-lot');
      const caf = await organisationId(t, 'caf-lot');
      const cpam = await organisationId(t, 'cpam-lot');
      // Cahors (46042) and Catus (46064) are in the CA du Grand Cahors (200023737), Lalbenque (46148) in the CC du
      // Pays de Lalbenque-Limogne (244600532): the official geography (@etalab/decoupage-administratif, COG 2026).
      // [commune, opened on day, organisation, first answer after (hours), closed after (hours), usefulness]
      const written: [
        string | null,
        number,
        string,
        number | null,
        number | null,
        'yes' | 'partly' | 'no' | null,
      ][] = [
        ['46042', 5, caf, 10, 30, 'yes'],
        ['46042', 6, caf, 20, 50, 'partly'],
        ['46042', 7, caf, 60, null, null],
        ['46148', 8, cpam, 4, 8, 'no'],
        ['46148', 9, cpam, null, null, null],
        [null, 10, caf, 2, 100, null],
        ['46064', 11, caf, 70, 90, 'yes'],
      ];
      for (const [commune, day, organisation, answerAfter, closedAfter, usefulness] of written) {
        const opened = at(day);
        const closed = closedAfter === null ? null : at(day, closedAfter);
        const { id } = await t.db
          .insertInto('cases')
          .values(
            caseRowWithoutPerson({
              helperOrganisationId: helperOrg,
              createdAt: opened,
              lifeEvent: 'job-loss',
              status: closed ? 'closed' : answerAfter === null ? 'new' : 'answered',
              closedAt: closed,
              usefulness: closed ? usefulness : null,
              residentCommune: commune,
            }),
          )
          .returning('id')
          .executeTakeFirstOrThrow();
        await t.db
          .insertInto('case_participants')
          .values({
            case_id: id,
            organisation_id: organisation,
            invited_at: opened,
            first_answer_at: answerAfter === null ? null : at(day, answerAfter),
            case_updated_at: closed ?? opened,
            due_at: at(day, 24 * 7),
          })
          .execute();
      }
      await refreshIndicators(t.db, indicatorSources, t.app.clock.now(), { full: true });

      const pilot = await sessionCookieFor(t, 'pilote@demo.localhost');
      const csv = async (id: string, grain: 'commune' | 'epci') => {
        const r = await t.app.inject({
          url: `/pilotage/tableau.csv?id=${id}&territoire=cahors&du=${month}&au=${month}&maille=${grain}`,
          headers: { cookie: pilot },
        });
        expect(r.statusCode, `${id} ${grain}`).toBe(200);
        return r.body.replace('\uFEFF', '').trim().split('\r\n');
      };

      // Opened: Cahors 3, Catus 1, Lalbenque 2, not said 1. Answered (a first answer in the month): every case but
      // the one in Lalbenque without an answer. Closed: the five with a closing.
      expect(await csv('saisines-communes', 'commune')).toEqual([
        'Commune,Saisines ouvertes,Saisines avec une première réponse,Saisines closes',
        'Cahors (46042),3,3,2',
        'Catus (46064),1,1,1',
        'Lalbenque (46148),2,1,1',
        'Commune non renseignée,1,1,1',
      ]);
      // By EPCI: Cahors and Catus add up in the Grand Cahors.
      expect(await csv('saisines-epci', 'epci')).toEqual([
        'Intercommunalité,Saisines ouvertes,Saisines avec une première réponse,Saisines closes',
        'CA du Grand Cahors,4,4,3',
        'CC du Pays de Lalbenque-Limogne,2,1,1',
        'Commune non renseignée,1,1,1',
      ]);
      expect(await csv('cases-usefulness-communes', 'commune')).toEqual([
        'Commune,Oui,En partie,Non,Non renseignée',
        'Cahors (46042),1,1,0,0',
        'Catus (46064),1,0,0,0',
        'Lalbenque (46148),0,0,1,0',
        'Commune non renseignée,0,0,0,1',
      ]);
      expect(await csv('cases-usefulness-epci', 'epci')).toEqual([
        'Intercommunalité,Oui,En partie,Non,Non renseignée',
        'CA du Grand Cahors,2,1,0,0',
        'CC du Pays de Lalbenque-Limogne,0,0,1,0',
        'Commune non renseignée,0,0,0,1',
      ]);
      // Time to first answer, in hours (percentile_cont: the 90th centile of [10, 20, 60] is 20 + 0.8 × 40 = 52).
      // Cahors [10, 20, 60]: median 20, p90 52; Catus [70]; Lalbenque [4]; not said [2].
      expect(await csv('saisines-delais-communes-1', 'commune')).toEqual([
        'Commune,Nombre,Médiane (heures),90e centile (heures)',
        'Cahors (46042),3,20,52',
        'Catus (46064),1,70,70',
        'Lalbenque (46148),1,4,4',
        'Commune non renseignée,1,2,2',
      ]);
      // Grand Cahors [10, 20, 60, 70]: median (20 + 60) / 2 = 40 — not a median of the communes' medians (20 and
      // 70) — and p90 60 + 0.7 × 10 = 67.
      expect(await csv('saisines-delais-epci-1', 'epci')).toEqual([
        'Intercommunalité,Nombre,Médiane (heures),90e centile (heures)',
        'CA du Grand Cahors,4,40,67',
        'CC du Pays de Lalbenque-Limogne,1,4,4',
        'Commune non renseignée,1,2,2',
      ]);
      // Time to closing (no part marked done: the case's closing ends each part). Cahors [30, 50]: median 40, p90
      // 30 + 0.9 × 20 = 48; Catus [90]; Lalbenque [8]; not said [100]; Grand Cahors [30, 50, 90]: median 50, p90
      // 50 + 0.8 × 40 = 82.
      expect(await csv('saisines-delais-communes-2', 'commune')).toEqual([
        'Commune,Nombre,Médiane (heures),90e centile (heures)',
        'Cahors (46042),2,40,48',
        'Catus (46064),1,90,90',
        'Lalbenque (46148),1,8,8',
        'Commune non renseignée,1,100,100',
      ]);
      expect(await csv('saisines-delais-epci-2', 'epci')).toEqual([
        'Intercommunalité,Nombre,Médiane (heures),90e centile (heures)',
        'CA du Grand Cahors,3,50,82',
        'CC du Pays de Lalbenque-Limogne,1,8,8',
        'Commune non renseignée,1,100,100',
      ]);
      // The organisations' delays are unchanged by the communes: all of them [2, 4, 10, 20, 60, 70], median 15,
      // p90 60 + 0.5 × 10 = 65; the CAF [2, 10, 20, 60, 70], median 20, p90 60 + 0.6 × 10 = 66; the CPAM [4].
      expect(await csv('saisines-delais-1', 'commune')).toEqual(
        expect.arrayContaining(['Tous les organismes,6,15,65', 'CAF du Lot,5,20,66', 'CPAM du Lot,1,4,4']),
      );
      // The page shows the same tables, with the grain's words.
      const page = await t.app.inject({
        url: `/pilotage?territoire=cahors&du=${month}&au=${month}&maille=epci`,
        headers: { cookie: pilot },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Délai de première réponse par intercommunalité');
      expect(page.body).toContain('Commune non renseignée');
      // Only counts and delays are stored: no row of the store names a case.
      const stored = await t.db
        .selectFrom('indicator_values')
        .select(['commune', 'breakdown'])
        .where('indicator', 'like', 'case%')
        .execute();
      for (const r of stored) expect(r.commune + r.breakdown).not.toMatch(/[0-9a-f]{8}-/);
    });
  });
}
