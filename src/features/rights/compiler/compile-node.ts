// The dispatcher: one compiler per node kind, each in its own file under mechanisms/ (as Publicodes keeps
// one file per mechanism). A node kind not listed stops the compilation with the rule's name.
import type { ASTNode } from 'publicodes';
import { unitOf, type CompileContext, type Fn } from './context.ts';
import { compileArrondi } from './mechanisms/arrondi.ts';
import { compileBareme } from './mechanisms/bareme.ts';
import { compileCondition } from './mechanisms/condition.ts';
import { compileEstNonApplicable } from './mechanisms/est-non-applicable.ts';
import { compileEstNonDefini } from './mechanisms/est-non-defini.ts';
import { compileGrille } from './mechanisms/grille.ts';
import { compileOperation } from './mechanisms/operation.ts';
import { compileSimplifierUnite, compileUnite } from './mechanisms/unite.ts';
import { compileVariations } from './mechanisms/variations.ts';
import { situationRuleOf } from './rule-names.ts';
import type { Value } from './values.ts';

/** Compiles a node of any supported kind. */
export function compileNode(cx: CompileContext, node: ASTNode): Fn {
  switch (node.nodeKind) {
    case 'constant': {
      const value = node.nodeValue as Value;
      const u = unitOf(cx, node);
      return (c) => {
        c.u = u;
        return value;
      };
    }
    case 'reference': {
      const name = node.dottedName as string;
      const situationOf = situationRuleOf(name);
      if (situationOf !== undefined) return cx.situation(situationOf);
      // The rule's own closure, not a closure calling it: one call less for each of the ~2,000 references.
      return cx.rule(name);
    }
    case 'rule':
      return cx.rule(node.dottedName);
    case 'operation':
      return compileOperation(cx, node);
    case 'condition':
      return compileCondition(cx, node);
    case 'variations':
      return compileVariations(cx, node);
    case 'est non défini':
      return compileEstNonDefini(cx, node);
    case 'est non applicable':
      return compileEstNonApplicable(cx, node);
    case 'unité':
      return compileUnite(cx, node);
    case 'simplifier unité':
      return compileSimplifierUnite(cx, node);
    case 'arrondi':
      return compileArrondi(cx, node);
    case 'variable manquante':
      // `par défaut` marks the rule whose value is missing; the value is the expression's.
      return cx.node(node.explanation);
    case 'barème':
      return compileBareme(cx, node);
    case 'grille':
      return compileGrille(cx, node);
    default:
      return cx.unsupported((node as { nodeKind?: string }).nodeKind ?? 'nœud sans type');
  }
}
