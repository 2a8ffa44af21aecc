// The magic-link use-cases without HTTP: the link is printed on the console in development only, and two
// simultaneous uses of one link open exactly one session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { buildTestApp, databaseKinds, testConfig, type TestApp } from '../../../test/helpers.ts';
import { consumeMagicLink, createLoginToken, requestMagicLink } from './magic-link.ts';

/** A pino logger writing into an array, to read what would reach the console. */
function capturingLogger(): { log: FastifyBaseLogger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { log: pino({ level: 'info' }, stream) as unknown as FastifyBaseLogger, lines };
}

for (const kind of databaseKinds) {
  describe(`magic-link use-cases on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ kind, config: { devMailbox: true, smtp: { ...testConfig().smtp, port: 0 } } });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('prints the link on the console in development, never in production or tests', async () => {
      for (const env of ['development', 'production', 'test'] as const) {
        const { log, lines } = capturingLogger();
        await requestMagicLink(
          { db: t.db, mailer: t.app.mailer, config: { ...t.config, env }, log },
          'aidant@demo.localhost',
        );
        const mail = t.app.devMailbox!.for('aidant@demo.localhost').at(-1)!;
        const link = /(http\S+jeton=\S+)/.exec(mail.text)![1]!;
        const printed = lines.join('\n');
        if (env === 'development') expect(printed).toContain(link);
        else expect(printed).not.toContain('jeton=');
        // Never the address, whatever the environment.
        expect(printed).not.toContain('aidant@demo.localhost');
      }
    });

    it('lets only one of three simultaneous uses of a link through', async () => {
      const user = await t.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'caf@demo.localhost')
        .executeTakeFirstOrThrow();
      const token = await createLoginToken(t.db, user.id, 60_000);
      const results = await Promise.all([
        consumeMagicLink(t.db, token, null, 'r1'),
        consumeMagicLink(t.db, token, null, 'r2'),
        consumeMagicLink(t.db, token, null, 'r3'),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => (r.ok ? null : r.problem))).toEqual(['used', 'used']);
      const logins = await t.db
        .selectFrom('audit_journal')
        .select('id')
        .where('actor_id', '=', user.id)
        .where('action', '=', 'login')
        .where('request_id', 'in', ['r1', 'r2', 'r3'])
        .execute();
      expect(logins).toHaveLength(1);
    });
  });
}
