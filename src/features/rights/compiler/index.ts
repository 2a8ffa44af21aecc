// The fast path: the parsed Publicodes rules compiled once into plain JavaScript closures.
// The plain engine costs about 35 µs per rule evaluated because it rebuilds explanation objects and tracks
// missing variables at every node; the closures compute only the value (and its unit), following the
// engine's semantics node kind by node kind. The model stays the single source of truth: the closures are
// derived from the engine's own parsed rules, and fast-path.test.ts proves both agree on every worked example
// and on 10,000 generated households. An unsupported node kind stops the compilation with its rule name.
//
// The rooms: this entry point (the model compiled, `open` / `evaluate`); context.ts (the compile context
// handed to every mechanism, the evaluation state handed to every closure); compile-node.ts (one compiler
// per node kind, each in mechanisms/); rule.ts and namespace.ts (a rule, its memo, cycles, its parent);
// month-parameters.ts; units.ts; values.ts; publicodes-internals.ts (the one adapter over Publicodes'
// internals, and the version they were proven on).
import type Engine from 'publicodes';
import type { Situation } from '../situation.ts';
import { compileNode } from './compile-node.ts';
import { NOT_YET, UnsupportedMechanismError, type CompileContext, type Fn, type State } from './context.ts';
import { compileNotApplicable } from './mechanisms/est-non-applicable.ts';
import { monthOnly } from './month-parameters.ts';
import { readModel } from './publicodes-internals.ts';
import { ruleClosure, situationClosure } from './rule.ts';
import { Units } from './units.ts';
import type { Value } from './values.ts';

export { UnsupportedMechanismError } from './context.ts';
export type { Value } from './values.ts';

/** A model ready to evaluate. */
export interface CompiledModel {
  evaluate(situation: Situation, rules: readonly string[]): Value[];
  /** Starts one situation's evaluation; the value of `rules[i]` on demand, memoised, until the next call. */
  open(situation: Situation, rules: readonly string[]): (i: number) => Value;
}

/** Compiles every rule of the engine's model; throws UnsupportedMechanismError on an unknown mechanism. */
export function compileModel(engine: Engine): CompiledModel {
  const model = readModel(engine);
  const names = Object.keys(model.rules);
  const indexOf = new Map(names.map((n, i) => [n, i]));
  const cx: CompileContext = {
    model,
    units: new Units(),
    indexOf,
    ruleClosures: new Array<Fn | undefined>(names.length),
    monthOnly: monthOnly(model),
    currentRule: '',
    node: (node) => compileNode(cx, node),
    rule: (name) => ruleClosure(cx, name),
    situation: (name) => situationClosure(cx, name),
    notApplicable: (node) => compileNotApplicable(cx, node),
    unsupported(what) {
      throw new UnsupportedMechanismError(
        `Le chemin rapide ne sait pas compiler « ${what} » (règle « ${cx.currentRule} »)`,
      );
    },
  };

  // Compile every rule now, so that an unsupported mechanism fails at start rather than on some household.
  for (const name of names) cx.rule(name);

  const size = names.length;
  const state: State = {
    situation: new Array<Value>(size).fill(undefined),
    values: new Array<Value>(size).fill(NOT_YET),
    units: new Int32Array(size),
    busy: new Uint8Array(size),
    inaBusy: new Uint8Array(size),
    ina: new Uint8Array(size),
    u: 0,
  };
  let given: number[] = [];
  // The closures of the rules asked, resolved once per list of names (estimate.ts asks the same list each time).
  const resolved = new WeakMap<readonly string[], Fn[]>();

  const open = (situation: Situation, rules: readonly string[]): ((i: number) => Value) => {
    // Reset only what the previous household set: the arrays are reused (flat memory, no garbage).
    for (let i = 0; i < given.length; i++) state.situation[given[i] as number] = undefined;
    given = [];
    state.values.fill(NOT_YET);
    state.ina.fill(0);
    // An evaluation that threw (a division by zero) left its rules marked as being evaluated: clear them, or
    // every later household would read those rules as a cycle.
    state.busy.fill(0);
    state.inaBusy.fill(0);
    for (const name in situation) {
      const i = indexOf.get(name);
      if (i === undefined) throw new Error(`Entrée inconnue du modèle : ${name}`);
      const raw = situation[name] as Situation[string];
      state.situation[i] = typeof raw === 'object' ? raw.date : raw;
      given.push(i);
    }
    let fns = resolved.get(rules);
    if (!fns) {
      fns = rules.map((name) => cx.rule(name));
      resolved.set(rules, fns);
    }
    const opened = fns;
    return (i) => (opened[i] as Fn)(state);
  };

  return {
    open,
    evaluate(situation, rules) {
      const value = open(situation, rules);
      const out: Value[] = new Array(rules.length);
      for (let i = 0; i < rules.length; i++) out[i] = value(i);
      return out;
    },
  };
}
