// Values as the fast path carries them, and the small helpers every mechanism shares on them.

/** A value: null when not applicable, undefined when an input is missing. Dates are dd/mm/yyyy strings. */
export type Value = number | boolean | string | null | undefined;

function digitAt(value: string, i: number): number {
  const code = value.charCodeAt(i) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/** yyyymmdd of a dd/mm/yyyy date, to compare dates as numbers (the engine compares them as dates). */
export function dateKey(value: string): number {
  return (
    (digitAt(value, 6) * 1000 + digitAt(value, 7) * 100 + digitAt(value, 8) * 10 + digitAt(value, 9)) *
      10000 +
    (digitAt(value, 3) * 10 + digitAt(value, 4)) * 100 +
    digitAt(value, 0) * 10 +
    digitAt(value, 1)
  );
}

/** Whether a value is a dd/mm/yyyy date. */
export function isDate(value: Value): value is string {
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

/** Rounds to `digits` decimals the way the engine does (with its epsilon). */
export function roundTo(n: number, digits: number): number {
  return Math.round((n + Number.EPSILON) * 10 ** digits) / 10 ** digits;
}
