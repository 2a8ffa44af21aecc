// `est non applicable`, and the question "is this node not applicable?" that namespaces ask of their parent.
// Structural, as the engine does: a node Publicodes typed as never null is never "non applicable"; a rule
// is when its parent switches it off or when its value is; a condition asks its chosen branch. Publicodes:
// mecanisms/est-non-applicable.ts.
import type { ASTNode, RuleNode } from 'publicodes';
import type { CompileContext, Fn, NotApplicableFn, State } from '../context.ts';
import { disabledByParentFn } from '../namespace.ts';
import { situationRuleOf } from '../rule-names.ts';

/** Compiles "est non applicable" of any node. */
export function compileNotApplicable(cx: CompileContext, node: ASTNode): NotApplicableFn {
  if (
    node.nodeKind !== 'rule' &&
    node.nodeKind !== 'reference' &&
    cx.model.typeOf(node)?.isNullable === false
  )
    return () => false;
  switch (node.nodeKind) {
    case 'rule':
      return ruleNotApplicable(cx, node);
    case 'reference': {
      const target = cx.model.rules[node.dottedName as string] as RuleNode;
      let inner: NotApplicableFn | undefined;
      return (c) => {
        inner ??= cx.notApplicable(target as ASTNode);
        return inner(c);
      };
    }
    case 'condition': {
      const e = node.explanation;
      const si = cx.node(e.si);
      const alors = cx.notApplicable(e.alors);
      const sinon = cx.notApplicable(e.sinon);
      return (c) => {
        const cond = si(c);
        if (cond === true) return alors(c);
        if (cond === false) return sinon(c);
        if (cond === null) return null as unknown as boolean;
        return undefined;
      };
    }
    default: {
      const value = cx.node(node);
      return (c) => {
        const v = value(c);
        return v === undefined ? undefined : v === null;
      };
    }
  }
}

function ruleNotApplicable(cx: CompileContext, node: RuleNode): NotApplicableFn {
  const name = node.dottedName;
  const situationOf = situationRuleOf(name);
  if (situationOf !== undefined) {
    const value = cx.situation(situationOf);
    return (c) => {
      const v = value(c);
      return v === undefined ? undefined : v === null;
    };
  }
  const disabled = disabledByParentFn(cx, node);
  let inner: NotApplicableFn | undefined;
  const valeur = node.explanation.valeur;
  const index = cx.indexOf.get(name) as number;
  let value: Fn | undefined;
  return (c) => {
    // Memoised per evaluation: every child of a namespace asks whether its parent is applicable.
    const known = c.ina[index];
    if (known === 1) return true;
    if (known === 2) return false;
    if (known === 3) return undefined;
    const result = notApplicable(c);
    c.ina[index] = result === true ? 1 : result === false ? 2 : result === undefined ? 3 : 0;
    return result;
  };
  function notApplicable(c: State): boolean | undefined {
    if (disabled && disabled(c)) return true;
    if (c.inaBusy[index]) {
      // Re-entered through a cycle: fall back on the value, whose evaluation cuts cycles.
      const v = (value ??= cx.rule(name))(c);
      return v === undefined ? undefined : v === null;
    }
    inner ??= cx.notApplicable(valeur);
    c.inaBusy[index] = 1;
    const result = inner(c);
    c.inaBusy[index] = 0;
    return result;
  }
}

/** Compiles an `est non applicable` node (a boolean, without unit). */
export function compileEstNonApplicable(cx: CompileContext, node: ASTNode<'est non applicable'>): Fn {
  const inner = cx.notApplicable(node.explanation);
  return (c) => {
    const v = inner(c);
    c.u = 0;
    return v;
  };
}
