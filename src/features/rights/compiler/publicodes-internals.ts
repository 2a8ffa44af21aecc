// The one place where the fast path reads what Publicodes keeps internal. Everything else goes through its
// public API (`engine.getParsedRules()`, `reduceAST`, the `ASTNode` types). Two things have no public door
// in Publicodes 1.10:
//  1. The private rules. `getParsedRules()` leaves out every `[privé]` rule, and Publicodes writes some for
//     itself that public rules reference: each rule's `… . $SITUATION` (where `setSituation` puts its
//     value), and the `… . $INTERNAL valeur` / `… . $INTERNAL acc` rules of `le maximum de` and
//     `le minimum de`. The fast path must compile them too.
//  2. The type inferred for each node (`isNullable`, `type`). Publicodes infers it once at parse time and
//     decides from it which parent can switch a namespace off (`evaluateDisablingParent`) and when
//     `est non applicable` is false without evaluating (`evaluateIsNotApplicable`). Following the engine's
//     semantics means reading the same inference, not writing a second one that could drift.
// Both live on `engine.context` (marked @internal). Any other version of Publicodes than the one proven
// below must go through the equivalence tests first (docs/decisions/2026-11-27-rules-engine.md).
import type Engine from 'publicodes';
import type { ASTNode, RuleNode } from 'publicodes';

/** The Publicodes version this adapter and the compiled fast path were proven against. */
export const PUBLICODES_VERSION_PROVEN = '1.10.3';

/** What Publicodes inferred of a node: whether it may be "non applicable" (null), and its type. */
export interface NodeType {
  isNullable: boolean | undefined;
  type?: string;
}

/** The compiler's view of a parsed model: every rule, public and private, and the type of each node. */
export interface ModelView {
  /** Every parsed rule by name: the public ones (`getParsedRules()`), then the private ones. */
  rules: Readonly<Record<string, RuleNode>>;
  /** Publicodes' inferred type of a node of these rules (undefined for a node it did not type). */
  typeOf(node: ASTNode): NodeType | undefined;
}

// The two fields read, as Publicodes 1.10.3 declares them on `Engine.context` (index.d.ts, `Context`).
interface EngineInternals {
  context?: {
    parsedRules?: Record<string, RuleNode | undefined>;
    nodesTypes?: { get(node: ASTNode): NodeType | undefined };
  };
}

/** Reads the model of an engine; throws, naming this file, when the internals are not where 1.10.3 kept them. */
export function readModel(engine: Engine): ModelView {
  const context = (engine as unknown as EngineInternals).context;
  const internalRules = context?.parsedRules;
  const nodesTypes = context?.nodesTypes;
  if (!internalRules || typeof nodesTypes?.get !== 'function')
    throw new Error(
      `Publicodes ne garde plus ses règles analysées et leurs types là où ${PUBLICODES_VERSION_PROVEN} les gardait ` +
        '(engine.context.parsedRules, engine.context.nodesTypes) : voir src/features/rights/compiler/publicodes-internals.ts',
    );
  const rules: Record<string, RuleNode> = {};
  for (const [name, rule] of Object.entries(internalRules)) if (rule) rules[name] = rule;
  // The public rules must be the very nodes the types were inferred on (types are keyed by node).
  for (const [name, rule] of Object.entries(engine.getParsedRules()))
    if (rules[name] !== rule)
      throw new Error(
        `Publicodes donne deux versions de la règle « ${name} » : voir publicodes-internals.ts`,
      );
  return { rules, typeOf: (node) => nodesTypes.get(node) };
}
