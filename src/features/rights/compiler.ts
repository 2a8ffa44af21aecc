// The fast path: the parsed Publicodes rules compiled once into plain JavaScript closures.
// The plain engine costs about 35 µs per rule evaluated because it rebuilds explanation objects and tracks
// missing variables at every node; the closures below compute only the value (and its unit), following the
// engine's semantics node kind by node kind. The model stays the single source of truth: the closures are
// derived from the engine's own parsed rules, and fast-path.test.ts proves both agree on every worked example
// and on 10,000 generated households. An unsupported node kind stops the compilation with its rule name.
import type Engine from 'publicodes';
import type { Situation } from './situation.ts';

/** A value: null when not applicable, undefined when an input is missing. Dates are dd/mm/yyyy strings. */
export type Value = number | boolean | string | null | undefined;

/** A model ready to evaluate. */
export interface CompiledModel {
  evaluate(situation: Situation, rules: readonly string[]): Value[];
  /** Starts one situation's evaluation; the value of `rules[i]` on demand, memoised, until the next call. */
  open(situation: Situation, rules: readonly string[]): (i: number) => Value;
}

/** Raised when the model uses a mechanism the fast path does not compile. */
export class UnsupportedMechanismError extends Error {}

// ---------------------------------------------------------------------------------------------------------
// Units: interned as small integers so that closures pass them around cheaply. 0 is "no unit at all"
// (undefined in the engine), 1 the empty unit left by a division or a cancelled percentage: the engine
// treats them differently (an empty unit converts to "%" by ×100, no unit does not convert).

interface Unit {
  numerators: string[];
  denominators: string[];
}

// Duration units the engine converts into one another, in days (for the dimension check), and the engine's
// own table of ratios between them (for the factors).
const durationInDays: Record<string, number> = {
  jour: 1,
  mois: 365 / 12,
  trimestre: (365 / 12) * 3,
  an: 365,
};
const conversionTable: Record<string, number> = {
  'mois/an': 12,
  'jour/an': 365,
  'jour/mois': 365 / 12,
  'trimestre/an': 4,
  'mois/trimestre': 3,
  'jour/trimestre': (365 / 12) * 3,
};

class Units {
  private readonly list: Unit[] = [
    { numerators: [], denominators: [] },
    { numerators: [], denominators: [] },
  ];
  private readonly ids = new Map<string, number>([['', 1]]);
  private readonly factors = new Map<number, number | null>();
  private readonly products = new Map<number, number>();
  private readonly quotients = new Map<number, number>();

  key(unit: Unit): string {
    const n = unit.numerators.join('.');
    const d = unit.denominators.join('.');
    return d ? `${n}/${d}` : n;
  }

  /** Cancels a unit found both above and below the line, as the engine does after * and /. */
  simplify(unit: Unit): Unit {
    const numerators = [...unit.numerators];
    const denominators: string[] = [];
    for (const d of unit.denominators) {
      const i = numerators.indexOf(d);
      if (i >= 0) numerators.splice(i, 1);
      else denominators.push(d);
    }
    return { numerators, denominators };
  }

  intern(unit: Unit | undefined | null): number {
    if (!unit) return 0;
    const key = this.key(unit);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.list.push({ numerators: [...unit.numerators], denominators: [...unit.denominators] }) - 1;
      this.ids.set(key, id);
    }
    return id;
  }

  get(id: number): Unit {
    return this.list[id] as Unit;
  }

  name(id: number): string {
    return this.key(this.get(id));
  }

  private readonly percentAbove: boolean[] = [];
  private readonly percentOnly: boolean[] = [];

  hasPercentAbove(id: number): boolean {
    return (this.percentAbove[id] ??= this.get(id).numerators.includes('%'));
  }

  isPercent(id: number): boolean {
    return (this.percentOnly[id] ??= this.name(id) === '%');
  }

  /** The unit of a × b. */
  times(a: number, b: number): number {
    if (a === 0) return b;
    if (b === 0) return a;
    const k = a * 65536 + b;
    let id = this.products.get(k);
    if (id === undefined) {
      const ua = this.get(a);
      const ub = this.get(b);
      id = this.intern(
        this.simplify({
          numerators: [...ua.numerators, ...ub.numerators],
          denominators: [...ua.denominators, ...ub.denominators],
        }),
      );
      this.products.set(k, id);
    }
    return id;
  }

  /** The unit of a ÷ b: always a unit, possibly empty (the engine divides unit objects, never undefined). */
  over(a: number, b: number): number {
    const k = a * 65536 + b;
    let id = this.quotients.get(k);
    if (id === undefined) {
      const ub = this.get(b);
      const ua = this.get(a);
      id = this.intern(
        this.simplify({
          numerators: [...ua.numerators, ...ub.denominators],
          denominators: [...ua.denominators, ...ub.numerators],
        }),
      );
      this.quotients.set(k, id);
    }
    return id;
  }

  private perCent = -1;
  private readonly simplifiedIds: number[] = [];

  /** The unit with one "%" less below the line (the engine divides by 100 when % remains above). */
  withoutOnePercent(id: number): number {
    if (this.perCent < 0) this.perCent = this.intern({ numerators: [], denominators: ['%'] });
    return this.times(id, this.perCent);
  }

  /** The engine's simplified unit: percentages dropped unless the unit is only percentages. */
  simplified(id: number): number {
    return (this.simplifiedIds[id] ??= this.computeSimplified(id));
  }

  private computeSimplified(id: number): number {
    const u = this.get(id);
    if (u.numerators.length > 0 && u.numerators.every((n) => n === '%'))
      return this.intern({ numerators: ['%'], denominators: u.denominators });
    return this.intern({
      numerators: u.numerators.filter((n) => n !== '%'),
      denominators: u.denominators.filter((n) => n !== '%'),
    });
  }

  /**
   * The factor converting a value from one unit to another, or null when they are not convertible (the
   * engine then warns and leaves the value as it is). Durations convert through days; each "%" is 1/100.
   */
  factor(from: number, to: number): number | null {
    if (from === to || from === 0) return 1;
    const k = from * 65536 + to;
    if (this.factors.has(k)) return this.factors.get(k) as number | null;
    const f = this.computeFactor(this.get(from), this.get(to));
    this.factors.set(k, f);
    return f;
  }

  private computeFactor(from: Unit, to: Unit): number | null {
    const count = (list: string[], unit: string) => list.filter((u) => u === unit).length;
    const percents =
      count(to.numerators, '%') -
      count(from.numerators, '%') -
      (count(to.denominators, '%') - count(from.denominators, '%'));
    let factor = 100 ** percents;
    // Dimension check: for every unit class, (above − below) must match on both sides.
    const dimension = (u: Unit) => {
      const d = new Map<string, number>();
      const add = (name: string, sign: number) => {
        if (name === '%') return;
        const cls = name in durationInDays ? 'durée' : name;
        d.set(cls, (d.get(cls) ?? 0) + sign);
      };
      u.numerators.forEach((n) => add(n, 1));
      u.denominators.forEach((n) => add(n, -1));
      return d;
    };
    const df = dimension(from);
    const dt = dimension(to);
    for (const cls of new Set([...df.keys(), ...dt.keys()]))
      if ((df.get(cls) ?? 0) !== (dt.get(cls) ?? 0)) return null;
    // Pairwise ratios as the engine's conversion table gives them (12, 365, 365/12…), applied in its order,
    // so that a value on a rounding edge rounds the same way (e.g. an annual amount ÷ 12).
    const ratio = (from: string, to: string): number | undefined =>
      conversionTable[`${to}/${from}`] ??
      (conversionTable[`${from}/${to}`] ? 1 / (conversionTable[`${from}/${to}`] as number) : undefined);
    const pass = (fromList: string[], toList: string[]) => {
      for (const f of fromList) {
        const t = toList.find((x) => ratio(f, x) !== undefined);
        const r = t === undefined ? undefined : ratio(f, t);
        if (r !== undefined) factor *= r;
      }
    };
    pass(from.numerators, to.numerators);
    pass(to.denominators, from.denominators);
    return factor;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation context: one per evaluation, reused (cleared) between households to keep memory flat.

interface Ctx {
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

type Fn = (c: Ctx) => Value;

const NOT_YET = Symbol('not yet');

function digitAt(value: string, i: number): number {
  const code = value.charCodeAt(i) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/** yyyymmdd of a dd/mm/yyyy date, to compare dates as numbers (the engine compares them as dates). */
function dateKey(value: string): number {
  return (
    (digitAt(value, 6) * 1000 + digitAt(value, 7) * 100 + digitAt(value, 8) * 10 + digitAt(value, 9)) *
      10000 +
    (digitAt(value, 3) * 10 + digitAt(value, 4)) * 100 +
    digitAt(value, 0) * 10 +
    digitAt(value, 1)
  );
}

function isDate(value: Value): value is string {
  // Runs on every comparison of two texts: character checks, no regular expression.
  if (
    typeof value !== 'string' ||
    value.length !== 10 ||
    value.charCodeAt(2) !== 47 ||
    value.charCodeAt(5) !== 47
  )
    return false;
  return (
    digitAt(value, 0) >= 0 &&
    digitAt(value, 1) >= 0 &&
    digitAt(value, 3) >= 0 &&
    digitAt(value, 4) >= 0 &&
    digitAt(value, 6) >= 0 &&
    digitAt(value, 7) >= 0 &&
    digitAt(value, 8) >= 0 &&
    digitAt(value, 9) >= 0
  );
}

function roundTo(n: number, digits: number): number {
  return Math.round((n + Number.EPSILON) * 10 ** digits) / 10 ** digits;
}

// The engine's AST is not part of its typed API: we read it as loose records.
type AstNode = Record<string, unknown> & { nodeKind?: string };

interface EngineInternals {
  context: {
    nodesTypes: Map<unknown, { isNullable?: boolean; type?: string }>;
    parsedRules: Record<string, AstNode>;
  };
}

/** Compiles every rule of the engine's model; throws UnsupportedMechanismError on an unknown mechanism. */
export function compileModel(engine: Engine): CompiledModel {
  const internals = engine as unknown as EngineInternals;
  const parsedRules = internals.context.parsedRules;
  const nodesTypes = internals.context.nodesTypes;
  const units = new Units();
  const names = Object.keys(parsedRules);
  const indexOf = new Map(names.map((n, i) => [n, i]));
  const ruleFns: (Fn | undefined)[] = new Array(names.length);
  const compiling = new Set<string>();
  let currentRule = '';

  const unsupported = (what: string): never => {
    throw new UnsupportedMechanismError(
      `Le chemin rapide ne sait pas compiler « ${what} » (règle « ${currentRule} »)`,
    );
  };

  const unitOf = (node: AstNode): number => units.intern(node.unit as Unit | undefined);

  // Rules that depend on nothing but the month estimated (the dated parameters) are computed once per month
  // and kept: most of the model is parameters, so this saves most of the work for every later household.
  const dependencyCache = new Map<string, Set<string>>();
  function situationDependencies(name: string): Set<string> {
    const known = dependencyCache.get(name);
    if (known) return known;
    const deps = new Set<string>();
    dependencyCache.set(name, deps); // a cycle sees the partial set; cycles are cut at evaluation anyway
    if (name.endsWith(' . $SITUATION')) {
      deps.add(name.slice(0, -' . $SITUATION'.length));
      return deps;
    }
    const rule = parsedRules[name];
    if (!rule) return deps;
    const visit = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) {
        node.forEach(visit);
        return;
      }
      const n = node as AstNode;
      if (
        (n.nodeKind === 'reference' || n.nodeKind === 'rule') &&
        typeof n.dottedName === 'string' &&
        n !== rule
      ) {
        for (const d of situationDependencies(n.dottedName)) deps.add(d);
        return;
      }
      for (const [key, child] of Object.entries(n)) {
        if (key === 'rawNode' || key === 'sourceMap' || key === 'missingVariables') continue;
        if (child && typeof child === 'object') visit(child);
      }
    };
    visit((rule.explanation as AstNode).valeur);
    visit((rule.explanation as AstNode).parents);
    return deps;
  }
  const monthIndex = indexOf.get('mois estimé');

  /** A closure computing the rule's value, memoised per evaluation. */
  function ruleFn(name: string): Fn {
    const index = indexOf.get(name);
    if (index === undefined) return unsupported(`référence inconnue ${name}`);
    const existing = ruleFns[index];
    if (existing) return existing;
    // Late binding: the body is compiled on first call so that mutually referencing rules compile.
    const slot: { body?: Fn } = {};
    const fn: Fn = (c) => {
      const cached = c.values[index];
      if (cached !== (NOT_YET as unknown)) {
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
    const deps = name.endsWith(' . $SITUATION') ? undefined : situationDependencies(name);
    const monthOnly =
      monthIndex !== undefined && deps !== undefined && [...deps].every((d) => d === 'mois estimé');
    if (monthOnly) {
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
      ruleFns[index] = cachedFn;
    } else ruleFns[index] = fn;
    const rule = parsedRules[name] as AstNode;
    const previous = currentRule;
    currentRule = name;
    compiling.add(name);
    slot.body = compileRule(name, rule);
    compiling.delete(name);
    currentRule = previous;
    return ruleFns[index] as Fn;
  }

  function situationFn(name: string): Fn {
    const index = indexOf.get(name);
    if (index === undefined) return unsupported(`entrée inconnue ${name}`);
    return (c) => {
      c.u = 0;
      return c.situation[index];
    };
  }

  function nearestNullableParent(rule: AstNode): AstNode | undefined {
    const parents = ((rule.explanation as AstNode).parents ?? []) as AstNode[];
    return parents.find((ref) => nodesTypes.get(ref)?.isNullable || nodesTypes.get(ref)?.type === 'boolean');
  }

  /** Whether the rule is switched off by its nearest parent that can be off (not applicable, or "non"). */
  function disabledByParentFn(rule: AstNode): ((c: Ctx) => boolean) | undefined {
    const parent = nearestNullableParent(rule);
    if (!parent) return undefined;
    const parentName = parent.dottedName as string;
    const type = nodesTypes.get(parent);
    const parentNotApplicable = type?.isNullable
      ? isNotApplicableFn(parsedRules[parentName] as AstNode)
      : undefined;
    const parentValue = type?.type === 'boolean' ? ruleFn(parentName) : undefined;
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

  function compileRule(name: string, rule: AstNode): Fn {
    if (name.endsWith(' . $SITUATION')) return situationFn(name.slice(0, -' . $SITUATION'.length));
    if (Array.isArray(rule.replacements) && rule.replacements.length > 0)
      unsupported('remplace / rend non applicable');
    if (rule.possibilities) unsupported('une possibilité');
    const disabled = disabledByParentFn(rule);
    const valeur = compileNode((rule.explanation as AstNode).valeur as AstNode);
    if (!disabled) return valeur;
    return (c) => {
      if (disabled(c)) {
        c.u = 0;
        return null;
      }
      return valeur(c);
    };
  }

  /** "est non applicable": structural, as the engine does (a non-nullable expression is never "non applicable"). */
  function isNotApplicableFn(node: AstNode): (c: Ctx) => boolean | undefined {
    if (
      node.nodeKind !== 'rule' &&
      node.nodeKind !== 'reference' &&
      nodesTypes.get(node)?.isNullable === false
    )
      return () => false;
    switch (node.nodeKind) {
      case 'rule': {
        const name = node.dottedName as string;
        if (name.endsWith(' . $SITUATION')) {
          const value = situationFn(name.slice(0, -' . $SITUATION'.length));
          return (c) => {
            const v = value(c);
            return v === undefined ? undefined : v === null;
          };
        }
        const disabled = disabledByParentFn(node);
        let inner: ((c: Ctx) => boolean | undefined) | undefined;
        const valeur = (node.explanation as AstNode).valeur as AstNode;
        const index = indexOf.get(name) as number;
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
        function notApplicable(c: Ctx): boolean | undefined {
          if (disabled && disabled(c)) return true;
          if (c.inaBusy[index]) {
            // Re-entered through a cycle: fall back on the value, whose evaluation cuts cycles.
            const v = (value ??= ruleFn(name))(c);
            return v === undefined ? undefined : v === null;
          }
          inner ??= isNotApplicableFn(valeur);
          c.inaBusy[index] = 1;
          const result = inner(c);
          c.inaBusy[index] = 0;
          return result;
        }
      }
      case 'reference': {
        const target = parsedRules[node.dottedName as string] as AstNode;
        let inner: ((c: Ctx) => boolean | undefined) | undefined;
        return (c) => {
          inner ??= isNotApplicableFn(target);
          return inner(c);
        };
      }
      case 'condition': {
        const e = node.explanation as AstNode;
        const si = compileNode(e.si as AstNode);
        const alors = isNotApplicableFn(e.alors as AstNode);
        const sinon = isNotApplicableFn(e.sinon as AstNode);
        return (c) => {
          const cond = si(c);
          if (cond === true) return alors(c);
          if (cond === false) return sinon(c);
          if (cond === null) return null as unknown as boolean;
          return undefined;
        };
      }
      default: {
        const value = compileNode(node);
        return (c) => {
          const v = value(c);
          return v === undefined ? undefined : v === null;
        };
      }
    }
  }

  function compileNode(node: AstNode): Fn {
    switch (node.nodeKind) {
      case 'constant': {
        const value = node.nodeValue as Value;
        const u = unitOf(node);
        return (c) => {
          c.u = u;
          return value;
        };
      }
      case 'reference': {
        const name = node.dottedName as string;
        if (name.endsWith(' . $SITUATION')) return situationFn(name.slice(0, -' . $SITUATION'.length));
        // The rule's own closure, not a closure calling it: one call less for each of the ~2,000 references.
        return ruleFn(name);
      }
      case 'rule':
        return ruleFn(node.dottedName as string);
      case 'operation':
        return compileOperation(node);
      case 'condition':
        return compileCondition(node);
      case 'variations':
        return compileVariations(node);
      case 'est non défini': {
        const inner = compileNode(node.explanation as AstNode);
        return (c) => {
          const v = inner(c);
          c.u = 0;
          return v === undefined;
        };
      }
      case 'est non applicable': {
        const inner = isNotApplicableFn(node.explanation as AstNode);
        return (c) => {
          const v = inner(c);
          c.u = 0;
          return v;
        };
      }
      case 'unité': {
        const inner = compileNode(node.explanation as AstNode);
        const to = unitOf(node);
        return (c) => {
          const v = inner(c);
          const from = c.u;
          c.u = to;
          if (v === null || typeof v !== 'number' || !v) return v;
          const f = units.factor(from, to);
          return f === null ? v : v * f;
        };
      }
      case 'simplifier unité': {
        const inner = compileNode(node.explanation as AstNode);
        return (c) => {
          const v = inner(c);
          if (c.u === 0 || v === null || v === undefined) return v;
          const to = units.simplified(c.u);
          const f = units.factor(c.u, to);
          c.u = to;
          return typeof v === 'number' && f !== null ? v * f : v;
        };
      }
      case 'arrondi':
        return compileArrondi(node);
      case 'variable manquante':
        return compileNode(node.explanation as AstNode);
      case 'barème':
        return compileBareme(node);
      case 'grille':
        return compileGrille(node);
      default:
        return unsupported(node.nodeKind ?? 'nœud sans type');
    }
  }

  function compileArrondi(node: AstNode): Fn {
    const e = node.explanation as AstNode;
    const valeur = compileNode(e.valeur as AstNode);
    const arrondi = compileNode(e.arrondi as AstNode);
    return (c) => {
      let v = valeur(c);
      let u = c.u;
      if (u !== 0 && typeof v === 'number') {
        const to = units.simplified(u);
        const f = units.factor(u, to);
        if (f !== null) v = v * f;
        u = to;
      }
      if (v === false) {
        c.u = u;
        return v;
      }
      const digits = arrondi(c);
      c.u = u;
      if (typeof v !== 'number') return v;
      if (typeof digits === 'number') return roundTo(v, digits);
      if (digits === true) return roundTo(v, 0);
      if (digits === undefined) return undefined;
      return v;
    };
  }

  function compileCondition(node: AstNode): Fn {
    const e = node.explanation as AstNode;
    const si = compileNode(e.si as AstNode);
    const alors = compileNode(e.alors as AstNode);
    const sinon = compileNode(e.sinon as AstNode);
    return (c) => {
      const cond = si(c);
      if (cond === true) return alors(c);
      if (cond === false) return sinon(c);
      if (cond === null) {
        c.u = 0;
        return null;
      }
      // Undefined: the engine evaluates both branches for their missing variables; the value stays undefined.
      // Its unit is the "alors" branch's.
      alors(c);
      return undefined;
    };
  }

  function compileVariations(node: AstNode): Fn {
    const branches = (node.explanation as AstNode[]).map((b) => ({
      condition: compileNode(b.condition as AstNode),
      consequence: compileNode(b.consequence as AstNode),
    }));
    return (c) => {
      let undefinedBefore = false;
      let unit = 0;
      for (const branch of branches) {
        const cond = branch.condition(c);
        if (cond === false || cond === null) continue;
        // A condition that is true or undefined: its consequence is evaluated (and converted to the unit
        // of an earlier evaluated consequence).
        let v = branch.consequence(c);
        if (unit !== 0 && typeof v === 'number' && v) {
          const f = units.factor(c.u, unit);
          if (f !== null) v = v * f;
          c.u = unit;
        } else if (unit !== 0) c.u = unit;
        if (cond === undefined || undefinedBefore) {
          undefinedBefore = true;
          unit ||= c.u;
          continue;
        }
        return v;
      }
      c.u = unit;
      return undefinedBefore ? undefined : null;
    };
  }

  function compileOperation(node: AstNode): Fn {
    const rule = currentRule; // for the message of a division by zero, raised while evaluating
    const kind = node.operationKind as string;
    const [left, right] = (node.explanation as AstNode[]).map((n) => compileNode(n)) as [Fn, Fn];
    const nullStopsLeft = ['<', '>', '<=', '>=', '/', '*', '//', '-', 'et'].includes(kind);
    const nullStopsRight = ['<', '>', '<=', '>=', '/', '*', '//', 'et'].includes(kind);
    const nullGivesNull = ['<', '>', '<=', '>=', '*', '/', '//'].includes(kind);
    const arithmetic = ['*', '/', '//', '-', '+'].includes(kind);
    const converts = !['/', '*', '//'].includes(kind);
    const nodeUnit = unitOf(node);
    const apply = operator(kind);
    return (c) => {
      const a = left(c);
      const ua = c.u;
      if (
        (a === null && nullStopsLeft) ||
        (a === 0 && (kind === '/' || kind === '*')) ||
        (a === false && kind === 'et') ||
        (a === true && kind === 'ou')
      ) {
        c.u = nodeUnit;
        return kind === 'et' ? false : a;
      }
      const b = right(c);
      const ub = c.u;
      if (kind === '/' && b === 0) throw new Error(`Division par zéro (règle « ${rule} »)`);
      if (
        (b === null && nullStopsRight) ||
        (b === 0 && kind === '*') ||
        (b === false && kind === 'et') ||
        (b === true && kind === 'ou')
      ) {
        c.u = nodeUnit;
        return kind === 'et' ? false : b;
      }
      if (a === undefined || b === undefined) {
        c.u = arithmetic
          ? kind === '*' || kind === '//'
            ? units.times(ua, ub)
            : kind === '/'
              ? units.over(ua, ub)
              : ua || ub
          : nodeUnit;
        return undefined;
      }
      const x: Value = a;
      let y: Value = b;
      let ux = ua;
      let uy = ub;
      const percentShift =
        (kind === '+' || kind === '-') && uy !== 0 && units.isPercent(uy) && !units.isPercent(ux);
      if (converts && !percentShift) {
        if (ux !== 0 && uy !== 0) {
          if (typeof y === 'number' && y) {
            const f = units.factor(uy, ux);
            if (f !== null) {
              y = y * f;
              uy = ux;
            }
          } else uy = ux;
        } else if (uy !== 0) {
          // A value without unit takes the other's unit unchanged.
          ux = uy;
        }
      }
      let value: Value;
      if (nullGivesNull && y === null) value = null;
      else if (isDate(x) && isDate(y)) value = apply(dateKey(x), dateKey(y));
      else value = apply(x, y);
      if (kind === '*') {
        const u = units.times(ux, uy);
        if (units.hasPercentAbove(u)) {
          c.u = units.withoutOnePercent(u);
          return typeof value === 'number' ? value / 100 : value;
        }
        c.u = u;
        return value;
      }
      if (percentShift) {
        c.u = units.withoutOnePercent(units.times(ux, uy));
        return typeof x === 'number' && typeof y === 'number'
          ? x * (1 + (y / 100) * (kind === '-' ? -1 : 1))
          : value;
      }
      if (kind === '/') c.u = units.over(ux, uy);
      else if (kind === '//') c.u = ux !== 0 && uy !== 0 ? 0 : ux || uy;
      else if (kind === '+' || kind === '-') c.u = ux || uy;
      else c.u = nodeUnit;
      return value;
    };
  }

  function operator(kind: string): (a: Value, b: Value) => Value {
    // Loose operands on purpose: the engine applies JavaScript's own operators to whatever values it has.
    type Loose = number & boolean & string;
    switch (kind) {
      case '*':
        return (a, b) => (a as Loose) * (b as Loose);
      case '/':
        return (a, b) => (a as Loose) / (b as Loose);
      case '//':
        return (a, b) => ((a as Loose) - ((a as Loose) % (b as Loose))) / (b as Loose);
      case '**':
        return (a, b) => (a as Loose) ** (b as Loose);
      case '+':
        return (a, b) => (a as Loose) + (b as Loose);
      case '-':
        return (a, b) => (a as Loose) - (b as Loose);
      case '<':
        return (a, b) => (a as Loose) < (b as Loose);
      case '<=':
        return (a, b) => (a as Loose) <= (b as Loose);
      case '>':
        return (a, b) => (a as Loose) > (b as Loose);
      case '>=':
        return (a, b) => (a as Loose) >= (b as Loose);
      case '=':
        return (a, b) => (a ?? false) === (b ?? false);
      case '!=':
        return (a, b) => (a ?? false) !== (b ?? false);
      case 'et':
        return (a, b) => ((a ?? false) && (b ?? false)) as Value;
      case 'ou':
        return (a, b) => ((a ?? false) || (b ?? false)) as Value;
      default:
        return unsupported(`opération ${kind}`);
    }
  }

  interface Tranche {
    plafond: Fn | undefined; // undefined = no ceiling (Infinity)
    taux: Fn | undefined;
    montant: Fn | undefined;
  }

  function tranchesOf(node: AstNode): Tranche[] {
    return ((node.explanation as AstNode).tranches as AstNode[]).map((t) => {
      const plafond = t.plafond as AstNode;
      return {
        plafond:
          plafond.nodeKind === 'constant' && plafond.nodeValue === Infinity
            ? undefined
            : compileNode(plafond),
        taux: t.taux ? compileNode(t.taux as AstNode) : undefined,
        montant: t.montant ? compileNode(t.montant as AstNode) : undefined,
      };
    });
  }

  /** Evaluates the ceilings (times the multiplier, in the base's unit) up to the active bracket. */
  function ceilings(
    c: Ctx,
    tranches: Tranche[],
    base: Value,
    baseUnit: number,
    mult: Value,
    multUnit: number,
    rule: string,
  ) {
    const out: {
      low: number | undefined;
      high: number | undefined;
      active: boolean | undefined;
      after: boolean | undefined;
    }[] = [];
    let found = false;
    for (let i = 0; i < tranches.length; i++) {
      const t = tranches[i] as Tranche;
      if (found) {
        out.push({ low: undefined, high: undefined, active: false, after: true });
        continue;
      }
      let high: number | undefined;
      let plafondValue: Value = Infinity;
      if (t.plafond) {
        plafondValue = t.plafond(c);
        const pu = c.u;
        if (plafondValue === undefined || mult === undefined) high = undefined;
        else {
          high = (plafondValue as number) * (mult as number);
          if (high !== Infinity && high !== 0) {
            const f = units.factor(units.times(pu, multUnit), baseUnit);
            if (f !== null) high *= f;
          }
        }
      } else high = mult === undefined ? undefined : Infinity * (mult as number);
      const low = i > 0 ? (out[i - 1] as { high: number | undefined }).high : 0;
      const after = low === undefined || base === undefined ? undefined : low > (base as number);
      if (
        plafondValue === undefined ||
        base === undefined ||
        mult === undefined ||
        (i > 0 && low === undefined)
      ) {
        out.push({ low, high, active: undefined, after });
        found = false;
        // The engine stops looking for the active bracket once one is unknown.
        for (let j = i + 1; j < tranches.length; j++)
          out.push({ low: undefined, high: undefined, active: false, after: true });
        break;
      }
      if (i > 0 && low && (high as number) <= low) {
        throw new Error(
          `Le plafond de la tranche n°${i + 1} est inférieur à celui de la précédente (règle « ${rule} »)`,
        );
      }
      const active = (base as number) >= (low as number) && (base as number) < (high as number);
      out.push({ low, high, active, after });
      found = active;
    }
    return out;
  }

  function compileBareme(node: AstNode): Fn {
    const rule = currentRule; // for the messages of errors raised while evaluating
    const e = node.explanation as AstNode;
    const assiette = compileNode(e.assiette as AstNode);
    const multiplicateur = compileNode(e.multiplicateur as AstNode);
    const tranches = tranchesOf(node);
    return (c) => {
      const base = assiette(c);
      const baseUnit = c.u;
      const mult = multiplicateur(c);
      const multUnit = c.u;
      if (mult === 0) throw new Error(`Le multiplicateur ne peut pas être nul (règle « ${rule} »)`);
      if (base === 0 || base === undefined || base === null) {
        c.u = baseUnit;
        return base;
      }
      const bounds = ceilings(c, tranches, base, baseUnit, mult, multUnit, rule);
      let total: number | undefined = 0;
      for (let i = 0; i < tranches.length; i++) {
        const b = bounds[i] as (typeof bounds)[number];
        if (b.after) continue;
        const t = tranches[i] as Tranche;
        const rate = t.taux ? t.taux(c) : undefined;
        const rateUnit = c.u;
        if (rate === undefined || b.high === undefined || b.low === undefined) {
          total = undefined;
          continue;
        }
        const f = units.factor(rateUnit, 0) ?? 1;
        const part =
          (Math.min(base as number, b.high) - b.low) *
          ((rate as number) * (rateUnit === 0 ? 1 : percentToPlain(rateUnit, f)));
        if (total !== undefined) total += part;
      }
      c.u = baseUnit;
      return total;
    };
  }

  // Converting a rate to "no unit": only percentages convert (÷100); other units stay as they are.
  function percentToPlain(rateUnit: number, factor: number): number {
    return units.hasPercentAbove(rateUnit) ? factor : 1;
  }

  function compileGrille(node: AstNode): Fn {
    const rule = currentRule; // for the messages of errors raised while evaluating
    const e = node.explanation as AstNode;
    const assiette = compileNode(e.assiette as AstNode);
    const multiplicateur = compileNode(e.multiplicateur as AstNode);
    const tranches = tranchesOf(node);
    return (c) => {
      const base = assiette(c);
      const baseUnit = c.u;
      const mult = multiplicateur(c);
      const multUnit = c.u;
      if (mult === 0) throw new Error(`Le multiplicateur ne peut pas être nul (règle « ${rule} »)`);
      const bounds = ceilings(c, tranches, base, baseUnit, mult, multUnit, rule);
      const activeIndex = bounds.findIndex((b) => b.active === true);
      if (activeIndex >= 0) {
        const t = tranches[activeIndex] as Tranche;
        if (!t.montant) {
          c.u = 0;
          return undefined;
        }
        return t.montant(c);
      }
      const last = bounds[bounds.length - 1];
      c.u = 0;
      if (last && last.after === false && last.active === false) return false;
      if (bounds.some((b) => b.active === undefined)) return undefined;
      return false;
    };
  }

  // Compile every rule now, so that an unsupported mechanism fails at start rather than on some household.
  for (const name of names) ruleFn(name);

  const size = names.length;
  const ctx: Ctx = {
    situation: new Array<Value>(size).fill(undefined),
    values: new Array<Value>(size).fill(NOT_YET as unknown as Value),
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
    for (let i = 0; i < given.length; i++) ctx.situation[given[i] as number] = undefined;
    given = [];
    ctx.values.fill(NOT_YET as unknown as Value);
    ctx.ina.fill(0);
    // An evaluation that threw (a division by zero) left its rules marked as being evaluated: clear them, or
    // every later household would read those rules as a cycle.
    ctx.busy.fill(0);
    ctx.inaBusy.fill(0);
    for (const name in situation) {
      const i = indexOf.get(name);
      if (i === undefined) throw new Error(`Entrée inconnue du modèle : ${name}`);
      const raw = situation[name] as Situation[string];
      ctx.situation[i] = typeof raw === 'object' ? raw.date : raw;
      given.push(i);
    }
    let fns = resolved.get(rules);
    if (!fns) {
      fns = rules.map((name) => ruleFn(name));
      resolved.set(rules, fns);
    }
    const opened = fns;
    return (i) => (opened[i] as Fn)(ctx);
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
