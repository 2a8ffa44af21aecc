// The disabling of a namespace by its parent: a rule is not applicable when its nearest parent that can be
// switched off is (its nearest parent typed nullable or boolean, as Publicodes' `evaluateDisablingParent`
// chooses it), or is `non`. Publicodes: the `rule` evaluation in parseRule.ts.
import type { ASTNode, RuleNode } from 'publicodes';
import type { CompileContext, State } from './context.ts';

/** The nearest parent that can switch the rule off, if any. */
function nearestNullableParent(cx: CompileContext, rule: RuleNode): ASTNode | undefined {
  return rule.explanation.parents.find(
    (ref) => cx.model.typeOf(ref)?.isNullable || cx.model.typeOf(ref)?.type === 'boolean',
  );
}

/** Whether the rule is switched off by its nearest parent that can be off (not applicable, or "non"). */
export function disabledByParentFn(cx: CompileContext, rule: RuleNode): ((c: State) => boolean) | undefined {
  const parent = nearestNullableParent(cx, rule);
  if (!parent) return undefined;
  const parentName = (parent as { dottedName: string }).dottedName;
  const type = cx.model.typeOf(parent);
  const parentNotApplicable = type?.isNullable
    ? cx.notApplicable(cx.model.rules[parentName] as ASTNode)
    : undefined;
  const parentValue = type?.type === 'boolean' ? cx.rule(parentName) : undefined;
  return (c) => {
    const u = c.u;
    if (parentNotApplicable && parentNotApplicable(c) === true) {
      c.u = u;
      return true;
    }
    if (parentValue) {
      const v = parentValue(c);
      c.u = u;
      return v === false;
    }
    c.u = u;
    return false;
  };
}
