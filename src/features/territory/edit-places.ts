// Use-cases of a place in the pages: the territory's pilot and administrators create places; they, and the
// manager of the place's organisation, change its details (name, kind, address, commune, coordinates), contacts,
// weekly hours (OpenStreetMap syntax) and note. A bad field gives a French message for it and nothing is written;
// every change is journaled in its transaction.
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { canEditTerritory } from '../../platform/auth/roles.ts';
import { journal } from '../../platform/audit.ts';
import { forbidden, invalid } from '../../platform/errors.ts';
import type { OpeningRange } from '../../platform/db/schema.ts';
import { editableTerritories, placeToEdit } from './edit-offer.ts';
import { parseOsmOpeningHours } from './hours.ts';
import { FormChecks, sourceAfterEdit } from './offer-checks.ts';
import { uniqueSlug } from './offer-slugs.ts';
import { isCode, placeKinds } from './offer-vocabulary.ts';
import {
  forgetTerritory,
  insertPlace,
  listCommunes,
  listOrganisations,
  updatePlace,
  type Place,
  type PlaceValues,
} from './store.ts';

/** The form of a place: every field optional, an absent one keeps the stored value. */
export interface PlaceForm {
  nom?: string;
  type?: string;
  organisme?: string;
  adresse?: string;
  complement?: string;
  code_postal?: string;
  commune?: string;
  latitude?: string;
  longitude?: string;
  telephone?: string;
  courriel?: string;
  horaires?: string;
  note?: string;
}

/** What the place form offers to choose from on a territory. */
export async function placeFormChoices(db: Db, territoryId: string) {
  const [communes, organisations] = await Promise.all([
    listCommunes(db, territoryId),
    listOrganisations(db, territoryId),
  ]);
  return {
    communes: communes.map((c) => ({ inseeCode: c.inseeCode, name: c.name })),
    organisations: organisations.map((o) => ({ id: o.id, slug: o.slug, name: o.name })),
  };
}

/**
 * Reads a place form into the values to store, starting from the stored place (absent fields keep their value);
 * throws the French messages of the bad fields. The organisation is only read when `mayMove` (pilot, admin).
 */
async function placeValues(
  db: Db,
  territoryId: string,
  form: PlaceForm,
  base: Place | null,
  mayMove: boolean,
): Promise<PlaceValues> {
  const check = new FormChecks();
  const keep = <T>(value: string | undefined, read: (v: string | undefined) => T, stored: T): T =>
    value === undefined && base ? stored : read(value);
  const choices = await placeFormChoices(db, territoryId);

  const name = keep(
    form.nom,
    (v) => check.required('nom', v, 200, 'Indiquez le nom du lieu.'),
    base?.name ?? '',
  );
  const kind = keep(
    form.type,
    (v) => {
      if (!v || !isCode(placeKinds, v)) check.fail('type', 'Choisissez le type de lieu.');
      return v ?? '';
    },
    base?.kind ?? '',
  );
  let organisationId = base?.organisation?.id ?? null;
  if (mayMove && (form.organisme !== undefined || !base)) {
    organisationId = choices.organisations.find((o) => o.id === form.organisme)?.id ?? null;
    if (!organisationId) check.fail('organisme', 'Choisissez l’organisme qui tient ce lieu.');
  }
  const address = keep(form.adresse, (v) => check.text('adresse', v, 300), base?.address ?? null);
  const addressComplement = keep(
    form.complement,
    (v) => check.text('complement', v, 300),
    base?.addressComplement ?? null,
  );
  const postalCode = keep(
    form.code_postal,
    (v) => {
      const code = check.text('code_postal', v, 5);
      if (code && !/^\d{5}$/.test(code)) check.fail('code_postal', 'Le code postal compte cinq chiffres.');
      return code;
    },
    base?.postalCode ?? null,
  );
  const communeInsee = keep(
    form.commune,
    (v) => {
      const code = (v ?? '').trim();
      if (!code && !base) check.fail('commune', 'Choisissez la commune du lieu.');
      if (!code) return null;
      if (!choices.communes.some((c) => c.inseeCode === code))
        check.fail('commune', 'Choisissez une commune du territoire.');
      return code;
    },
    base?.commune?.inseeCode ?? null,
  );
  const latitude = keep(
    form.latitude,
    (v) => check.number('latitude', v, -90, 90, 'La latitude'),
    base?.latitude ?? null,
  );
  const longitude = keep(
    form.longitude,
    (v) => check.number('longitude', v, -180, 180, 'La longitude'),
    base?.longitude ?? null,
  );
  if ((latitude === null) !== (longitude === null) && !check.failed)
    check.fail(
      latitude === null ? 'latitude' : 'longitude',
      'Indiquez la latitude et la longitude, ou aucune des deux.',
    );
  const phone = keep(form.telephone, (v) => check.phone('telephone', v), base?.phone ?? null);
  const email = keep(form.courriel, (v) => check.email('courriel', v), base?.email ?? null);
  let hours: { ranges: OpeningRange[]; openOnPublicHolidays: boolean } = {
    ranges: base?.openingHours ?? [],
    openOnPublicHolidays: base?.openOnPublicHolidays ?? false,
  };
  if (form.horaires !== undefined) {
    const text = form.horaires.trim();
    try {
      hours = text ? parseOsmOpeningHours(text) : { ranges: [], openOnPublicHolidays: false };
    } catch (error) {
      check.fail('horaires', (error as Error).message);
    }
  }
  const hoursNote = keep(form.note, (v) => check.text('note', v, 500), base?.hoursNote ?? null);
  if (check.failed) throw invalid(check.errors, check.errors[0]!.message);
  return {
    territoryId,
    organisationId,
    name,
    kind,
    address,
    addressComplement,
    postalCode,
    communeInsee,
    latitude,
    longitude,
    phone,
    email,
    openingHours: hours.ranges,
    hoursNote,
    openOnPublicHolidays: hours.openOnPublicHolidays,
    source: base ? sourceAfterEdit(base.source) : 'saisi dans Sans Couture',
  };
}

/** Changes a place's details, contacts, weekly hours and note (the fields the form sends). */
export async function editPlace(db: Db, actor: Actor, slug: string, form: PlaceForm): Promise<void> {
  const place = await placeToEdit(db, actor, slug);
  const values = await placeValues(
    db,
    place.territoryId,
    form,
    place,
    canEditTerritory(actor, place.territoryId),
  );
  await db.transaction().execute(async (trx) => {
    await updatePlace(trx, place.id, values);
    await journal(trx, {
      actor,
      action: 'update',
      subjectType: 'place',
      subjectId: place.id,
      reason: `lieu ${slug} : modifié dans les pages de l’offre`,
    });
  });
  forgetTerritory(db);
}

/** Creates a place on a territory (pilot, administrator); returns its slug, made from its name. */
export async function createPlace(
  db: Db,
  actor: Actor,
  territoryId: string,
  form: PlaceForm,
): Promise<string> {
  if (!canEditTerritory(actor, territoryId) || !(await editableTerritories(db, actor)).includes(territoryId))
    throw forbidden('Seuls le pilote du territoire et les administrateurs créent des lieux.');
  const values = await placeValues(db, territoryId, form, null, true);
  const slug = await db.transaction().execute(async (trx) => {
    const slug = await uniqueSlug(trx, 'places', values.name);
    const id = await insertPlace(trx, slug, values);
    await journal(trx, {
      actor,
      action: 'create',
      subjectType: 'place',
      subjectId: id,
      reason: `lieu ${slug} créé dans les pages de l’offre`,
    });
    return slug;
  });
  forgetTerritory(db);
  return slug;
}
