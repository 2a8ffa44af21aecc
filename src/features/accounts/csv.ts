// Reading the CSV file of an invitation import: columns e-mail;nom;rôle;organisme, separated by ";" (what a
// French spreadsheet writes) or ",", UTF-8 with or without BOM, fields optionally quoted ("" escapes a quote).
import { stripBidiControls } from '../../platform/text.ts';

/** One data line of the file, as typed (trimmed), with its line number in the file. */
export interface CsvInvitationRow {
  line: number;
  email: string;
  name: string;
  role: string;
  organisation: string;
}

/** A problem with the file as a whole (not with one line). */
export class CsvFileError extends Error {}

/** The maximum number of data lines in one import: beyond, split the file. */
export const maxImportRows = 1000;

/** Splits CSV text into records of fields; quoted fields may contain the separator and line breaks. */
export function parseCsvRecords(text: string, separator: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === separator) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (quoted) throw new CsvFileError(`Guillemet non refermé à partir de la ligne ${recordLine}.`);
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records.filter((r) => r.fields.some((f) => f.trim() !== ''));
}

/** Lower case, no accents, no punctuation: how headers and role labels are compared. */
export function foldLabel(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`_\-.()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const headerWords = new Set([
  'e mail',
  'email',
  'courriel',
  'adresse e mail',
  'adresse electronique',
  'mail',
]);

/** Parses an import file (bytes as uploaded) into rows; throws CsvFileError when the file is unusable. */
export function parseInvitationCsv(content: Buffer | string): CsvInvitationRow[] {
  let text = typeof content === 'string' ? content : content.toString('utf8');
  if (text.includes('\uFFFD')) {
    throw new CsvFileError(
      'Le fichier n’est pas en UTF-8. Dans votre tableur, enregistrez-le au format « CSV UTF-8 ».',
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // A name carrying U+202E would display reversed in the agents' pages.
  text = stripBidiControls(text);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records = parseCsvRecords(text, separator);
  if (records.length === 0) throw new CsvFileError('Le fichier est vide.');
  const first = records[0]!;
  const hasHeader = headerWords.has(foldLabel(first.fields[0] ?? ''));
  const data = hasHeader ? records.slice(1) : records;
  if (data.length === 0) throw new CsvFileError('Le fichier ne contient aucune ligne après l’en-tête.');
  if (data.length > maxImportRows) {
    throw new CsvFileError(
      `Le fichier compte ${data.length} lignes : ${maxImportRows} au plus par import. Découpez-le.`,
    );
  }
  return data.map((r) => ({
    line: r.line,
    email: (r.fields[0] ?? '').trim(),
    name: (r.fields[1] ?? '').trim().replace(/\s+/g, ' '),
    role: (r.fields[2] ?? '').trim(),
    organisation: (r.fields[3] ?? '').trim(),
  }));
}
