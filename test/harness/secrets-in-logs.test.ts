// Secrets never reach the logs: the application's pino output (level trace, everything) is captured during
// a real flow — start, configuration summary, pages, a magic-link login, a connected page, a logout, a
// refused form, links with a token in their path, a failing mail server — and searched for every secret and
// token used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { openDatabase } from '../../src/platform/db/database.ts';
import { loadConfig, describeConfig, type Config } from '../../src/config.ts';
import { build } from '../../src/app.ts';
import { hashToken, newToken } from '../../src/platform/auth/tokens.ts';
import { cookiesOf, csrfTokenOf, userIdByEmail } from '../helpers.ts';
import { freePort } from '../../scripts/crash-test.ts';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';

const secrets = {
  SESSION_SECRET: 'SESSION-SECRET-must-never-be-logged-0123456789',
  FILES_KEY: Buffer.from('FILES-KEY-must-never-be-logged-!').toString('base64'),
  SMTP_PASSWORD: 'SMTP-PASSWORD-must-never-be-logged',
  OIDC_CLIENT_SECRET: 'OIDC-CLIENT-SECRET-must-never-be-logged',
};

const lines: string[] = [];
let app: FastifyInstance;
let database: DatabaseHandle;
let config: Config;

beforeAll(async () => {
  const template = process.env.SANS_COUTURE_TEST_TEMPLATE;
  database = template
    ? await openDatabase({
        dataDir: 'memory://',
        loadDataDir: new Blob([(await import('node:fs')).readFileSync(template)]),
      })
    : await openDatabase({ dataDir: 'memory://' });
  config = loadConfig({
    NODE_ENV: 'test',
    DEV_MAILBOX: 'false',
    LOG_LEVEL: 'trace',
    ...secrets,
    SMTP_USER: 'robot',
    // A mail server that is not there: sending fails and the failure is logged.
    SMTP_PORT: String(await freePort()),
    OIDC_ISSUER: 'http://127.0.0.1:9/oidc',
    OIDC_CLIENT_ID: 'sans-couture',
  });
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  app = await build({ config, database, logger: { level: 'trace', stream } });
  await app.ready();
  app.log.info({ config: describeConfig(config) }, 'configuration');
}, 300_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('secrets in the logs', () => {
  it('never logs a secret, a session cookie or a magic-link token during a real flow', async () => {
    const tokens: string[] = [];
    await app.inject('/');
    await app.inject('/lieux?commune=46042');

    // Ask for a link (mail server down: the failure is logged), then log in with a link made for the test.
    const login = await app.inject('/connexion');
    const cookie = cookiesOf(login);
    await app.inject({
      method: 'POST',
      url: '/connexion',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfTokenOf(login.body),
        email: 'aidant@demo.localhost',
      }).toString(),
    });
    const token = newToken();
    tokens.push(token);
    await app.db
      .insertInto('login_tokens')
      .values({
        token_hash: hashToken(token),
        user_id: await userIdByEmail(app.db, 'aidant@demo.localhost'),
        expires_at: new Date(Date.now() + 600_000),
        used_at: null,
        redirect_to: null,
      })
      .execute();
    const confirm = await app.inject({ url: `/connexion/lien?jeton=${token}`, headers: { cookie } });
    expect(confirm.statusCode).toBe(200);
    const opened = await app.inject({
      method: 'POST',
      url: '/connexion/lien',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfTokenOf(confirm.body), jeton: token }).toString(),
    });
    expect(opened.statusCode).toBe(303);
    const session = opened.cookies.find((c) => c.name === 'sc_session')!.value;
    tokens.push(session);
    const home = await app.inject({
      url: '/espace/aidant',
      headers: { cookie: `sc_session=${session}`, authorization: 'Bearer ' + secrets.OIDC_CLIENT_SECRET },
    });
    expect(home.statusCode).toBe(200);
    // A refused form and a logout.
    await app.inject({
      method: 'POST',
      url: '/deconnexion',
      headers: { cookie: `sc_session=${session}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '_csrf=faux',
    });
    await app.inject({
      method: 'POST',
      url: '/deconnexion',
      headers: { cookie: `sc_session=${session}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfTokenOf(home.body) }).toString(),
    });
    // Links whose path carries a token (a saved questionnaire to resume, a consent to give), and a mistyped one.
    for (const url of ['/moments-de-vie/reprendre/', '/consentement/', '/moments-de-vie/reprendre/x/y/']) {
      const token = newToken();
      tokens.push(token);
      await app.inject(url + token);
    }
    // Let the background mail attempt fail and log.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    // One access line per request, with the route's pattern, never the path or query that carries a token.
    expect(log).toContain('request completed');
    expect(log).not.toContain('incoming request');
    expect(log).toContain('"url":"/connexion/lien"');
    expect(log).toContain('"url":"/moments-de-vie/reprendre/:token"');
    expect(log).toContain('"url":"/consentement/:token"');
    for (const [name, value] of Object.entries(secrets)) expect(log.includes(value), name).toBe(false);
    expect(log.includes(config.filesKey.toString('hex')), 'FILES_KEY (hex)').toBe(false);
    for (const value of tokens) expect(log.includes(value), 'token or session cookie').toBe(false);
    // The hash of a session is not the session, but it is not needed in the logs either.
    expect(log.includes(hashToken(session))).toBe(false);
  });
});
