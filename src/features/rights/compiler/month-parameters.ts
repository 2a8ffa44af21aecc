// Rules that depend on nothing but the month estimated (the dated parameters) are computed once per month
// and kept. This finds which situation values a rule depends on.
import type { ModelView } from './publicodes-internals.ts';
import { situationRuleOf } from './rule-names.ts';

/** The month every dated parameter reads. */
export const MONTH_RULE = 'mois estimé';

/** Whether a rule's value depends on the month estimated and on no other situation value. */
export function monthOnly(model: ModelView): (name: string) => boolean {
  const dependencyCache = new Map<string, Set<string>>();
  function situationDependencies(name: string): Set<string> {
    const known = dependencyCache.get(name);
    if (known) return known;
    const deps = new Set<string>();
    dependencyCache.set(name, deps); // a cycle sees the partial set; cycles are cut at evaluation anyway
    const situationOf = situationRuleOf(name);
    if (situationOf !== undefined) {
      deps.add(situationOf);
      return deps;
    }
    const rule = model.rules[name];
    if (!rule) return deps;
    const visit = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) {
        node.forEach(visit);
        return;
      }
      const n = node as Record<string, unknown>;
      if ((n.nodeKind === 'reference' || n.nodeKind === 'rule') && typeof n.dottedName === 'string') {
        for (const d of situationDependencies(n.dottedName)) deps.add(d);
        return;
      }
      for (const [key, child] of Object.entries(n)) {
        if (key === 'rawNode' || key === 'sourceMap' || key === 'missingVariables') continue;
        if (child && typeof child === 'object') visit(child);
      }
    };
    visit(rule.explanation.valeur);
    visit(rule.explanation.parents);
    return deps;
  }
  return (name) =>
    situationRuleOf(name) === undefined && [...situationDependencies(name)].every((d) => d === MONTH_RULE);
}
