// The offer of a territory as data·inclusion schema v1 (v1.0.8): structures (our places) and services (one record per
// service and place where it is given), ids `sans-couture--<id>`, reference lists as published, hours in the
// OpenStreetMap `opening_hours` syntax. Published under the Licence Ouverte 2.0. Pure mapping: no I/O.
import { formatDate } from '../../platform/dates.ts';
import { toOsmOpeningHours } from './hours.ts';
import type { Place } from './store.ts';
import type { Service, UsageMode } from './services.ts';

/** The `source` of every record we publish. */
export const dataInclusionSource = 'sans-couture';

/** A data·inclusion structure (the fields we fill; the others are null). */
export interface DiStructure {
  source: string;
  id: string;
  nom: string;
  date_maj: string;
  description: string | null;
  lien_source: string;
  siret: null;
  telephone: string | null;
  courriel: string | null;
  site_web: string | null;
  adresse: string | null;
  complement_adresse: string | null;
  code_postal: string | null;
  code_insee: string | null;
  commune: string | null;
  latitude: number | null;
  longitude: number | null;
  horaires_accueil: string | null;
  accessibilite_lieu: null;
  reseaux_porteurs: string[] | null;
}

/** A data·inclusion service. */
export interface DiService {
  source: string;
  structure_id: string;
  id: string;
  nom: string;
  description: string;
  date_maj: string;
  type: string | null;
  thematiques: string[] | null;
  publics: string[] | null;
  publics_precisions: string | null;
  frais: 'gratuit' | 'payant' | null;
  frais_precisions: string | null;
  conditions_acces: string | null;
  modes_accueil: string[] | null;
  modes_mobilisation: string[] | null;
  lien_mobilisation: string | null;
  mobilisable_par: string[] | null;
  mobilisation_precisions: string | null;
  zone_eligibilite: string[] | null;
  telephone: string | null;
  courriel: string | null;
  adresse: string | null;
  complement_adresse: string | null;
  code_postal: string | null;
  code_insee: string | null;
  commune: string | null;
  latitude: number | null;
  longitude: number | null;
  horaires_accueil: string | null;
  lien_source: string;
}

// Our organisation kinds → data·inclusion's `reseaux_porteurs` where the network exists in the list.
const networks: Record<string, string> = {
  'france-services': 'france-service',
  caf: 'caf',
  cpam: 'cpam',
  'france-travail': 'france-travail',
  departement: 'departements',
  ccas: 'ccas-cias',
};

const mobilisation: Record<UsageMode, string> = {
  'walk-in': 'se-presenter',
  phone: 'telephoner',
  email: 'envoyer-un-courriel',
  appointment: 'utiliser-lien-mobilisation',
  online: 'utiliser-lien-mobilisation',
};

/** The structure id of a place. */
export function structureId(placeSlug: string): string {
  return `${dataInclusionSource}--${placeSlug}`;
}

const postalCode = (value: string | null) => (value && /^\d{5}$/.test(value) ? value : null);
const email = (value: string | null) => (value && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) ? value : null);

/** What a place's organisation publishes for every place it holds: its website and public contacts. */
export interface OrganisationContacts {
  website: string | null;
  phone: string | null;
  email: string | null;
}

const noContacts: OrganisationContacts = { website: null, phone: null, email: null };

/**
 * A place as a data·inclusion structure. Its phone and e-mail are the place's own, else its organisation's public
 * contacts (a switchboard reaches the place too): a structure without them is harder to reach for a resident.
 */
export function toDiStructure(
  place: Place,
  organisation: OrganisationContacts,
  publicUrl: string,
): DiStructure {
  const network = place.organisation ? networks[place.organisation.kind] : undefined;
  const description = place.hoursNote && place.hoursNote.length >= 5 ? place.hoursNote : null;
  return {
    source: dataInclusionSource,
    id: structureId(place.slug),
    nom: place.name.length >= 3 ? place.name.slice(0, 150) : `Lieu ${place.name}`,
    date_maj: formatDate(place.updatedAt),
    description,
    lien_source: `${publicUrl}/lieux/${place.slug}`,
    siret: null,
    telephone: place.phone ?? organisation.phone,
    courriel: email(place.email) ?? email(organisation.email),
    site_web: organisation.website,
    adresse: place.address,
    complement_adresse: place.addressComplement,
    code_postal: postalCode(place.postalCode),
    code_insee: place.commune?.inseeCode ?? null,
    commune: place.commune?.name ?? null,
    latitude: place.latitude,
    longitude: place.longitude,
    horaires_accueil: toOsmOpeningHours(place.openingHours, {
      openOnPublicHolidays: place.openOnPublicHolidays,
      closures: place.closures,
    }),
    accessibilite_lieu: null,
    reseaux_porteurs: network ? [network] : null,
  };
}

/** A service at one of its places as a data·inclusion service (its contacts, else the place's, else its organisation's). */
export function toDiService(
  service: Service,
  place: Place,
  publicUrl: string,
  organisation: OrganisationContacts = noContacts,
): DiService {
  const modes = [...new Set(service.usageModes.map((m) => mobilisation[m]))];
  const link = service.usageModes.includes('appointment')
    ? `${publicUrl}/rendez-vous?lieu=${place.slug}`
    : service.onlineUrl;
  // Without a link, data·inclusion's "utiliser-lien-mobilisation" would point nowhere.
  const modesMobilisation = link ? modes : modes.filter((m) => m !== 'utiliser-lien-mobilisation');
  const conditions = [
    ...service.prerequisites,
    ...(service.documents.length > 0 ? [`Documents à apporter : ${service.documents.join(' ; ')}`] : []),
  ].join('\n');
  return {
    source: dataInclusionSource,
    structure_id: structureId(place.slug),
    id: `${dataInclusionSource}--${service.slug}:${place.slug}`,
    nom: service.name.slice(0, 150),
    description:
      service.description.length >= 5
        ? service.description.slice(0, 10000)
        : `${service.name} — ${service.description}`,
    date_maj: service.lastCheckedOn,
    type: service.kind,
    thematiques: service.themes.length > 0 ? service.themes : null,
    publics: service.publics.length > 0 ? service.publics : null,
    publics_precisions: service.publicsDetails,
    frais: service.fees,
    frais_precisions: service.feesDetails,
    conditions_acces: conditions || null,
    modes_accueil: ['en-presentiel', ...(service.atDistance ? ['a-distance'] : [])],
    modes_mobilisation: modesMobilisation.length > 0 ? modesMobilisation : null,
    lien_mobilisation: link,
    mobilisable_par: ['usagers', 'professionnels'],
    mobilisation_precisions: null,
    zone_eligibilite: service.eligibilityZone.length > 0 ? service.eligibilityZone : null,
    telephone: service.phone ?? place.phone ?? organisation.phone,
    courriel: email(service.email) ?? email(place.email) ?? email(organisation.email),
    adresse: place.address,
    complement_adresse: place.addressComplement,
    code_postal: postalCode(place.postalCode),
    code_insee: place.commune?.inseeCode ?? null,
    commune: place.commune?.name ?? null,
    latitude: place.latitude,
    longitude: place.longitude,
    horaires_accueil: toOsmOpeningHours(place.openingHours, {
      openOnPublicHolidays: place.openOnPublicHolidays,
      closures: place.closures,
    }),
    lien_source: `${publicUrl}/lieux/${place.slug}`,
  };
}

/**
 * The whole offer of a territory: every place as a structure, every service at each of its places, with the
 * organisations' website and public contacts by organisation slug.
 */
export function exportOffer(
  places: readonly Place[],
  services: readonly Service[],
  organisations: ReadonlyMap<string, OrganisationContacts>,
  publicUrl: string,
): { structures: DiStructure[]; services: DiService[] } {
  const bySlug = new Map(places.map((p) => [p.slug, p]));
  const of = (slug: string | undefined) => (slug ? organisations.get(slug) : undefined) ?? noContacts;
  return {
    structures: places.map((p) => toDiStructure(p, of(p.organisation?.slug), publicUrl)),
    services: services.flatMap((s) =>
      s.places.flatMap((p) => {
        const place = bySlug.get(p.slug);
        return place ? [toDiService(s, place, publicUrl, of(s.organisation.slug))] : [];
      }),
    ),
  };
}

function csvCell(value: unknown): string {
  if (value == null) return '';
  const text = Array.isArray(value) ? value.join(',') : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records as CSV (RFC 4180, comma-separated, lists joined by commas inside one quoted cell), header first. */
export function toCsv<T extends object>(
  records: readonly T[],
  columns: readonly (keyof T & string)[],
): string {
  const lines = [columns.join(',')];
  for (const record of records) lines.push(columns.map((c) => csvCell(record[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

export const structureColumns: (keyof DiStructure & string)[] = [
  'source',
  'id',
  'nom',
  'date_maj',
  'description',
  'lien_source',
  'siret',
  'telephone',
  'courriel',
  'site_web',
  'adresse',
  'complement_adresse',
  'code_postal',
  'code_insee',
  'commune',
  'latitude',
  'longitude',
  'horaires_accueil',
  'accessibilite_lieu',
  'reseaux_porteurs',
];

export const serviceColumns: (keyof DiService & string)[] = [
  'source',
  'structure_id',
  'id',
  'nom',
  'description',
  'date_maj',
  'type',
  'thematiques',
  'publics',
  'publics_precisions',
  'frais',
  'frais_precisions',
  'conditions_acces',
  'modes_accueil',
  'modes_mobilisation',
  'lien_mobilisation',
  'mobilisable_par',
  'mobilisation_precisions',
  'zone_eligibilite',
  'telephone',
  'courriel',
  'adresse',
  'complement_adresse',
  'code_postal',
  'code_insee',
  'commune',
  'latitude',
  'longitude',
  'horaires_accueil',
  'lien_source',
];
