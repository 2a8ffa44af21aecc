// The inbox's pages follow a cursor (the last activity to the microsecond, then the case id), not an OFFSET, on
// both databases: walking "Suivant" then "Précédent" lists every case once, in order, through ties and cases a
// microsecond apart; a case that moves while the agent reads is not listed twice; the links work without
// JavaScript (plain links); a damaged cursor is a French 400, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildTestApp, databaseKinds, userIdByEmail, type TestApp } from '../../../test/helpers.ts';
import { newAgent, organisationId } from '../../../test/factories.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { openCase } from './open-case.ts';
import { listInbox, type InboxCursor, type InboxQuery } from './store.ts';
import { decodeCursor, encodeCursor } from './inbox.ts';

/** Cases opened for the MSA, an organisation no other case of this file's database invites. */
const caseCount = 57;

for (const kind of databaseKinds) {
  describe(`inbox pages by cursor, on ${kind}`, () => {
    let t: TestApp;
    let msa: Actor;
    let msaCookie: string;
    /** The cases in the order the inbox must list them: most recent activity first, then the highest id. */
    let expected: string[] = [];

    beforeAll(async () => {
      t = await buildTestApp({ kind });
      const agent = await newAgent(t, { role: 'partnerAgent', organisation: 'msa-mpn' });
      msaCookie = agent.cookie;
      msa = {
        id: agent.id,
        role: 'partnerAgent',
        organisationId: await organisationId(t, 'msa-mpn'),
        territoryIds: ['cahors'],
      };
      const helper: Actor = {
        id: await userIdByEmail(t.db, 'aidant@demo.localhost'),
        role: 'helper',
        organisationId: await organisationId(t, 'france-services-lot'),
        territoryIds: ['cahors'],
      };
      const ids: string[] = [];
      for (let i = 0; i < caseCount; i++) {
        const opened = await openCase(
          { db: t.db, filesKey: t.config.filesKey, publicUrl: 'http://sc.test', now: new Date() },
          helper,
          {
            resident: {
              firstName: 'Page',
              lastName: `Usager${i}`,
              birthDate: '1980-02-03',
              cafNumber: null,
              socialSecurityNumber: null,
              taxNumber: null,
            },
            lifeEvent: 'job-loss',
            question: 'Droits suspendus.',
            organisationIds: [msa.organisationId!],
            consent: {
              kind: 'printed-mandate',
              givenOn: new Date().toISOString().slice(0, 10),
              scope: 'Partage',
              expiresOn: new Date(Date.now() + 200 * 86400_000).toISOString().slice(0, 10),
              contact: null,
              mandate: null,
            },
            attachments: [],
          },
        );
        ids.push(opened.id);
      }
      // Known last activities, written on the case and on its participation's copy (as touchCase does): one
      // minute apart, except three cases at the very same instant (the id breaks the tie) and two cases one
      // microsecond apart (a cursor cut to the millisecond, as a JavaScript date is, would skip one of them).
      const at = ids.map(
        (_, i) =>
          `2026-11-${String(1 + Math.floor(i / 24)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00.500000Z`,
      );
      at[11] = at[12] = at[13] = '2026-11-01T10:30:00.123456Z';
      at[30] = '2026-11-02T05:30:00.000001Z';
      at[31] = '2026-11-02T05:30:00.000002Z';
      for (const [i, id] of ids.entries()) {
        await sql`update cases set updated_at = ${at[i]}::timestamptz where id = ${id}`.execute(t.db);
        await sql`update case_participants set case_updated_at = ${at[i]}::timestamptz where case_id = ${id}`.execute(
          t.db,
        );
      }
      expected = ids
        .map((id, i) => ({ id, at: at[i]! }))
        .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))
        .map((c) => c.id);
    }, 240_000);
    afterAll(async () => {
      await t?.close();
    });

    const query = (cursor: InboxCursor | null, words: string[] = []): InboxQuery => ({
      scope: 'organisation',
      state: 'all',
      words,
      cursor,
      now: new Date(),
    });

    it('walks every case once, forwards then backwards, through ties and microseconds', async () => {
      for (const [words, breadth] of [
        [[], undefined],
        [['page'], 'broad'],
        [['page'], 'narrow'],
      ] as const) {
        const label = `${words.join(' ') || 'sans recherche'} ${breadth ?? ''}`;
        // Pages of 4: 57 cases make 14 full pages and one of 1.
        const forward: string[] = [];
        const pageKeys: InboxCursor[] = [];
        let cursor: InboxCursor | null = null;
        for (let n = 0; n < 30; n++) {
          const page = await listInbox(t.db, msa, { ...query(cursor, [...words]), breadth }, 4);
          forward.push(...page.rows.map((r) => r.id));
          if (!page.more) break;
          cursor = { direction: 'after', ...page.rows.at(-1)!.sortKey };
          pageKeys.push(cursor);
        }
        expect(forward, label).toEqual(expected);
        // Backwards from the last line: each "previous" page is the four cases just newer, in the same order.
        const backward: string[] = [];
        cursor = {
          direction: 'before',
          ...(await listInbox(t.db, msa, query(null), 1000)).rows.at(-1)!.sortKey,
        };
        for (let n = 0; n < 30; n++) {
          const page = await listInbox(t.db, msa, { ...query(cursor, [...words]), breadth }, 4);
          backward.unshift(...page.rows.map((r) => r.id));
          if (!page.more) break;
          cursor = { direction: 'before', ...page.rows[0]!.sortKey };
        }
        expect(backward, label).toEqual(expected.slice(0, -1));
      }
    });

    it('does not list a case twice when it moves to the top while the agent reads', async () => {
      const first = await listInbox(t.db, msa, query(null), 10);
      // The 20th case gets a message: it is now the most recent, on the page already read.
      const moved = expected[19]!;
      await sql`update cases set updated_at = '2026-12-01T09:00:00Z' where id = ${moved}`.execute(t.db);
      await sql`update case_participants set case_updated_at = '2026-12-01T09:00:00Z' where case_id = ${moved}`.execute(
        t.db,
      );
      const second = await listInbox(
        t.db,
        msa,
        query({ direction: 'after', ...first.rows.at(-1)!.sortKey }),
        10,
      );
      expect(second.rows.map((r) => r.id)).toEqual(expected.slice(10, 21).filter((id) => id !== moved));
      expected = [moved, ...expected.filter((id) => id !== moved)];
    });

    it('links the pages with "Suivant" and "Précédent", plain links that work without JavaScript', async () => {
      const get = (url: string) => t.app.inject({ url, headers: { cookie: msaCookie } });
      const listed = (body: string) => [...body.matchAll(/data-case="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
      const link = (body: string, rel: 'prev' | 'next') =>
        new RegExp(`href="([^"]+)"\\s+rel="${rel}"`).exec(body)?.[1]?.replace(/&amp;/g, '&');
      const first = await get('/dossiers');
      expect(first.statusCode).toBe(200);
      expect(listed(first.body)).toEqual(expected.slice(0, 50));
      expect(link(first.body, 'prev')).toBeUndefined();
      const next = link(first.body, 'next')!;
      expect(next).toMatch(/^\/dossiers\?boite=organisme&etat=tous&curseur=[A-Za-z0-9_-]+$/);
      expect(first.body).toMatch(/rel="next"[^>]*>\s*Suivant\s*</);
      const second = await get(next);
      expect(listed(second.body)).toEqual(expected.slice(50));
      expect(link(second.body, 'next')).toBeUndefined();
      expect(second.body).toMatch(/rel="prev"[^>]*>\s*Précédent\s*</);
      // Back to the newest cases: the first page again, full, without a "Précédent" link.
      const back = await get(link(second.body, 'prev')!);
      expect(listed(back.body)).toEqual(expected.slice(0, 50));
      expect(link(back.body, 'prev')).toBeUndefined();
      // The search and the filter ride along with the cursor.
      const searched = await get('/dossiers?boite=organisme&etat=nouveaux&q=page');
      expect(link(searched.body, 'next')).toMatch(/etat=nouveaux&q=page&curseur=/);
      // A bookmark from the numbered pages opens the first page of its filters, not an error.
      const old = await get('/dossiers?boite=organisme&page=3');
      expect(old.statusCode).toBe(200);
      expect(listed(old.body)).toEqual(expected.slice(0, 50));
      expect(link(old.body, 'next')).not.toMatch(/page=/);
    });

    it('answers a damaged cursor with a French message, never a 500', async () => {
      const id = expected[0]!;
      const b64 = (text: string) => Buffer.from(text).toString('base64url');
      for (const cursor of [
        'nimportequoi',
        '%00',
        'a'.repeat(300),
        b64(`a|2026-02-31T10:00:00.000000Z|${id}`),
        b64(`a|2026-13-01T10:00:00.000000Z|${id}`),
        b64(`a|0000-01-01T10:00:00.000000Z|${id}`),
        b64(`a|2026-11-01T10:00:00Z|${id}`),
        b64(`a|2026-11-01T10:00:00.000000Z|pas-un-uuid`),
        b64(`c|2026-11-01T10:00:00.000000Z|${id}`),
        b64(`a|2026-11-01T10:00:00.000000Z|${id}|x`),
        b64(`a|2026-11-01T10:00:00.000000Z'; drop table cases; --|${id}`),
      ]) {
        const page = await t.app.inject({
          url: `/dossiers?curseur=${encodeURIComponent(cursor)}`,
          headers: { cookie: msaCookie },
        });
        expect(page.statusCode, cursor).toBe(400);
        expect(page.body, cursor).toContain('Ce lien de page n’est pas valide');
        expect(page.body, cursor).toContain('Lien de page non valide');
      }
      // A cursor this server wrote reads back as it was.
      const cursor: InboxCursor = { direction: 'before', updatedAt: '2026-11-02T05:30:00.000001Z', id };
      expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    });
  });
}
