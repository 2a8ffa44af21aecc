// An administrator manages accounts through the pages, on both databases: edits a name and a role, moves an agent
// to another organisation of its territory (and to a site), deactivates it (its sessions end) and reactivates it;
// an organisation of another territory, a site of another organisation and the last active administrator's
// deactivation or demotion are refused with a French message, nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  databaseKinds,
  demoUser,
  getPage,
  postForm,
  type TestApp,
  type TestUser,
} from '../../../test/helpers.ts';
import { insertUser, newAgent } from '../../../test/factories.ts';

for (const kind of databaseKinds) {
  describe(`account management by an administrator, on ${kind}`, () => {
    let t: TestApp;
    let admin: TestUser;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
      admin = await demoUser(t, 'admin@demo.localhost');
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    const stored = (id: string) =>
      t.db
        .selectFrom('users')
        .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
        .select(['users.display_name', 'users.role', 'users.status', 'users.site_id', 'organisations.slug'])
        .where('users.id', '=', id)
        .executeTakeFirstOrThrow();
    const journal = (id: string) =>
      t.db
        .selectFrom('audit_journal')
        .select(['reason', 'actor_id'])
        .where('subject_type', '=', 'user')
        .where('subject_id', '=', id)
        .where('action', '=', 'update')
        .orderBy('id')
        .execute();
    const edit = (
      id: string,
      fields: Partial<Record<'name' | 'role' | 'organisation' | 'site', string>> & { territories?: string[] },
    ) =>
      postForm(t, admin, `/espace/admin/utilisateurs/${id}`, {
        name: fields.name ?? 'Agent Déplacé',
        role: fields.role ?? 'partnerAgent',
        organisation: fields.organisation ?? 'caf-lot',
        site: fields.site ?? '',
        territories: fields.territories ?? ['cahors'],
      });

    it('edits an account and moves it to another organisation of its territory, journaled', async () => {
      const agent = await newAgent(t, { role: 'partnerAgent', organisation: 'caf-lot' });
      const page = await getPage(t, admin, `/espace/admin/utilisateurs/${agent.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      const moved = await edit(agent.id, { name: '  Lucie   Déplacée ', organisation: 'cpam-lot' });
      expect(moved.statusCode).toBe(303);
      expect(moved.headers.location).toBe(`/espace/admin/utilisateurs/${agent.id}?ok=enregistre`);
      expect(await stored(agent.id)).toMatchObject({
        display_name: 'Lucie Déplacée',
        role: 'partnerAgent',
        status: 'active',
        slug: 'cpam-lot',
      });
      expect((await journal(agent.id)).map((j) => j.reason)).toEqual(['changement d’organisme']);
      const done = await getPage(t, admin, `/espace/admin/utilisateurs/${agent.id}?ok=enregistre`);
      expect(done.body).toContain('Le compte est enregistré.');

      // A France Services helper moved to a site of their organisation.
      const helper = await newAgent(t, { role: 'helper', organisation: 'france-services-lot' });
      const catus = await t.db
        .selectFrom('places')
        .select('id')
        .where('slug', '=', 'france-services-catus')
        .executeTakeFirstOrThrow();
      const toSite = await edit(helper.id, {
        name: 'Aidante de Catus',
        role: 'helper',
        organisation: 'france-services-lot',
        site: catus.id,
      });
      expect(toSite.statusCode).toBe(303);
      expect(await stored(helper.id)).toMatchObject({ site_id: catus.id, slug: 'france-services-lot' });
    });

    it('refuses an organisation of another territory and a site of another organisation, storing nothing', async () => {
      const agent = await newAgent(t, { role: 'partnerAgent', organisation: 'caf-lot' });
      const before = await stored(agent.id);
      const figeac = await edit(agent.id, { name: 'Autre Nom', organisation: 'mairie-figeac' });
      expect(figeac.statusCode).toBe(400);
      expect(figeac.body).toContain('n’est pas présent sur le territoire de ce compte');
      // The message sits next to the field, and what was typed is kept.
      expect(figeac.body).toMatch(
        /fr-select-group--error[\s\S]*Organisme[\s\S]*n’est pas présent sur le territoire/,
      );
      expect(figeac.body).toContain('value="Autre Nom"');
      const catus = await t.db
        .selectFrom('places')
        .select('id')
        .where('slug', '=', 'france-services-catus')
        .executeTakeFirstOrThrow();
      const site = await edit(agent.id, { site: catus.id });
      expect(site.statusCode).toBe(400);
      expect(site.body).toContain('Choisissez un site de l’organisme du compte.');
      expect(await stored(agent.id)).toEqual(before);
      expect(await journal(agent.id)).toEqual([]);
    });

    it('deactivates an account, which ends its sessions, and reactivates it', async () => {
      const agent = await newAgent(t, { role: 'partnerAgent', organisation: 'caf-lot' });
      expect((await getPage(t, agent, '/dossiers')).statusCode).toBe(200);
      const off = await postForm(t, admin, `/espace/admin/utilisateurs/${agent.id}/desactivation`, {});
      expect(off.statusCode).toBe(303);
      expect((await stored(agent.id)).status).toBe('disabled');
      // The agent's open session no longer lets them in.
      const after = await getPage(t, agent, '/dossiers');
      expect(after.statusCode).not.toBe(200);
      expect(
        await t.db.selectFrom('sessions').select('user_id').where('user_id', '=', agent.id).execute(),
      ).toEqual([]);
      const shown = await getPage(t, admin, `/espace/admin/utilisateurs/${agent.id}?ok=desactive`);
      expect(shown.body).toContain('Le compte est désactivé : ses sessions sont terminées.');
      const on = await postForm(t, admin, `/espace/admin/utilisateurs/${agent.id}/reactivation`, {});
      expect(on.statusCode).toBe(303);
      expect((await stored(agent.id)).status).toBe('active');
      expect((await journal(agent.id)).map((j) => j.reason)).toEqual([
        'désactivation du compte',
        'réactivation du compte',
      ]);
    });

    it('never deactivates nor demotes the last active administrator', async () => {
      // A second administrator, deactivated at once: the demo administrator is the last active one again.
      const secondId = await insertUser(t.db, {
        email: 'admin-2@exemple.localhost',
        displayName: 'Seconde Administratrice',
        role: 'admin',
      });
      const off = await postForm(t, admin, `/espace/admin/utilisateurs/${secondId}/desactivation`, {});
      expect(off.statusCode).toBe(303);
      expect((await stored(secondId)).status).toBe('disabled');

      const self = await postForm(t, admin, `/espace/admin/utilisateurs/${admin.id}/desactivation`, {});
      expect(self.statusCode).toBe(409);
      expect(self.body).toContain(
        'C’est le dernier administrateur actif : nommez-en un autre avant de le désactiver.',
      );
      // Said on the account's own page, beside its form, not on a bare error page.
      expect(self.body).toContain('Rien n’a été enregistré');
      expect(self.body).toContain(`action="/espace/admin/utilisateurs/${admin.id}/desactivation"`);
      expect((await stored(admin.id)).status).toBe('active');
      const demoted = await edit(admin.id, {
        name: 'Admin Démo',
        role: 'partnerAgent',
        organisation: 'caf-lot',
      });
      expect(demoted.statusCode).toBe(400);
      expect(demoted.body).toContain(
        'C’est le dernier administrateur actif : nommez-en un autre avant de changer ce rôle.',
      );
      expect(await stored(admin.id)).toMatchObject({ role: 'admin', status: 'active' });

      // With the second administrator active again, the demo one may step down.
      expect(
        (await postForm(t, admin, `/espace/admin/utilisateurs/${secondId}/reactivation`, {})).statusCode,
      ).toBe(303);
      const stepDown = await edit(admin.id, {
        name: 'Admin Démo',
        role: 'territoryPilot',
        organisation: '',
        territories: ['cahors'],
      });
      expect(stepDown.statusCode).toBe(303);
      expect((await stored(admin.id)).role).toBe('territoryPilot');
      // Restore the demo administrator for the tests that follow on this database.
      await t.db.updateTable('users').set({ role: 'admin' }).where('id', '=', admin.id).execute();
    });
  });
}
