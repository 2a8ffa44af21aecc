// The audit journal is append-only down to the table itself: TRUNCATE is refused like UPDATE and DELETE
// (test/platform.integration.test.ts covers UPDATE, DELETE and the journal's tie to the work).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildTestApp, databaseKinds, type TestApp } from '../helpers.ts';
import { journal } from '../../src/platform/audit.ts';

for (const kind of databaseKinds) {
  describe(`audit journal on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('refuses TRUNCATE, and an UPDATE or DELETE of one row, keeping every row', async () => {
      await journal(t.db, {
        actor: null,
        action: 'read',
        subjectType: 'user',
        subjectId: '1',
        reason: 'preuve',
      });
      const count = async () =>
        (await sql<{ n: number }>`select count(*)::int as n from audit_journal`.execute(t.db)).rows[0]!.n;
      const before = await count();
      expect(before).toBeGreaterThan(0);
      await expect(sql`truncate audit_journal`.execute(t.db)).rejects.toThrow(/append-only/);
      await expect(sql`truncate audit_journal cascade`.execute(t.db)).rejects.toThrow(/append-only/);
      await expect(
        t.db.updateTable('audit_journal').set({ reason: 'modifié' }).where('reason', '=', 'preuve').execute(),
      ).rejects.toThrow(/append-only/);
      await expect(t.db.deleteFrom('audit_journal').where('reason', '=', 'preuve').execute()).rejects.toThrow(
        /append-only/,
      );
      expect(await count()).toBe(before);
    });
  });
}
