// The estimation use-case: pure, no I/O. The API, the batch and the navigator call `estimate`; the plain
// Publicodes engine and the compiled fast path both implement `Evaluator`, so tests can prove they agree.
import type {
  BenefitResult,
  EstimationRequest,
  EstimationResponse,
  MissingField,
  Source,
} from './contract.ts';
import type { BenefitDefinition, ExplanationLine, ProvisionalValue } from './benefit.ts';
import { benefits as registeredBenefits } from './benefits/registry.ts';
import { isCouple, missingFor, type InputName } from './inputs.ts';
import { withAssumptions, type AppliedAssumption } from './assumptions.ts';
import { formatEuros, formatNumber } from '../../platform/money.ts';
import { loadRules, referencesOf, createPlainEngine } from './model.ts';
import { toPublicodesSituation, toSituation, type Situation } from './situation.ts';
import { compileModel } from './compiler/index.ts';

/** A value computed by the model: null when not applicable, undefined when an input is missing. */
export type RuleValue = number | boolean | string | null | undefined;

/** Evaluates named rules of the model for one situation. */
export interface Evaluator {
  evaluate(situation: Situation, rules: readonly string[]): RuleValue[];
  /**
   * Starts the evaluation of one situation and returns the value of `rules[i]` on demand, each rule evaluated
   * at most once: the estimator asks for an amount only when the benefit is due (4 times in 5 it is not, and
   * the amounts are half the work). Valid until the next call.
   */
  open(situation: Situation, rules: readonly string[]): (i: number) => RuleValue;
}

/** The plain Publicodes engine: the reference, about 35 µs per rule evaluated. */
export function plainEvaluator(): Evaluator {
  const engine = createPlainEngine();
  const open = (situation: Situation, rules: readonly string[]) => {
    engine.setSituation(toPublicodesSituation(situation) as Parameters<typeof engine.setSituation>[0]);
    return (i: number) => engine.evaluate(rules[i] as string).nodeValue as RuleValue;
  };
  return {
    open,
    evaluate(situation, rules) {
      const value = open(situation, rules);
      return rules.map((_, i) => value(i));
    },
  };
}

/** The compiled fast path: the same model turned once into plain JavaScript closures. */
export function compiledEvaluator(): Evaluator {
  const compiled = compileModel(createPlainEngine());
  return {
    open: (situation, rules) => compiled.open(situation, rules),
    evaluate: (situation, rules) => compiled.evaluate(situation, rules),
  };
}

interface PreparedBenefit {
  definition: BenefitDefinition;
  sources: Source[];
  /** Index of `<namespace> . éligible`, `<namespace> . montant`, then of each explanation line, in `rules`. */
  eligibleAt: number;
  amountAt: number;
  linesAt: number[];
  /** The explanation of "not entitled this month", built once: the same string every time (the answer writer
   * encodes the whole result of a benefit that is not due once, keyed by it). */
  notDueText: string;
}

interface Prepared {
  rules: string[];
  benefits: PreparedBenefit[];
}

/** Resolves once which rules every estimation evaluates and the sources of each benefit. */
function prepare(definitions: readonly BenefitDefinition[]): Prepared {
  const model = loadRules();
  const rules: string[] = [];
  const at = (rule: string) => {
    let index = rules.indexOf(rule);
    if (index < 0) index = rules.push(rule) - 1;
    return index;
  };
  const prepared = definitions.map((definition) => {
    const sources: Source[] = [definition.officialUrl, ...(definition.sources ?? [])];
    if (!definition.compute) {
      for (const name of [
        `${definition.namespace} . éligible`,
        `${definition.namespace} . montant`,
        ...definition.explanation.map((l) => l.rule),
      ]) {
        if (!(name in model))
          throw new Error(`La prestation ${definition.id} lit la règle « ${name} », absente du modèle`);
      }
      // The legal sources of the figures shown: the `références` of the benefit's own rule, of its eligibility
      // and amount, and of every rule its explanation names (each parameter carries its decree there).
      const shown = [
        definition.namespace,
        `${definition.namespace} . éligible`,
        `${definition.namespace} . montant`,
        ...definition.explanation.map((l) => l.rule),
      ];
      for (const name of shown) sources.push(...referencesOf(model[name] ?? null));
    }
    const unique = [...new Map(sources.map((s) => [s.url, s])).values()];
    return {
      definition,
      sources: unique,
      eligibleAt: definition.compute ? -1 : at(`${definition.namespace} . éligible`),
      amountAt: definition.compute ? -1 : at(`${definition.namespace} . montant`),
      linesAt: definition.compute ? [] : definition.explanation.map((l) => at(l.rule)),
      notDueText: `${definition.summary}\nD’après ces réponses, le foyer n’y a pas droit ce mois-ci.`,
    };
  });
  return { rules, benefits: prepared };
}

function formatLine(line: ExplanationLine, value: RuleValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (line.hideWhenZero && (value === 0 || value === false)) return undefined;
  let text: string;
  if (typeof value === 'boolean') text = value ? 'oui' : 'non';
  else if (typeof value === 'string') text = value;
  else if (line.format === 'nombre') text = formatNumber(value);
  else if (line.format === 'pourcentage') text = `${formatNumber(value)} %`;
  else text = formatEuros(Math.round(value * 100) / 100);
  // Intl puts narrow no-break spaces in French numbers; keep them, they read well in every output.
  return `${line.label} : ${text}.`;
}

/** Rounds to the cent, as every amount of the contract. */
function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

/** How an estimation reads a request beyond the contract. */
export interface EstimateOptions {
  /** Request fields the person said they do not know: assumed where the registry allows it. */
  unknown?: ReadonlySet<string>;
}

/** Builds the estimator for a list of benefits and an evaluator (the plain engine or the fast path). */
export function createEstimator(
  evaluator: Evaluator,
  definitions: readonly BenefitDefinition[] = registeredBenefits,
) {
  const prepared = prepare(definitions);
  return function estimateWith(asked: EstimationRequest, options: EstimateOptions = {}): EstimationResponse {
    const { request, applied } = withAssumptions(asked, options.unknown);
    const situation = toSituation(request);
    const value = evaluator.open(situation, prepared.rules);
    const couple = isCouple(request);
    const allMissing = new Map<string, MissingField>();
    const results: BenefitResult[] = new Array(prepared.benefits.length);
    let used: Set<AppliedAssumption> | undefined;
    for (let b = 0; b < prepared.benefits.length; b++) {
      const benefit = prepared.benefits[b] as PreparedBenefit;
      const d = benefit.definition;
      const inputs = typeof d.inputs === 'function' ? d.inputs(request) : d.inputs;
      const missing = missingFor(request, inputs, couple);
      for (const m of missing) if (!allMissing.has(m.field)) allMissing.set(m.field, m);
      // The assumptions this benefit's estimate rests on: those among the inputs it needs.
      let hypotheses = '';
      for (let a = 0; a < applied.length; a++) {
        const assumption = applied[a] as AppliedAssumption;
        if (!inputs.includes(assumption.input.rule as InputName)) continue;
        hypotheses += `\nHypothèse : ${assumption.statement}`;
        (used ??= new Set()).add(assumption);
      }
      results[b] = resultOf(benefit, request, value, missing, hypotheses);
    }
    const assumptions = used
      ? applied
          .filter((a) => used.has(a))
          .map((a) => ({ field: a.field, value: a.value, statement: a.statement }))
      : [];
    return { month: request.month, benefits: results, missing: [...allMissing.values()], assumptions };
  };
}

/** One benefit's result, in the contract's key order (id, label, organisation, eligible, amount, …). */
function benefitResult(
  benefit: PreparedBenefit,
  eligible: boolean | null,
  amount: number | null,
  explanation: string,
  missing: string[],
): BenefitResult {
  const d = benefit.definition;
  return {
    id: d.id,
    label: d.label,
    organisation: d.organisation,
    eligible,
    amount,
    frequency: d.frequency,
    explanation,
    sources: benefit.sources,
    missing,
  };
}

/** One benefit's result for this request (a module-level helper, not a closure: this runs for every benefit). */
function resultOf(
  benefit: PreparedBenefit,
  request: EstimationRequest,
  value: (i: number) => RuleValue,
  missing: MissingField[],
  hypotheses: string,
): BenefitResult {
  const d = benefit.definition;
  if (missing.length > 0) {
    return benefitResult(
      benefit,
      null,
      null,
      `${d.summary}${hypotheses}\nIl manque des réponses pour estimer cette aide : ${missing.map((m) => m.question).join(' ')}`,
      missing.map((m) => m.field),
    );
  }
  if (d.compute) {
    const computed = d.compute(request);
    return benefitResult(
      benefit,
      computed.eligible,
      computed.amount,
      withHypotheses(computed.explanation, hypotheses),
      [],
    );
  }
  const eligible = value(benefit.eligibleAt);
  if (eligible === false || eligible === null)
    return benefitResult(
      benefit,
      false,
      0,
      (hypotheses ? withHypotheses(benefit.notDueText, hypotheses) : benefit.notDueText) +
        (d.provisional ? provisionalLines(d.provisional, request, true) : ''),
      [],
    );
  const amount = eligible === true ? value(benefit.amountAt) : undefined;
  if (typeof amount !== 'number') {
    // The model needed an answer that the benefit's input list did not name: say so, never guess.
    const why = d.undecidedText?.(request) ?? 'Cette aide ne peut pas être estimée avec ces réponses.';
    return benefitResult(benefit, null, null, `${d.summary}${hypotheses}\n${why}`, []);
  }
  let explanation = d.summary + hypotheses;
  for (let i = 0; i < d.explanation.length; i++) {
    const line = formatLine(d.explanation[i] as ExplanationLine, value(benefit.linesAt[i] as number));
    if (line !== undefined) explanation += `\n${line}`;
  }
  const rounded = cents(amount);
  explanation +=
    rounded > 0
      ? `\n${d.amountLabel ?? 'Montant estimé'} : ${formatEuros(rounded)}.`
      : `\n${d.zeroAmountText ?? 'Le montant calculé est trop faible pour être versé.'}`;
  if (d.provisional) explanation += provisionalLines(d.provisional, request);
  return benefitResult(benefit, true, rounded, explanation, []);
}

/** The lines saying which values of the month are computed rather than published (empty when none). */
function provisionalLines(
  values: readonly ProvisionalValue[],
  request: EstimationRequest,
  notDue = false,
): string {
  const month = request.month;
  let lines = '';
  for (const v of values) {
    if (notDue && !v.decidesEligibility) continue;
    if (month < v.from || (v.until !== undefined && month > v.until)) continue;
    if (v.when && !v.when(request)) continue;
    lines += `\nÀ savoir : ${v.text}. L’estimation peut donc différer un peu de la décision de l’organisme.`;
  }
  return lines;
}

/** The hypotheses said right after an explanation's first line (its summary). */
function withHypotheses(explanation: string, hypotheses: string): string {
  if (!hypotheses) return explanation;
  const end = explanation.indexOf('\n');
  return end < 0 ? explanation + hypotheses : explanation.slice(0, end) + hypotheses + explanation.slice(end);
}

let defaultEstimator:
  ((request: EstimationRequest, options?: EstimateOptions) => EstimationResponse) | undefined;

/** Estimates every registered benefit for one request, on the compiled fast path (built once per process). */
export function estimate(request: EstimationRequest, options?: EstimateOptions): EstimationResponse {
  defaultEstimator ??= createEstimator(compiledEvaluator());
  return defaultEstimator(request, options);
}
