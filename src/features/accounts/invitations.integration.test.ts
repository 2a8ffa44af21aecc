// Invitations on a real database and a real SMTP server, in the STYLE order: not logged in, wrong role, bad
// input (French message, input kept, nothing written), then success checking the stored rows and the mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  buildTestApp,
  databaseKinds,
  formContext,
  sessionCookieFor,
  testConfig,
  type TestApp,
} from '../../../test/helpers.ts';

/** A multipart body with the CSRF field and one file, as a browser sends it. */
function multipart(fields: Record<string, string>, file: { name: string; content: Buffer | string } | null) {
  const boundary = '----sc' + Math.random().toString(16).slice(2);
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
    );
    chunks.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function userCount(t: TestApp): Promise<number> {
  const row = await t.db
    .selectFrom('users')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

for (const kind of databaseKinds) {
  describe(`invitations on ${kind}`, () => {
    let t: TestApp;
    let admin: string;
    let manager: string;
    beforeAll(async () => {
      const base = testConfig();
      t = await buildTestApp({ kind, config: { devMailbox: true, smtp: { ...base.smtp, port: 0 } } });
      admin = await sessionCookieFor(t, 'admin@demo.localhost');
      manager = await sessionCookieFor(t, 'responsable-caf@demo.localhost');
    });
    afterAll(async () => {
      await t?.close();
    });

    async function invite(path: string, cookie: string, fields: Record<string, string | string[]>) {
      const form = await formContext(t, path, cookie);
      const body = new URLSearchParams({ _csrf: form.csrf });
      for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
      return t.app.inject({
        method: 'POST',
        url: path,
        headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      });
    }

    async function importFile(path: string, cookie: string, content: Buffer | string) {
      const form = await formContext(t, path, cookie);
      const body = multipart({ _csrf: form.csrf }, { name: 'agents.csv', content });
      return t.app.inject({
        method: 'POST',
        url: `${path}/import`,
        headers: { cookie: form.cookie, 'content-type': body.contentType },
        payload: body.payload,
      });
    }

    it('asks to log in first (401 page with a login link)', async () => {
      for (const url of ['/espace/admin/utilisateurs', '/espace/organisme/utilisateurs']) {
        const response = await t.app.inject(url);
        expect(response.statusCode).toBe(401);
        expect(response.body).toContain('href="/connexion"');
      }
      const post = await t.app.inject({
        method: 'POST',
        url: '/espace/admin/utilisateurs',
        payload: { email: 'x@y.fr' },
      });
      expect([401, 403]).toContain(post.statusCode);
    });

    it('refuses other roles (403)', async () => {
      const agent = await sessionCookieFor(t, 'caf@demo.localhost');
      expect(
        (await t.app.inject({ url: '/espace/admin/utilisateurs', headers: { cookie: agent } })).statusCode,
      ).toBe(403);
      expect(
        (await t.app.inject({ url: '/espace/organisme/utilisateurs', headers: { cookie: agent } }))
          .statusCode,
      ).toBe(403);
      expect(
        (await t.app.inject({ url: '/espace/admin/utilisateurs', headers: { cookie: manager } })).statusCode,
      ).toBe(403);
      const form = await formContext(t, '/espace/partenaire', agent);
      const post = await t.app.inject({
        method: 'POST',
        url: '/espace/admin/utilisateurs',
        headers: { cookie: form.cookie },
        payload: { _csrf: form.csrf, email: 'x@y.fr' },
      });
      expect(post.statusCode).toBe(403);
    });

    it('shows an organisation manager the agents of their organisation only, and journals the reading', async () => {
      const response = await t.app.inject({
        url: '/espace/organisme/utilisateurs',
        headers: { cookie: manager },
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('data-user="caf@demo.localhost"');
      expect(response.body).not.toContain('data-user="cpam@demo.localhost"');
      expect(response.body).not.toContain('name="organisation"');
      const entry = await t.db
        .selectFrom('audit_journal')
        .select(['action', 'subject_type'])
        .where('reason', '=', 'liste des utilisateurs')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(entry).toEqual({ action: 'read', subject_type: 'user-list' });
    });

    it('refuses the invitation form without its CSRF token', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/espace/admin/utilisateurs',
        headers: { cookie: admin },
        payload: { email: 'x@y.fr', name: 'X', role: 'admin' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('Formulaire expiré ou invalide');
    });

    it('shows each wrong field in French, keeps the input, and writes nothing', async () => {
      const before = await userCount(t);
      const response = await invite('/espace/admin/utilisateurs', admin, {
        email: 'léa.dupré@',
        name: '  ',
        role: 'partnerAgent',
        organisation: '',
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('id="invitation-email-erreur">Adresse électronique invalide');
      expect(response.body).toContain('id="invitation-name-erreur">Indiquez le prénom et le nom.');
      expect(response.body).toContain(
        'id="invitation-organisation-erreur">Le rôle « Agent partenaire » demande un organisme.',
      );
      expect(response.body).toContain('value="léa.dupré@"');
      expect(response.body).toMatch(/<option value="partnerAgent" selected/);
      expect(await userCount(t)).toBe(before);
    });

    it('refuses an address that already has an account, whatever its case', async () => {
      const response = await invite('/espace/admin/utilisateurs', admin, {
        email: ' CAF@Demo.Localhost ',
        name: 'Doublon',
        role: 'admin',
        organisation: '',
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('Un compte existe déjà pour caf@demo.localhost.');
    });

    it('lets an administrator invite anyone: invited account, territories, journal, and a mail whose link logs in', async () => {
      const response = await invite('/espace/admin/utilisateurs', admin, {
        email: ' Zoé.Müller@CPAM.fr ',
        name: 'Zoé Müller',
        role: 'partnerAgent',
        organisation: 'cpam-lot',
        territories: ['cahors'],
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Invitation envoyée à zoé.müller@cpam.fr.');
      const user = await t.db
        .selectFrom('users')
        .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
        .select([
          'users.id',
          'users.email',
          'users.display_name',
          'users.role',
          'users.status',
          'organisations.slug',
        ])
        .where('users.email', '=', 'zoé.müller@cpam.fr')
        .executeTakeFirstOrThrow();
      expect(user).toMatchObject({
        display_name: 'Zoé Müller',
        role: 'partnerAgent',
        status: 'invited',
        slug: 'cpam-lot',
      });
      const territories = await t.db
        .selectFrom('user_territories')
        .select('territory_id')
        .where('user_id', '=', user.id)
        .execute();
      expect(territories.map((r) => r.territory_id)).toEqual(['cahors']);
      const journal = await t.db
        .selectFrom('audit_journal')
        .select(['action', 'actor_role'])
        .where('subject_id', '=', user.id)
        .execute();
      expect(journal).toContainEqual({ action: 'create', actor_role: 'admin' });

      const mail = await t.app.devMailbox!.waitFor((m) => m.to.includes('zoé.müller@cpam.fr'));
      expect(mail.subject).toBe('Vous êtes invité sur Sans Couture');
      expect(mail.text).toContain('Bonjour Zoé Müller');
      expect(mail.text).toContain('« Agent partenaire » (CPAM du Lot)');
      const token = /jeton=([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
      const page = await formContext(t, `/connexion/lien?jeton=${token}`);
      const login = await t.app.inject({
        method: 'POST',
        url: '/connexion/lien',
        headers: { cookie: page.cookie },
        payload: { _csrf: page.csrf, jeton: token },
      });
      expect(login.statusCode).toBe(303);
      expect(login.headers.location).toBe('/espace/partenaire');
      const after = await t.db
        .selectFrom('users')
        .select('status')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(after.status).toBe('active');
    });

    it('lets an organisation manager invite into their own organisation only', async () => {
      const path = '/espace/organisme/utilisateurs';
      const admin_ = await invite(path, manager, { email: 'chef@caf.fr', name: 'Chef', role: 'admin' });
      expect(admin_.statusCode).toBe(400);
      expect(admin_.body).toContain('Votre rôle ne permet pas d’inviter un compte « Administrateur ».');
      const elsewhere = await invite(path, manager, {
        email: 'x@cpam.fr',
        name: 'X',
        role: 'partnerAgent',
        organisation: 'cpam-lot',
      });
      expect(elsewhere.statusCode).toBe(400);
      expect(elsewhere.body).toContain('Votre rôle ne permet d’inviter que dans votre propre organisme.');
      const ok = await invite(path, manager, {
        email: 'noe@caf.fr',
        name: 'Noé Agent',
        role: 'partnerAgent',
      });
      expect(ok.statusCode).toBe(200);
      const row = await t.db
        .selectFrom('users')
        .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
        .select(['organisations.slug', 'users.id'])
        .where('users.email', '=', 'noe@caf.fr')
        .executeTakeFirstOrThrow();
      expect(row.slug).toBe('caf-lot');
      // No territory chosen: the organisation's.
      const territories = await t.db
        .selectFrom('user_territories')
        .select('territory_id')
        .where('user_id', '=', row.id)
        .execute();
      expect(territories.map((r) => r.territory_id)).toEqual(['cahors']);
    });

    it('refuses a CSV import without its CSRF token', async () => {
      const body = multipart({}, { name: 'a.csv', content: 'a@b.fr;A;admin;' });
      const response = await t.app.inject({
        method: 'POST',
        url: '/espace/admin/utilisateurs/import',
        headers: { cookie: admin, 'content-type': body.contentType },
        payload: body.payload,
      });
      expect(response.statusCode).toBe(403);
    });

    it('reports every wrong line of a CSV file in French and creates no account at all', async () => {
      const before = await userCount(t);
      const file = [
        'e-mail;nom;rôle;organisme',
        'bonne.ligne@caf.fr;Élodie Bonne;Agent partenaire;caf-lot',
        'pas-une-adresse;Jean Faux;Agent partenaire;caf-lot',
        'role@caf.fr;Rôle Inconnu;Chef de service;caf-lot',
        'orga@caf.fr;Orga Inconnue;aidant;Caisse imaginaire',
        'Bonne.Ligne@CAF.fr;Élodie Encore;aidant;caf-lot',
        'admin@demo.localhost;Déjà Là;administrateur;',
      ].join('\n');
      const response = await importFile('/espace/admin/utilisateurs', admin, file);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('Aucun compte n’a été créé');
      const line = (n: number) =>
        new RegExp(`<tr data-line="${n}" data-status="([a-z]+)">([\\s\\S]*?)</tr>`).exec(response.body)!;
      expect(line(2)[1]).toBe('valide');
      expect(line(3)[2]).toContain('Adresse électronique invalide');
      expect(line(4)[2]).toContain('Rôle inconnu : « Chef de service »');
      expect(line(5)[2]).toContain('Organisme inconnu : « Caisse imaginaire »');
      expect(line(6)[2]).toContain('Adresse en double dans le fichier : déjà à la ligne 2.');
      expect(line(7)[2]).toContain('Un compte existe déjà pour admin@demo.localhost.');
      expect(await userCount(t)).toBe(before);
    });

    it('reports the lines an organisation manager may not import', async () => {
      const response = await importFile(
        '/espace/organisme/utilisateurs',
        manager,
        'a.b@caf.fr;A B;administrateur;\nc.d@cpam.fr;C D;agent partenaire;cpam-lot\n',
      );
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('Votre rôle ne permet pas d’inviter un compte « Administrateur ».');
      expect(response.body).toContain('Votre rôle ne permet d’inviter que dans votre propre organisme.');
    });

    it('refuses a file that is not UTF-8, or no file, with a message next to the field', async () => {
      const latin1 = Buffer.from('e-mail;nom;rôle;organisme\nx@caf.fr;Hélène;aidant;caf-lot\n', 'latin1');
      const response = await importFile('/espace/admin/utilisateurs', admin, latin1);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('id="fichier-erreur">Le fichier n’est pas en UTF-8');
      const form = await formContext(t, '/espace/admin/utilisateurs', admin);
      const body = multipart({ _csrf: form.csrf }, null);
      const none = await t.app.inject({
        method: 'POST',
        url: '/espace/admin/utilisateurs/import',
        headers: { cookie: form.cookie, 'content-type': body.contentType },
        payload: body.payload,
      });
      expect(none.statusCode).toBe(400);
      expect(none.body).toContain('Choisissez un fichier CSV non vide.');
    });

    it('imports a correct file (BOM, commas, quotes, accents, case) in one go and mails everyone', async () => {
      const before = await userCount(t);
      const file =
        '\uFEFFemail,nom,rôle,organisme\r\n  Éloïse.Durand@Mairie-Cahors.fr ,"Éloïse Durand, secrétaire",Aidant (agent polyvalent),Mairie de Cahors\r\nfrancois.lenoir@caf.fr,François Lenoir,responsable d’organisme,CAF du Lot\r\n';
      const response = await importFile('/espace/admin/utilisateurs', admin, file);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('2 compte(s) créé(s)');
      expect(await userCount(t)).toBe(before + 2);
      const rows = await t.db
        .selectFrom('users')
        .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
        .select(['users.email', 'users.display_name', 'users.role', 'users.status', 'organisations.slug'])
        .where('users.email', 'in', ['éloïse.durand@mairie-cahors.fr', 'francois.lenoir@caf.fr'])
        .orderBy('users.email')
        .execute();
      expect(rows).toEqual([
        {
          email: 'francois.lenoir@caf.fr',
          display_name: 'François Lenoir',
          role: 'organisationManager',
          status: 'invited',
          slug: 'caf-lot',
        },
        {
          email: 'éloïse.durand@mairie-cahors.fr',
          display_name: 'Éloïse Durand, secrétaire',
          role: 'helper',
          status: 'invited',
          slug: 'mairie-cahors',
        },
      ]);
      await t.app.devMailbox!.waitFor((m) => m.to.includes('francois.lenoir@caf.fr'));
      await t.app.devMailbox!.waitFor((m) => m.to.includes('éloïse.durand@mairie-cahors.fr'));
      const journal = await t.db
        .selectFrom('audit_journal')
        .select('reason')
        .where('subject_type', '=', 'user')
        .where('reason', 'like', 'import CSV%')
        .execute();
      expect(journal.length).toBeGreaterThanOrEqual(2);
    });
  });
}
