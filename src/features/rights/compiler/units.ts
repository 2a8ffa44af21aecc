// Units: interned as small integers so that closures pass them around cheaply. 0 is "no unit at all"
// (undefined in the engine), 1 the empty unit left by a division or a cancelled percentage: the engine
// treats them differently (an empty unit converts to "%" by ×100, no unit does not convert). The rules of
// conversion follow Publicodes' own (its `units.ts`: the conversion table, percentages as 1/100).
import type { Unit } from 'publicodes';

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

/** The units met while compiling one model, interned; products, quotients and conversion factors memoised. */
export class Units {
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
