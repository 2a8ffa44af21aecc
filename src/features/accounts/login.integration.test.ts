// Login by magic link on a real database and a real SMTP server: same answer for unknown addresses, token
// stored hashed, confirmation page, single use, expiry, foreign links, session fixation, cookie flags,
// logout, session expiry, CSRF and rate limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  buildTestApp,
  cookiesOf,
  databaseKinds,
  formContext,
  sessionCookieFor,
  testConfig,
  userIdByEmail,
  type TestApp,
} from '../../../test/helpers.ts';
import { insertUser } from '../../../test/factories.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import type { Config } from '../../config.ts';

/** Config of a test app with the development mailbox on a free port. */
function mailConfig(overrides: Partial<Config> = {}): Partial<Config> {
  const base = testConfig();
  return {
    devMailbox: true,
    smtp: { ...base.smtp, port: 0 },
    rateLimit: { loginPerMinute: 1000, apiPerMinute: 600 },
    ...overrides,
  };
}

let ipCounter = 1;
/** A fresh client address, so that the per-IP login limit of one test does not spill into another. */
function freshIp(): string {
  ipCounter++;
  return `10.0.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
}

/** Asks for a link and returns the token read from the mail received by the SMTP server. */
async function requestLink(t: TestApp, email: string, cookie = ''): Promise<string> {
  const form = await formContext(t, '/connexion', cookie);
  const before = t.app.devMailbox!.for(email).length;
  const response = await t.app.inject({
    method: 'POST',
    url: '/connexion',
    remoteAddress: freshIp(),
    headers: { cookie: form.cookie },
    payload: { _csrf: form.csrf, email },
  });
  expect(response.statusCode).toBe(200);
  const mail = await t.app.devMailbox!.waitFor(
    (m) => m.to.includes(email) && t.app.devMailbox!.for(email).indexOf(m) >= before,
  );
  const match = /\/connexion\/lien\?jeton=([A-Za-z0-9_-]{43})/.exec(mail.text);
  expect(match, mail.text).not.toBeNull();
  return match![1]!;
}

/** Opens the link's confirmation page and confirms; returns the response of the confirmation. */
async function confirmLink(t: TestApp, token: string, cookie = '') {
  const page = await formContext(t, `/connexion/lien?jeton=${token}`, cookie);
  return t.app.inject({
    method: 'POST',
    url: '/connexion/lien',
    headers: { cookie: page.cookie },
    payload: { _csrf: page.csrf, jeton: token },
  });
}

for (const kind of databaseKinds) {
  describe(`magic-link login on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ kind, config: mailConfig() });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('shows the login form, without a ProConnect button when OIDC is off', async () => {
      const response = await t.app.inject('/connexion');
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('name="email"');
      expect(response.body).not.toContain('ProConnect');
    });

    it('refuses the form without its CSRF token', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/connexion',
        remoteAddress: freshIp(),
        payload: { email: 'admin@demo.localhost' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('Formulaire expiré ou invalide');
      const forged = await t.app.inject({
        method: 'POST',
        url: '/connexion',
        remoteAddress: freshIp(),
        payload: { _csrf: 'faux', email: 'admin@demo.localhost' },
      });
      expect(forged.statusCode).toBe(403);
    });

    it('shows a French message next to a wrong address and keeps what was typed', async () => {
      const form = await formContext(t, '/connexion');
      const response = await t.app.inject({
        method: 'POST',
        url: '/connexion',
        remoteAddress: freshIp(),
        headers: { cookie: form.cookie },
        payload: { _csrf: form.csrf, email: 'camille@@exemple' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('fr-input-group--error');
      expect(response.body).toMatch(
        /<p class="fr-error-text" id="email-erreur">Adresse électronique invalide/,
      );
      expect(response.body).toContain('value="camille@@exemple"');
    });

    it('answers the same page for an unknown address, and sends nothing', async () => {
      const form = await formContext(t, '/connexion');
      const tokensBefore = await t.db
        .selectFrom('login_tokens')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/connexion',
        remoteAddress: freshIp(),
        headers: { cookie: form.cookie },
        payload: { _csrf: form.csrf, email: 'Personne@Nulle-Part.fr' },
      });
      const known = await t.app.inject({
        method: 'POST',
        url: '/connexion',
        remoteAddress: freshIp(),
        headers: { cookie: form.cookie },
        payload: { _csrf: form.csrf, email: 'Pilote@Demo.Localhost' },
      });
      expect(unknown.statusCode).toBe(200);
      expect(known.statusCode).toBe(200);
      const strip = (html: string, email: string) =>
        html.replace(email, 'X').replace(/name="_csrf" value="[^"]+"/, '');
      expect(strip(unknown.body, 'personne@nulle-part.fr')).toBe(strip(known.body, 'pilote@demo.localhost'));
      await t.app.devMailbox!.waitFor((m) => m.to.includes('pilote@demo.localhost'));
      expect(t.app.devMailbox!.for('personne@nulle-part.fr')).toHaveLength(0);
      const tokensAfter = await t.db
        .selectFrom('login_tokens')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      expect(tokensAfter.n).toBe(tokensBefore.n + 1);
    });

    it('stores only the hash of the token, valid 30 minutes, and the link opens a confirmation page that uses nothing', async () => {
      const token = await requestLink(t, 'admin@demo.localhost');
      const row = await t.db
        .selectFrom('login_tokens')
        .selectAll()
        .where('token_hash', '=', hashToken(token))
        .executeTakeFirstOrThrow();
      expect(row.user_id).toBe(await userIdByEmail(t.db, 'admin@demo.localhost'));
      const minutes = (new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()) / 60_000;
      expect(minutes).toBeGreaterThan(29.9);
      expect(minutes).toBeLessThanOrEqual(30.1);
      const stored = await t.db
        .selectFrom('login_tokens')
        .select('token_hash')
        .where('token_hash', '=', token)
        .execute();
      expect(stored).toHaveLength(0);

      // A mail scanner following the link twice uses nothing.
      for (let i = 0; i < 2; i++) {
        const page = await t.app.inject(`/connexion/lien?jeton=${token}`);
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('Confirmer la connexion');
      }
      const after = await t.db
        .selectFrom('login_tokens')
        .select('used_at')
        .where('token_hash', '=', hashToken(token))
        .executeTakeFirstOrThrow();
      expect(after.used_at).toBeNull();
    });

    it('logs in with a session cookie (HttpOnly, SameSite=Lax, not Secure on plain HTTP), lands on the role’s home, and journals it', async () => {
      const token = await requestLink(t, 'admin@demo.localhost');
      const response = await confirmLink(t, token);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/espace/admin');
      const session = response.cookies.find((c) => c.name === 'sc_session')!;
      expect(session).toBeDefined();
      expect(session.httpOnly).toBe(true);
      expect(session.sameSite).toBe('Lax');
      expect(session.secure).toBeFalsy();
      const home = await t.app.inject({
        url: '/espace/admin',
        headers: { cookie: `sc_session=${session.value}` },
      });
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('Ali Administrateur');
      const adminId = await userIdByEmail(t.db, 'admin@demo.localhost');
      const entry = await t.db
        .selectFrom('audit_journal')
        .selectAll()
        .where('actor_id', '=', adminId)
        .where('action', '=', 'login')
        .executeTakeFirst();
      expect(entry?.reason).toBe('connexion par lien magique');
    });

    it('refuses the confirmation form without its CSRF token, without using the link', async () => {
      const token = await requestLink(t, 'cpam@demo.localhost');
      const missing = await t.app.inject({
        method: 'POST',
        url: '/connexion/lien',
        payload: { jeton: token },
      });
      expect(missing.statusCode).toBe(403);
      const page = await formContext(t, `/connexion/lien?jeton=${token}`);
      const forged = await t.app.inject({
        method: 'POST',
        url: '/connexion/lien',
        headers: { cookie: page.cookie },
        payload: { _csrf: page.csrf.slice(0, -2) + 'xx', jeton: token },
      });
      expect(forged.statusCode).toBe(403);
      expect(forged.cookies.find((c) => c.name === 'sc_session')).toBeUndefined();
      const row = await t.db
        .selectFrom('login_tokens')
        .select('used_at')
        .where('token_hash', '=', hashToken(token))
        .executeTakeFirstOrThrow();
      expect(row.used_at).toBeNull();
    });

    it('refuses a replayed link with a clear French page', async () => {
      const token = await requestLink(t, 'caf@demo.localhost');
      expect((await confirmLink(t, token)).statusCode).toBe(303);
      const replay = await confirmLink(t, token).catch(() => null);
      // The confirmation page itself already says the link has served.
      const page = await t.app.inject(`/connexion/lien?jeton=${token}`);
      expect(page.statusCode).toBe(410);
      expect(page.body).toContain('Lien de connexion déjà utilisé');
      expect(replay).toBeNull();
      const anon = await formContext(t, '/connexion');
      const post = await t.app.inject({
        method: 'POST',
        url: '/connexion/lien',
        headers: { cookie: anon.cookie },
        payload: { _csrf: anon.csrf, jeton: token },
      });
      expect(post.statusCode).toBe(410);
      expect(post.cookies.find((c) => c.name === 'sc_session')).toBeUndefined();
    });

    it('refuses an expired link and an unknown one', async () => {
      const token = await requestLink(t, 'cpam@demo.localhost');
      await t.db
        .updateTable('login_tokens')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('token_hash', '=', hashToken(token))
        .execute();
      const expired = await t.app.inject(`/connexion/lien?jeton=${token}`);
      expect(expired.statusCode).toBe(410);
      expect(expired.body).toContain('Lien de connexion expiré');
      const anon = await formContext(t, '/connexion');
      const post = await t.app.inject({
        method: 'POST',
        url: '/connexion/lien',
        headers: { cookie: anon.cookie },
        payload: { _csrf: anon.csrf, jeton: token },
      });
      expect(post.statusCode).toBe(410);
      for (const url of [
        '/connexion/lien?jeton=' + 'A'.repeat(43),
        '/connexion/lien?jeton=%3Cscript%3E',
        '/connexion/lien',
      ]) {
        const unknown = await t.app.inject(url);
        expect(unknown.statusCode).toBe(400);
        expect(unknown.body).toContain('Lien de connexion invalide');
      }
    });

    it('refuses a link of another account while logged in, without using it', async () => {
      const token = await requestLink(t, 'mairie@demo.localhost');
      const other = await sessionCookieFor(t, 'aidant@demo.localhost');
      const page = await t.app.inject({ url: `/connexion/lien?jeton=${token}`, headers: { cookie: other } });
      expect(page.statusCode).toBe(403);
      expect(page.body).toContain('Lien destiné à un autre compte');
      const form = await formContext(t, '/connexion/lien?jeton=' + 'B'.repeat(43), other);
      const post = await t.app.inject({
        method: 'POST',
        url: '/connexion/lien',
        headers: { cookie: form.cookie },
        payload: { _csrf: form.csrf, jeton: token },
      });
      expect(post.statusCode).toBe(403);
      const row = await t.db
        .selectFrom('login_tokens')
        .select('used_at')
        .where('token_hash', '=', hashToken(token))
        .executeTakeFirstOrThrow();
      expect(row.used_at).toBeNull();
    });

    it('never reuses a session cookie set before login (session fixation)', async () => {
      const planted = 'sc_session=' + 'F'.repeat(43);
      const token = await requestLink(t, 'pilote@demo.localhost', planted);
      const response = await confirmLink(t, token, planted);
      expect(response.statusCode).toBe(303);
      const fresh = response.cookies.find((c) => c.name === 'sc_session')!.value;
      expect(fresh).not.toBe('F'.repeat(43));

      // A valid session of the same user is replaced too: the old cookie stops working.
      const old = await sessionCookieFor(t, 'pilote@demo.localhost');
      const again = await requestLink(t, 'pilote@demo.localhost');
      const relogin = await confirmLink(t, again, old);
      expect(relogin.statusCode).toBe(303);
      const newer = relogin.cookies.find((c) => c.name === 'sc_session')!.value;
      expect(`sc_session=${newer}`).not.toBe(old);
      expect((await t.app.inject({ url: '/espace/pilotage', headers: { cookie: old } })).statusCode).toBe(
        401,
      );
      expect(
        (await t.app.inject({ url: '/espace/pilotage', headers: { cookie: `sc_session=${newer}` } }))
          .statusCode,
      ).toBe(200);
    });

    it('activates an invited account on its first login', async () => {
      const invitedId = await insertUser(t.db, {
        email: 'invitee@exemple.fr',
        displayName: 'Inès Invitée',
        role: 'helper',
        status: 'invited',
      });
      const token = await requestLink(t, 'invitee@exemple.fr');
      const response = await confirmLink(t, token);
      expect(response.headers.location).toBe('/espace/aidant');
      const row = await t.db
        .selectFrom('users')
        .select(['status', 'last_login_at'])
        .where('id', '=', invitedId)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('active');
      expect(row.last_login_at).not.toBeNull();
    });

    it('logs out: the session row is deleted and the cookie cleared; the form needs its CSRF token', async () => {
      const cookie = await sessionCookieFor(t, 'observateur@demo.localhost');
      const page = await formContext(t, '/espace/observatoire', cookie);
      const refused = await t.app.inject({
        method: 'POST',
        url: '/deconnexion',
        headers: { cookie },
        payload: { _csrf: 'faux' },
      });
      expect(refused.statusCode).toBe(403);
      const response = await t.app.inject({
        method: 'POST',
        url: '/deconnexion',
        headers: { cookie: page.cookie },
        payload: { _csrf: page.csrf },
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/');
      expect(response.cookies.find((c) => c.name === 'sc_session')?.value).toBe('');
      const hash = hashToken(cookie.split('=')[1]!);
      expect(
        await t.db.selectFrom('sessions').select('id_hash').where('id_hash', '=', hash).executeTakeFirst(),
      ).toBeUndefined();
      expect((await t.app.inject({ url: '/espace/observatoire', headers: { cookie } })).statusCode).toBe(401);
    });

    it('ends an expired session', async () => {
      const cookie = await sessionCookieFor(t, 'observateur@demo.localhost');
      expect((await t.app.inject({ url: '/espace/observatoire', headers: { cookie } })).statusCode).toBe(200);
      await t.db
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id_hash', '=', hashToken(cookie.split('=')[1]!))
        .execute();
      const response = await t.app.inject({ url: '/espace/observatoire', headers: { cookie } });
      expect(response.statusCode).toBe(401);
      expect(cookiesOf(response)).toContain('sc_session=');
    });

    it('sets sessions to last sessionTtlHours', async () => {
      const token = await requestLink(t, 'usager@demo.localhost');
      const response = await confirmLink(t, token);
      expect(response.headers.location).toBe('/');
      const value = response.cookies.find((c) => c.name === 'sc_session')!;
      expect(value.maxAge).toBe(t.config.sessionTtlHours * 3600);
      const row = await t.db
        .selectFrom('sessions')
        .select(['expires_at', 'created_at', 'via'])
        .where('id_hash', '=', hashToken(value.value))
        .executeTakeFirstOrThrow();
      expect(row.via).toBe('magic-link');
      const hours = (new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()) / 3600_000;
      expect(Math.round(hours)).toBe(t.config.sessionTtlHours);
    });
  });
}

describe('login security settings', () => {
  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const t = await buildTestApp({ config: mailConfig({ publicUrl: 'https://sans-couture.exemple.fr' }) });
    try {
      const token = await requestLink(t, 'admin@demo.localhost');
      const response = await confirmLink(t, token);
      const session = response.cookies.find((c) => c.name === 'sc_session')!;
      expect(session.secure).toBe(true);
      expect(session.httpOnly).toBe(true);
      expect(session.sameSite).toBe('Lax');
    } finally {
      await t.close();
    }
  }, 90_000);

  it('limits login requests per IP and per address with a French 429 page', async () => {
    const t = await buildTestApp({
      config: mailConfig({ rateLimit: { loginPerMinute: 3, apiPerMinute: 600 } }),
    });
    try {
      const form = await formContext(t, '/connexion');
      const post = (email: string, ip: string) =>
        t.app.inject({
          method: 'POST',
          url: '/connexion',
          remoteAddress: ip,
          headers: { cookie: form.cookie },
          payload: { _csrf: form.csrf, email },
        });
      // Per IP: three addresses pass, the fourth request from the same IP is refused.
      for (const n of [1, 2, 3]) expect((await post(`a${n}@exemple.fr`, '192.0.2.1')).statusCode).toBe(200);
      const blocked = await post('a4@exemple.fr', '192.0.2.1');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['retry-after']).toBe('60');
      expect(blocked.body).toContain('Trop de demandes de connexion');
      expect(blocked.body).toContain('lang="fr"');
      // Per address: the same address from three other IPs, then a fourth.
      for (const ip of ['192.0.2.10', '192.0.2.11', '192.0.2.12'])
        expect((await post('cible@exemple.fr', ip)).statusCode).toBe(200);
      expect((await post('CIBLE@exemple.fr', '192.0.2.13')).statusCode).toBe(429);
      // Someone else, elsewhere, is not affected.
      expect((await post('autre@exemple.fr', '192.0.2.20')).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  }, 90_000);
});
