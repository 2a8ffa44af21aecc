// The ANCT "liste des structures France services" of the Lot (the extract of 1 August 2024 in ../shared/data),
// written back as the CSV it came from, for the tests of the offer's import.
import fs from 'node:fs';

/** The extract as stored: the ANCT columns, and one record per structure. */
export interface AnctFile {
  champs: string[];
  structures: Record<string, string | number | boolean | null>[];
}

/** The extract of the Lot. */
export const anct = JSON.parse(
  fs.readFileSync('../shared/data/territoire/france-services-46.json', 'utf8'),
) as AnctFile;

/** The ANCT columns (our own flag for the bassin de vie left out). */
export const anctColumns = anct.champs.filter((c) => c !== 'dansBassinDeVieCahorsBV2012');

/** The 4 sites of the bassin de vie of Cahors; the other sites of the Lot are outside the territory. */
export const inCahors = anct.structures.filter((s) => s.dansBassinDeVieCahorsBV2012);

/** Structures as the ANCT CSV (separator ;, quotes as RFC 4180, CRLF); `header` may rename a column. */
export function anctCsv(structures: AnctFile['structures'], header: string[] = anctColumns): string {
  const cell = (v: unknown) =>
    v == null ? '' : /[;"\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
  return [header.join(';'), ...structures.map((s) => anctColumns.map((c) => cell(s[c])).join(';'))].join(
    '\r\n',
  );
}
