// The words of the offer's forms: the kinds of organisations and places the data model holds, and French labels
// for the data·inclusion reference lists (themes by family, publics, types). The codes are the stored values;
// the labels are what editors tick in the pages.
import type { publics, typesService } from './data-inclusion-lists.ts';
import { thematiques } from './data-inclusion-lists.ts';

/** Organisation kinds: the organisation ids of the public API contract (plans route procedures by kind). */
export const organisationKinds = {
  caf: 'Caisse d’allocations familiales (Caf)',
  msa: 'Mutualité sociale agricole (MSA)',
  cpam: 'Assurance maladie (CPAM)',
  carsat: 'Assurance retraite (Carsat)',
  'france-travail': 'France Travail',
  dgfip: 'Finances publiques (DGFiP)',
  urssaf: 'Urssaf',
  prefecture: 'Préfecture',
  ants: 'Agence nationale des titres sécurisés (ANTS)',
  departement: 'Département',
  mdph: 'Maison départementale des personnes handicapées (MDPH)',
  mairie: 'Mairie',
  ccas: 'Centre communal d’action sociale (CCAS)',
  etat: 'Autre service de l’État',
  'france-services': 'France Services',
} as const satisfies Record<string, string>;
export type OrganisationKind = keyof typeof organisationKinds;

/** Place kinds, as the directory shows them. */
export const placeKinds = {
  'france-services': 'France Services',
  'france-services-bus': 'France Services itinérant (bus)',
  office: 'Accueil d’un organisme',
  'bus-stop': 'Arrêt du bus France Services',
} as const satisfies Record<string, string>;
export type PlaceKind = keyof typeof placeKinds;

/** French words for the data·inclusion `Public` codes. */
export const publicLabels: Record<(typeof publics)[number], string> = {
  'tous-publics': 'Tous publics',
  actifs: 'Actifs',
  'beneficiaires-des-minimas-sociaux': 'Bénéficiaires des minima sociaux',
  'demandeurs-emploi': 'Demandeurs d’emploi',
  etudiants: 'Étudiants',
  familles: 'Familles',
  femmes: 'Femmes',
  jeunes: 'Jeunes',
  'personnes-en-situation-de-handicap': 'Personnes en situation de handicap',
  'personnes-en-situation-durgence': 'Personnes en situation d’urgence',
  'personnes-en-situation-juridique-specifique': 'Personnes en situation juridique spécifique',
  'personnes-exilees': 'Personnes exilées',
  'residents-qpv-frr': 'Habitants des quartiers prioritaires ou zones rurales (QPV, FRR)',
  seniors: 'Seniors',
};

/** French words for the data·inclusion `TypeService` codes. */
export const serviceTypeLabels: Record<(typeof typesService)[number], string> = {
  accompagnement: 'Accompagnement',
  'aide-financiere': 'Aide financière',
  'aide-materielle': 'Aide matérielle',
  atelier: 'Atelier',
  formation: 'Formation',
  information: 'Information',
};

/** French names of the families of data·inclusion themes (the part of a code before `--`). */
const themeFamilyLabels: Record<string, string> = {
  'choisir-un-metier': 'Choisir un métier',
  'creer-une-entreprise': 'Créer une entreprise',
  'difficultes-administratives-ou-juridiques': 'Difficultés administratives ou juridiques',
  'difficultes-financieres': 'Difficultés financières',
  'equipement-et-alimentation': 'Équipement et alimentation',
  famille: 'Famille',
  'lecture-ecriture-calcul': 'Lecture, écriture, calcul',
  'logement-hebergement': 'Logement, hébergement',
  mobilite: 'Mobilité',
  numerique: 'Numérique',
  'preparer-sa-candidature': 'Préparer sa candidature',
  remobilisation: 'Remobilisation',
  sante: 'Santé',
  'se-former': 'Se former',
  'souvrir-a-linternational': 'S’ouvrir à l’international',
  'trouver-un-emploi': 'Trouver un emploi',
};

/** The themes grouped by family, in the list's order (one fieldset per family in the service form). */
export function themesByFamily(): { family: string; label: string; themes: string[] }[] {
  const groups: { family: string; label: string; themes: string[] }[] = [];
  for (const theme of thematiques) {
    const family = theme.split('--')[0]!;
    let group = groups.find((g) => g.family === family);
    if (!group) groups.push((group = { family, label: themeFamilyLabels[family] ?? family, themes: [] }));
    group.themes.push(theme);
  }
  return groups;
}

/** Whether a value is one of a list's codes. */
export function isCode<T extends string>(list: readonly T[] | Record<T, string>, value: string): value is T {
  return Array.isArray(list) ? list.includes(value as T) : Object.hasOwn(list, value);
}

/** A slug from a name: lower case, no accents, words joined by dashes, at most 60 characters. */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'sans-nom';
}

/** Words that are pages of the offer, never a slug (`/offre/lieux/nouveau` is the creation page). */
export const reservedSlugs = new Set(['nouveau', 'fermetures']);
