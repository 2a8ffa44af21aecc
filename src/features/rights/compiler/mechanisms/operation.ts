// Operations: `+ - * / //  **`, comparisons and `et` / `ou`, with the engine's handling of null (not
// applicable), undefined (missing), units (the right operand converted to the left one's unit), percentages
// (`100 € - 10 %`) and dates (compared as dates). Publicodes: mecanisms/operation.ts.
import type { ASTNode } from 'publicodes';
import { unitOf, type CompileContext, type Fn } from '../context.ts';
import { dateKey, isDate, type Value } from '../values.ts';

/** Compiles an operation node. */
export function compileOperation(cx: CompileContext, node: ASTNode<'operation'>): Fn {
  const units = cx.units;
  const rule = cx.currentRule; // for the message of a division by zero, raised while evaluating
  const kind = node.operationKind as string;
  const [left, right] = node.explanation.map((n) => cx.node(n)) as [Fn, Fn];
  const nullStopsLeft = ['<', '>', '<=', '>=', '/', '*', '//', '-', 'et'].includes(kind);
  const nullStopsRight = ['<', '>', '<=', '>=', '/', '*', '//', 'et'].includes(kind);
  const nullGivesNull = ['<', '>', '<=', '>=', '*', '/', '//'].includes(kind);
  const arithmetic = ['*', '/', '//', '-', '+'].includes(kind);
  const converts = !['/', '*', '//'].includes(kind);
  const nodeUnit = unitOf(cx, node);
  const apply = operator(cx, kind);
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

function operator(cx: CompileContext, kind: string): (a: Value, b: Value) => Value {
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
      return cx.unsupported(`opération ${kind}`);
  }
}
