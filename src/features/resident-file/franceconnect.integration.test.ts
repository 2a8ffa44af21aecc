// FranceConnect for residents, end to end against a real local OpenID Connect provider (oidc-provider), through
// the same OIDC client as ProConnect with its own variables: PKCE, state and nonce; an account created for a new
// identity, found again next time, linked to a resident who came by mail; the identity filled in the file as
// given by FranceConnect; agents refused. Also the sign-up by mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  databaseKinds,
  formContext,
  testConfig,
  type TestApp,
  factsOf,
  fileJournalOf,
} from '../../../test/helpers.ts';
import { loginAtProvider, reserveOidcProvider, type TestOidcProvider } from '../../../test/oidc-provider.ts';

const publicUrl = 'http://sans-couture.test';
const redirectUri = `${publicUrl}/connexion/franceconnect/retour`;

for (const kind of databaseKinds) {
  describe(`FranceConnect and sign-up on ${kind}`, () => {
    let t: TestApp;
    let provider: TestOidcProvider;
    beforeAll(async () => {
      provider = await reserveOidcProvider({
        citizen: {
          email: 'Jeanne.Citoyenne@exemple.fr',
          givenName: 'Jeanne',
          familyName: 'Citoyenne',
          birthdate: '1988-02-29',
        },
        known: {
          email: 'usager@demo.localhost',
          givenName: 'Camille',
          familyName: 'Usager',
          birthdate: '1991-10-10',
        },
        agent: { email: 'caf@demo.localhost', givenName: 'Alex', familyName: 'Instructeur' },
      });
      provider.start(redirectUri);
      t = await buildTestApp({
        kind,
        config: {
          publicUrl,
          devMailbox: true,
          smtp: { ...testConfig().smtp, port: 0 },
          franceConnect: {
            issuer: provider.issuer,
            clientId: provider.clientId,
            clientSecret: provider.clientSecret,
            label: 'FranceConnect',
          },
        },
      });
    });
    afterAll(async () => {
      await t?.close();
      await provider?.close();
    });

    async function loginAs(login: string) {
      const start = await t.app.inject('/connexion/franceconnect');
      expect(start.statusCode).toBe(302);
      const pending = start.cookies.find((c) => c.name === 'sc_fc')!;
      const url = new URL(start.headers.location as string);
      const back = await loginAtProvider(url.href, login, redirectUri);
      return {
        url,
        response: await t.app.inject({
          url: back.pathname + back.search,
          headers: { cookie: `sc_fc=${pending.value}` },
        }),
      };
    }

    it('offers FranceConnect on the sign-up page and asks the provider for the identity the file keeps', async () => {
      const page = await t.app.inject('/mon-dossier/creer');
      expect(page.body).toContain('href="/connexion/franceconnect"');
      const start = await t.app.inject('/connexion/franceconnect');
      const url = new URL(start.headers.location as string);
      expect(url.origin).toBe(provider.issuer);
      expect(url.searchParams.get('redirect_uri')).toBe(redirectUri);
      expect(url.searchParams.get('scope')!.split(' ').sort()).toEqual([
        'birthdate',
        'email',
        'family_name',
        'given_name',
        'openid',
      ]);
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(start.cookies.find((c) => c.name === 'sc_fc')).toMatchObject({
        httpOnly: true,
        path: '/connexion/franceconnect',
      });
    });

    it('creates the account of a new identity, fills the identity of its file, and finds it again next time', async () => {
      const { response } = await loginAs('citizen');
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/mon-dossier');
      const session = response.cookies.find((c) => c.name === 'sc_session')!;
      const user = await t.db
        .selectFrom('users')
        .select(['id', 'role', 'status', 'display_name', 'oidc_subject'])
        .where('email', '=', 'jeanne.citoyenne@exemple.fr')
        .executeTakeFirstOrThrow();
      expect(user).toMatchObject({
        role: 'resident',
        status: 'active',
        display_name: 'Jeanne Citoyenne',
        oidc_subject: 'franceconnect:citizen',
      });
      const { facts } = await factsOf(t, user.id);
      expect(facts.firstName).toMatchObject({ v: 'Jeanne', via: 'franceconnect', by: null });
      expect(facts.lastName!.v).toBe('Citoyenne');
      expect(facts.birthDate!.v).toBe('1988-02-29');
      const page = await t.app.inject({
        url: '/mon-dossier',
        headers: { cookie: `sc_session=${session.value}` },
      });
      expect(page.body).toMatch(/data-fact="birthDate"[\s\S]*?29\/02\/1988[\s\S]*?par FranceConnect/);
      expect((await fileJournalOf(t, user.id)).map((l) => l.reason)).toContain(
        'identité reçue de FranceConnect (prénom, nom de naissance, date de naissance)',
      );
      const again = await loginAs('citizen');
      expect(again.response.statusCode).toBe(303);
      expect(
        await t.db
          .selectFrom('users')
          .select('id')
          .where('email', '=', 'jeanne.citoyenne@exemple.fr')
          .execute(),
      ).toHaveLength(1);
    });

    it('links a resident who came by mail, and refuses an agent’s address', async () => {
      const known = await loginAs('known');
      expect(known.response.statusCode).toBe(303);
      const resident = await t.db
        .selectFrom('users')
        .select(['id', 'oidc_subject'])
        .where('email', '=', 'usager@demo.localhost')
        .executeTakeFirstOrThrow();
      expect(resident.oidc_subject).toBe('franceconnect:known');
      const agent = await loginAs('agent');
      expect(agent.response.statusCode).toBe(403);
      expect(agent.response.body).toContain(
        'les agents se connectent par ProConnect ou par courriel, pas par FranceConnect',
      );
      expect(agent.response.cookies.find((c) => c.name === 'sc_session')).toBeUndefined();
    });

    it('says a cancelled login plainly', async () => {
      const start = await t.app.inject('/connexion/franceconnect');
      const pending = start.cookies.find((c) => c.name === 'sc_fc')!;
      const response = await t.app.inject({
        url: '/connexion/franceconnect/retour?error=access_denied&state=x',
        headers: { cookie: `sc_fc=${pending.value}` },
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('La connexion avec FranceConnect a été annulée.');
    });

    it('creates an account by mail: a link to confirm, the same answer for a known address, French messages', async () => {
      const form = await formContext(t, '/mon-dossier/creer');
      const post = (fields: Record<string, string>) =>
        t.app.inject({
          method: 'POST',
          url: '/mon-dossier/creer',
          headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: form.csrf, ...fields }).toString(),
        });
      const bad = await post({ email: 'pas-une-adresse', nom: '' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('Adresse électronique invalide. Format attendu : nom@domaine.fr');
      expect(bad.body).toContain('Indiquez votre prénom et votre nom');
      const created = await post({ email: 'Nouvelle.Usagere@exemple.localhost', nom: 'Nouvelle Usagère' });
      expect(created.statusCode).toBe(200);
      expect(created.body).toContain('Vérifiez votre boîte mail');
      const mail = await t.app.devMailbox!.waitFor((m) =>
        m.to.includes('nouvelle.usagere@exemple.localhost'),
      );
      expect(mail.subject).toBe('Confirmez la création de votre compte Sans Couture');
      expect(mail.text).toMatch(/\/connexion\/lien\?jeton=[A-Za-z0-9_-]{43}/);
      const account = await t.db
        .selectFrom('users')
        .select(['role', 'status'])
        .where('email', '=', 'nouvelle.usagere@exemple.localhost')
        .executeTakeFirstOrThrow();
      expect(account).toEqual({ role: 'resident', status: 'invited' });
      const twice = await post({ email: 'nouvelle.usagere@exemple.localhost', nom: 'Nouvelle Usagère' });
      expect(twice.body).toContain('Vérifiez votre boîte mail');
      expect(
        await t.db
          .selectFrom('users')
          .select('id')
          .where('email', '=', 'nouvelle.usagere@exemple.localhost')
          .execute(),
      ).toHaveLength(1);
    });
  });
}
