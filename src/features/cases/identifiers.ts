// Formats of the resident's file numbers. Pure functions, tested in rules.test.ts.

/**
 * A French social security number (NIR): 13 characters then a 2-digit key equal to 97 − (number mod 97);
 * Corsica's departments 2A and 2B count as 19 and 18 for the key. Spaces are ignored. Source: INSEE,
 * « Le numéro d’inscription au répertoire (NIR) ».
 */
export function isValidNir(raw: string): boolean {
  const nir = raw.replace(/\s/g, '').toUpperCase();
  if (!/^[1-478][0-9]{2}(0[1-9]|1[0-2]|[2-9][0-9])(2A|2B|[0-9]{2})[0-9]{6}[0-9]{2}$/.test(nir)) return false;
  const body = nir.slice(0, 13).replace('2A', '19').replace('2B', '18');
  const key = Number(nir.slice(13));
  return 97 - Number(BigInt(body) % 97n) === key;
}

/** A CAF file number (numéro d’allocataire): 7 digits, sometimes written with leading zeros dropped. */
export function isValidCafNumber(raw: string): boolean {
  return /^[0-9]{4,7}$/.test(raw.replace(/\s/g, ''));
}

/** A tax number (numéro fiscal, SPI): 13 digits, the first one from 0 to 3. */
export function isValidTaxNumber(raw: string): boolean {
  return /^[0-3][0-9]{12}$/.test(raw.replace(/\s/g, ''));
}

/** The number as stored: no spaces, upper case. */
export function compact(raw: string): string {
  return raw.replace(/\s/g, '').toUpperCase();
}
