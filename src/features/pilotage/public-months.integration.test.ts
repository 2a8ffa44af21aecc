// The public register's figures follow the open data's rule, on PGlite and PostgreSQL: complete months only, a month
// being complete once a refresh that started after its end has counted it. A month still counting would show
// "secret" then 11 between two refreshes — one more person, seen. The pilot's own page keeps the month still counting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, databaseKinds, sessionCookieFor, type TestApp } from '../../../test/helpers.ts';
import { indicatorSources } from '../indicators.ts';
import { addMonths, monthLabel, monthOf } from './months.ts';
import { buildPublication, publicValue } from './publication.ts';
import { refreshIndicators } from './refresh.ts';
import { recordSatisfaction } from './satisfaction.ts';

for (const kind of databaseKinds) {
  describe(`the public register's months, on ${kind}`, () => {
    let t: TestApp;
    let current: string;
    let previous: string;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
      current = monthOf(t.app.clock.now());
      previous = addMonths(current, -1);
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    /** Satisfaction answers of residents of Cahors, at an instant. */
    async function answers(n: number, at: Date) {
      for (let i = 0; i < n; i++)
        await recordSatisfaction(
          t.db,
          { subject: 'plan', lifeEvent: 'birth', commune: '46042', territoryId: '' },
          { went: 'good', easy: 'yes', useful: 'yes', comment: null },
          'resident',
          at,
        );
    }

    /** The key figures' table of the public page of Cahors (its HTML), and the sentence that dates it. */
    async function publicFigures() {
      const page = await t.app.inject({ url: '/experimentation/cahors' });
      expect(page.statusCode).toBe(200);
      const start = page.body.indexOf('id="direct-chiffres"');
      const table = page.body.slice(start, page.body.indexOf('</table>', start));
      const dated = /<p id="chiffres-arretes">([^<]*)/.exec(page.body)![1]!;
      const satisfaction = /data-indicator="satisfaction-answers">([\s\S]*?)<\/tr>/.exec(table)![1]!;
      const cells = [...satisfaction.matchAll(/<td class="sc-numeric">([\s\S]*?)<\/td>/g)].map((m) =>
        m[1]!.replace(/<[^>]+>/g, '').trim(),
      );
      return { table, dated, lastCell: cells.at(-1) };
    }

    it('shows the months up to the last one counted after its end, never the month still counting', async () => {
      // Eleven answers last month, counted by a refresh that started last month: last month is not over for the
      // store, so the public page stops the month before.
      await answers(11, new Date(`${previous}-10T10:00:00Z`));
      await refreshIndicators(t.db, indicatorSources, new Date(`${previous}-20T10:00:00Z`), { full: true });
      let figures = await publicFigures();
      expect(figures.table).toContain(`${monthLabel(addMonths(previous, -1))}</th>`);
      expect(figures.table).not.toContain(monthLabel(previous));
      expect(figures.dated).toContain(`Chiffres arrêtés à la fin du mois`);
      expect(figures.dated).toContain(monthLabel(addMonths(previous, -1)));

      // A refresh this month has counted all of last month: it is published, with its 11.
      await refreshIndicators(t.db, indicatorSources, t.app.clock.now());
      figures = await publicFigures();
      expect(figures.table).toContain(`${monthLabel(previous)}</th>`);
      expect(figures.table).not.toContain(monthLabel(current));
      expect(figures.lastCell).toBe('11');
      expect(figures.dated).toContain(monthLabel(previous));
    });

    it('keeps the public figures still while this month moves from "secret" to 11; the pilot sees it move', async () => {
      await answers(10, t.app.clock.now());
      await refreshIndicators(t.db, indicatorSources, t.app.clock.now());
      const before = await publicFigures();
      const pilot = await sessionCookieFor(t, 'pilote@demo.localhost');
      const thisMonth = async () => {
        const csv = await t.app.inject({
          url: `/pilotage/tableau.csv?id=satisfaction-mois&territoire=cahors&du=${current}&au=${current}`,
          headers: { cookie: pilot },
        });
        return csv.body.trim().split('\r\n')[1];
      };
      expect(await thisMonth()).toBe(`${monthLabel(current)},10`);

      await answers(1, t.app.clock.now());
      await refreshIndicators(t.db, indicatorSources, t.app.clock.now());
      // The pilot's own page keeps the live month: 11 now.
      expect(await thisMonth()).toBe(`${monthLabel(current)},11`);
      // The public page shows exactly what it showed: nothing to subtract between two refreshes.
      const after = await publicFigures();
      expect(after.table).toBe(before.table);
      const publication = await buildPublication(t.db, t.app.clock.now());
      expect(publication.lastCompleteMonth).toBe(previous);
      expect(publicValue(publication, 'satisfaction-answers', 'cahors', current)).toBeNull();
      expect(publicValue(publication, 'satisfaction-answers', 'cahors', previous)).toBe(11);
      // The open data follows the same months.
      const open = await t.app.inject({ url: '/api/v1/open-data/territories-monthly.json' });
      const rows = (
        open.json() as { data: { month: string; territory: string; satisfaction_answers: unknown }[] }
      ).data;
      expect(rows.every((r) => r.month <= previous)).toBe(true);
      expect(rows.find((r) => r.month === previous && r.territory === 'cahors')?.satisfaction_answers).toBe(
        11,
      );
    });
  });
}
