// Rules that depend on nothing but the month estimated (the dated parameters) are computed once per month
// and kept. This finds, through Publicodes' public `reduceAST`, which situation values a rule depends on.
import { reduceAST, type ASTNode } from 'publicodes';
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
    const collect = (node: ASTNode) =>
      reduceAST<Set<string>>(
        (acc, n) => {
          if ((n.nodeKind === 'reference' || n.nodeKind === 'rule') && typeof n.dottedName === 'string') {
            for (const d of situationDependencies(n.dottedName)) acc.add(d);
            return acc; // a rule's own dependencies are its own: do not descend
          }
          return undefined;
        },
        deps,
        node,
      );
    collect(rule.explanation.valeur);
    for (const parent of rule.explanation.parents) collect(parent);
    return deps;
  }
  return (name) =>
    situationRuleOf(name) === undefined && [...situationDependencies(name)].every((d) => d === MONTH_RULE);
}
