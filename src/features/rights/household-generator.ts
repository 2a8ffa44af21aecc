// A seeded generator of plausible (and some unusual) estimation requests, for the fast-path equivalence test
// and the benchmarks. Same seed, same households: a failure can be replayed.
import type { EstimationRequest, MemberInput } from './contract.ts';

/** A small deterministic pseudo-random generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const months = [
  '2024-04',
  '2024-10',
  '2024-11',
  '2025-03',
  '2025-04',
  '2025-09',
  '2026-01',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-12',
];

/** Returns a generator of requests; about one in ten leaves an answer out, to exercise the missing path. */
export function householdGenerator(seed: number): () => EstimationRequest {
  const random = seededRandom(seed);
  // The answers added later (disability and child support of children, unfitness for work, a deceased
  // relative) draw from their own stream: the households of a seed keep their earlier fields unchanged.
  const extra = seededRandom(seed ^ 0x5eed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const money = (max: number) => (random() < 0.35 ? 0 : Math.round(random() * max * 100) / 100);
  const date = (fromYear: number, toYear: number) => {
    const y = fromYear + Math.floor(random() * (toYear - fromYear + 1));
    const m = 1 + Math.floor(random() * 12);
    const d = 1 + Math.floor(random() * 28);
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
  return () => {
    const month = pick(months);
    const year = Number(month.slice(0, 4));
    const couple = random() < 0.45;
    const adult = (): MemberInput => ({
      role: 'applicant',
      birthDate: date(year - 95, year - 18),
      pregnant: random() < 0.06,
      monthlyNetEarnings: money(3200),
      monthlyReplacementIncome: money(1800),
      disabilityRate: pick([0, 0, 0, 0, 0.5, 0.6, 0.8, 0.9]),
      gir: pick([null, null, null, 1, 2, 3, 4, 5, 6]),
      student: random() < 0.08,
      ...(random() < 0.5 ? { employmentRestriction: random() < 0.5 } : {}),
    });
    const members: MemberInput[] = [adult()];
    if (couple) members.push({ ...adult(), role: 'partner' });
    const children = pick([0, 0, 0, 1, 1, 2, 2, 3, 4, 5]);
    for (let i = 0; i < children; i++) {
      // Children born up to the month estimated (a birth after it would be refused as impossible).
      const born = date(year - 24, year - (random() < 0.1 ? 0 : 1));
      members.push({ role: 'child', birthDate: born.slice(0, 7) > month ? `${month}-01` : born });
    }
    const request: EstimationRequest = {
      month,
      commune: '46042',
      household: {
        couple,
        members,
        housing: {
          status: pick(['tenant', 'tenant', 'owner', 'hosted-free', 'homeless'] as const),
          monthlyRent: 1 + Math.round(random() * 899),
        },
        monthlyHousingAid: money(450),
        annualResources: Math.round(random() * 120000),
        referenceTaxIncome: Math.round(random() * 60000),
      },
    };
    if (random() < 0.25) {
      request.business = {
        activity: pick(['sale', 'services', 'liberal'] as const),
        annualTurnover: Math.round(random() * 90000),
        creationDate: date(year - 3, year),
        acre: random() < 0.5,
      };
      // Whether another ACRE group applies: said, denied, or not answered.
      const group = random();
      if (group < 0.4) request.business.acreGroup = group < 0.2;
    }
    addLaterAnswers(request, extra);
    // Leave one answer out now and then: the estimation must then ask, never guess.
    if (random() < 0.1) {
      const member = members[Math.floor(random() * members.length)] as MemberInput;
      const field = pick(['monthlyNetEarnings', 'monthlyReplacementIncome', 'birthDate', 'student'] as const);
      delete member[field];
    }
    if (random() < 0.05) delete request.household.annualResources;
    // Issue 12 extensions: the previous job (ARE), the charges in the rent and the zone (aides au logement).
    if (random() < 0.4) {
      const applicant = members[0] as MemberInput;
      applicant.previousGrossMonthlySalary = money(6000);
      applicant.monthsWorked = Math.floor(random() * 37);
    }
    const housing = request.household.housing as NonNullable<EstimationRequest['household']['housing']>;
    if (housing.status === 'tenant' && random() < 0.85)
      housing.monthlyCharges = Math.round(random() * Math.min(150, housing.monthlyRent ?? 0));
    if (random() < 0.2) housing.zone = pick([1, 2, 3] as const);
    if (random() < 0.1) delete request.commune;
    return request;
  };
}

/** Fills the answers of the ASPA, ASF, AEEH, capital décès and réversion, about one in ten left out. */
function addLaterAnswers(request: EstimationRequest, random: () => number): void {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const sometimes = (p: number) => random() < p;
  for (const member of request.household.members) {
    if (member.role === 'child') {
      // One child in ten with a recognised rate (far more than in life, so that every threshold is met).
      member.disabilityRate = sometimes(0.9) ? 0 : pick([0.3, 0.5, 0.6, 0.79, 0.8, 0.9]);
      if (member.disabilityRate >= 0.5 && member.disabilityRate < 0.8) member.disabilityCare = sometimes(0.6);
      // Around the ASF amount (about 200 €) and its 15 € threshold, or nothing.
      member.monthlyChildSupport = pick([0, 0, 0, 50, 100, 150, 186.78, 190, 250]);
      if (sometimes(0.1)) delete member.monthlyChildSupport;
      if (sometimes(0.05)) delete member.disabilityRate;
    } else {
      member.unfitForWork = sometimes(0.2);
      member.childrenRaised = pick([0, 1, 2, 3, 4]);
      if (sometimes(0.1)) delete member.unfitForWork;
    }
  }
  if (sometimes(0.15)) {
    // A death from 30 months before the month estimated up to its first day.
    const [y, m] = request.month.split('-').map(Number) as [number, number];
    const back = Math.floor(random() * 30);
    const total = y * 12 + (m - 1) - back;
    const month = String((total % 12) + 1).padStart(2, '0');
    request.household.deceased = {
      deathDate: `${Math.floor(total / 12)}-${month}-01`,
      situation: pick([
        'employee',
        'jobseeker',
        'invalidity',
        'retired',
        'self-employed',
        'civil-servant',
        'farmer',
        'other',
      ] as const),
      monthlyBasePension: pick([0, 400, 900, 1500, 1900]),
      married: sometimes(0.7),
    };
    if (sometimes(0.1)) delete request.household.deceased.monthlyBasePension;
    if (sometimes(0.05)) delete request.household.deceased.situation;
  }
}
