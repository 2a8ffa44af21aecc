// `est non défini` (and `est défini`, its negation): whether a value is missing. Publicodes: mecanisms/est.ts.
import type { ASTNode } from 'publicodes';
import type { CompileContext, Fn } from '../context.ts';

/** Compiles an `est non défini` node (a boolean, without unit). */
export function compileEstNonDefini(cx: CompileContext, node: ASTNode<'est non défini'>): Fn {
  const inner = cx.node(node.explanation);
  return (c) => {
    const v = inner(c);
    c.u = 0;
    return v === undefined;
  };
}
