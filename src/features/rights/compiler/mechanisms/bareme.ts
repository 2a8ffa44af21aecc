// `barème`: each bracket's rate applied to the part of the base inside it, summed. Publicodes:
// mecanisms/barème.ts.
import type { ASTNode } from 'publicodes';
import type { CompileContext, Fn } from '../context.ts';
import type { Units } from '../units.ts';
import { ceilings, compileTranches, type Tranche } from './tranches.ts';

/** Compiles a `barème` node. */
export function compileBareme(cx: CompileContext, node: ASTNode<'barème'>): Fn {
  const units = cx.units;
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
    if (base === 0 || base === undefined || base === null) {
      c.u = baseUnit;
      return base;
    }
    const bounds = ceilings(cx, c, tranches, base, baseUnit, mult, multUnit, rule);
    let total: number | undefined = 0;
    for (let i = 0; i < tranches.length; i++) {
      const b = bounds[i] as (typeof bounds)[number];
      if (b.after) continue;
      const t = tranches[i] as Tranche;
      const rate = t.taux ? t.taux(c) : undefined;
      const rateUnit = c.u;
      if (rate === undefined || b.high === undefined || b.low === undefined) {
        total = undefined;
        continue;
      }
      const f = units.factor(rateUnit, 0) ?? 1;
      const part =
        (Math.min(base as number, b.high) - b.low) *
        ((rate as number) * (rateUnit === 0 ? 1 : percentToPlain(units, rateUnit, f)));
      if (total !== undefined) total += part;
    }
    c.u = baseUnit;
    return total;
  };
}

// Converting a rate to "no unit": only percentages convert (÷100); other units stay as they are.
function percentToPlain(units: Units, rateUnit: number, factor: number): number {
  return units.hasPercentAbove(rateUnit) ? factor : 1;
}
