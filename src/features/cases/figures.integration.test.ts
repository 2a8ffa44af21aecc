// The figures of a case, on both databases: only an answer is a first answer (not a partner's question, not the
// helper's own message, which leaves a new case new), and the manager's CSV gives the delays in hours and in
// working days, in Paris time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  databaseKinds,
  sessionCookieFor,
  userIdByEmail,
  type TestApp,
} from '../../../test/helpers.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { openCase } from './open-case.ts';
import { postMessage } from './case-actions.ts';
import { caseReference } from './store.ts';
import { organisationId } from '../../../test/factories.ts';

for (const kind of databaseKinds) {
  describe(`the figures of a case, on ${kind}`, () => {
    let t: TestApp;
    let helper: Actor;
    let caf: Actor;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
      helper = {
        id: await userIdByEmail(t.db, 'aidant@demo.localhost'),
        role: 'helper',
        organisationId: await organisationId(t, 'france-services-lot'),
        territoryIds: ['cahors'],
      };
      caf = {
        id: await userIdByEmail(t.db, 'caf@demo.localhost'),
        role: 'partnerAgent',
        organisationId: await organisationId(t, 'caf-lot'),
        territoryIds: ['cahors'],
      };
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    const deps = (now: Date) => ({ db: t.db, filesKey: t.config.filesKey, publicUrl: 'http://sc.test', now });
    const state = async (id: string) =>
      t.db
        .selectFrom('cases')
        .innerJoin('case_participants as p', 'p.case_id', 'cases.id')
        .select(['cases.status', 'p.first_answer_at'])
        .where('cases.id', '=', id)
        .executeTakeFirstOrThrow();

    it('counts only an answer as a first answer, and exports its delay in hours and working days', async () => {
      // Opened and the CAF invited on Monday 2 November 2026 at 09:00 in Paris (08:00 UTC, winter time).
      const id = (
        await openCase(deps(new Date('2026-11-02T08:00:00Z')), helper, {
          resident: {
            firstName: 'Gaëlle',
            lastName: 'Délais',
            birthDate: '1975-06-07',
            cafNumber: null,
            socialSecurityNumber: null,
            taxNumber: null,
          },
          lifeEvent: 'job-loss',
          question: 'Droits suspendus depuis la fin du contrat.',
          organisationIds: [caf.organisationId!],
          consent: {
            kind: 'printed-mandate',
            givenOn: '2026-11-02',
            scope: 'Partage',
            expiresOn: '2027-05-01',
            contact: null,
            mandate: null,
          },
          attachments: [],
        })
      ).id;
      // The helper's own message, an hour later: the case stays new, nobody has answered.
      await postMessage(deps(new Date('2026-11-02T09:00:00Z')), helper, id, {
        kind: 'message',
        body: 'Je joins le dernier avis.',
        attachments: [],
      });
      expect(await state(id)).toEqual({ status: 'new', first_answer_at: null });
      // The CAF asks the helper something: work has started, but a question is not an answer.
      await postMessage(deps(new Date('2026-11-02T09:00:02Z')), caf, id, {
        kind: 'question',
        body: 'Pouvez-vous joindre le bulletin d’octobre ?',
        attachments: [],
      });
      expect(await state(id)).toEqual({ status: 'in_progress', first_answer_at: null });
      // The CAF answers on Thursday 12 November 2026 at 10:30 in Paris (09:30 UTC).
      await postMessage(deps(new Date('2026-11-12T09:30:00Z')), caf, id, {
        kind: 'answer',
        body: 'Droits rétablis.',
        attachments: [],
      });
      expect(await state(id)).toEqual({
        status: 'answered',
        first_answer_at: new Date('2026-11-12T09:30:00Z'),
      });

      const csv = await t.app.inject({
        url: '/dossiers/export.csv',
        headers: { cookie: await sessionCookieFor(t, 'responsable-caf@demo.localhost') },
      });
      const [header, ...lines] = csv.body.trim().split('\r\n');
      const columns = header!.split(';');
      const line = lines.find((l) => l.startsWith(`${caseReference(id)};`))!.split(';');
      const cell = (name: string) => line[columns.indexOf(name)];
      expect(cell('État')).toBe('Répondu');
      expect(cell('Invité le')).toBe('02/11/2026 09:00');
      expect(cell('Première réponse le')).toBe('12/11/2026 10:30');
      // 10 days and 1 h 30 min after the invitation: 10 × 24 + 1.5 = 241.5 hours, with the French decimal comma
      // (the field is quoted since it holds a comma; a spreadsheet reads the number).
      expect(cell('Délai de première réponse (heures)')).toBe('"241,5"');
      // Working days after Monday 2 November up to Thursday 12 November: Tuesday 3 to Friday 6 (4), Monday 9 and
      // Tuesday 10 (2), Wednesday 11 is the Armistice (a public holiday), Thursday 12 (1): 7.
      expect(cell('Délai de première réponse (jours ouvrés)')).toBe('7');
    });
  });
}
