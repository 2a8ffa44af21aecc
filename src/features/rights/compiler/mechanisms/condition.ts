// `condition` (si / alors / sinon), the node Publicodes builds for `applicable si`, `non applicable si`,
// `par défaut`, `plancher`, `plafond` and a rule's situation. Publicodes: mecanisms/condition.ts.
import type { ASTNode } from 'publicodes';
import type { CompileContext, Fn } from '../context.ts';

/** Compiles a condition node. */
export function compileCondition(cx: CompileContext, node: ASTNode<'condition'>): Fn {
  const e = node.explanation;
  const si = cx.node(e.si);
  const alors = cx.node(e.alors);
  const sinon = cx.node(e.sinon);
  return (c) => {
    const cond = si(c);
    if (cond === true) return alors(c);
    if (cond === false) return sinon(c);
    if (cond === null) {
      c.u = 0;
      return null;
    }
    // Undefined: the engine evaluates both branches for their missing variables; the value stays undefined.
    // Its unit is the "alors" branch's.
    alors(c);
    return undefined;
  };
}
