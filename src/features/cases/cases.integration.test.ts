// The cases feature on a real database: opening, answering together, statuses, privacy, bad input, files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  databaseKinds,
  formContext,
  sessionCookieFor,
  type TestApp,
  multipartBody,
  samplePdf,
  samplePng,
} from '../../../test/helpers.ts';
import { openCaseThroughForm, organisationId, validCaseFields } from '../../../test/factories.ts';

for (const kind of databaseKinds) {
  describe(`cases on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    const post = async (
      url: string,
      cookie: string,
      fields: [string, string][],
      files: Parameters<typeof multipartBody>[1] = [],
    ) => {
      const body = multipartBody(fields, files);
      return t.app.inject({
        method: 'POST',
        url,
        payload: body.payload,
        headers: { ...body.headers, cookie },
      });
    };
    const form = async (url: string, cookie: string, fields: Record<string, string>, pageUrl: string) => {
      const { csrf } = await formContext(t, pageUrl, cookie);
      return t.app.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
    };

    it('opens a case in one transaction: case, consent, invitation, journal, mail jobs', async () => {
      const id = await openCaseThroughForm(
        t,
        ['caf-lot'],
        [
          {
            field: 'pieces',
            filename: '../../avis de paiement.pdf',
            type: 'application/pdf',
            content: samplePdf,
          },
        ],
      );
      const c = await t.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(c).toMatchObject({
        status: 'new',
        resident_first_name: 'Jeanne',
        social_security_number: '285037512345688',
        life_event: 'birth',
      });
      const consent = await t.db
        .selectFrom('case_consents')
        .selectAll()
        .where('case_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(consent.kind).toBe('printed-mandate');
      const participants = await t.db
        .selectFrom('case_participants')
        .select('organisation_id')
        .where('case_id', '=', id)
        .execute();
      expect(participants.map((p) => p.organisation_id)).toEqual([await organisationId(t, 'caf-lot')]);
      const journal = await t.db
        .selectFrom('audit_journal')
        .selectAll()
        .where('subject_id', '=', id)
        .where('action', '=', 'create')
        .execute();
      expect(journal).toHaveLength(1);
      const mails = await t.db
        .selectFrom('jobs')
        .selectAll()
        .where('kind', '=', 'mail.send')
        .where('idempotency_key', 'like', `mail:invited:${id}:%`)
        .execute();
      expect(mails.map((m) => m.payload.to)).toEqual(['caf@demo.localhost']);
      expect(JSON.stringify(mails[0]!.payload)).not.toContain('Jeanne');
      const file = await t.db
        .selectFrom('stored_files')
        .selectAll()
        .where('owner_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(file.name).toBe('avis de paiement.pdf');
      expect(file.content.includes(Buffer.from('%PDF'))).toBe(false);
    });

    it('refuses a case without consent or organisation, keeps the input, stores nothing', async () => {
      const cookie = await sessionCookieFor(t, 'aidant@demo.localhost');
      const before = await t.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const { csrf } = await formContext(t, '/dossiers/nouveau', cookie);
      const fields = (await validCaseFields(t, csrf, [])).filter(([k]) => k !== 'consentement_type');
      const response = await post('/dossiers', cookie, fields);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('Le consentement de l’usager est obligatoire');
      expect(response.body).toContain('Invitez au moins un organisme.');
      expect(response.body).toContain('value="Jeanne"');
      const after = await t.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
    });

    it('refuses a wrong social security key, a forbidden file type, and a paper mandate without its file', async () => {
      const cookie = await sessionCookieFor(t, 'aidant@demo.localhost');
      const { csrf } = await formContext(t, '/dossiers/nouveau', cookie);
      const fields = (await validCaseFields(t, csrf)).map(([k, v]): [string, string] => [
        k,
        k === 'numero_secu' ? '285037512345689' : k === 'consentement_type' ? 'paper-mandate' : v,
      ]);
      const response = await post('/dossiers', cookie, fields, [
        {
          field: 'pieces',
          filename: 'photo.png',
          type: 'image/png',
          content: Buffer.from('MZ\x90\x00 not an image'),
        },
      ]);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('numéro de sécurité sociale n’est pas valide');
      expect(response.body).toContain('n’est ni un PDF ni une image');
      expect(response.body).toContain('Déposez le mandat signé');
    });

    it('refuses a file over 10 MB with a French message', async () => {
      const cookie = await sessionCookieFor(t, 'aidant@demo.localhost');
      const { csrf } = await formContext(t, '/dossiers/nouveau', cookie);
      const big = Buffer.concat([samplePdf, Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
      const response = await post('/dossiers', cookie, await validCaseFields(t, csrf), [
        { field: 'pieces', filename: 'gros.pdf', type: 'application/pdf', content: big },
      ]);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('dépasse 10 Mo');
    });

    it('lets the partner take, answer with a file, invite CPAM; CPAM answers; the helper closes as useful', async () => {
      const id = await openCaseThroughForm(t, ['caf-lot']);
      const caf = await sessionCookieFor(t, 'caf@demo.localhost');
      const cpam = await sessionCookieFor(t, 'cpam@demo.localhost');
      const helper = await sessionCookieFor(t, 'aidant@demo.localhost');
      const inbox = await t.app.inject({ url: '/dossiers?boite=organisme', headers: { cookie: caf } });
      expect(inbox.body).toContain(`/dossiers/${id}`);
      // The inbox names the resident, so the listing is journaled.
      expect(inbox.body).toContain('Jeanne Martin');
      expect((await form(`/dossiers/${id}/prise-en-charge`, caf, {}, `/dossiers/${id}`)).statusCode).toBe(
        303,
      );
      expect(
        (await t.db.selectFrom('cases').select('status').where('id', '=', id).executeTakeFirstOrThrow())
          .status,
      ).toBe('in_progress');
      const { csrf } = await formContext(t, `/dossiers/${id}`, caf);
      const answer = await post(
        `/dossiers/${id}/messages`,
        caf,
        [
          ['_csrf', csrf],
          ['type', 'answer'],
          ['texte', 'Le dossier est débloqué, versement le 5.'],
        ],
        [{ field: 'pieces', filename: 'attestation.png', type: 'image/png', content: samplePng }],
      );
      expect(answer.statusCode).toBe(303);
      expect(
        (await t.db.selectFrom('cases').select('status').where('id', '=', id).executeTakeFirstOrThrow())
          .status,
      ).toBe('answered');
      const note = await post(`/dossiers/${id}/messages`, caf, [
        ['_csrf', csrf],
        ['type', 'internal'],
        ['texte', 'Note interne CAF'],
      ]);
      expect(note.statusCode).toBe(303);
      expect(
        (await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie: helper } })).body,
      ).not.toContain('Note interne CAF');
      expect((await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie: caf } })).body).toContain(
        'Note interne CAF',
      );
      // CPAM cannot see it before being invited.
      expect((await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie: cpam } })).statusCode).toBe(
        404,
      );
      expect(
        (
          await form(
            `/dossiers/${id}/invitations`,
            caf,
            { organisme: await organisationId(t, 'cpam-lot') },
            `/dossiers/${id}`,
          )
        ).statusCode,
      ).toBe(303);
      const page = await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie: cpam } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Jeanne');
      const file = await t.db
        .selectFrom('case_attachments')
        .select('file_id')
        .where('case_id', '=', id)
        .executeTakeFirstOrThrow();
      const download = await t.app.inject({
        url: `/dossiers/${id}/pieces/${file.file_id}`,
        headers: { cookie: cpam },
      });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(samplePng)).toBe(true);
      expect(download.headers['content-type']).toBe('image/png');
      const { csrf: cpamCsrf } = await formContext(t, `/dossiers/${id}`, cpam);
      expect(
        (
          await post(`/dossiers/${id}/messages`, cpam, [
            ['_csrf', cpamCsrf],
            ['type', 'answer'],
            ['texte', 'Droits à la CSS ouverts.'],
          ])
        ).statusCode,
      ).toBe(303);
      // Who read the latest message.
      const helperView = await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie: helper } });
      expect(helperView.body).toMatch(/Dernier message lu par : [^.]*Morgan Référent/);
      const closing = await form(
        `/dossiers/${id}/cloture`,
        helper,
        { utile: 'yes', resultat: 'PAJE versée, CSS ouverte.' },
        `/dossiers/${id}`,
      );
      expect(closing.statusCode).toBe(303);
      const closed = await t.db
        .selectFrom('cases')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(closed).toMatchObject({ status: 'closed', usefulness: 'yes' });
      // A message to a closed case is refused and nothing is stored.
      const count = async () =>
        (
          await t.db
            .selectFrom('case_messages')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('case_id', '=', id)
            .executeTakeFirstOrThrow()
        ).n;
      const n = await count();
      const late = await post(`/dossiers/${id}/messages`, cpam, [
        ['_csrf', cpamCsrf],
        ['type', 'answer'],
        ['texte', 'Trop tard'],
      ]);
      expect(late.statusCode).toBe(409);
      expect(late.body).toContain('Ce dossier est clos');
      expect(await count()).toBe(n);
      // Every view and download is in the journal.
      const reads = await t.db
        .selectFrom('audit_journal')
        .select(['subject_type', 'actor_id'])
        .where('action', '=', 'read')
        .where((eb) => eb.or([eb('subject_id', '=', id), eb('subject_id', '=', file.file_id)]))
        .execute();
      expect(reads.filter((r) => r.subject_type === 'attachment')).toHaveLength(1);
      expect(reads.filter((r) => r.subject_type === 'case').length).toBeGreaterThanOrEqual(5);
    });

    it('keeps two agents answering at once: both messages, one consistent status', async () => {
      const id = await openCaseThroughForm(t, ['caf-lot', 'cpam-lot']);
      const caf = await sessionCookieFor(t, 'caf@demo.localhost');
      const cpam = await sessionCookieFor(t, 'cpam@demo.localhost');
      const a = await formContext(t, `/dossiers/${id}`, caf);
      const b = await formContext(t, `/dossiers/${id}`, cpam);
      const [ra, rb] = await Promise.all([
        post(`/dossiers/${id}/messages`, caf, [
          ['_csrf', a.csrf],
          ['type', 'answer'],
          ['texte', 'Réponse CAF'],
        ]),
        post(`/dossiers/${id}/messages`, cpam, [
          ['_csrf', b.csrf],
          ['type', 'answer'],
          ['texte', 'Réponse CPAM'],
        ]),
      ]);
      expect([ra.statusCode, rb.statusCode]).toEqual([303, 303]);
      const bodies = (
        await t.db
          .selectFrom('case_messages')
          .select('body')
          .where('case_id', '=', id)
          .where('kind', '=', 'answer')
          .execute()
      )
        .map((m) => m.body)
        .sort();
      expect(bodies).toEqual(['Réponse CAF', 'Réponse CPAM']);
      const parts = await t.db
        .selectFrom('case_participants')
        .select('first_answer_at')
        .where('case_id', '=', id)
        .execute();
      expect(parts.every((p) => p.first_answer_at != null)).toBe(true);
      expect(
        (await t.db.selectFrom('cases').select('status').where('id', '=', id).executeTakeFirstOrThrow())
          .status,
      ).toBe('answered');
    });

    it('shows administrators metadata only, and leaks nothing to other organisations', async () => {
      const id = await openCaseThroughForm(t, ['caf-lot']);
      const admin = await t.app.inject({
        url: `/dossiers/${id}`,
        headers: { cookie: await sessionCookieFor(t, 'admin@demo.localhost') },
      });
      expect(admin.statusCode).toBe(200);
      expect(admin.body).toContain('métadonnées seulement');
      expect(admin.body).not.toContain('Jeanne');
      expect(admin.body).not.toContain('PAJE est suspendu');
      const mairie = await t.app.inject({
        url: `/dossiers/${id}`,
        headers: { cookie: await sessionCookieFor(t, 'mairie@demo.localhost') },
      });
      const unknown = await t.app.inject({
        url: `/dossiers/00000000-0000-4000-8000-000000000000`,
        headers: { cookie: await sessionCookieFor(t, 'mairie@demo.localhost') },
      });
      expect(mairie.statusCode).toBe(404);
      expect(unknown.statusCode).toBe(404);
      // Same answer for "exists but not yours" and "does not exist".
      const strip = (html: string) =>
        html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/\/dossiers\/[0-9a-f-]{36}/g, '');
      expect(strip(mairie.body)).toBe(strip(unknown.body));
      expect(mairie.body).not.toContain('Jeanne');
    });

    it('invites a named agent, refuses an unknown one without storing anything, and reopens a closed case', async () => {
      const id = await openCaseThroughForm(t, ['caf-lot']);
      const caf = await sessionCookieFor(t, 'caf@demo.localhost');
      const helper = await sessionCookieFor(t, 'aidant@demo.localhost');
      const participants = async () =>
        (
          await t.db
            .selectFrom('case_participants')
            .select(['organisation_id', 'assignee_id'])
            .where('case_id', '=', id)
            .execute()
        ).length;
      const unknown = await form(
        `/dossiers/${id}/invitations`,
        caf,
        { agent: 'personne@nulle-part.localhost' },
        `/dossiers/${id}`,
      );
      expect(unknown.statusCode).toBe(400);
      expect(unknown.body).toContain('Aucun agent actif d’un organisme du territoire n’a cette adresse.');
      expect(unknown.body).toContain('value="personne@nulle-part.localhost"');
      expect(await participants()).toBe(1);
      expect(
        (await form(`/dossiers/${id}/invitations`, caf, { agent: 'CPAM@demo.localhost' }, `/dossiers/${id}`))
          .statusCode,
      ).toBe(303);
      const cpamRow = await t.db
        .selectFrom('case_participants')
        .select('assignee_id')
        .where('case_id', '=', id)
        .where('organisation_id', '=', await organisationId(t, 'cpam-lot'))
        .executeTakeFirstOrThrow();
      expect(cpamRow.assignee_id).toBe(
        (
          await t.db
            .selectFrom('users')
            .select('id')
            .where('email', '=', 'cpam@demo.localhost')
            .executeTakeFirstOrThrow()
        ).id,
      );
      // Both organisations mark their part done: the case is answered.
      const cpam = await sessionCookieFor(t, 'cpam@demo.localhost');
      expect((await form(`/dossiers/${id}/part-terminee`, caf, {}, `/dossiers/${id}`)).statusCode).toBe(303);
      expect(
        (await t.db.selectFrom('cases').select('status').where('id', '=', id).executeTakeFirstOrThrow())
          .status,
      ).toBe('in_progress');
      expect((await form(`/dossiers/${id}/part-terminee`, cpam, {}, `/dossiers/${id}`)).statusCode).toBe(303);
      expect(
        (await t.db.selectFrom('cases').select('status').where('id', '=', id).executeTakeFirstOrThrow())
          .status,
      ).toBe('answered');
      // Closing needs the usefulness and what changed; then reopening brings the case back in progress.
      const incomplete = await form(`/dossiers/${id}/cloture`, helper, { resultat: '' }, `/dossiers/${id}`);
      expect(incomplete.statusCode).toBe(400);
      expect(incomplete.body).toContain('Dites si la réponse a été utile.');
      expect(
        (
          await form(
            `/dossiers/${id}/cloture`,
            helper,
            { utile: 'no', resultat: 'Rien n’a bougé.' },
            `/dossiers/${id}`,
          )
        ).statusCode,
      ).toBe(303);
      expect((await form(`/dossiers/${id}/reouverture`, helper, {}, `/dossiers/${id}`)).statusCode).toBe(303);
      const reopened = await t.db
        .selectFrom('cases')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(reopened).toMatchObject({
        status: 'in_progress',
        reopened_count: 1,
        closed_at: null,
        usefulness: null,
      });
    });

    it('exports the manager’s cases as CSV without personal data', async () => {
      await openCaseThroughForm(t, ['caf-lot']);
      const response = await t.app.inject({
        url: '/dossiers/export.csv',
        headers: { cookie: await sessionCookieFor(t, 'responsable-caf@demo.localhost') },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      expect(response.body).toContain('Référence;État;Moment de vie;Objet');
      expect(response.body).not.toContain('Jeanne');
      expect(response.body).not.toContain('285037512345688');
      expect(response.body.split('\r\n').length).toBeGreaterThan(2);
    });
  });
}
