// The monthly cost of a first employee for a very small business, computed by modele-social (the URSSAF's
// model behind mon-entreprise.urssaf.fr): gross salary, employer contributions after the general reduction
// (réduction générale des cotisations patronales) and total cost. Used by the "first hire" life-event plan.
import { evaluateUrssaf, toCents, urssafDate } from './engine.ts';

/** What the cost depends on. */
export interface FirstHireInput {
  /** The month estimated, YYYY-MM: the rates and the SMIC in force that month apply. */
  month: string;
  /** Gross monthly salary of a full-time employee, in euros. */
  grossMonthlySalary: number;
  /** Headcount of the business once the employee is hired (1 for a first hire). */
  headcount?: number;
}

/** The monthly cost of the employee, in euros. */
export interface FirstHireCost {
  month: string;
  grossMonthlySalary: number;
  /** Employer contributions after the general reduction on low wages. */
  employerContributions: number;
  /** Gross salary + employer contributions. */
  totalCost: number;
  /** What the employee receives before income tax. */
  netSalary: number;
  sources: { title: string; url: string }[];
}

const cache = new Map<string, FirstHireCost>();
const CACHE_LIMIT = 1000;

/** Monthly total cost of a first employee (gross, employer contributions, total), from modele-social. */
export function estimateFirstHireCost(input: FirstHireInput): FirstHireCost {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.month))
    throw new RangeError(`month must be YYYY-MM: ${input.month}`);
  if (!Number.isFinite(input.grossMonthlySalary) || input.grossMonthlySalary <= 0) {
    throw new RangeError('grossMonthlySalary must be a positive number of euros');
  }
  const headcount = input.headcount ?? 1;
  if (!Number.isInteger(headcount) || headcount < 1)
    throw new RangeError('headcount must be a positive integer');
  const key = `${input.month}|${input.grossMonthlySalary}|${headcount}`;
  const cached = cache.get(key);
  if (cached) return cached;

  const [total, employer, net] = evaluateUrssaf(
    {
      date: urssafDate(input.month),
      'salarié . contrat . salaire brut': `${input.grossMonthlySalary} €/mois`,
      'entreprise . salariés . effectif': headcount,
    },
    [
      'salarié . coût total employeur',
      'salarié . cotisations . employeur',
      'salarié . rémunération . net . à payer avant impôt',
    ],
  );
  if (total === undefined || employer === undefined || net === undefined) {
    throw new Error('modele-social gave no employer cost for this situation');
  }
  const result: FirstHireCost = {
    month: input.month,
    grossMonthlySalary: input.grossMonthlySalary,
    employerContributions: toCents(employer),
    totalCost: toCents(total),
    netSalary: toCents(net),
    sources: [
      {
        title: 'Estimer le coût d’une embauche — simulateur de l’Urssaf',
        url: 'https://mon-entreprise.urssaf.fr/simulateurs/salarié',
      },
      {
        title: 'Réduction générale des cotisations patronales — Urssaf',
        url: 'https://www.urssaf.fr/accueil/employeur/beneficier-exonerations/reduction-generale-cotisation.html',
      },
    ],
  };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}
