// `arrondi`: rounds to a number of decimals (`oui` is 0), after simplifying the unit. Publicodes:
// mecanisms/arrondi.ts.
import type { ASTNode } from 'publicodes';
import type { CompileContext, Fn } from '../context.ts';
import { roundTo } from '../values.ts';

/** Compiles an `arrondi` node. */
export function compileArrondi(cx: CompileContext, node: ASTNode<'arrondi'>): Fn {
  const units = cx.units;
  const valeur = cx.node(node.explanation.valeur);
  const arrondi = cx.node(node.explanation.arrondi);
  return (c) => {
    let v = valeur(c);
    let u = c.u;
    if (u !== 0 && typeof v === 'number') {
      const to = units.simplified(u);
      const f = units.factor(u, to);
      if (f !== null) v = v * f;
      u = to;
    }
    if (v === false) {
      c.u = u;
      return v;
    }
    const digits = arrondi(c);
    c.u = u;
    if (typeof v !== 'number') return v;
    if (typeof digits === 'number') return roundTo(v, digits);
    if (digits === true) return roundTo(v, 0);
    if (digits === undefined) return undefined;
    return v;
  };
}
