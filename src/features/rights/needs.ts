// Which household inputs a benefit can ever need: every input its rules read in the model (through other rules),
// and those its module names for a request with a business. The navigator asks from this set, so that no
// benefit's missing answer is a question without a page (issue: dead ends), and tests prove it.
import type { InputName } from './inputs.ts';
import { benefits } from './benefits/registry.ts';
import { createPlainEngine, rulesReadBy } from './model.ts';
import type { EstimationRequest } from './contract.ts';
import { inputByRule } from './household-inputs.ts';

// Requests that open every branch of the benefits' input lists (a couple with a child and a business asking for
// the ACRE, the applicant over 25; and the same alone).
const probes: EstimationRequest[] = [
  {
    month: '2026-05',
    household: {
      couple: true,
      members: [
        { role: 'applicant', birthDate: '1980-01-01', pregnant: true, disabilityRate: 0.6 },
        { role: 'partner', birthDate: '1980-01-01', pregnant: true },
        { role: 'child', birthDate: '2025-01-01' },
        { role: 'child', birthDate: '2020-01-01' },
      ],
      housing: { status: 'tenant' },
    },
    business: { acre: true },
  },
  {
    month: '2026-05',
    household: {
      couple: false,
      members: [{ role: 'applicant', birthDate: '2004-01-01', disabilityRate: 0.6 }],
      housing: { status: 'tenant' },
    },
    business: { acre: true },
  },
];

let cache: Map<string, ReadonlySet<InputName>> | undefined;

/** The registry inputs (by their model name) that each benefit can ever need, by benefit id. */
export function inputsBenefitsMayNeed(): Map<string, ReadonlySet<InputName>> {
  if (cache) return cache;
  const engine = createPlainEngine();
  cache = new Map();
  for (const d of benefits) {
    const names = new Set<InputName>();
    if (!d.compute) {
      const roots = [
        `${d.namespace} . éligible`,
        `${d.namespace} . montant`,
        ...d.explanation.map((l) => l.rule),
      ];
      for (const rule of rulesReadBy(engine, roots)) if (inputByRule.has(rule)) names.add(rule as InputName);
    }
    const inputs = d.inputs;
    const lists = typeof inputs === 'function' ? probes.map((p) => inputs(p)) : [inputs];
    for (const list of lists) for (const name of list) names.add(name);
    cache.set(d.id, names);
  }
  return cache;
}
