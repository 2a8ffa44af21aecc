// What `barème` and `grille` share: their brackets, and the ceilings evaluated up to the active one (times
// the multiplier, in the base's unit). Publicodes: mecanisms/trancheUtils.ts.
import type { ASTNode } from 'publicodes';
import type { CompileContext, Fn, State } from '../context.ts';
import type { Value } from '../values.ts';

/** One compiled bracket. */
export interface Tranche {
  plafond: Fn | undefined; // undefined = no ceiling (Infinity)
  taux: Fn | undefined;
  montant: Fn | undefined;
}

/** The bounds of one bracket for one evaluation; undefined where an input is missing. */
export interface Bounds {
  low: number | undefined;
  high: number | undefined;
  active: boolean | undefined;
  after: boolean | undefined;
}

/** Compiles the brackets of a `barème` or a `grille`. */
export function compileTranches(cx: CompileContext, node: ASTNode<'barème' | 'grille'>): Tranche[] {
  return node.explanation.tranches.map((t) => {
    const plafond = t.plafond as ASTNode;
    return {
      plafond:
        plafond.nodeKind === 'constant' && plafond.nodeValue === Infinity ? undefined : cx.node(plafond),
      taux: 'taux' in t && t.taux ? cx.node(t.taux) : undefined,
      montant: 'montant' in t && t.montant ? cx.node(t.montant) : undefined,
    };
  });
}

/** Evaluates the ceilings (times the multiplier, in the base's unit) up to the active bracket. */
export function ceilings(
  cx: CompileContext,
  c: State,
  tranches: Tranche[],
  base: Value,
  baseUnit: number,
  mult: Value,
  multUnit: number,
  rule: string,
): Bounds[] {
  const units = cx.units;
  const out: Bounds[] = [];
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
    const low = i > 0 ? (out[i - 1] as Bounds).high : 0;
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
