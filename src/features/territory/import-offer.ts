// Use-case: import places from the ANCT "liste des structures France services" CSV or from a data·inclusion
// structures file (JSON array). A preview first (dry run): per-line French errors, what would be created, and
// the differences with what is stored (hours that disagree, another phone…). Applying is all-or-nothing: one
// transaction, refused while any line has an error; every created or changed place is journaled.
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { OpeningRange } from '../../platform/db/schema.ts';
import { journal } from '../../platform/audit.ts';
import { invalid, type FieldError } from '../../platform/errors.ts';
import {
  parseAnctDay,
  parseOsmOpeningHours,
  parseWeeklyHours,
  toOsmOpeningHours,
  weekdayKeys,
} from './hours.ts';
import { findOfficialCommune } from './geo.ts';
import {
  forgetTerritory,
  insertPlace,
  listCommunes,
  listOrganisations,
  listPlaces,
  updatePlace,
  type Place,
  type PlaceValues,
} from './store.ts';

/** One place read from a file. */
export interface ImportedPlace {
  line: number;
  externalId: string;
  name: string;
  address: string | null;
  addressComplement: string | null;
  postalCode: string | null;
  communeInsee: string;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  email: string | null;
  openingHours: OpeningRange[];
  kind: string;
}

export interface ImportPreview {
  errors: { line: number; message: string }[];
  create: ImportedPlace[];
  update: { place: Place; incoming: ImportedPlace; differences: string[] }[];
  unchanged: number;
  outside: number;
}

export const anctColumns = [
  'id_fs',
  'lib_fs',
  'adresse',
  'insee_com',
  'code_postal',
  'h_lundi',
  'h_mardi',
  'h_mercredi',
  'h_jeudi',
  'h_vendredi',
  'h_samedi',
] as const;

/** Splits CSV text (RFC 4180 quotes; separator ; or , guessed from the header) into rows. */
export function parseCsv(text: string): string[][] {
  const clean = text.replace(/^\uFEFF/, '');
  const header = clean.split(/\r?\n/, 1)[0] ?? '';
  const separator = header.split(';').length > header.split(',').length ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i]!;
    if (quoted) {
      if (c === '"' && clean[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && clean[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((v) => v !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  row.push(cell);
  if (row.some((v) => v !== '')) rows.push(row);
  return rows;
}

const emptyToNull = (v: string | undefined) => (v && v.trim() !== '' && v.trim() !== 'NA' ? v.trim() : null);

/** Reads the ANCT list: a place per line, or a French error naming the line and the column. */
export function readAnctCsv(text: string): {
  places: ImportedPlace[];
  errors: { line: number; message: string }[];
} {
  const rows = parseCsv(text);
  const header = (rows[0] ?? []).map((h) => h.trim());
  const missing = anctColumns.filter((c) => !header.includes(c));
  if (missing.length > 0)
    return {
      places: [],
      errors: [
        {
          line: 1,
          message: `Colonnes manquantes dans l’en-tête : ${missing.join(', ')} (fichier ANCT attendu).`,
        },
      ],
    };
  const places: ImportedPlace[] = [];
  const errors: { line: number; message: string }[] = [];
  rows.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const get = (name: string) => cells[header.indexOf(name)];
    const problems: string[] = [];
    const insee = (get('insee_com') ?? '').trim();
    if (!findOfficialCommune(insee)) problems.push(`code INSEE inconnu « ${insee} »`);
    const hours: Record<string, string[]> = {};
    ['h_lundi', 'h_mardi', 'h_mercredi', 'h_jeudi', 'h_vendredi', 'h_samedi'].forEach((column, d) => {
      try {
        const ranges = parseAnctDay(get(column));
        if (ranges.length > 0) hours[weekdayKeys[d]!] = ranges;
      } catch (error) {
        problems.push(`${column} : ${(error as Error).message}`);
      }
    });
    let openingHours: OpeningRange[] = [];
    try {
      openingHours = parseWeeklyHours(hours);
    } catch (error) {
      problems.push((error as Error).message);
    }
    const name = (get('lib_fs') ?? '').trim();
    if (name.length < 3) problems.push('lib_fs : nom manquant');
    const lat = Number(get('latitude'));
    const lon = Number(get('longitude'));
    if (problems.length > 0) {
      errors.push({ line, message: `Ligne ${line} : ${problems.join(' ; ')}.` });
      return;
    }
    places.push({
      line,
      externalId: (get('id_fs') ?? '').trim(),
      name,
      address: emptyToNull(get('adresse')),
      addressComplement: emptyToNull(get('complement_adresse')),
      postalCode: emptyToNull(get('code_postal')),
      communeInsee: insee,
      latitude: Number.isFinite(lat) && get('latitude') ? lat : null,
      longitude: Number.isFinite(lon) && get('longitude') ? lon : null,
      phone: emptyToNull(get('telephone')),
      email: emptyToNull(get('mail')),
      openingHours,
      kind: /bus/i.test(get('format_fs') ?? '') ? 'france-services-bus' : 'france-services',
    });
  });
  return { places, errors };
}

/** Reads a data·inclusion structures file (JSON array). */
export function readDataInclusion(text: string): {
  places: ImportedPlace[];
  errors: { line: number; message: string }[];
} {
  let records: unknown;
  try {
    records = JSON.parse(text);
  } catch {
    return { places: [], errors: [{ line: 1, message: 'Le fichier n’est pas du JSON valide.' }] };
  }
  if (!Array.isArray(records))
    return {
      places: [],
      errors: [{ line: 1, message: 'Le fichier doit être une liste de structures data·inclusion.' }],
    };
  const places: ImportedPlace[] = [];
  const errors: { line: number; message: string }[] = [];
  records.forEach((raw, i) => {
    const line = i + 1;
    const r = (raw ?? {}) as Record<string, unknown>;
    const text = (k: string) =>
      typeof r[k] === 'string' && (r[k] as string).trim() ? (r[k] as string).trim() : null;
    const problems: string[] = [];
    const id = text('id');
    const name = text('nom');
    if (!id) problems.push('id manquant');
    if (!name) problems.push('nom manquant');
    const insee = text('code_insee') ?? '';
    if (!findOfficialCommune(insee)) problems.push(`code_insee inconnu « ${insee} »`);
    let openingHours: OpeningRange[] = [];
    const hours = text('horaires_accueil');
    if (hours) {
      try {
        openingHours = parseOsmOpeningHours(hours).ranges;
      } catch (error) {
        problems.push(`horaires_accueil : ${(error as Error).message}`);
      }
    }
    if (problems.length > 0) {
      errors.push({ line, message: `Structure n° ${line} : ${problems.join(' ; ')}.` });
      return;
    }
    places.push({
      line,
      externalId: id!,
      name: name!,
      address: text('adresse'),
      addressComplement: text('complement_adresse'),
      postalCode: text('code_postal'),
      communeInsee: insee,
      latitude: typeof r.latitude === 'number' ? r.latitude : null,
      longitude: typeof r.longitude === 'number' ? r.longitude : null,
      phone: text('telephone'),
      email: text('courriel'),
      openingHours,
      kind: 'office',
    });
  });
  return { places, errors };
}

function slugOf(format: 'anct' | 'data-inclusion', externalId: string): string {
  const base = externalId
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return format === 'anct' ? `france-services-anct-${base}` : `di-${base}`;
}

/** The stored place an imported one is: same slug, or (ANCT) the seed place citing the same ANCT id. */
function matchOf(
  format: 'anct' | 'data-inclusion',
  incoming: ImportedPlace,
  places: readonly Place[],
): Place | undefined {
  const slug = slugOf(format, incoming.externalId);
  return (
    places.find((p) => p.slug === slug) ??
    (format === 'anct'
      ? places.find((p) => new RegExp(`\\bid ${incoming.externalId}\\b`).test(p.source))
      : places.find((p) => `sans-couture--${p.slug}` === incoming.externalId))
  );
}

/** Compares a stored place with an imported one, in words. */
function differences(place: Place, incoming: ImportedPlace): string[] {
  const out: string[] = [];
  const stored = toOsmOpeningHours(place.openingHours) ?? 'aucun';
  const fresh = toOsmOpeningHours(incoming.openingHours) ?? 'aucun';
  if (incoming.openingHours.length > 0 && stored !== fresh)
    out.push(`horaires : enregistrés « ${stored} », fichier « ${fresh} »`);
  if (incoming.phone && incoming.phone !== place.phone)
    out.push(`téléphone : « ${place.phone ?? '—'} » → « ${incoming.phone} »`);
  if (incoming.email && incoming.email !== place.email)
    out.push(`courriel : « ${place.email ?? '—'} » → « ${incoming.email} »`);
  if (incoming.address && incoming.address.toLowerCase() !== (place.address ?? '').toLowerCase())
    out.push(`adresse : « ${place.address ?? '—'} » → « ${incoming.address} »`);
  return out;
}

/** Reads a file and compares it with a territory's places: nothing is written. */
export async function previewImport(
  db: Db,
  format: 'anct' | 'data-inclusion',
  text: string,
  territoryId: string,
): Promise<ImportPreview> {
  const { places: incoming, errors } = format === 'anct' ? readAnctCsv(text) : readDataInclusion(text);
  const communes = new Set((await listCommunes(db, territoryId)).map((c) => c.inseeCode));
  const stored = await listPlaces(db, { territoryId });
  const preview: ImportPreview = { errors, create: [], update: [], unchanged: 0, outside: 0 };
  for (const place of incoming) {
    if (!communes.has(place.communeInsee)) {
      preview.outside++;
      continue;
    }
    const match = matchOf(format, place, stored);
    if (!match) preview.create.push(place);
    else {
      const diff = differences(match, place);
      if (diff.length > 0) preview.update.push({ place: match, incoming: place, differences: diff });
      else preview.unchanged++;
    }
  }
  return preview;
}

/** Applies an import in one transaction; refused (nothing written) while the file has errors. */
export async function applyImport(
  db: Db,
  actor: Actor | null,
  format: 'anct' | 'data-inclusion',
  text: string,
  territoryId: string,
  organisationId: string | null,
): Promise<ImportPreview> {
  const preview = await previewImport(db, format, text, territoryId);
  if (preview.errors.length > 0)
    throw invalid(
      preview.errors.map((e) => ({ field: `ligne ${e.line}`, message: e.message })),
      `Aucune modification : le fichier a ${preview.errors.length} erreur(s) à corriger.`,
    );
  const source =
    format === 'anct'
      ? 'ANCT, liste des structures France services (import)'
      : 'Fichier data·inclusion (import)';
  await db.transaction().execute(async (trx) => {
    const values = (p: ImportedPlace, base?: Place): PlaceValues => ({
      territoryId,
      organisationId: organisationId ?? null,
      name: base?.name ?? p.name,
      kind: base?.kind ?? p.kind,
      address: p.address ?? base?.address ?? null,
      addressComplement: p.addressComplement ?? base?.addressComplement ?? null,
      postalCode: p.postalCode ?? base?.postalCode ?? null,
      communeInsee: p.communeInsee,
      latitude: p.latitude ?? base?.latitude ?? null,
      longitude: p.longitude ?? base?.longitude ?? null,
      phone: p.phone ?? base?.phone ?? null,
      email: p.email ?? base?.email ?? null,
      openingHours: p.openingHours.length > 0 ? p.openingHours : (base?.openingHours ?? []),
      hoursNote: base?.hoursNote ?? null,
      openOnPublicHolidays: base?.openOnPublicHolidays ?? false,
      source: `${source}, id ${p.externalId}`,
    });
    for (const p of preview.create) {
      const id = await insertPlace(trx, slugOf(format, p.externalId), values(p));
      await journal(trx, {
        actor,
        action: 'create',
        subjectType: 'place',
        subjectId: id,
        reason: `import ${format}, ligne ${p.line}`,
      });
    }
    for (const u of preview.update) {
      const row = await trx
        .selectFrom('places')
        .select('organisation_id')
        .where('id', '=', u.place.id)
        .executeTakeFirstOrThrow();
      await updatePlace(trx, u.place.id, {
        ...values(u.incoming, u.place),
        organisationId: row.organisation_id,
      });
      await journal(trx, {
        actor,
        action: 'update',
        subjectType: 'place',
        subjectId: u.place.id,
        reason: `import ${format}, ligne ${u.incoming.line} : ${u.differences.length} différence(s)`,
      });
    }
  });
  forgetTerritory(db);
  return preview;
}

/** The preview in plain French lines (for the command line and the page). */
export function describePreview(preview: ImportPreview): string[] {
  return [
    ...preview.errors.map((e) => e.message),
    `${preview.create.length} lieu(x) à créer, ${preview.update.length} à mettre à jour, ${preview.unchanged} identique(s), ${preview.outside} hors du territoire.`,
    ...preview.create.map((p) => `+ ${p.name} (${p.communeInsee})`),
    ...preview.update.flatMap((u) => [`~ ${u.place.name}`, ...u.differences.map((d) => `    ${d}`)]),
  ];
}

// ── the import page ──────────────────────────────────────────────────────────────────────────────────────

/** The largest file the page takes (the national ANCT list of every France services is under 1 MB). */
export const maxImportBytes = 2 * 1024 * 1024;

/** The formats the page offers, with their French names. */
export const importFormats = {
  anct: 'Liste ANCT des France services (CSV)',
  'data-inclusion': 'Fichier de structures data·inclusion (JSON)',
} as const;
export type ImportFormat = keyof typeof importFormats;

/** The text of a sent file, or the French reason it cannot be read (empty, too large, not UTF-8). */
export function decodeImportFile(
  content: Buffer,
  truncated: boolean,
): { text: string } | { problem: string } {
  if (truncated || content.length > maxImportBytes)
    return { problem: 'Le fichier dépasse 2 Mo : envoyez la liste de votre département seulement.' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return {
      problem:
        'Le fichier n’est pas en UTF-8 : enregistrez-le en « CSV UTF-8 » (ou JSON UTF-8) et envoyez-le de nouveau.',
    };
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { problem: 'Le fichier est vide.' };
  return { text };
}

/** What the import form asks, checked: the format and the organisation owning the places it creates. */
export async function checkImportForm(
  db: Db,
  territoryId: string,
  form: { format?: string | undefined; organisme?: string | undefined },
): Promise<
  { ok: false; errors: FieldError[] } | { ok: true; format: ImportFormat; organisationId: string | null }
> {
  const errors: FieldError[] = [];
  const format =
    form.format && Object.hasOwn(importFormats, form.format) ? (form.format as ImportFormat) : null;
  if (!format)
    errors.push({
      field: 'format',
      message: 'Choisissez le format du fichier : liste ANCT ou data·inclusion.',
    });
  let organisationId: string | null = null;
  if (form.organisme) {
    const organisation = (await listOrganisations(db, territoryId)).find((o) => o.slug === form.organisme);
    if (!organisation)
      errors.push({ field: 'organisme', message: 'Choisissez un organisme de ce territoire, ou aucun.' });
    else organisationId = organisation.id;
  }
  if (errors.length > 0 || !format) return { ok: false, errors };
  return { ok: true, format, organisationId };
}
