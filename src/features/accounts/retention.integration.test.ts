// Credentials do not outlive their use: the nightly `accounts.purge` job deletes expired sessions, and login
// links a week after they expired or were used (a late click still reads "expired").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, databaseKinds, userIdByEmail, type TestApp } from '../../../test/helpers.ts';
import { expiredLinkKeptMs } from './store.ts';

describe.each(databaseKinds)('credentials retention (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ kind });
  });
  afterAll(async () => {
    await t.close();
  });

  it('the nightly job deletes expired sessions and old links, and keeps the rest', async () => {
    const userId = await userIdByEmail(t.db, 'usager@demo.localhost');
    const now = new Date('2026-11-28T03:30:00Z');
    const hours = (h: number) => new Date(now.getTime() + h * 3600_000);
    await t.db
      .insertInto('sessions')
      .values([
        { id_hash: 'expired-session', user_id: userId, expires_at: hours(-1), via: 'magic-link' },
        { id_hash: 'live-session', user_id: userId, expires_at: hours(5), via: 'magic-link' },
      ])
      .execute();
    const weekAndMore = -(expiredLinkKeptMs / 3600_000) - 1;
    await t.db
      .insertInto('login_tokens')
      .values([
        { token_hash: 'old-expired', user_id: userId, expires_at: hours(weekAndMore) },
        {
          token_hash: 'old-used',
          user_id: userId,
          expires_at: hours(weekAndMore + 0.5),
          used_at: hours(weekAndMore),
        },
        { token_hash: 'recently-expired', user_id: userId, expires_at: hours(-2) },
        { token_hash: 'valid', user_id: userId, expires_at: hours(0.4) },
      ])
      .execute();

    // The daily schedule queues the job for 03:00 UTC; the worker tick runs it.
    await t.app.jobs.tick(now);

    const sessions = (
      await t.db.selectFrom('sessions').select('id_hash').where('user_id', '=', userId).execute()
    ).map((r) => r.id_hash);
    expect(sessions).toContain('live-session');
    expect(sessions).not.toContain('expired-session');
    const links = (
      await t.db.selectFrom('login_tokens').select('token_hash').where('user_id', '=', userId).execute()
    ).map((r) => r.token_hash);
    expect(links).toEqual(expect.arrayContaining(['recently-expired', 'valid']));
    expect(links).not.toContain('old-expired');
    expect(links).not.toContain('old-used');
  });
});
