// One plan per moment of life, built on a real database (the territory's places) on a fixed day: the procedures
// that apply to the household, in the order to do them — urgency first, then the deadline — with their dates.
// The four residents of issue 11 are among them: a couple in Catus expecting a baby, an 82-year-old widow in
// Lalbenque losing autonomy, a 24-year-old starting a micro-enterprise in Cahors, a person losing their job in
// Saint-Géry-Vers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstimationRequest } from '../rights/contract.ts';
import { databaseKinds, testDatabase } from '../../../test/helpers.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { buildPlan } from './plan.ts';
import type { LifeEventId } from './life-events.ts';

// Sunday 6 December 2026, 11 h in Paris.
const now = new Date('2026-12-06T10:00:00Z');

type Members = EstimationRequest['household']['members'];

/** The plan's procedures as [id, deadline] pairs, in the order the plan gives them. */
async function planned(
  database: DatabaseHandle,
  lifeEvent: LifeEventId,
  eventDate: string,
  members: Members,
  household: Partial<EstimationRequest['household']> = {},
  commune = '46042',
): Promise<[string, string | null][]> {
  const request: EstimationRequest = {
    month: eventDate.slice(0, 7) > '2026-12' ? eventDate.slice(0, 7) : '2026-12',
    commune,
    household: { members, ...household },
  };
  const plan = await buildPlan(
    database.db,
    { lifeEvent, eventDate, request, today: now.toISOString().slice(0, 10) },
    now,
  );
  return plan.procedures.map((p) => [p.id, p.deadline]);
}

for (const kind of databaseKinds) {
  describe(`the procedures of each moment of life, in order, on ${kind}`, () => {
    let database: DatabaseHandle;
    beforeAll(async () => {
      database = await testDatabase(kind);
    });
    afterAll(async () => {
      await database?.close();
    });

    it('birth, expected: declare the pregnancy and recognise the child before the birth, then declare it', async () => {
      // Due Monday 15 February 2027. End of the 14th week after the last period: 189 days before a term at
      // 41 weeks, 10 August 2026 (already past: the doctor usually sends it). The fifth day after the birth,
      // Saturday 20 February, moves to Monday 22 February.
      const couple: Members = [
        { role: 'applicant', birthDate: '1994-05-02', pregnant: true },
        { role: 'partner', birthDate: '1992-01-20' },
      ];
      expect(await planned(database, 'birth', '2027-02-15', couple, { couple: true }, '46064')).toEqual([
        ['declare-pregnancy', '2026-08-10'],
        ['recognize-child', '2027-02-15'],
        ['declare-birth', '2027-02-22'],
        ['register-health-insurance', '2027-03-17'],
        ['inform-caf', '2027-03-17'],
        ['find-childcare', null],
        ['inform-tax', '2027-04-16'],
      ]);
    });

    it('birth, past: no pregnancy declaration nor recognition before the birth any more', async () => {
      const parent: Members = [
        { role: 'applicant', birthDate: '1994-05-02' },
        { role: 'child', birthDate: '2026-11-20' },
      ];
      expect((await planned(database, 'birth', '2026-11-20', parent)).map(([id]) => id)).toEqual([
        'declare-birth',
        'register-health-insurance',
        'inform-caf',
        'find-childcare',
        'inform-tax',
      ]);
    });

    it('adoption: the Caf, the Assurance maladie, then childcare', async () => {
      expect(
        await planned(database, 'adoption', '2027-01-10', [{ role: 'applicant', birthDate: '1985-01-01' }]),
      ).toEqual([
        ['inform-caf-adoption', '2027-02-09'],
        ['register-health-insurance', '2027-02-09'],
        ['find-childcare', null],
      ]);
    });

    it('autonomy, an 82-year-old widow in GIR 3: the APA first, no MDPH application, no pension fund help', async () => {
      const widow: Members = [{ role: 'applicant', birthDate: '1944-05-10', gir: 3, disabilityRate: 0 }];
      const steps = await planned(database, 'autonomy-loss', '2026-12-01', widow, { couple: false }, '46148');
      expect(steps.map(([id]) => id)).toEqual(['request-apa', 'adapt-home', 'health-cover']);
    });

    it('autonomy, a 75-year-old still fairly independent (GIR 5): the pension fund helps, not the APA', async () => {
      const person: Members = [{ role: 'applicant', birthDate: '1951-03-01', gir: 5, disabilityRate: 0 }];
      expect((await planned(database, 'autonomy-loss', '2026-12-01', person)).map(([id]) => id)).toEqual([
        'retirement-fund-help',
        'adapt-home',
        'health-cover',
      ]);
    });

    it('autonomy, a 45-year-old with an 80 % disability: the MDPH, no APA', async () => {
      const person: Members = [{ role: 'applicant', birthDate: '1981-06-01', disabilityRate: 0.8 }];
      expect((await planned(database, 'autonomy-loss', '2026-12-01', person)).map(([id]) => id)).toEqual([
        'apply-mdph',
        'adapt-home',
        'health-cover',
      ]);
    });

    it('autonomy, an 82-year-old with a disability already recognised: the MDPH stays in the plan', async () => {
      const person: Members = [{ role: 'applicant', birthDate: '1944-05-10', gir: 2, disabilityRate: 0.8 }];
      expect((await planned(database, 'autonomy-loss', '2026-12-01', person)).map(([id]) => id)).toEqual([
        'request-apa',
        'apply-mdph',
        'adapt-home',
        'health-cover',
      ]);
    });

    it('micro-enterprise started on 4 January 2027: the turnover declaration before the CFE', async () => {
      // Acre: 60 days after the start, 5 March 2027. First monthly declaration: 31 May 2027. CFE: 31 December.
      const young: Members = [{ role: 'applicant', birthDate: '2002-06-01' }];
      expect(await planned(database, 'self-employment', '2027-01-04', young)).toEqual([
        ['declare-activity', '2027-01-04'],
        ['request-acre', '2027-03-05'],
        ['declare-turnover', '2027-05-31'],
        ['declare-cfe', '2027-12-31'],
      ]);
    });

    it('company created on 15 January 2027: the Acre is asked for within 60 days too', async () => {
      expect(
        await planned(database, 'business-creation', '2027-01-15', [
          { role: 'applicant', birthDate: '1980-01-01' },
        ]),
      ).toEqual([
        ['register-company', '2027-01-15'],
        ['request-acre', '2027-03-16'],
        ['inform-france-travail', '2027-01-15'],
        ['declare-cfe', '2027-12-31'],
      ]);
    });

    it('job loss: France Travail first, whatever its 12-month limit, then the Caf', async () => {
      const single: Members = [{ role: 'applicant', birthDate: '1988-09-09' }];
      expect(await planned(database, 'job-loss', '2026-11-30', single, { couple: false }, '46268')).toEqual([
        ['register-france-travail', '2027-11-30'],
        ['update-caf', '2026-12-30'],
        ['health-cover', null],
      ]);
    });

    it('moving, a tenant with two children: housing aid first, the school, the moving allowance', async () => {
      const family: Members = [
        { role: 'applicant', birthDate: '1985-01-01' },
        { role: 'child', birthDate: '2016-01-01' },
        { role: 'child', birthDate: '2019-01-01' },
      ];
      const tenant = { housing: { status: 'tenant', monthlyRent: 600 } } as const;
      expect(await planned(database, 'moving', '2027-01-10', family, tenant)).toEqual([
        ['housing-aid', '2027-02-09'],
        ['change-address-online', '2027-02-09'],
        ['update-vehicle-registration', '2027-02-10'],
        ['moving-allowance', '2027-07-10'],
        ['school-enrolment', null],
        ['electoral-roll', null],
      ]);
    });

    it('moving, an owner without children: no housing aid, no school, no moving allowance', async () => {
      const owner = { housing: { status: 'owner' } } as const;
      expect(
        (
          await planned(
            database,
            'moving',
            '2027-01-10',
            [{ role: 'applicant', birthDate: '1970-01-01' }],
            owner,
          )
        ).map(([id]) => id),
      ).toEqual(['change-address-online', 'update-vehicle-registration', 'electoral-roll']);
    });

    it('bereavement, a 48-year-old: the urgent steps, then the requests by date, the allocation veuvage last', async () => {
      // Death on Tuesday 1 December 2026: funeral within 6 days without Sundays → Tuesday 8 December.
      expect(
        await planned(database, 'bereavement', '2026-12-01', [
          { role: 'applicant', birthDate: '1978-04-04' },
        ]),
      ).toEqual([
        ['declare-death', '2026-12-02'],
        ['funeral', '2026-12-08'],
        ['death-capital', '2027-01-01'],
        ['estate-declaration', '2027-06-01'],
        ['survivor-pension', '2027-12-01'],
        ['widow-allowance', '2028-11-30'],
      ]);
    });

    it('bereavement, a 60-year-old: no allocation veuvage (55 or more: the réversion)', async () => {
      const ids = (
        await planned(database, 'bereavement', '2026-12-01', [{ role: 'applicant', birthDate: '1966-04-04' }])
      ).map(([id]) => id);
      expect(ids).toContain('survivor-pension');
      expect(ids).not.toContain('widow-allowance');
    });

    it('retirement on 1 July 2027: the career statement a year before, the request six months before', async () => {
      expect(
        await planned(database, 'retirement', '2027-07-01', [{ role: 'applicant', birthDate: '1963-01-15' }]),
      ).toEqual([
        ['check-career', '2026-07-01'],
        ['request-pension', '2027-01-01'],
        ['minimum-old-age', null],
      ]);
    });

    it('first hire on 11 January 2027: the DPAE, the first DSN, then the prevention visit', async () => {
      expect(await planned(database, 'first-hire', '2027-01-11', [{ role: 'applicant' }])).toEqual([
        ['declare-hire', '2027-01-11'],
        ['first-dsn', '2027-02-15'],
        ['occupational-health', '2027-04-11'],
      ]);
    });
  });
}
