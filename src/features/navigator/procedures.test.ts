// Which procedures apply to a household and in which order: the conditions (three-valued: a fact the answers do
// not give never hides a step), their check at start, and the order by urgency then deadline.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EstimationRequest } from '../rights/contract.ts';
import {
  applies,
  conditionHolds,
  conditionProblem,
  householdFacts,
  orderProcedures,
  proceduresInOrder,
  urgencies,
  type HouseholdFacts,
  type OrderedContent,
  type ProcedureCondition,
  type Urgency,
} from './procedures.ts';

const request = (members: EstimationRequest['household']['members'], extra = {}): EstimationRequest => ({
  month: '2026-12',
  household: { members, ...extra },
});

const facts = (over: Partial<HouseholdFacts> = {}): HouseholdFacts => ({
  children: 0,
  eventAhead: false,
  ...over,
});

describe('household facts', () => {
  it('reads the age on the event date, the rate in percent, the GIR, the children, the couple and the home', () => {
    const f = householdFacts(
      request(
        [
          { role: 'applicant', birthDate: '1944-12-10', disabilityRate: 0.8, gir: 3 },
          { role: 'child', birthDate: '2020-01-01' },
        ],
        { couple: false, housing: { status: 'owner' } },
      ),
      '2026-12-15',
      '2026-12-06',
    );
    // 82 on 15 December 2026 (born 10 December 1944), though still 81 on the day the plan is made.
    expect(f).toEqual({
      age: 82,
      disabilityPercent: 80,
      gir: 3,
      children: 1,
      couple: false,
      housing: 'owner',
      eventAhead: true,
      marriedToDeceased: undefined,
      deceasedSituation: undefined,
    });
  });

  it('leaves unknown what the answers do not give: no birth date, a GIR not evaluated yet, no deceased', () => {
    const f = householdFacts(request([{ role: 'applicant', gir: null }]), '2026-12-06', '2026-12-06');
    expect(f.age).toBeUndefined();
    expect(f.gir).toBeUndefined();
    expect(f.disabilityPercent).toBeUndefined();
    expect(f.couple).toBeUndefined();
    expect(f.marriedToDeceased).toBeUndefined();
    // An event on the day the plan is made is not ahead any more (the birth has happened).
    expect(f.eventAhead).toBe(false);
  });

  it('reads the deceased relative when the request carries one (an extension of the contract)', () => {
    const withDeceased = {
      ...request([{ role: 'applicant', birthDate: '1966-03-01' }]),
      household: {
        members: [{ role: 'applicant' as const, birthDate: '1966-03-01' }],
        deceased: { married: true, situation: 'retired' },
      },
    } as EstimationRequest;
    expect(householdFacts(withDeceased, '2026-12-01', '2026-12-06')).toMatchObject({
      marriedToDeceased: true,
      deceasedSituation: 'retired',
    });
  });
});

describe('conditions', () => {
  it('compares bounds: at least is included, under is excluded', () => {
    const under60: ProcedureCondition = { fact: 'age', under: 60 };
    expect(conditionHolds(under60, facts({ age: 59 }))).toBe(true);
    expect(conditionHolds(under60, facts({ age: 60 }))).toBe(false);
    expect(conditionHolds(under60, facts())).toBeUndefined();
    const rate: ProcedureCondition = { fact: 'disabilityPercent', atLeast: 50 };
    expect(conditionHolds(rate, facts({ disabilityPercent: 50 }))).toBe(true);
    expect(conditionHolds(rate, facts({ disabilityPercent: 49.99 }))).toBe(false);
    const apaGir: ProcedureCondition = { fact: 'gir', under: 5 };
    expect(conditionHolds(apaGir, facts({ gir: 4 }))).toBe(true);
    expect(conditionHolds(apaGir, facts({ gir: 5 }))).toBe(false);
  });

  it('checks lists, yes-no facts and the timing of the event', () => {
    const tenant: ProcedureCondition = { fact: 'housing', in: ['tenant'] };
    expect(conditionHolds(tenant, facts({ housing: 'tenant' }))).toBe(true);
    expect(conditionHolds(tenant, facts({ housing: 'owner' }))).toBe(false);
    expect(conditionHolds(tenant, facts())).toBeUndefined();
    expect(conditionHolds({ fact: 'couple', is: true }, facts({ couple: false }))).toBe(false);
    expect(conditionHolds({ fact: 'eventAhead', is: true }, facts({ eventAhead: true }))).toBe(true);
    expect(conditionHolds({ fact: 'eventAhead', is: true }, facts({ eventAhead: false }))).toBe(false);
    expect(conditionHolds({ fact: 'children', atLeast: 1 }, facts({ children: 0 }))).toBe(false);
  });

  it('anyOf holds when one holds, fails when all fail, and is unknown otherwise', () => {
    const mdph: ProcedureCondition = {
      anyOf: [
        { fact: 'age', under: 60 },
        { fact: 'disabilityPercent', atLeast: 50 },
      ],
    };
    expect(conditionHolds(mdph, facts({ age: 45 }))).toBe(true);
    expect(conditionHolds(mdph, facts({ age: 82, disabilityPercent: 80 }))).toBe(true);
    expect(conditionHolds(mdph, facts({ age: 82, disabilityPercent: 0 }))).toBe(false);
    expect(conditionHolds(mdph, facts({ age: 82 }))).toBeUndefined();
  });

  it('keeps a procedure unless one of its conditions is surely false', () => {
    const apa: ProcedureCondition[] = [
      { fact: 'age', atLeast: 60 },
      { fact: 'gir', under: 5 },
    ];
    expect(applies(undefined, facts())).toBe(true);
    expect(applies(apa, facts({ age: 82, gir: 3 }))).toBe(true);
    expect(applies(apa, facts({ age: 82 }))).toBe(true); // GIR not evaluated yet: the APA request evaluates it
    expect(applies(apa, facts({ age: 82, gir: 5 }))).toBe(false);
    expect(applies(apa, facts({ age: 45, gir: 3 }))).toBe(false);
  });

  it('refuses a malformed condition with a French message naming what is wrong', () => {
    expect(conditionProblem({ fact: 'age', atLeast: 60 })).toBeNull();
    expect(conditionProblem({ fact: 'housing', in: ['tenant', 'owner'] })).toBeNull();
    expect(
      conditionProblem({
        anyOf: [
          { fact: 'age', under: 60 },
          { fact: 'gir', atLeast: 5 },
        ],
      }),
    ).toBeNull();
    expect(conditionProblem({ fact: 'salary', atLeast: 1 })).toBe('fait inconnu « salary »');
    expect(conditionProblem({ fact: 'age' })).toBe('age demande atLeast et/ou under');
    expect(conditionProblem({ fact: 'age', atleast: 60 })).toBe('age demande atLeast et/ou under');
    expect(conditionProblem({ fact: 'age', atLeast: 60, under: 60 })).toBe(
      'age : atLeast doit être inférieur à under',
    );
    expect(conditionProblem({ fact: 'age', under: '60' })).toBe(
      'age : bornes numériques positives attendues',
    );
    expect(conditionProblem({ fact: 'couple', is: 'oui' })).toBe('couple demande is: true ou false');
    expect(conditionProblem({ fact: 'housing', in: ['château'] })).toBe(
      'housing : valeur inconnue « château »',
    );
    expect(conditionProblem({ anyOf: [{ fact: 'age', under: 60 }] })).toBe(
      'anyOf demande au moins deux conditions',
    );
    expect(conditionProblem({ anyOf: [{ fact: 'age' }, { fact: 'gir', under: 5 }] })).toBe(
      'age demande atLeast et/ou under',
    );
    expect(conditionProblem('age < 60')).toBe('une condition doit être un objet');
  });
});

interface Step extends OrderedContent {
  id: string;
}
const step = (id: string, urgency: Urgency, deadline: OrderedContent['deadline'] = null): Step => ({
  id,
  urgency,
  deadline,
});

describe('the order of procedures', () => {
  it('puts an immediate step first even when its deadline is months away (France Travail before the Caf)', () => {
    const ordered = orderProcedures(
      [
        step('update-caf', 'soon', { days: 30 }),
        step('health-cover', 'later'),
        step('register-france-travail', 'immediately', { months: 12 }),
      ],
      '2026-11-30',
    );
    expect(ordered.map((s) => s.id)).toEqual(['register-france-travail', 'update-caf', 'health-cover']);
  });

  it('orders by deadline within an urgency, dated steps before undated ones, then as the content lists them', () => {
    const ordered = orderProcedures(
      [
        step('childcare', 'soon'),
        step('cfe', 'soon', { endOfYear: true }),
        step('turnover', 'soon', { lastDayOfMonthAfter: 4 }),
        step('caf', 'soon', { days: 30 }),
        step('cpam', 'soon', { days: 30 }),
      ],
      '2027-01-04',
    );
    // Turnover on 31 May 2027 comes before the CFE of 31 December 2027; two steps due the same day keep their order.
    expect(ordered.map((s) => s.id)).toEqual(['caf', 'cpam', 'turnover', 'cfe', 'childcare']);
  });

  it('always returns every step once, urgencies in order, dated steps of one urgency by date', () => {
    const arbitraryStep = fc.record({
      urgency: fc.constantFrom(...urgencies),
      days: fc.option(fc.integer({ min: -400, max: 800 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryStep, { maxLength: 12 }), (raw) => {
        const steps = raw.map((r, i) =>
          step(`s${i}`, r.urgency, r.days === undefined ? null : { days: r.days }),
        );
        const ordered = orderProcedures(steps, '2026-12-06');
        expect([...ordered].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
          [...steps].sort((a, b) => a.id.localeCompare(b.id)),
        );
        for (let i = 1; i < ordered.length; i++) {
          const [a, b] = [ordered[i - 1]!, ordered[i]!];
          const rank = urgencies.indexOf(a.urgency) - urgencies.indexOf(b.urgency);
          expect(rank).toBeLessThanOrEqual(0);
          if (rank === 0 && a.deadline && b.deadline)
            expect(a.deadline.days!).toBeLessThanOrEqual(b.deadline.days!);
          if (rank === 0 && !a.deadline) expect(b.deadline).toBeNull();
        }
      }),
    );
  });

  it('keeps only the steps whose conditions may hold, in order', () => {
    const steps = [
      { ...step('declare-birth', 'immediately', { days: 5 }) },
      {
        ...step('recognize-child', 'immediately', { days: 0 }),
        conditions: [{ fact: 'eventAhead', is: true }],
      },
      {
        ...step('declare-pregnancy', 'immediately', { days: -189 }),
        conditions: [{ fact: 'eventAhead', is: true }],
      },
    ] as Step[];
    const expected = request([{ role: 'applicant', pregnant: true }]);
    const ahead = proceduresInOrder(steps, {
      request: expected,
      eventDate: '2027-02-15',
      today: '2026-12-06',
    });
    expect(ahead.map((s) => s.id)).toEqual(['declare-pregnancy', 'recognize-child', 'declare-birth']);
    const born = proceduresInOrder(steps, {
      request: expected,
      eventDate: '2026-11-20',
      today: '2026-12-06',
    });
    expect(born.map((s) => s.id)).toEqual(['declare-birth']);
  });
});
