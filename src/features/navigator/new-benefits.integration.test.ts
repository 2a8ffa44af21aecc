// The moments of life with the benefits added by issue 12, on a real database through HTTP (PGlite, and PostgreSQL
// when TEST_DATABASE_URL is set), on a fixed clock (6 December 2026): a lone parent's birth plan (ASF, ARS), a
// widow's bereavement plan (capital décès, pension de réversion, ASF), a retiree's ASPA; the new questions asked
// step by step, and their wrong answers refused beside the field with nothing saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, databaseKinds, type TestApp } from '../../../test/helpers.ts';
import { Visitor } from '../../../test/visitor.ts';

/** The page's text, tags and runs of spaces removed. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** The block of one benefit on the plan page, as text. */
function benefitText(html: string, id: string): string {
  const start = html.indexOf(`data-benefit="${id}"`);
  expect(start, `${id} is in the plan`).toBeGreaterThan(-1);
  return textOf(html.slice(start, html.indexOf('</li>', html.indexOf('Pourquoi ce montant', start))));
}

for (const kind of databaseKinds) {
  describe(`new benefits in the plans on ${kind} (fixed clock: 6 December 2026)`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ kind, config: { fixedToday: '2026-12-06' } });
    });
    afterAll(async () => {
      await t?.close();
    });

    // A mother living alone in Cahors, expecting her third child on 20 January 2027; her children born on
    // 15 March 2018 and 2 October 2013; their father pays nothing. She earns 900 € a month, rents for 500 €,
    // 12,000 € of resources in 2025. BMAF of 1 April 2026 = 478.16 € (used until March 2027, and provisionally
    // after); CRDS 0.5 % rounded down to the cent.
    // - ASF (CSS R523-7, 42.20 % of the BMAF per child): 0.422 × 478.16 = 201.78352 → 201.78 € per child.
    //   Two children (December, January — the baby is not born yet): 403.56 − CRDS (2.0178 → 2.01) = 401.55 €;
    //   three from February (the newborn's father pays nothing either): 605.34 − CRDS (3.0267 → 3.02) = 602.32 €.
    // - ARS (CSS D543-1), children reaching 9 and 14 in 2027 (6–10 and 11–14 bands), resources far below the
    //   ceiling: 0.8972 × 478.16 = 429.005 → 429.01 − CRDS 2.14 = 426.87 €; 0.9467 × 478.16 = 452.674 → 452.67 −
    //   CRDS 2.26 = 450.41 €; together 877.28 € for the year, paid once in mid-August.
    // - Complément familial: three children from February but the newborn is under 3 (CSS L522-1): none.
    it('a lone parent’s birth plan gives the ASF month by month and the ARS with its August payment', async () => {
      const v = new Visitor(t);
      const sent = await v.post('/moments-de-vie/birth/formulaire', {
        eventDate: '20/01/2027',
        commune: '46042',
        birthDate: '1993-04-10',
        student: 'non',
        couple: 'non',
        earnings: '900',
        replacementIncome: '0',
        child1: '2018-03-15',
        child2: '2013-10-02',
        childSupport: '0',
        housingStatus: 'tenant',
        monthlyRent: '500',
        housingAid: '0',
        annualResources: '12000',
        referenceTaxIncome: '11000',
      });
      expect(sent.statusCode).toBe(303);
      const plan = await v.get('/moments-de-vie/birth/plan');
      expect(plan.statusCode).toBe(200);
      expect(benefitText(plan.body, 'asf')).toContain(
        'De décembre 2026 à janvier 2027 : 401,55 € par mois ; à partir de février 2027 : 602,32 € par mois.',
      );
      const ars = benefitText(plan.body, 'ars');
      expect(ars).toContain('877,28 € pour l’année, versés à la mi-août 2027');
      // The month before (December 2026) is the 2026 school year's allowance, paid last August: said as past.
      expect(ars).toContain(
        'En décembre 2026 : 877,28 € pour l’année, déjà versés à la mi-août 2026 (pas reçus : demandez-les à la Caf) ; à partir de janvier 2027 : 877,28 € pour l’année, versés à la mi-août 2027.',
      );
      expect(benefitText(plan.body, 'complement-familial')).toContain('Pas de droit estimé');
      // No disability ticked on the children's page: the AEEH is answered (not due), not "à préciser".
      expect(benefitText(plan.body, 'aeeh')).toContain('Pas de droit estimé');

      // The API answers the same months (the children's support given per child, as the contract says).
      const child = (birthDate: string) => ({
        role: 'child',
        birthDate,
        monthlyChildSupport: 0,
        disabilityRate: 0,
      });
      const api = await t.app.inject({
        method: 'POST',
        url: '/api/v1/plans',
        payload: {
          month: '2027-01',
          commune: '46042',
          lifeEvent: 'birth',
          eventDate: '2027-01-20',
          household: {
            couple: false,
            members: [
              { role: 'applicant', birthDate: '1993-04-10', pregnant: true, monthlyNetEarnings: 900 },
              child('2018-03-15'),
              child('2013-10-02'),
            ],
            housing: { status: 'tenant', monthlyRent: 500 },
            monthlyHousingAid: 0,
            annualResources: 12000,
          },
        },
      });
      expect(api.statusCode).toBe(200);
      const timeline = api.json().timeline as { month: string; benefits: { id: string; amount: number }[] }[];
      const amount = (month: string, id: string) =>
        timeline.find((m) => m.month === month)?.benefits.find((b) => b.id === id)?.amount;
      expect(amount('2027-01', 'asf')).toBe(401.55);
      expect(amount('2027-02', 'asf')).toBe(602.32);
      // The newborn the plan adds from February: the support its brothers share, no MDPH rate yet.
      expect(amount('2027-02', 'aeeh')).toBe(0);
      expect(amount('2027-01', 'ars')).toBe(877.28);
    });

    // A widow of 58 in Cahors whose husband, an employee, died on 18 November 2026; he would have had a basic
    // pension of 1,100 € a month. She earns 1,200 € net a month, raised three children, the youngest (15) still
    // at home; owner.
    // - Capital décès (CSS D361-1), death from 1 April 2026: 4,008.22 € once (3,976.41 € × 1.008, the April 2026
    //   revaluation — computed, see rules/deces/README.md).
    // - Réversion (CSS L353-1, D353-1): 54 % × 1,100 = 594.00 € a month; resources 12 × 70 % × 1,200 = 10,080 €
    //   under the ceiling of 2,080 × 12.02 € = 25,001.60 €: due in full; + 10 % for three children raised
    //   (L353-4 with L351-12): 59.40 € → 653.40 € a month.
    // - ASF for the orphaned child (CSS L523-1, 1°): 201.78 − CRDS 1.00 = 200.78 € a month.
    it('a widow’s bereavement plan gives the capital décès, the réversion and the ASF', async () => {
      const v = new Visitor(t);
      const sent = await v.post('/moments-de-vie/bereavement/formulaire', {
        eventDate: '18/11/2026',
        commune: '46042',
        deceasedSituation: 'employee',
        marriedToDeceased: 'oui',
        deceasedPension: '1100',
        birthDate: '1968-02-10',
        student: 'non',
        pregnant: 'non',
        couple: 'non',
        earnings: '1200',
        replacementIncome: '0',
        childrenRaised: '3',
        child1: '2011-05-20',
        childSupport: '0',
        housingStatus: 'owner',
        housingAid: '0',
        annualResources: '30000',
        referenceTaxIncome: '28000',
      });
      expect(sent.statusCode).toBe(303);
      const plan = await v.get('/moments-de-vie/bereavement/plan');
      expect(plan.statusCode).toBe(200);
      expect(benefitText(plan.body, 'capital-deces')).toContain('4 008,22 € une fois');
      const reversion = benefitText(plan.body, 'pension-reversion');
      expect(reversion).toContain('653,40 € par mois');
      expect(reversion).toContain('Majoration de 10 % pour trois enfants eus ou élevés : 59,40 €');
      expect(benefitText(plan.body, 'asf')).toContain('200,78 € par mois');
      // The steps for the capital décès and the réversion are kept (employee, married).
      expect(plan.body).toContain('data-procedure="death-capital"');
      expect(plan.body).toContain('data-procedure="survivor-pension"');
    });

    // A man of 67 alone in Cahors, retired on 1 October 2026 with 700 € a month of pensions, nothing else.
    // ASPA 2026 (CSS L815-1, D815-2; Cnav circular): ceiling = maximum for a single person 12,523.14 € a year;
    // resources 12 × 700 = 8,400 €; (12,523.14 − 8,400) ÷ 12 = 343.595 → truncated to 343.59 € a month.
    it('a retiree’s plan gives the ASPA', async () => {
      const v = new Visitor(t);
      const sent = await v.post('/moments-de-vie/retirement/formulaire', {
        eventDate: '01/10/2026',
        commune: '46042',
        birthDate: '1959-06-15',
        couple: 'non',
        replacementIncome: '700',
        earnings: '0',
        housingStatus: 'tenant',
        monthlyRent: '400',
        referenceTaxIncome: '8000',
        housingAid: '0',
      });
      expect(sent.statusCode).toBe(303);
      const plan = await v.get('/moments-de-vie/retirement/plan');
      expect(plan.statusCode).toBe(200);
      const aspa = benefitText(plan.body, 'aspa');
      expect(aspa).toContain('343,59 € par mois');
      expect(aspa).toContain('Plafond annuel de ressources : 12 523,14 €');
    });

    it('asks the new questions step by step, refuses wrong answers beside the field and keeps nothing of them', async () => {
      const v = new Visitor(t);
      const base = '/moments-de-vie/birth/questions';
      for (const [q, fields] of [
        ['eventDate', { eventDate: '2027-01-20' }],
        ['commune', { commune: '46042' }],
        ['birthDate', { birthDate: '1993-04-10' }],
        ['student', { student: 'non' }],
        ['couple', { couple: 'non' }],
        ['earnings', { earnings: '900' }],
        ['replacementIncome', { replacementIncome: '0' }],
      ] as const) {
        const r = await v.post(`${base}/${q}`, { ...fields, action: 'continuer' });
        expect(r.statusCode, q).toBe(303);
      }
      // The children, one of them with a disability: the checkbox is on the children's page.
      const childrenPage = await v.get(`${base}/children`);
      expect(childrenPage.body).toContain('name="childDisabled"');
      let next = await v.post(`${base}/children`, {
        child1: '2018-03-15',
        childDisabled: 'oui',
        action: 'continuer',
      });
      expect(next.headers.location).toBe(`${base}/childSupport`);

      // The other parent's support: a negative amount is refused, with what was typed kept.
      const negative = await v.post(`${base}/childSupport`, { childSupport: '-20', action: 'continuer' });
      expect(negative.statusCode).toBe(400);
      expect(negative.body).toContain('fr-input-group--error');
      expect(negative.body).toContain('Le montant ne peut pas être négatif.');
      expect(negative.body).toContain('value="-20"');
      next = await v.post(`${base}/childSupport`, { childSupport: '0', action: 'continuer' });
      expect(next.headers.location).toBe(`${base}/childDisability`);

      // The child's incapacity rate: over 100 % is refused; 60 % without the care answer too.
      const page = await v.get(`${base}/childDisability`);
      expect(page.body).toContain('Taux d’incapacité de l’enfant né le 15/03/2018, en pourcentage');
      const over = await v.post(`${base}/childDisability`, { childRate1: '120', action: 'continuer' });
      expect(over.statusCode).toBe(400);
      expect(over.body).toContain('Le taux doit être compris entre 0 et 100.');
      expect(over.body).toContain('value="120"');
      // The refused page still names the child by its birth date.
      expect(over.body).toContain('Taux d’incapacité de l’enfant né le 15/03/2018, en pourcentage');
      const noCare = await v.post(`${base}/childDisability`, { childRate1: '60', action: 'continuer' });
      expect(noCare.statusCode).toBe(400);
      expect(noCare.body).toContain('Pour un taux de 50 à 79 %, répondez oui ou non.');
      // Nothing of the refused answers was kept: the summary has no rate yet.
      const before = await v.get('/moments-de-vie/birth/recapitulatif');
      expect(textOf(before.body)).not.toContain('120 %');
      expect(textOf(before.body)).not.toContain('60 %');
      next = await v.post(`${base}/childDisability`, {
        childRate1: '60',
        childCare1: 'oui',
        action: 'continuer',
      });
      expect(next.statusCode).toBe(303);
      const summary = await v.get('/moments-de-vie/birth/recapitulatif');
      expect(textOf(summary.body)).toContain('15/03/2018 : 60 %, avec accompagnement');
      expect(textOf(summary.body)).toContain('0 € par enfant et par mois');

      // A bereavement: the deceased's pension refused when it is not an amount, the children raised over 30.
      const w = new Visitor(t);
      const bereavement = '/moments-de-vie/bereavement/questions';
      await w.post(`${bereavement}/eventDate`, { eventDate: '2026-11-18', action: 'continuer' });
      await w.post(`${bereavement}/commune`, { commune: '46042', action: 'continuer' });
      const pension = await w.post(`${bereavement}/deceasedPension`, {
        deceasedPension: 'mille',
        action: 'continuer',
      });
      expect(pension.statusCode).toBe(400);
      expect(pension.body).toContain('Indiquez un montant en chiffres, par exemple 1200 ou 1200,50.');
      const raised = await w.post(`${bereavement}/childrenRaised`, {
        childrenRaised: '40',
        action: 'continuer',
      });
      expect(raised.statusCode).toBe(400);
      expect(raised.body).toContain('Le nombre doit être compris entre 0 et 30.');
      const situation = await w.post(`${bereavement}/deceasedSituation`, { action: 'continuer' });
      expect(situation.statusCode).toBe(400);
      expect(situation.body).toContain('Choisissez une réponse dans la liste.');
      const nothing = await w.get('/moments-de-vie/bereavement/recapitulatif');
      expect(textOf(nothing.body)).not.toContain('mille');
      expect(textOf(nothing.body)).not.toContain('40 enfants');
    });

    it('refuses a tenant’s rent of 0 or 100,000 € and charges above the rent beside the field, and keeps none of them', async () => {
      const v = new Visitor(t);
      const base = '/moments-de-vie/moving/questions';
      await v.post(`${base}/eventDate`, { eventDate: '2026-12-20', action: 'continuer' });
      await v.post(`${base}/commune`, { commune: '46042', action: 'continuer' });
      for (const [rent, message] of [
        [
          '0',
          /Un locataire paie un loyer : indiquez son montant ou, si vous ne payez rien, choisissez « hébergé gratuitement »\./,
        ],
        // The thousands are set apart by a narrow no-break space.
        ['100000', /Ce montant semble trop élevé \(au plus 10\s000 €\)\./],
      ] as const) {
        const refused = await v.post(`${base}/housing`, {
          housingStatus: 'tenant',
          monthlyRent: rent,
          action: 'continuer',
        });
        expect(refused.statusCode, rent).toBe(400);
        expect(refused.body, rent).toContain('fr-input-group--error');
        expect(refused.body, rent).toMatch(message);
        expect(refused.body, rent).toContain(`value="${rent}"`);
      }
      // Housed for free, a rent of 0 is no error: the rent is not asked.
      const free = await v.post(`${base}/housing`, { housingStatus: 'hosted-free', action: 'continuer' });
      expect(free.statusCode).toBe(303);
      const summary = await v.get('/moments-de-vie/moving/recapitulatif');
      expect(textOf(summary.body)).not.toContain('loyer 0');
      expect(textOf(summary.body)).not.toContain('100 000');
      // A rent of 450 € of which 500 € of charges: refused beside the charges.
      expect(
        (
          await v.post(`${base}/housing`, {
            housingStatus: 'tenant',
            monthlyRent: '450',
            action: 'continuer',
          })
        ).statusCode,
      ).toBe(303);
      const charges = await v.post(`${base}/housingCharges`, { monthlyCharges: '500', action: 'continuer' });
      expect(charges.statusCode).toBe(400);
      expect(charges.body).toContain(
        'Les charges font partie du loyer indiqué : elles ne peuvent pas le dépasser.',
      );
      expect(textOf((await v.get('/moments-de-vie/moving/recapitulatif')).body)).not.toContain('500');
      expect(
        (await v.post(`${base}/housingCharges`, { monthlyCharges: '50', action: 'continuer' })).statusCode,
      ).toBe(303);
    });
  });
}
