// Placeholder until the compiled fast path lands: evaluates through the plain engine.
import type Engine from 'publicodes';
import { toPublicodesSituation, type Situation } from './situation.ts';

/** A model ready to evaluate. */
export interface CompiledModel {
  evaluate(situation: Situation, rules: readonly string[]): (number | boolean | string | null | undefined)[];
}

/** Compiles the parsed rules of an engine. */
export function compileModel(engine: Engine): CompiledModel {
  return {
    evaluate(situation, rules) {
      engine.setSituation(toPublicodesSituation(situation) as Parameters<typeof engine.setSituation>[0]);
      return rules.map((rule) => engine.evaluate(rule).nodeValue as number | boolean | string | null | undefined);
    },
  };
}
