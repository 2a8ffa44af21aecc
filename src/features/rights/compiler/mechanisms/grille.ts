// `grille`: the amount of the bracket the base falls in. Publicodes: mecanisms/grille.ts.
import type { ASTNode } from 'publicodes';
import type { CompileContext, Fn } from '../context.ts';
import { ceilings, compileTranches, type Tranche } from './tranches.ts';

/** Compiles a `grille` node. */
export function compileGrille(cx: CompileContext, node: ASTNode<'grille'>): Fn {
  const rule = cx.currentRule; // for the messages of errors raised while evaluating
  const assiette = cx.node(node.explanation.assiette);
  const multiplicateur = cx.node(node.explanation.multiplicateur);
  const tranches = compileTranches(cx, node);
  return (c) => {
    const base = assiette(c);
    const baseUnit = c.u;
    const mult = multiplicateur(c);
    const multUnit = c.u;
    if (mult === 0) throw new Error(`Le multiplicateur ne peut pas être nul (règle « ${rule} »)`);
    const bounds = ceilings(cx, c, tranches, base, baseUnit, mult, multUnit, rule);
    const activeIndex = bounds.findIndex((b) => b.active === true);
    if (activeIndex >= 0) {
      const t = tranches[activeIndex] as Tranche;
      if (!t.montant) {
        c.u = 0;
        return undefined;
      }
      return t.montant(c);
    }
    const last = bounds[bounds.length - 1];
    c.u = 0;
    if (last && last.after === false && last.active === false) return false;
    if (bounds.some((b) => b.active === undefined)) return undefined;
    return false;
  };
}
