// Money in French, the one formatter of the platform ("1 234,50 €"): exactly what Intl.NumberFormat("fr-FR") writes,
// but several times faster — the estimation writes a dozen amounts per household and the batch estimates thousands
// of households per second; money.test.ts proves both agree.
const intlEuros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const intlNumbers = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** U+202F (narrow no-break space) between thousands, U+00A0 before the euro sign, as Intl does in French. */
const THOUSANDS = '\u202f';
const BEFORE_SIGN = '\u00a0€';

/** "1 234,50 €": the amount rounded to the cent (half away from zero on the decimal, as Intl does). */
export function formatEuros(value: number): string {
  // Beyond 10^15 the cents are no longer exact in a double: leave those (absurd) amounts to Intl.
  if (!(Math.abs(value) < 1e15)) return intlEuros.format(value);
  const cents = Math.round(Math.abs(value) * 100);
  // Intl rounds the decimal it reads, not the double: redo with its rule when value·100 sits on a half cent.
  const exact = Math.abs(value) * 100;
  if (Math.abs(exact - Math.trunc(exact) - 0.5) < 1e-6) return intlEuros.format(value);
  const negative = value < 0 || Object.is(value, -0);
  const units = Math.floor(cents / 100);
  const rest = cents - units * 100;
  return `${negative ? '-' : ''}${group(units)},${rest < 10 ? '0' : ''}${rest}${BEFORE_SIGN}`;
}

/** "1 234,5": at most two decimals. */
export function formatNumber(value: number): string {
  return intlNumbers.format(value);
}

function group(units: number): string {
  const digits = String(units);
  if (digits.length <= 3) return digits;
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += THOUSANDS + digits.slice(i, i + 3);
  return out;
}
