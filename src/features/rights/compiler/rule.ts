// A rule: its value memoised per evaluation, cycles cut as the engine cuts them (an undefined value), the
// rule switched off by its parent, and the dated parameters computed once per month. Publicodes: the `rule`
// evaluation in parseRule.ts.
import type { RuleNode } from 'publicodes';
import { NOT_YET, type CompileContext, type Fn } from './context.ts';
import { disabledByParentFn } from './namespace.ts';
import { MONTH_RULE } from './month-parameters.ts';
import { situationRuleOf } from './rule-names.ts';
import type { Value } from './values.ts';

/** A closure computing the rule's value, memoised per evaluation; compiled once per model. */
export function ruleClosure(cx: CompileContext, name: string): Fn {
  const index = cx.indexOf.get(name);
  if (index === undefined) return cx.unsupported(`référence inconnue ${name}`);
  const existing = cx.ruleClosures[index];
  if (existing) return existing;
  // Late binding: the body is compiled after the closure exists, so that mutually referencing rules compile.
  const slot: { body?: Fn } = {};
  const fn: Fn = (c) => {
    const cached = c.values[index];
    if (cached !== NOT_YET) {
      c.u = c.units[index] as number;
      return cached;
    }
    if (c.busy[index]) {
      // A cycle: the engine gives up on the inner evaluation with an undefined value.
      c.u = 0;
      return undefined;
    }
    c.busy[index] = 1;
    const value = (slot.body as Fn)(c);
    c.busy[index] = 0;
    c.values[index] = value;
    c.units[index] = c.u;
    return value;
  };
  const monthIndex = cx.indexOf.get(MONTH_RULE);
  if (monthIndex !== undefined && cx.monthOnly(name)) {
    const byMonth = new Map<Value, { value: Value; unit: number }>();
    const computed = fn;
    const cachedFn: Fn = (c) => {
      const month = c.situation[monthIndex];
      const hit = byMonth.get(month);
      if (hit) {
        c.u = hit.unit;
        return hit.value;
      }
      const value = computed(c);
      if (byMonth.size < 1000) byMonth.set(month, { value, unit: c.u });
      return value;
    };
    cx.ruleClosures[index] = cachedFn;
  } else cx.ruleClosures[index] = fn;
  const previous = cx.currentRule;
  cx.currentRule = name;
  slot.body = compileRule(cx, name, cx.model.rules[name] as RuleNode);
  cx.currentRule = previous;
  return cx.ruleClosures[index] as Fn;
}

/** The closure reading a rule's value from the situation (no unit: the situation gives plain values). */
export function situationClosure(cx: CompileContext, name: string): Fn {
  const index = cx.indexOf.get(name);
  if (index === undefined) return cx.unsupported(`entrée inconnue ${name}`);
  return (c) => {
    c.u = 0;
    return c.situation[index];
  };
}

function compileRule(cx: CompileContext, name: string, rule: RuleNode): Fn {
  const situationOf = situationRuleOf(name);
  if (situationOf !== undefined) return cx.situation(situationOf);
  if (Array.isArray(rule.replacements) && rule.replacements.length > 0)
    cx.unsupported('remplace / rend non applicable');
  if (rule.possibilities) cx.unsupported('une possibilité');
  const disabled = disabledByParentFn(cx, rule);
  const valeur = cx.node(rule.explanation.valeur);
  if (!disabled) return valeur;
  return (c) => {
    if (disabled(c)) {
      c.u = 0;
      return null;
    }
    return valeur(c);
  };
}
