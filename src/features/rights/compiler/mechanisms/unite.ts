// `unité` (convert a value to the unit written) and `simplifier unité` (drop percentages, keep the rest).
// Publicodes: mecanisms/unité.ts and mecanisms/simplifier-unité.ts.
import type { ASTNode } from 'publicodes';
import { unitOf, type CompileContext, type Fn } from '../context.ts';

/** Compiles a `unité` node. */
export function compileUnite(cx: CompileContext, node: ASTNode<'unité'>): Fn {
  const units = cx.units;
  const inner = cx.node(node.explanation);
  const to = unitOf(cx, node);
  return (c) => {
    const v = inner(c);
    const from = c.u;
    c.u = to;
    if (v === null || typeof v !== 'number' || !v) return v;
    const f = units.factor(from, to);
    return f === null ? v : v * f;
  };
}

/** Compiles a `simplifier unité` node. */
export function compileSimplifierUnite(cx: CompileContext, node: ASTNode<'simplifier unité'>): Fn {
  const units = cx.units;
  const inner = cx.node(node.explanation);
  return (c) => {
    const v = inner(c);
    if (c.u === 0 || v === null || v === undefined) return v;
    const to = units.simplified(c.u);
    const f = units.factor(c.u, to);
    c.u = to;
    return typeof v === 'number' && f !== null ? v * f : v;
  };
}
