// `variations`: the first branch whose condition holds; an undefined condition before it makes the value
// undefined, and every consequence evaluated is converted to the unit of the first. Publicodes:
// mecanisms/variations.ts.
import type { ASTNode } from 'publicodes';
import type { CompileContext, Fn } from '../context.ts';

/** Compiles a variations node. */
export function compileVariations(cx: CompileContext, node: ASTNode<'variations'>): Fn {
  const units = cx.units;
  const branches = node.explanation.map((b) => ({
    condition: cx.node(b.condition),
    consequence: cx.node(b.consequence),
  }));
  return (c) => {
    let undefinedBefore = false;
    let unit = 0;
    for (const branch of branches) {
      const cond = branch.condition(c);
      if (cond === false || cond === null) continue;
      // A condition that is true or undefined: its consequence is evaluated (and converted to the unit
      // of an earlier evaluated consequence).
      let v = branch.consequence(c);
      if (unit !== 0 && typeof v === 'number' && v) {
        const f = units.factor(c.u, unit);
        if (f !== null) v = v * f;
        c.u = unit;
      } else if (unit !== 0) c.u = unit;
      if (cond === undefined || undefinedBefore) {
        undefinedBefore = true;
        unit ||= c.u;
        continue;
      }
      return v;
    }
    c.u = unit;
    return undefinedBefore ? undefined : null;
  };
}
