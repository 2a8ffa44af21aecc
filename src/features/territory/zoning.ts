// Reads an INSEE zoning table as INSEE publishes it ("table d'appartenance géographique des communes", or the
// bassins de vie zoning file) saved as CSV: separator ';' or ',', optional BOM and quotes, and the title lines INSEE
// puts above the header when the workbook is saved as CSV. The header has CODGEO (the commune) and one BVyyyy column
// (the bassin de vie of the zoning of that year).
import { AppError } from '../../platform/errors.ts';

export interface ZoningTable {
  /** The bassin de vie column read: BV2012, BV2022… */
  column: string;
  /** Commune code (in the table's geography) → bassin de vie code. */
  rows: Map<string, string>;
}

/** Splits one CSV line on a separator, honouring double quotes ("a;b" is one field, "" is a quote). */
export function splitCsvLine(line: string, separator: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

const zoningError = (message: string) =>
  new AppError('validation', message, [{ field: 'zoning-file', message }]);

/**
 * Parses the zoning table. `column` chooses the bassin de vie column when the file has several (BV2012 and BV2022);
 * with one, it is found on its own. Throws a French validation error naming what is wrong.
 */
export function parseZoningTable(text: string, column?: string): ZoningTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // INSEE's workbooks saved as CSV keep a few title lines above the header: look for it in the first lines.
  const headerIndex = lines.slice(0, 15).findIndex((l) => /(^|[;,"])\s*CODGEO\s*("|[;,]|$)/i.test(l));
  if (headerIndex < 0) {
    const first = lines.find((l) => l.trim() !== '');
    if (first === undefined)
      throw zoningError(
        'Le fichier de zonage est vide. Utilisez la table d’appartenance géographique des communes publiée par l’INSEE, enregistrée en CSV.',
      );
    // A binary file (a workbook not saved as CSV) would print its bytes: show only what is readable text.
    const readable = /^[\p{L}\p{N}\p{P}\p{Zs}\t]*$/u.test(first);
    throw zoningError(
      readable
        ? `Le fichier de zonage n’a pas la colonne CODGEO (code de la commune) : colonnes trouvées « ${first.slice(0, 120)} ». Utilisez la table d’appartenance géographique des communes publiée par l’INSEE, enregistrée en CSV.`
        : 'Le fichier de zonage n’est pas un fichier texte CSV (un classeur non enregistré en CSV ?). Utilisez la table d’appartenance géographique des communes publiée par l’INSEE, enregistrée en CSV.',
    );
  }
  const headerLine = lines[headerIndex]!;
  const separator =
    (headerLine.match(/;/g)?.length ?? 0) >= (headerLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const header = splitCsvLine(headerLine, separator).map((h) => h.toUpperCase());
  const codeIndex = header.indexOf('CODGEO');
  const bvColumns = header.filter((h) => /^BV\d{4}$/.test(h));
  let chosen: string;
  if (column) {
    chosen = column.toUpperCase();
    if (!header.includes(chosen))
      throw zoningError(
        `Le fichier de zonage n’a pas la colonne ${chosen} : colonnes de bassin de vie trouvées : ${bvColumns.join(', ') || 'aucune'}.`,
      );
  } else if (bvColumns.length === 1) {
    chosen = bvColumns[0]!;
  } else if (bvColumns.length === 0) {
    throw zoningError(
      `Le fichier de zonage n’a pas de colonne de bassin de vie (BV2012, BV2022…) : colonnes trouvées : ${header.join(', ')}.`,
    );
  } else {
    throw zoningError(
      `Le fichier de zonage a plusieurs colonnes de bassin de vie (${bvColumns.join(', ')}) : choisissez-en une avec --zoning-column.`,
    );
  }
  const bvIndex = header.indexOf(chosen);
  const rows = new Map<string, string>();
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const fields = splitCsvLine(line, separator);
    const code = fields[codeIndex] ?? '';
    const bv = fields[bvIndex] ?? '';
    if (!/^(\d{5}|2[AB]\d{3})$/.test(code) || bv === '') {
      throw zoningError(
        `Ligne ${i + 1} du fichier de zonage illisible : code commune « ${code.slice(0, 10)} », bassin de vie « ${bv.slice(0, 10)} ».`,
      );
    }
    rows.set(code, bv);
  }
  if (rows.size === 0) throw zoningError('Le fichier de zonage ne contient aucune commune.');
  return { column: chosen, rows };
}
