// The two contexts of the fast path. `CompileContext` is what compiling one model needs, handed to every
// mechanism (the way Publicodes hands its parse context to each mechanism's parser); `State` is what one
// evaluation needs at run time, handed to every closure. Nothing is closed over between mechanisms.
import type { ASTNode, Unit } from 'publicodes';
import type { ModelView } from './publicodes-internals.ts';
import type { Units } from './units.ts';
import type { Value } from './values.ts';

/** Raised when the model uses a mechanism the fast path does not compile. */
export class UnsupportedMechanismError extends Error {}

/** The state of one evaluation: reused (cleared) between households to keep memory flat. */
export interface State {
  /** Situation values by rule index (undefined = not given). */
  situation: Value[];
  /** Rule values computed so far in this evaluation (NOT_YET = not computed). */
  values: Value[];
  /** Unit id of each computed rule value. */
  units: Int32Array;
  /** Rules being evaluated, to cut cycles as the engine does. */
  busy: Uint8Array;
  /** Rules whose "est non applicable" is being evaluated. */
  inaBusy: Uint8Array;
  /** "est non applicable" of each rule in this evaluation: 0 not yet, 1 true, 2 false, 3 undefined. */
  ina: Uint8Array;
  /** Unit id of the value returned by the last closure. */
  u: number;
}

/** A compiled node: computes its value from the evaluation state `c` and leaves its unit in `c.u`. */
export type Fn = (s: State) => Value;

/** A compiled "est non applicable" of a node: true, false, or undefined when an input is missing. */
export type NotApplicableFn = (s: State) => boolean | undefined;

/** Marks a rule value not computed yet in this evaluation. */
export const NOT_YET = Symbol('not yet') as unknown as Value;

/** What compiling one model needs; one per model, passed to every mechanism. */
export interface CompileContext {
  readonly model: ModelView;
  readonly units: Units;
  /** The index of every rule in the evaluation state's arrays. */
  readonly indexOf: ReadonlyMap<string, number>;
  /** Each rule's closure by index, once compiled. */
  readonly ruleClosures: (Fn | undefined)[];
  /** Whether a rule depends on the month estimated and on no other situation value. */
  readonly monthOnly: (name: string) => boolean;
  /** The rule being compiled, named in error messages (also those raised while evaluating). */
  currentRule: string;
  /** Compiles a node of any kind. */
  node(node: ASTNode): Fn;
  /** The closure of a rule, compiled once (late-bound, so that rules referring to each other compile). */
  rule(name: string): Fn;
  /** The closure reading a rule's value from the situation. */
  situation(name: string): Fn;
  /** Compiles "est non applicable" of a node. */
  notApplicable(node: ASTNode): NotApplicableFn;
  /** Stops the compilation, naming the mechanism and the rule. */
  unsupported(what: string): never;
}

/** The interned id of a node's unit (0 when it has none). */
export function unitOf(cx: CompileContext, node: ASTNode): number {
  return cx.units.intern((node as { unit?: Unit }).unit);
}
