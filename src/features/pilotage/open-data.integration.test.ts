// Open data on generated data, through the API as anyone downloads it: no count from 1 to 10 is published, zero
// stays zero, published counts are the true ones, and an attacker holding every dataset cannot recompute a secret
// cell — neither from the totals of territories-monthly, nor from another dataset that splits the same total
// (cases by life event and by the resident's commune, closed cases also by usefulness; satisfaction by occasion
// and by each answer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, databaseKinds, type TestApp } from '../../../test/helpers.ts';
import { caseRowWithoutPerson } from '../../../test/factories.ts';
import { indicatorSources } from '../indicators.ts';
import { lifeEventIds } from '../navigator/life-events.ts';
import { addMonths, monthOf } from './months.ts';
import { refreshIndicators } from './refresh.ts';
import { attack, determinedByEquations, random, type Publication } from './secrecy-attacker.ts';

type Row = Record<string, string | number | null>;

for (const kind of databaseKinds) {
  describe(`open data with statistical secrecy on ${kind}`, () => {
    let t: TestApp;
    let months: string[];
    let current: string;
    const raw = new Map<string, number>(); // plans: month|territory|commune|life_event → count
    const rawCases = new Map<string, number>(); // cases opened (and closed, the same month): month|commune → count
    const data: Record<string, Row[]> = {};

    beforeAll(async () => {
      t = await buildTestApp({ kind });
      current = monthOf(t.app.clock.now());
      months = [addMonths(current, -3), addMonths(current, -2), addMonths(current, -1)];
      const rand = random(17);
      const small = () => {
        const r = rand();
        return r < 0.55
          ? 0
          : r < 0.85
            ? 1 + Math.floor(rand() * 4)
            : r < 0.95
              ? 5 + Math.floor(rand() * 8)
              : 20 + Math.floor(rand() * 60);
      };
      const communes = {
        cahors: ['46042', '46064', '46148', '46268', '46037'],
        figeac: ['46102', '46009', '46045', '46055'],
      };
      const counters: {
        kind: 'plan' | 'estimation';
        month: string;
        territory_id: string;
        commune: string;
        life_event: string;
        channel: string;
        count: number;
      }[] = [];
      for (const month of months)
        for (const [territory, list] of Object.entries(communes))
          for (const commune of list) {
            for (const event of lifeEventIds.slice(0, 4)) {
              const n = small();
              if (n > 0)
                counters.push({
                  kind: 'plan',
                  month,
                  territory_id: territory,
                  commune,
                  life_event: event,
                  channel: 'api',
                  count: n,
                });
            }
            const e = small();
            if (e > 0)
              counters.push({
                kind: 'estimation',
                month,
                territory_id: territory,
                commune,
                life_event: '',
                channel: 'api',
                count: e,
              });
          }
      // The case secondary suppression exists for: one small count beside a large one and nothing else (3 beside 40),
      // here plans asked to the API for communes outside every territory.
      for (const [commune, count] of [
        ['31555', 40],
        ['75056', 3],
      ] as const)
        counters.push({
          kind: 'plan',
          month: months[2]!,
          territory_id: '',
          commune,
          life_event: 'moving',
          channel: 'api',
          count,
        });
      for (const c of counters) {
        const key = `${c.month}|${c.territory_id}|${c.commune}|${c.life_event}`;
        if (c.kind === 'plan') raw.set(key, (raw.get(key) ?? 0) + c.count);
      }
      await t.db.insertInto('usage_counters').values(counters).execute();
      // Satisfaction answers and closed cases, so that a total has several partitions.
      const helper = await t.db
        .selectFrom('organisations')
        .select('id')
        .where('slug', '=', 'france-services-lot')
        .executeTakeFirstOrThrow();
      const answers = [];
      const cases = [];
      for (const month of months) {
        const at = new Date(`${month}-15T10:00:00Z`);
        const nAnswers = [3, 14, 26][months.indexOf(month)]!;
        for (let i = 0; i < nAnswers; i++)
          answers.push({
            month,
            territory_id: 'cahors',
            commune: '46042',
            subject: (['plan', 'case', 'plan'] as const)[i % 3]!,
            life_event: '',
            respondent: 'resident' as const,
            went: (['good', 'good', 'average', 'bad'] as const)[Math.floor(rand() * 4)]!,
            easy: (['yes', 'partly', 'no'] as const)[Math.floor(rand() * 3)]!,
            useful: (['yes', 'yes', 'no'] as const)[Math.floor(rand() * 3)]!,
            comment: null,
          });
        const nCases = [5, 12, 31][months.indexOf(month)]!;
        for (let i = 0; i < nCases; i++) {
          // Three communes of two EPCIs, and cases without a commune ("non renseignée").
          const commune = ['46042', '46064', '46148', null, '46042'][i % 5] ?? null;
          cases.push(
            caseRowWithoutPerson({
              helperOrganisationId: helper.id,
              createdAt: at,
              lifeEvent: lifeEventIds[i % 3]!,
              closedAt: new Date(at.getTime() + 86400_000),
              usefulness: (['yes', 'partly', 'no', 'yes'] as const)[i % 4]!,
              residentCommune: commune,
            }),
          );
          const key = `${month}|${commune ?? ''}`;
          rawCases.set(key, (rawCases.get(key) ?? 0) + 1);
        }
      }
      await t.db.insertInto('satisfaction_answers').values(answers).execute();
      await t.db.insertInto('cases').values(cases).execute();
      await refreshIndicators(t.db, indicatorSources, t.app.clock.now(), { full: true });
      const list = (await t.app.inject({ url: '/api/v1/open-data' })).json() as {
        datasets: { id: string }[];
      };
      for (const { id } of list.datasets) {
        const response = await t.app.inject({ url: `/api/v1/open-data/${id}.json` });
        expect(response.statusCode).toBe(200);
        data[id] = (response.json() as { data: Row[] }).data;
      }
    }, 240_000);
    afterAll(async () => {
      await t?.close();
    });

    const countColumns: Record<string, string[]> = {
      plans: ['plans'],
      estimations: ['estimations'],
      cases: ['opened', 'answered', 'closed'],
      'cases-communes': ['opened', 'answered', 'closed'],
      'cases-usefulness': ['cases'],
      'case-delays': ['first_answers'],
      satisfaction: ['answers'],
      'territories-monthly': [
        'plans',
        'estimations',
        'cases_opened',
        'cases_answered',
        'cases_closed',
        'satisfaction_answers',
        'first_answers',
      ],
    };

    it('publishes no count from 1 to 10, complete months only, and the CSV says the same as the JSON', async () => {
      for (const [id, columns] of Object.entries(countColumns)) {
        expect(data[id]!.length, id).toBeGreaterThan(0);
        for (const row of data[id]!) {
          expect(row.month).not.toBe(current);
          for (const column of columns) {
            const v = row[column];
            if (typeof v === 'number') expect(v === 0 || v > 10, `${id}.${column} = ${v}`).toBe(true);
            else if (v !== null) expect(v).toBe('secret');
          }
        }
      }
      const csv = (await t.app.inject({ url: '/api/v1/open-data/plans.csv' })).body.trim().split('\n');
      expect(csv.length - 1).toBe(data.plans!.length);
      const first = data.plans![0]!;
      expect(csv[1]).toBe(
        [first.month, first.territory, first.commune, first.life_event, first.plans].join(','),
      );
    });

    it('keeps zero as zero and publishes every other count as it is or as secret', () => {
      let zeros = 0;
      let hiddenLarge = 0;
      for (const row of data.plans!) {
        const truth = raw.get(`${row.month}|${row.territory}|${row.commune}|${row.life_event}`) ?? 0;
        if (truth === 0) {
          expect(row.plans).toBe(0);
          zeros++;
        } else if (row.plans === 'secret') {
          if (truth > 10) hiddenLarge++;
        } else expect(row.plans).toBe(truth);
      }
      expect(zeros).toBeGreaterThan(100);
      // Secondary suppression happened: counts above 10 hidden to protect small ones.
      expect(hiddenLarge).toBeGreaterThan(0);
      const moving = data.plans!.find(
        (r) =>
          r.month === months[2] && r.territory === '' && r.commune === '31555' && r.life_event === 'moving',
      );
      expect(moving?.plans).toBe('secret');
    });

    it('publishes the cases by the resident’s commune, "non renseignée" included, as true counts or secret', () => {
      const rows = data['cases-communes']!;
      for (const month of months) {
        const cahors = rows.filter((r) => r.month === month && r.territory === 'cahors');
        // Every commune of the territory (59), then the cases without a commune.
        expect(cahors.length, month).toBe(60);
        expect(cahors.at(-1)!.commune).toBe('');
        for (const r of cahors) {
          const truth = rawCases.get(`${month}|${r.commune}`) ?? 0;
          for (const column of ['opened', 'closed']) {
            if (truth === 0) expect(r[column], `${month} ${r.commune} ${column}`).toBe(0);
            else if (r[column] !== 'secret') expect(r[column], `${month} ${r.commune} ${column}`).toBe(truth);
          }
          expect(r.answered).toBe(0);
        }
      }
      // The last month has 31 cases: 13 in Cahors (published, above 10), 6 in each other place (secret).
      const last = rows.filter((r) => r.month === months[2] && r.territory === 'cahors');
      expect(last.find((r) => r.commune === '46042')?.opened).toBe(13);
      for (const commune of ['46064', '46148', ''])
        expect(last.find((r) => r.commune === commune)?.opened).toBe('secret');
      expect(rows.filter((r) => r.territory === 'figeac').every((r) => r.opened === 0)).toBe(true);
    });

    it('leaves no secret cell recomputable from the totals or from another dataset', () => {
      const totals = new Map(data['territories-monthly']!.map((r) => [`${r.month}|${r.territory}`, r]));
      const group = (rows: Row[], column: string, by: (r: Row) => string = () => '') => {
        const out = new Map<string, Map<string, (number | 'secret')[]>>();
        for (const r of rows) {
          const key = `${r.month}|${r.territory}`;
          const partitions = out.get(key) ?? new Map<string, (number | 'secret')[]>();
          const list = partitions.get(by(r)) ?? [];
          list.push(r[column] as number | 'secret');
          partitions.set(by(r), list);
          out.set(key, partitions);
        }
        return out;
      };
      const margins: [string, string, Map<string, Map<string, (number | 'secret')[]>>[]][] = [
        ['plans', 'plans', [group(data.plans!, 'plans')]],
        ['estimations', 'estimations', [group(data.estimations!, 'estimations')]],
        [
          'cases opened',
          'cases_opened',
          [group(data.cases!, 'opened'), group(data['cases-communes']!, 'opened')],
        ],
        [
          'cases closed',
          'cases_closed',
          [
            group(data.cases!, 'closed'),
            group(data['cases-usefulness']!, 'cases'),
            group(data['cases-communes']!, 'closed'),
          ],
        ],
        [
          'satisfaction',
          'satisfaction_answers',
          [group(data.satisfaction!, 'answers', (r) => String(r.question))],
        ],
      ];
      let checked = 0;
      let withSecrets = 0;
      for (const [name, totalColumn, sources] of margins) {
        for (const [key, totalRow] of totals) {
          const partitions = sources.flatMap((s) => [...(s.get(key)?.values() ?? [])]);
          if (partitions.length === 0) continue;
          const publication: Publication = { total: totalRow[totalColumn] as number | 'secret', partitions };
          expect(attack(publication), `${name} ${key}: ${JSON.stringify(publication)}`).toEqual(new Map());
          expect(determinedByEquations(publication), `${name} ${key}`).toEqual([]);
          checked++;
          if (publication.total === 'secret' || partitions.flat().includes('secret')) withSecrets++;
        }
      }
      expect(checked).toBeGreaterThan(20);
      expect(withSecrets).toBeGreaterThan(10);
    });

    it('agrees with the totals it publishes: a fully published partition adds up to its total', () => {
      for (const r of data['territories-monthly']!) {
        const cells = data
          .plans!.filter((p) => p.month === r.month && p.territory === r.territory)
          .map((p) => p.plans);
        if (typeof r.plans === 'number' && cells.every((c) => typeof c === 'number'))
          expect(cells.reduce<number>((s, c) => s + (c as number), 0)).toBe(r.plans);
      }
    });
  });
}
