// The helpers' aller-vers list pages by cursor (when each right was found, to the microsecond, then the resident
// and the benefit), not by OFFSET, on both databases: walking "Suivant" then "Précédent" lists every line once, in
// order, through a night's thousands of rights found at one instant and rights a microsecond apart; a line followed
// up while the helper pages is neither listed twice nor makes another skipped; a withdrawn consent takes its lines
// off at once; the count is exact up to 1,000 and says "plus de 1 000" beyond; a deep page reads no line before its
// cursor; a damaged cursor is a French 400 with a way back, never a 500; the numbered links of before still lead
// somewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  buildTestApp,
  databaseKinds,
  demoUser,
  getPage,
  postForm,
  type TestApp,
  type TestUser,
} from '../../../test/helpers.ts';
import { newResident } from '../../../test/factories.ts';
import { decodeOutreachCursor, encodeOutreachCursor, outreachCountCap } from './outreach.ts';
import { countListed, outreachPage, outreachPageQuery, type OutreachCursor } from './store.ts';
import type { Outcome } from './tables.ts';

/** A line of the list as the tests expect it: its sort key. */
interface Line {
  at: string;
  userId: string;
  benefitId: string;
}
const keyOf = (l: Line) => `${l.userId}/${l.benefitId}`;
/** The list's order: found most recently first, then resident, then benefit (ids differ from their first letters). */
const before = (a: Line, b: Line) =>
  a.at !== b.at ? a.at > b.at : a.userId !== b.userId ? a.userId < b.userId : a.benefitId < b.benefitId;
const inOrder = (lines: Line[]) => [...lines].sort((a, b) => (before(a, b) ? -1 : 1));

/** The night of 15 March: every right found that night shares this instant. */
const night = '2026-03-15T01:00:00.000000Z';
const april = '2026-04-02T01:00:00.000000Z';

for (const kind of databaseKinds) {
  describe(`the aller-vers list pages by cursor, on ${kind}`, () => {
    let t: TestApp;
    let helper: TestUser;
    const residents: TestUser[] = [];
    /** The listed lines, in the list's order. */
    let expected: Line[] = [];

    async function right(
      userId: string,
      benefitId: string,
      at: string,
      extra: { probable?: boolean; outcome?: Outcome; territory?: string } = {},
    ) {
      await sql`insert into outreach_rights (user_id, benefit_id, territory_id, first_probable_at, probable, amount,
          frequency, notified_at, outcome)
        values (${userId}, ${benefitId}, ${extra.territory ?? 'cahors'}, ${at}::timestamptz,
          ${extra.probable ?? true}, 100, 'monthly', ${at}::timestamptz, ${extra.outcome ?? null})`.execute(
        t.db,
      );
    }

    beforeAll(async () => {
      t = await buildTestApp({ kind });
      helper = await demoUser(t, 'aidant@demo.localhost');
      for (let i = 0; i < 25; i++) residents.push(await newResident(t, `Usager Liste ${i}`));
      // Everyone consents but the last.
      for (const r of residents.slice(0, 24))
        await sql`insert into outreach_consents (user_id, territory_id) values (${r.id}, 'cahors')`.execute(
          t.db,
        );
      const lines: Line[] = [];
      const listed = async (userId: string, benefitId: string, at: string, outcome?: Outcome) => {
        await right(userId, benefitId, at, { outcome });
        lines.push({ at, userId, benefitId });
      };
      // Sixteen residents' rights found the night of 15 March (48 lines at one instant), four more on 2 April.
      for (const [i, r] of residents.slice(0, 20).entries())
        for (const benefit of ['aah', 'css', 'rsa'])
          await listed(
            r.id,
            benefit,
            i < 16 ? night : april,
            i === 0 && benefit === 'aah'
              ? 'contacted'
              : i === 1 && benefit === 'css'
                ? 'appointment'
                : undefined,
          );
      // Two rights a microsecond apart (a cursor cut to the millisecond, as a JavaScript date is, would lose one).
      const [r20, r21, r22, r23, r24] = residents.slice(20).map((r) => r.id);
      await listed(r20!, 'rsa', '2026-04-05T10:00:00.000001Z');
      await listed(r21!, 'rsa', '2026-04-05T10:00:00.000002Z');
      await listed(r20!, 'aah', '2026-04-06T08:00:00.000000Z');
      await listed(r21!, 'aah', '2026-04-01T08:00:00.500000Z');
      // Not listed: claimed, declined, no longer probable, another territory, no consent.
      await right(r22!, 'rsa', april, { outcome: 'claim-filed' });
      await right(r22!, 'aah', april, { outcome: 'declined' });
      await right(r22!, 'css', april, { probable: false });
      await right(r23!, 'rsa', april, { territory: 'figeac' });
      await right(r24!, 'rsa', april);
      expected = inOrder(lines);
      expect(expected).toHaveLength(64);
    }, 240_000);
    afterAll(async () => {
      await t?.close();
    });

    const linesOf = (body: string) =>
      [...body.matchAll(/data-line="([0-9a-f-]{36}\/[a-z0-9-]+)"/g)].map((m) => m[1]!);
    const link = (body: string, rel: 'prev' | 'next') =>
      new RegExp(`href="([^"]+)"\\s+rel="${rel}"`).exec(body)?.[1]?.replace(/&amp;/g, '&');
    const cursorOf = (url: string) => new URL(url, 'http://sc.test').searchParams.get('curseur')!;

    /** Every page from the first, following the cursors of the store (as the links do), `size` lines a page. */
    async function walkForward(size: number): Promise<string[]> {
      const keys: string[] = [];
      let cursor: OutreachCursor | null = null;
      for (let n = 0; n < 200; n++) {
        const page = await outreachPage(t.db, 'cahors', cursor, size);
        expect(page.lines.length).toBeLessThanOrEqual(size);
        keys.push(...page.lines.map((l) => `${l.userId}/${l.benefitId}`));
        if (!page.more) break;
        cursor = { direction: 'after', ...page.lines.at(-1)!.sortKey };
      }
      return keys;
    }

    it('walks every line once, forwards then backwards, through a night’s ties and rights a microsecond apart', async () => {
      // Pages of 2, 4 and 7: the page breaks fall inside the night's ties and between the two microseconds.
      for (const size of [2, 4, 7])
        expect(await walkForward(size), `pages de ${size}`).toEqual(expected.map(keyOf));
      // Backwards from the last line: each "previous" page is the lines just ahead of it, in the same order.
      const last = expected.at(-1)!;
      const backward: string[] = [];
      let cursor: OutreachCursor = { direction: 'before', ...last };
      for (let n = 0; n < 50; n++) {
        const page = await outreachPage(t.db, 'cahors', cursor, 4);
        backward.unshift(...page.lines.map((l) => `${l.userId}/${l.benefitId}`));
        if (!page.more) break;
        cursor = { direction: 'before', ...page.lines[0]!.sortKey };
      }
      expect(backward).toEqual(expected.slice(0, -1).map(keyOf));
      // The cursor's instant keeps its microseconds.
      const first = await outreachPage(t.db, 'cahors', null, 3);
      expect(first.lines.map((l) => l.sortKey.at)).toEqual([
        '2026-04-06T08:00:00.000000Z',
        '2026-04-05T10:00:00.000002Z',
        '2026-04-05T10:00:00.000001Z',
      ]);
    });

    it('links the pages with "Suivant" and "Précédent", plain links, and counts the lines', async () => {
      const first = await getPage(t, helper, '/espace/aidant/aller-vers');
      expect(first.statusCode).toBe(200);
      expect(linesOf(first.body)).toEqual(expected.slice(0, 50).map(keyOf));
      expect(first.body).toContain('64 aides à suivre.');
      expect(link(first.body, 'prev')).toBeUndefined();
      const next = link(first.body, 'next')!;
      expect(next).toMatch(/^\/espace\/aidant\/aller-vers\?curseur=[A-Za-z0-9_-]+$/);
      expect(first.body).toMatch(/rel="next"[^>]*>\s*Suivant\s*</);
      const second = await getPage(t, helper, next);
      expect(linesOf(second.body)).toEqual(expected.slice(50).map(keyOf));
      expect(link(second.body, 'next')).toBeUndefined();
      expect(second.body).toMatch(/rel="prev"[^>]*>\s*Précédent\s*</);
      // Each follow-up form brings the helper back to this page.
      expect(second.body).toContain(`name="curseur" value="${cursorOf(next)}"`);
      // Back to the newest lines: the first page again, full, without a "Précédent" link.
      const back = await getPage(t, helper, link(second.body, 'prev')!);
      expect(linesOf(back.body)).toEqual(expected.slice(0, 50).map(keyOf));
      expect(link(back.body, 'prev')).toBeUndefined();
      expect(back.body).not.toContain('name="curseur"');
    });

    it('neither lists twice nor skips a line when lines are followed up while the helper pages', async () => {
      const first = await getPage(t, helper, '/espace/aidant/aller-vers');
      const next = link(first.body, 'next')!;
      const [claimed, contacted, declined] = [expected[10]!, expected[20]!, expected[55]!];
      // On page 1, a claim filed (the line leaves) and a contact (it stays, in its place); on page 2, a refusal.
      const follow = (line: Line, issue: Outcome, curseur?: string) =>
        postForm(t, helper, `/espace/aidant/aller-vers/${line.userId}/${line.benefitId}`, {
          issue,
          ...(curseur ? { curseur } : {}),
        });
      expect((await follow(claimed, 'claim-filed')).headers.location).toBe(
        '/espace/aidant/aller-vers?fait=suivi',
      );
      expect((await follow(contacted, 'contacted')).statusCode).toBe(303);
      // Saved from page 2, the helper comes back to page 2.
      const saved = await follow(declined, 'declined', cursorOf(next));
      expect(saved.headers.location).toBe(`/espace/aidant/aller-vers?fait=suivi&curseur=${cursorOf(next)}`);
      // The "Suivant" link of the page read before (where the helper is brought back): page 2 starts right after
      // page 1's last line (with an OFFSET it would have skipped one, since a line of page 1 left), without the
      // line declined.
      const second = await getPage(t, helper, saved.headers.location as string);
      expect(linesOf(second.body)).toEqual(
        expected
          .slice(50)
          .filter((l) => l !== declined)
          .map(keyOf),
      );
      expect(second.body).toContain('C’est noté.');
      expected = expected.filter((l) => l !== claimed && l !== declined);
      const again = await getPage(t, helper, '/espace/aidant/aller-vers');
      expect(linesOf(again.body)).toEqual(expected.slice(0, 50).map(keyOf));
      const row = new RegExp(`data-line="${keyOf(contacted)}">([\\s\\S]*?)</tr>`).exec(again.body)?.[1];
      expect(row).toContain('État : Contacté');
    });

    it('takes a resident off every page at once when their consent is withdrawn, and pages on from a line that left', async () => {
      // One of the residents of 2 April whose three lines are all still listed: the test before took lines off
      // by their place in the list, and which resident is at that place depends on the random ids.
      const leaving = residents
        .slice(16, 20)
        .find((r) => expected.filter((l) => l.userId === r.id).length === 3)!;
      const theirs = expected.filter((l) => l.userId === leaving.id);
      expect(theirs).toHaveLength(3);
      expect((await postForm(t, leaving, '/mon-dossier/nouvelles-aides/retrait', {})).statusCode).toBe(303);
      expected = expected.filter((l) => l.userId !== leaving.id);
      // Every page, by the links.
      const seen: string[] = [];
      let url: string | undefined = '/espace/aidant/aller-vers';
      while (url) {
        const page = await getPage(t, helper, url);
        seen.push(...linesOf(page.body));
        url = link(page.body, 'next');
      }
      expect(seen).toEqual(expected.map(keyOf));
      expect(seen.some((k) => k.startsWith(leaving.id))).toBe(false);
      // A cursor on a line that has left still pages on from its place.
      const gone = theirs[1]!;
      const page = await outreachPage(t.db, 'cahors', { direction: 'after', ...gone }, 4);
      expect(page.lines.map((l) => `${l.userId}/${l.benefitId}`)).toEqual(
        expected
          .filter((l) => before(gone, l))
          .slice(0, 4)
          .map(keyOf),
      );
    });

    it('counts exactly up to 1,000 lines and says "plus de 1 000" beyond, never counting the whole list', async () => {
      // One resident with many rights found on the night of 1 February (one instant: more ties).
      const many = residents[2]!.id;
      const add = async (from: number, count: number) =>
        sql`insert into outreach_rights (user_id, benefit_id, territory_id, first_probable_at, probable, amount,
            frequency, notified_at)
          select ${many}, 'n' || lpad(g::text, 4, '0'), 'cahors', '2026-02-01T01:00:00Z', true, 100, 'monthly', null
          from generate_series(${from}::int, ${from + count - 1}::int) g`.execute(t.db);
      const missing = outreachCountCap - expected.length;
      await add(1, missing);
      expect(await countListed(t.db, 'cahors', outreachCountCap)).toEqual({ count: 1000, more: false });
      const exact = await getPage(t, helper, '/espace/aidant/aller-vers');
      expect(exact.body).toMatch(/<p>[^<]*1\u202f000 aides à suivre\./);
      expect(exact.body).not.toContain('Plus de');
      await add(1 + missing, 1);
      expect(await countListed(t.db, 'cahors', outreachCountCap)).toEqual({ count: 1000, more: true });
      const beyond = await getPage(t, helper, '/espace/aidant/aller-vers');
      expect(beyond.body).toContain('Plus de 1\u202f000 aides à suivre.');
      // A line claimed: back to exactly 1,000.
      await sql`update outreach_rights set outcome = 'claim-filed' where user_id = ${many} and benefit_id = 'n0001'`.execute(
        t.db,
      );
      expect(await countListed(t.db, 'cahors', outreachCountCap)).toEqual({ count: 1000, more: false });
    });

    it('reads no line before its cursor, even in the middle of a thousand lines found at one instant, and sorts no more than a page', async () => {
      // In the middle of the night of 1 February's 900-odd ties: the index must start at the cursor's own place.
      const cursor: OutreachCursor = {
        direction: 'after',
        at: '2026-02-01T01:00:00.000000Z',
        userId: residents[2]!.id,
        benefitId: 'n0500',
      };
      for (const direction of ['after', 'before'] as const) {
        const plan = await t.db.transaction().execute(async (trx) => {
          // On a table this small the planner may prefer to read it all; forbid it, to see what the index does.
          await sql`set local enable_seqscan = off`.execute(trx);
          await sql`set local enable_bitmapscan = off`.execute(trx);
          const explained = await sql<Record<string, string>>`explain (analyze, costs off, timing off)
            ${outreachPageQuery('cahors', { ...cursor, direction }, 4)}`.execute(trx);
          return explained.rows.map((r) => Object.values(r)[0]).join('\n');
        });
        expect(plan, plan).toContain('outreach_rights_list');
        // Every index range starts at the cursor and stops at the page (5 lines: 4 and the one that says more).
        for (const [, rows] of plan.matchAll(
          /Index (?:Only )?Scan[^\n]*outreach_rights_list[^\n]*rows=(\d+)/g,
        ))
          expect(Number(rows), plan).toBeLessThanOrEqual(5);
        expect(plan, plan).not.toMatch(/Rows Removed by Filter: [1-9]/);
        // Both ranges come in the list's order: at most a page's lines are sorted (PostgreSQL sorts the tied range's
        // few lines again before merging: it does not carry their one instant out of the subquery), never the list.
        for (const [, rows] of plan.matchAll(/Sort \(actual rows=(\d+)/g))
          expect(Number(rows), plan).toBeLessThanOrEqual(5);
      }
      const page = await outreachPage(t.db, 'cahors', cursor, 4);
      expect(page.lines.map((l) => l.benefitId)).toEqual(['n0501', 'n0502', 'n0503', 'n0504']);
    });

    it('reads the consents from the cursor’s resident on, when the planner merges the tied lines with them', async () => {
      // The lines tied on one instant come in resident order, so PostgreSQL may merge-join them with the consents
      // read by their key: from the first consent of all (or the last, going back) up to the cursor, half of the
      // territory's residents on average (25 ms for 100,000). Forced here to merge, both ways, the consents' read
      // must start at the cursor's resident.
      for (const direction of ['after', 'before'] as const) {
        const plan = await t.db.transaction().execute(async (trx) => {
          for (const setting of ['enable_nestloop', 'enable_hashjoin', 'enable_seqscan', 'enable_bitmapscan'])
            await sql.raw(`set local ${setting} = off`).execute(trx);
          const explained = await sql<Record<string, string>>`explain (analyze, costs off, timing off)
            ${outreachPageQuery('cahors', { direction, at: '2026-03-15T01:00:00.000000Z', userId: residents[7]!.id, benefitId: 'css' }, 4)}`.execute(
            trx,
          );
          return explained.rows.map((r) => Object.values(r)[0]).join('\n');
        });
        expect(plan, plan).toContain('Merge Join');
        // The consents of the tied range are read from the cursor's resident on, by the key (not filtered after a
        // read from the first of all).
        const tied = plan.split('outreach_rights_list')[1] ?? '';
        const consents = /outreach_consents_pkey[^\n]*\n\s*Index Cond: \(user_id ([<>]=) '([0-9a-f-]+)'/.exec(
          tied,
        );
        expect(consents, plan).not.toBeNull();
        expect(consents!.slice(1), plan).toEqual([direction === 'after' ? '>=' : '<=', residents[7]!.id]);
      }
    });

    it('answers a damaged cursor with a French 400 and a way back, never a 500', async () => {
      const id = residents[3]!.id;
      const b64 = (text: string) => Buffer.from(text).toString('base64url');
      for (const cursor of [
        'nimportequoi',
        '%00',
        'a'.repeat(300),
        b64(`a|2026-02-31T10:00:00.000000Z|${id}|rsa`),
        b64(`a|2026-13-01T10:00:00.000000Z|${id}|rsa`),
        b64(`a|2026-11-01T10:00:00Z|${id}|rsa`),
        b64(`a|2026-11-01T10:00:00.000000Z|pas-un-uuid|rsa`),
        b64(`a|2026-11-01T10:00:00.000000Z|${id}`),
        b64(`a|2026-11-01T10:00:00.000000Z|${id}|RSA`),
        b64(`a|2026-11-01T10:00:00.000000Z|${id}|${'r'.repeat(61)}`),
        b64(`c|2026-11-01T10:00:00.000000Z|${id}|rsa`),
        b64(`a|2026-11-01T10:00:00.000000Z|${id}|rsa|x`),
        b64(`a|2026-11-01T10:00:00.000000Z|${id}|rsa'; drop table outreach_rights; --`),
      ]) {
        const page = await getPage(
          t,
          helper,
          `/espace/aidant/aller-vers?curseur=${encodeURIComponent(cursor)}`,
        );
        expect(page.statusCode, cursor).toBe(400);
        expect(page.body, cursor).toContain('Lien de page non valide');
        expect(page.body, cursor).toContain('Ce lien de page n’est pas valide');
        expect(page.body, cursor).toMatch(
          /href="\/espace\/aidant\/aller-vers"[^>]*>Revenir au début de la liste</,
        );
        expect(page.body, cursor).not.toContain('data-line=');
      }
      // A follow-up saved with a damaged cursor is saved, and leads to the first page.
      const line = expected[0]!;
      const saved = await postForm(t, helper, `/espace/aidant/aller-vers/${line.userId}/${line.benefitId}`, {
        issue: 'contacted',
        curseur: 'nimportequoi',
      });
      expect(saved.headers.location).toBe('/espace/aidant/aller-vers?fait=suivi');
      // A cursor this server wrote reads back as it was.
      const cursor: OutreachCursor = {
        direction: 'before',
        at: '2026-04-05T10:00:00.000001Z',
        userId: id,
        benefitId: 'prime-activite',
      };
      expect(decodeOutreachCursor(encodeOutreachCursor(cursor))).toEqual(cursor);
    });

    it('leads the numbered links of before to the first page, saying why', async () => {
      for (const page of ['3', '5360', 'abc']) {
        const response = await getPage(t, helper, `/espace/aidant/aller-vers?page=${page}`);
        expect(response.statusCode, page).toBe(200);
        expect(response.body, page).toContain('Les pages ne sont plus numérotées');
        expect(linesOf(response.body), page).toEqual(expected.slice(0, 50).map(keyOf));
      }
      const one = await getPage(t, helper, '/espace/aidant/aller-vers?page=1');
      expect(one.statusCode).toBe(200);
      expect(one.body).not.toContain('Les pages ne sont plus numérotées');
    });
  });
}
