// ProConnect login end to end against a real local OpenID Connect provider (oidc-provider), driven over HTTP:
// PKCE, state and nonce, matching by verified e-mail then by subject, refusals with clear French pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, databaseKinds, formContext, type TestApp } from '../../../test/helpers.ts';
import { loginAtProvider, reserveOidcProvider, type TestOidcProvider } from '../../../test/oidc-provider.ts';

const publicUrl = 'http://sans-couture.test';
const redirectUri = `${publicUrl}/connexion/proconnect/retour`;

for (const kind of databaseKinds) {
  describe(`ProConnect login on ${kind}`, () => {
    let t: TestApp;
    let provider: TestOidcProvider;
    beforeAll(async () => {
      provider = await reserveOidcProvider({
        agent: { email: 'CAF@demo.localhost' },
        stranger: { email: 'inconnu@exemple.fr' },
        unverified: { email: 'mairie@demo.localhost', emailVerified: false },
        pilot: { email: 'pilote@demo.localhost' },
        impostor: { email: 'pilote@demo.localhost' },
      });
      provider.start(redirectUri);
      t = await buildTestApp({
        kind,
        config: {
          publicUrl,
          oidc: {
            issuer: provider.issuer,
            clientId: provider.clientId,
            clientSecret: provider.clientSecret,
            label: 'ProConnect',
          },
        },
      });
    });
    afterAll(async () => {
      await t?.close();
      await provider?.close();
    });

    /** Starts a login on the app; returns the provider URL and the app's pending cookie. */
    async function start() {
      const response = await t.app.inject('/connexion/proconnect');
      expect(response.statusCode).toBe(302);
      const pending = response.cookies.find((c) => c.name === 'sc_oidc')!;
      return { url: response.headers.location as string, cookie: `sc_oidc=${pending.value}`, pending };
    }

    async function callback(url: URL, cookie: string) {
      return t.app.inject({ url: url.pathname + url.search, headers: { cookie } });
    }

    it('offers the ProConnect button on the login page', async () => {
      const page = await t.app.inject('/connexion');
      expect(page.body).toContain('href="/connexion/proconnect"');
      expect(page.body).toContain('Se connecter avec ProConnect');
    });

    it('sends the user to the provider with PKCE S256, state and nonce, kept in a signed httpOnly cookie', async () => {
      const { url, pending } = await start();
      const authorization = new URL(url);
      expect(authorization.origin).toBe(provider.issuer);
      expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorization.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(authorization.searchParams.get('state')).toBeTruthy();
      expect(authorization.searchParams.get('nonce')).toBeTruthy();
      expect(authorization.searchParams.get('redirect_uri')).toBe(redirectUri);
      expect(authorization.searchParams.get('scope')).toContain('email');
      expect(pending.httpOnly).toBe(true);
      expect(pending.sameSite).toBe('Lax');
      // The verifier never leaves in clear: the cookie is signed and the URL carries only the challenge.
      expect(url).not.toContain(
        JSON.parse(decodeURIComponent(pending.value).replace(/\.[^.]+$/, '')).verifier,
      );
    });

    it('logs in an invited account matched by e-mail, whatever its case, and keeps its subject', async () => {
      const { url, cookie } = await start();
      const back = await loginAtProvider(url, 'agent', redirectUri);
      expect(back.searchParams.get('code')).toBeTruthy();
      const response = await callback(back, cookie);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/espace/partenaire');
      const session = response.cookies.find((c) => c.name === 'sc_session')!;
      expect(session.httpOnly).toBe(true);
      const user = await t.db
        .selectFrom('users')
        .select(['id', 'oidc_subject'])
        .where('email', '=', 'caf@demo.localhost')
        .executeTakeFirstOrThrow();
      expect(user.oidc_subject).toBe('agent');
      const row = await t.db
        .selectFrom('sessions')
        .select('via')
        .where('user_id', '=', user.id)
        .where('via', '=', 'oidc')
        .executeTakeFirst();
      expect(row?.via).toBe('oidc');
      const home = await t.app.inject({
        url: '/espace/partenaire',
        headers: { cookie: `sc_session=${session.value}` },
      });
      expect(home.statusCode).toBe(200);

      // The same authorization response cannot be used twice.
      const replay = await callback(back, cookie);
      expect(replay.statusCode).toBe(400);
      expect(replay.body).toContain('Réponse de connexion invalide');
    });

    it('ends the ProConnect session too on logout (end-session endpoint with id_token_hint)', async () => {
      const { url, cookie } = await start();
      const login = await callback(await loginAtProvider(url, 'agent', redirectUri), cookie);
      expect(login.statusCode).toBe(303);
      const session = login.cookies.find((c) => c.name === 'sc_session')!;
      const logoutCookie = login.cookies.find((c) => c.name === 'sc_oidc_logout')!;
      expect(logoutCookie.httpOnly).toBe(true);
      expect(logoutCookie.path).toBe('/deconnexion');
      const jar = `sc_session=${session.value}; sc_oidc_logout=${logoutCookie.value}`;
      const page = await formContext(t, '/espace/partenaire', jar);
      const logout = await t.app.inject({
        method: 'POST',
        url: '/deconnexion',
        headers: { cookie: page.cookie },
        payload: { _csrf: page.csrf },
      });
      expect(logout.statusCode).toBe(303);
      const target = new URL(logout.headers.location as string);
      expect(target.origin).toBe(provider.issuer);
      expect(target.searchParams.get('id_token_hint')).toMatch(/^ey/);
      expect(target.searchParams.get('post_logout_redirect_uri')).toBe(`${publicUrl}/`);
      expect(logout.cookies.find((c) => c.name === 'sc_session')?.value).toBe('');
      // The provider accepts the request (its logout confirmation page), so the hint and redirect are valid.
      const atProvider = await fetch(target, { redirect: 'manual' });
      expect(atProvider.status).toBe(200);
      expect(await atProvider.text()).toContain('logout');
      // The session is over on our side.
      expect(
        (
          await t.app.inject({
            url: '/espace/partenaire',
            headers: { cookie: `sc_session=${session.value}` },
          })
        ).statusCode,
      ).toBe(401);
    });

    it('refuses an unknown person with a clear page: accounts are created by invitation', async () => {
      const { url, cookie } = await start();
      const response = await callback(await loginAtProvider(url, 'stranger', redirectUri), cookie);
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('Aucun compte pour cette adresse');
      expect(response.body).toContain('Les comptes sont créés sur invitation');
      expect(response.cookies.find((c) => c.name === 'sc_session')).toBeUndefined();
      const created = await t.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'inconnu@exemple.fr')
        .executeTakeFirst();
      expect(created).toBeUndefined();
    });

    it('refuses an address the provider says it did not verify', async () => {
      const { url, cookie } = await start();
      const response = await callback(await loginAtProvider(url, 'unverified', redirectUri), cookie);
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('Adresse non vérifiée');
    });

    it('refuses a second identity claiming an account already linked to another subject', async () => {
      const first = await start();
      expect(
        (await callback(await loginAtProvider(first.url, 'pilot', redirectUri), first.cookie)).statusCode,
      ).toBe(303);
      const second = await start();
      const response = await callback(
        await loginAtProvider(second.url, 'impostor', redirectUri),
        second.cookie,
      );
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('Compte déjà relié à une autre identité');
    });

    it('refuses a callback without its cookie, or with the cookie of another login (state mismatch)', async () => {
      const a = await start();
      const b = await start();
      const back = await loginAtProvider(a.url, 'agent', redirectUri);
      const none = await callback(back, '');
      expect(none.statusCode).toBe(400);
      expect(none.body).toContain('Connexion expirée');
      const crossed = await callback(back, b.cookie);
      expect(crossed.statusCode).toBe(400);
      expect(crossed.body).toContain('Réponse de connexion invalide');
      const forged = await callback(
        back,
        a.cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      );
      expect(forged.statusCode).toBe(400);
    });

    it('explains a login cancelled at the provider', async () => {
      const { cookie } = await start();
      const response = await t.app.inject({
        url: '/connexion/proconnect/retour?error=access_denied&state=x',
        headers: { cookie },
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('Connexion annulée');
    });
  });
}

describe('ProConnect switched off', () => {
  it('has no ProConnect route and no button', async () => {
    const t = await buildTestApp();
    try {
      expect((await t.app.inject('/connexion/proconnect')).statusCode).toBe(404);
      expect((await t.app.inject('/connexion/proconnect/retour?code=x&state=y')).statusCode).toBe(404);
      expect((await t.app.inject('/connexion')).body).not.toContain('ProConnect');
    } finally {
      await t.close();
    }
  });
});
