// The navigator on a real database through HTTP: questionnaire with cookies and CSRF, refused answers kept,
// private resume link (hashed, expiring, journaled), plan page, PDF, ICS, e-mail, and POST /api/v1/plans.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTestApp, databaseKinds, testConfig, type TestApp } from '../../../test/helpers.ts';
import { Visitor } from '../../../test/visitor.ts';
import { pdfText } from '../../../test/pdf.ts';
import { addDays, addMonths, todayInParis } from '../../platform/dates.ts';
import { computeDeadline } from './deadlines.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import { resumeAnswers } from './saved-answers.ts';

const today = todayInParis();

for (const kind of databaseKinds) {
  describe(`navigator on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('tells a company from a micro-enterprise on the home tiles, in plain words', async () => {
      const home = await t.app.inject('/');
      expect(home.body).toMatch(
        /Je crée mon entreprise<\/a>\s*<\/h3>\s*<p class="fr-tile__desc">Une société avec des statuts : SARL, EURL, SAS, SASU…<\/p>/,
      );
      expect(home.body).toMatch(
        /Je m’installe comme indépendant<\/a>\s*<\/h3>\s*<p class="fr-tile__desc">Seul, en micro-entreprise \(auto-entrepreneur\), sans créer de société\.<\/p>/,
      );
    });

    it('lists the ten moments of life and opens each start page', async () => {
      const list = await t.app.inject('/moments-de-vie');
      expect(list.statusCode).toBe(200);
      for (const id of [
        'birth',
        'adoption',
        'autonomy-loss',
        'business-creation',
        'self-employment',
        'job-loss',
        'moving',
        'bereavement',
        'retirement',
        'first-hire',
      ]) {
        expect(list.body).toContain(`href="/moments-de-vie/${id}"`);
        const start = await t.app.inject(`/moments-de-vie/${id}`);
        expect(start.statusCode).toBe(200);
        // The team's review note ("relecture à faire par la CAF du Lot") is never shown to the public.
        expect(start.body).not.toMatch(/relecture|relu le/i);
      }
      expect((await t.app.inject('/moments-de-vie/inconnu')).statusCode).toBe(404);
      // A question that this moment of life does not ask does not exist here.
      expect((await t.app.inject('/moments-de-vie/birth/questions/salary')).statusCode).toBe(404);
      expect((await t.app.inject('/moments-de-vie/first-hire/questions/salary')).statusCode).toBe(200);
    });

    it('walks the birth questionnaire: one question per page, refused answers kept, summary, plan', async () => {
      const v = new Visitor(t);
      const first = await v.get('/moments-de-vie/birth/questions');
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toBe('/moments-de-vie/birth/questions/eventDate');

      // A birth too far in the future is refused next to the field, with what was typed kept.
      const tooFar = addDays(today, 400);
      const refused = await v.post('/moments-de-vie/birth/questions/eventDate', {
        eventDate: tooFar,
        action: 'continuer',
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('fr-input-group--error');
      expect(refused.body).toContain('Cette date est trop loin');
      expect(refused.body).toContain(`value="${tooFar}"`);

      const born = addDays(today, -2);
      const ok = await v.post('/moments-de-vie/birth/questions/eventDate', {
        eventDate: born,
        action: 'continuer',
      });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe('/moments-de-vie/birth/questions/commune');
      const communePage = await v.get('/moments-de-vie/birth/questions/commune');
      expect(communePage.body).toMatch(/Question 2 : encore \d+ questions? au plus/);
      expect(communePage.body).toContain('href="/moments-de-vie/birth/questions/eventDate"'); // back
      let next = await v.post('/moments-de-vie/birth/questions/commune', {
        commune: '46042',
        action: 'continuer',
      });
      expect(next.statusCode).toBe(303);

      // Answer what the engine still needs; a negative income is refused and the other answers are kept.
      for (let guard = 0; guard < 20 && next.headers.location?.includes('/questions/'); guard++) {
        const question = next.headers.location.split('/').pop()!;
        if (question === 'earnings') {
          const negative = await v.post(`/moments-de-vie/birth/questions/earnings`, {
            earnings: '-50',
            action: 'continuer',
          });
          expect(negative.statusCode).toBe(400);
          expect(negative.body).toContain('Le montant ne peut pas être négatif.');
          expect(negative.body).toContain('value="-50"');
        }
        const fields: Record<string, Record<string, string>> = {
          couple: { couple: 'non' },
          earnings: { earnings: '1400' },
          children: { child1: '2021-09-01' },
          housing: { housingStatus: 'tenant', monthlyRent: '450' },
        };
        next = await v.post(
          `/moments-de-vie/birth/questions/${question}`,
          fields[question] ?? { action: 'passer' },
        );
        if (!fields[question])
          next =
            next.statusCode === 303
              ? next
              : await v.post(`/moments-de-vie/birth/questions/${question}`, { action: 'passer' });
        expect(next.statusCode).toBe(303);
      }
      expect(next.headers.location).toBe('/moments-de-vie/birth/recapitulatif');
      const summary = await v.get('/moments-de-vie/birth/recapitulatif');
      expect(summary.body).toContain('Cahors');
      expect(summary.body).toContain('/moments-de-vie/birth/questions/commune?retour=recapitulatif');

      const plan = await v.get('/moments-de-vie/birth/plan');
      expect(plan.statusCode).toBe(200);
      const deadline = computeDeadline(born, { days: 5, extendToWorkingDay: true });
      expect(plan.body).toContain(`data-deadline="${deadline}"`);
      expect(plan.body).toContain('data-place="mairie-cahors"');
      expect(plan.body).toContain('Pourquoi ce montant ?');
      expect(plan.body).toMatch(/Ce plan rassemble <strong>5 démarches<\/strong>/);
      // The review date where it helps, next to the procedures; the team's review note never.
      expect(plan.body).toContain('Informations vérifiées le 6 décembre 2026 d’après service-public.fr');
      expect(plan.body).not.toMatch(/relecture|relu le/i);
      // The plan page stays light: its HTML and own CSS under 100 KB (DSFR files are cached).
      const css = await t.app.inject('/assets/app.css');
      const navCss = await t.app.inject('/assets/navigator.css');
      expect(navCss.statusCode).toBe(200);
      expect(Buffer.byteLength(plan.body) + css.rawPayload.length + navCss.rawPayload.length).toBeLessThan(
        100_000,
      );

      const pdf = await v.get('/moments-de-vie/birth/plan.pdf');
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf.rawPayload);
      expect(text).toContain('Déclarer la naissance');
      expect(text).toContain('Mairie de Cahors');
      expect(text).toContain('certificat d’accouchement');

      const ics = await v.get('/moments-de-vie/birth/plan.ics');
      expect(ics.headers['content-type']).toContain('text/calendar');
      expect(ics.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      expect(ics.body.endsWith('END:VCALENDAR\r\n')).toBe(true);
      expect(ics.body.replace(/\r\n/g, '')).not.toMatch(/\n/);
      expect(ics.body).toContain(`DTSTART;VALUE=DATE:${deadline!.replace(/-/g, '')}`);
      for (const line of ics.body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    });

    it('saves answers behind a private link: only the hash is stored, the link resumes, an expired one says so', async () => {
      const v = new Visitor(t);
      await v.post('/moments-de-vie/moving/questions/eventDate', { eventDate: today, action: 'continuer' });
      await v.post('/moments-de-vie/moving/questions/commune', { commune: '46064', action: 'continuer' });
      const saved = await v.post(
        '/moments-de-vie/moving/enregistrer',
        {},
        '/moments-de-vie/moving/recapitulatif',
      );
      expect(saved.statusCode).toBe(200);
      const link =
        /data-resume-link[^>]*>([^<]+)</.exec(saved.body)?.[1] ??
        /href="([^"]+\/reprendre\/[^"]+)"/.exec(saved.body)?.[1];
      expect(link).toBeTruthy();
      const token = link!.split('/').pop()!;
      const row = await t.db
        .selectFrom('navigator_saved_answers')
        .selectAll()
        .where('token_hash', '=', hashToken(token))
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(token);
      expect(row.answers).toMatchObject({ commune: '46064', eventDate: today });
      const journal = await t.db
        .selectFrom('audit_journal')
        .selectAll()
        .where('subject_type', '=', 'navigator-answers')
        .where('subject_id', '=', row.id)
        .execute();
      expect(journal.map((j) => j.action)).toEqual(['create']);

      const other = new Visitor(t);
      const resumed = await other.get(`/moments-de-vie/reprendre/${token}`);
      expect(resumed.statusCode).toBe(303);
      expect(resumed.headers.location).toBe('/moments-de-vie/moving/recapitulatif');
      expect((await other.get('/moments-de-vie/moving/recapitulatif')).body).toContain('Catus');

      // A move's last deadline is a month after it (the new address at the CAF, « dans le mois »): the link lives a
      // month more, and the saved page says until when.
      const lastDeadline = addMonths(today, 1);
      expect(row.expires_at.toISOString().slice(0, 10)).toBe(addMonths(lastDeadline, 1));
      expect(saved.body).toContain(`data-expires-on="${addMonths(lastDeadline, 1)}"`);
      // The day after, the link has expired: it says so, offers to start again, and the answers are gone.
      const later = new Date(row.expires_at.getTime() + 1000);
      expect(await resumeAnswers(t.db, null, token, later)).toEqual({
        status: 'expired',
        lifeEvent: 'moving',
      });
      const after = await t.db
        .selectFrom('navigator_saved_answers')
        .select('answers')
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      expect(after.answers).toEqual({});
      await t.db
        .updateTable('navigator_saved_answers')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id', '=', row.id)
        .execute();
      const expired = await new Visitor(t).get(`/moments-de-vie/reprendre/${token}`);
      expect(expired.statusCode).toBe(410);
      expect(expired.body).toContain('Ce lien a expiré');
      expect(expired.body).toContain('href="/moments-de-vie/moving/questions"');
      expect(
        (await new Visitor(t).get('/moments-de-vie/reprendre/inconnu-inconnu-inconnu-inconnu')).statusCode,
      ).toBe(404);

      // The resident can delete saved answers at once: the row goes, the deletion is journaled.
      const again = await v.post(
        '/moments-de-vie/moving/enregistrer',
        {},
        '/moments-de-vie/moving/recapitulatif',
      );
      const second = /href="[^"]*\/reprendre\/([^"]+)"/.exec(again.body)![1]!;
      const removed = await v.post(
        `/moments-de-vie/reprendre/${second}/supprimer`,
        {},
        '/moments-de-vie/moving/recapitulatif',
      );
      expect(removed.statusCode).toBe(200);
      expect(removed.body).toContain('Vos réponses enregistrées sont effacées');
      const gone = await t.db
        .selectFrom('navigator_saved_answers')
        .select('id')
        .where('token_hash', '=', hashToken(second))
        .executeTakeFirst();
      expect(gone).toBeUndefined();
      const journaled = await t.db
        .selectFrom('audit_journal')
        .select('reason')
        .where('subject_type', '=', 'navigator-answers')
        .where('action', '=', 'delete')
        .execute();
      expect(journaled.map((j) => j.reason)).toContain('effacement à la demande de l’usager');
      // Used after its deletion, the link says so in French (410 Gone), not "unknown".
      const afterDeletion = await v.get(`/moments-de-vie/reprendre/${second}`);
      expect(afterDeletion.statusCode).toBe(410);
      expect(afterDeletion.body).toContain('Ces réponses ont été effacées');
    });

    it('one-page form for helpers: refuses a future birth date and a negative income next to the fields, keeps the rest', async () => {
      const v = new Visitor(t);
      const refused = await v.post('/moments-de-vie/job-loss/formulaire', {
        eventDate: addDays(today, -10),
        commune: '46148',
        birthDate: addDays(today, 30),
        couple: 'non',
        earnings: '-1',
        replacementIncome: '900',
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('La date de naissance ne peut pas être dans le futur.');
      expect(refused.body).toContain('Le montant ne peut pas être négatif.');
      expect(refused.body).toContain('value="900"');
      expect(refused.body).toMatch(/<option[^>]*value="46148"[^>]*selected/);
      const ok = await v.post('/moments-de-vie/job-loss/formulaire', {
        eventDate: addDays(today, -10),
        commune: '46148',
        birthDate: '1985-03-02',
        couple: 'non',
        earnings: '0',
        replacementIncome: '900',
      });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe('/moments-de-vie/job-loss/plan');
      const plan = await v.get('/moments-de-vie/job-loss/plan');
      expect(plan.statusCode).toBe(200);
      // Lalbenque has a France Services site: France Travail procedures are helped there.
      expect(plan.body).toContain('data-place="france-services-lalbenque"');
    });

    it('sends the plan by e-mail on request, and refuses a wrong address next to the field', async () => {
      const v = new Visitor(t);
      await v.post('/moments-de-vie/retirement/formulaire', {
        eventDate: addDays(today, 200),
        commune: '46042',
        birthDate: '1962-05-01',
      });
      const wrong = await v.post(
        '/moments-de-vie/retirement/plan/envoyer',
        { email: 'pas-une-adresse' },
        '/moments-de-vie/retirement/plan',
      );
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain('Indiquez une adresse électronique valide');
      expect(wrong.body).toContain('value="pas-une-adresse"');
    });

    it('POST /api/v1/plans answers the contract, with real places, and names each bad field', async () => {
      const body = {
        month: '2026-05',
        commune: '46042',
        household: {
          couple: false,
          members: [{ role: 'applicant', birthDate: '1990-04-12', monthlyNetEarnings: 0 }],
        },
        lifeEvent: 'birth',
        eventDate: '2026-06-01',
      };
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/plans', payload: body });
      expect(response.statusCode).toBe(200);
      const plan = response.json();
      expect(plan.month).toBe('2026-05');
      expect(Array.isArray(plan.benefits)).toBe(true);
      const declare = plan.procedures.find((p: { id: string }) => p.id === 'declare-birth');
      expect(declare).toMatchObject({
        title: 'Déclarer la naissance',
        organisation: 'mairie',
        deadline: '2026-06-08',
      });
      expect(declare.place.name).toBe('Mairie de Cahors');
      const place = await t.db
        .selectFrom('places')
        .select('name')
        .where('name', '=', declare.place.name)
        .executeTakeFirst();
      expect(place).toBeTruthy();
      expect(plan.procedures[0].id).toBe('declare-birth');
      // The birth is past: no pregnancy declaration nor recognition before it; the tax office comes last.
      expect(plan.procedures.map((p: { id: string }) => p.id)).toEqual([
        'declare-birth',
        'register-health-insurance',
        'inform-caf',
        'find-childcare',
        'inform-tax',
      ]);
      expect(plan.gathers).toMatchObject({ procedures: 5 });

      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/plans',
        payload: { ...body, lifeEvent: 'wedding', eventDate: '2026-02-30', extra: 1 },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      const fields = bad.json().errors.map((e: { field: string }) => e.field);
      expect(fields).toContain('lifeEvent');
      expect(fields).toContain('extra');
      const badDate = await t.app.inject({
        method: 'POST',
        url: '/api/v1/plans',
        payload: { ...body, eventDate: '2026-02-30' },
      });
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json().errors).toEqual([{ field: 'eventDate', message: 'Cette date n’existe pas' }]);
      // Far ahead or long past: beyond what a plan of this moment of life covers, a 400 naming the field, not a 500.
      for (const eventDate of ['9999-12-31', '1901-01-01', addDays(today, 400)]) {
        const far = await t.app.inject({
          method: 'POST',
          url: '/api/v1/plans',
          payload: { ...body, eventDate },
        });
        expect(far.statusCode, eventDate).toBe(400);
        expect(far.json().errors[0]).toMatchObject({
          field: 'eventDate',
          message: expect.stringMatching(/trop/),
        });
      }

      const doc = (await t.app.inject('/api/v1/openapi.json')).json();
      expect(Object.keys(doc.paths)).toContain('/api/v1/plans');
    });
  });
}

describe('navigator with the development mailbox (real SMTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { devMailbox: true, smtp: { ...testConfig().smtp, port: 0 } } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends the plan by e-mail on request, with its procedures and deadlines', async () => {
    const v = new Visitor(t);
    const died = addDays(today, -1);
    await v.post('/moments-de-vie/bereavement/formulaire', { eventDate: died, commune: '46042' });
    const sent = await v.post(
      '/moments-de-vie/bereavement/plan/envoyer',
      { email: 'proche@exemple.fr' },
      '/moments-de-vie/bereavement/plan',
    );
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/moments-de-vie/bereavement/plan?envoye=1');
    const mail = await t.app.devMailbox!.waitFor((m) => m.subject.includes('Faire face au décès'));
    expect(mail.to).toEqual(['proche@exemple.fr']);
    expect(mail.text).toContain('1. Déclarer le décès (Mairie)');
    expect(mail.text).toContain('Déclarer la succession');
    expect((await v.get('/moments-de-vie/bereavement/plan?envoye=1')).body).toContain(
      'Le plan a été envoyé par courriel.',
    );
  });
});

describe('POST /api/v1/plans on any input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { rateLimit: { loginPerMinute: 10, apiPerMinute: 100_000 } } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 200 or a 400 problem naming fields, never a 500', async () => {
    const member = fc.record(
      {
        role: fc.constantFrom('applicant', 'partner', 'child', 'other'),
        birthDate: fc.oneof(
          fc.constant('1990-04-12'),
          fc.constant('2031-02-30'),
          fc.string({ maxLength: 10 }),
        ),
        monthlyNetEarnings: fc.oneof(fc.integer({ min: -100, max: 5000 }), fc.constant(1e9)),
      },
      { requiredKeys: ['role'] },
    );
    const body = fc.record(
      {
        month: fc.constantFrom('2026-05', '2019-01', '2026-13', 'mai'),
        commune: fc.constantFrom('46042', '46064', '75056', 'x'),
        household: fc.record(
          { couple: fc.boolean(), members: fc.array(member, { maxLength: 3 }) },
          { requiredKeys: ['members'] },
        ),
        lifeEvent: fc.constantFrom('birth', 'moving', 'first-hire', 'retirement', 'wedding'),
        eventDate: fc.constantFrom('2026-06-01', '2026-02-30', '01/06/2026'),
      },
      { requiredKeys: ['month', 'household', 'lifeEvent', 'eventDate'] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const response = await t.app.inject({ method: 'POST', url: '/api/v1/plans', payload });
        expect([200, 400]).toContain(response.statusCode);
        if (response.statusCode === 400) {
          expect(response.headers['content-type']).toContain('application/problem+json');
          expect(response.json().errors.length).toBeGreaterThan(0);
        } else {
          expect(response.json().procedures.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('the event date as a French user types it, on a fixed clock', () => {
  // Where the date field is plain text (no JavaScript, or a browser without a date picker), people type the
  // day first, with whatever separator they are used to. The app's clock is fixed on 6 December 2030: the
  // dates below are accepted only if the questionnaire takes its "today" from that clock (on the system clock
  // a birth four years ahead would be refused as too far).
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { fixedToday: '2030-12-06' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  for (const typed of [
    '26/12/2030',
    '26-12-2030',
    '26 12 2030',
    '26.12.2030',
    ' 26 / 12 / 2030 ',
    '2030-12-26',
  ]) {
    it(`reads « ${typed} » as 26 December 2030 and shows it back on the summary`, async () => {
      const v = new Visitor(t);
      const sent = await v.post('/moments-de-vie/birth/questions/eventDate', {
        eventDate: typed,
        action: 'continuer',
      });
      expect(sent.statusCode).toBe(303);
      expect(sent.headers.location).toBe('/moments-de-vie/birth/questions/commune');
      const summary = await v.get('/moments-de-vie/birth/recapitulatif');
      expect(summary.body).toContain('26/12/2030');
    });
  }

  it('refuses what is not a date (month first, no separators, a two-digit year) and a date beyond the bound', async () => {
    const v = new Visitor(t);
    for (const typed of ['12/26/2030', '26122030', '26/12/30']) {
      const refused = await v.post('/moments-de-vie/birth/questions/eventDate', {
        eventDate: typed,
        action: 'continuer',
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('Cette date n’existe pas');
    }
    // A birth is planned at most 280 days ahead of the fixed today: 2031-09-13 is 281 days after it.
    const tooFar = await v.post('/moments-de-vie/birth/questions/eventDate', {
      eventDate: '13/09/2031',
      action: 'continuer',
    });
    expect(tooFar.statusCode).toBe(400);
    expect(tooFar.body).toContain('Cette date est trop loin : au plus tard le 12/09/2031.');
  });
});

describe('a plan over time (fixed clock: 6 December 2026)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { fixedToday: '2026-12-06' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  // A couple in Catus expecting their second child on 15 February 2027: she does not work, he earns 1,650 € a
  // month; their first child was born on 1 June 2022; tenants (520 €), no housing aid; 21,000 € of resources in
  // 2025 (below every ceiling of the allocations familiales and the PAJE for two children, one income).
  // Hand computation, BMAF of 1 April 2026 = 478.16 € (instruction CNAF; décret n° 2026-… revaluation), CRDS 0.5 %:
  // - allocations familiales, 2 children, first bracket: 32 % × 478.16 = 153.0112 → × 0.995 = 152.246 → 152.25 €
  //   a month, from the month after the second child's birth (CSS L521-1, R521-1, D521-1): March 2027;
  // - PAJE allocation de base, full rate: 41.65 % × 478.16 = 199.154 → × 0.995 = 198.158 → 198.16 € a month, from
  //   the month after the birth (CSS L531-3, D531-3);
  // - prime à la naissance: 229.75 % × 478.16 = 1,098.573 → × 0.995 = 1,093.08 € once (CSS L531-2, D531-2), due
  //   during the pregnancy.
  // Months after March 2027 use the April 2026 BMAF (the April 2027 revaluation is not published): marked.
  const household = {
    month: '2027-02',
    commune: '46064',
    household: {
      couple: true,
      members: [
        {
          role: 'applicant',
          birthDate: '1994-05-02',
          pregnant: true,
          monthlyNetEarnings: 0,
          monthlyReplacementIncome: 0,
          student: false,
        },
        {
          role: 'partner',
          birthDate: '1992-03-10',
          monthlyNetEarnings: 1650,
          monthlyReplacementIncome: 0,
          student: false,
        },
        { role: 'child', birthDate: '2022-06-01' },
      ],
      housing: { status: 'tenant', monthlyRent: 520 },
      monthlyHousingAid: 0,
      annualResources: 21000,
      referenceTaxIncome: 19000,
    },
  };

  it('the page says from when each family benefit is due, and gives the months', async () => {
    const v = new Visitor(t);
    const sent = await v.post('/moments-de-vie/birth/formulaire', {
      eventDate: '15/02/2027',
      commune: '46064',
      birthDate: '1994-05-02',
      student: 'non',
      couple: 'oui',
      partnerBirthDate: '1992-03-10',
      partnerEarnings: '1650',
      partnerReplacementIncome: '0',
      earnings: '0',
      replacementIncome: '0',
      child1: '2022-06-01',
      housingStatus: 'tenant',
      monthlyRent: '520',
      housingAid: '0',
      annualResources: '21000',
      referenceTaxIncome: '19000',
    });
    expect(sent.statusCode).toBe(303);
    const plan = await v.get('/moments-de-vie/birth/plan');
    expect(plan.statusCode).toBe(200);
    const text = plan.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('À partir de mars 2027 : 152,25 € par mois');
    expect(text).toContain('À partir de mars 2027 : 198,16 € par mois');
    expect(text).toContain('1 093,08 € une fois');
    expect(text).toContain(
      'De décembre 2026 à février 2027 : pas de droit estimé ; à partir de mars 2027 : 152,25 € par mois.',
    );
    expect(text).toContain('Barèmes pas encore publiés pour ce mois');
  });

  it('POST /api/v1/plans answers the same months in its timeline, keeping today’s fields', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/plans',
      payload: { ...household, lifeEvent: 'birth', eventDate: '2027-02-15' },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Object.keys(body)).toEqual(
      expect.arrayContaining([
        'month',
        'lifeEvent',
        'eventDate',
        'benefits',
        'missing',
        'procedures',
        'gathers',
      ]),
    );
    const months = body.timeline.map((m: { month: string }) => m.month);
    // From the pregnancy's declaration (eight months before the birth) but never before this month, to three after.
    expect(months).toEqual(['2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05']);
    const amount = (month: string, id: string) =>
      body.timeline
        .find((m: { month: string }) => m.month === month)
        .benefits.find((b: { id: string }) => b.id === id);
    expect(amount('2027-02', 'allocations-familiales')).toEqual({
      id: 'allocations-familiales',
      eligible: false,
      amount: 0,
    });
    expect(amount('2027-03', 'allocations-familiales')).toEqual({
      id: 'allocations-familiales',
      eligible: true,
      amount: 152.25,
    });
    expect(amount('2027-03', 'paje-allocation-base')).toEqual({
      id: 'paje-allocation-base',
      eligible: true,
      amount: 198.16,
    });
    expect(amount('2026-12', 'paje-prime-naissance')).toEqual({
      id: 'paje-prime-naissance',
      eligible: true,
      amount: 1093.08,
    });
    expect(body.timeline.map((m: { provisional: boolean }) => m.provisional)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
    // The partner's pregnancy was left out: taken as none, and said (the applicant's pregnancy opens the prime).
    expect(body.assumptions).toEqual([
      {
        field: 'household.members[1].pregnant',
        value: false,
        statement: expect.stringContaining('conjointe'),
      },
    ]);
  });
});
