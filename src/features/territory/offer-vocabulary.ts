// The words of the offer's forms: the kinds of organisations and places the data model holds, and French labels
// for the data·inclusion reference lists (themes by family, publics, types). The codes are the stored values;
// the labels are what editors tick in the pages.
import type { publics, typesService } from './data-inclusion-lists.ts';
import { thematiques } from './data-inclusion-lists.ts';
import { codeLabel } from './services.ts';

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

/** French words for the data·inclusion `Thematique` codes (the part after the family). */
export const themeLabels: Record<(typeof thematiques)[number], string> = {
  'choisir-un-metier--confirmer-son-choix-de-metier': 'Confirmer son choix de métier',
  'choisir-un-metier--connaitre-les-opportunites-demploi': 'Connaître les opportunités d’emploi',
  'choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite':
    'Découvrir un métier ou un secteur d’activité',
  'choisir-un-metier--identifier-ses-points-forts-et-ses-competences':
    'Identifier ses points forts et ses compétences',
  'creer-une-entreprise--definir-son-projet-de-creation-dentreprise':
    'Définir son projet de création d’entreprise',
  'creer-une-entreprise--developper-son-entreprise': 'Développer son entreprise',
  'creer-une-entreprise--structurer-son-projet-de-creation-dentreprise':
    'Structurer son projet de création d’entreprise',
  'difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives':
    'Accompagnement aux démarches administratives',
  'difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-a-la-citoyennete':
    'Accompagnement pour l’accès à la citoyenneté',
  'difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits':
    'Accompagnement pour l’accès aux droits',
  'difficultes-administratives-ou-juridiques--beneficier-dune-mesure-daccompagnement-adapte':
    'Bénéficier d’une mesure d’accompagnement adapté',
  'difficultes-administratives-ou-juridiques--connaitre-ses-droits-face-a-une-discrimination':
    'Connaître ses droits face à une discrimination',
  'difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire':
    'Prendre en compte une problématique judiciaire',
  'difficultes-financieres--acquerir-une-autonomie-budgetaire': 'Acquérir une autonomie budgétaire',
  'difficultes-financieres--ameliorer-sa-gestion-budgetaire': 'Améliorer sa gestion budgétaire',
  'difficultes-financieres--mettre-en-place-une-mesure-de-protection-financiere':
    'Mettre en place une mesure de protection financière',
  'difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere':
    'Prévenir une dégradation de la situation financière',
  'difficultes-financieres--situation-dendettement-surendettement': 'Situation d’endettement, surendettement',
  'equipement-et-alimentation--aide-menagere': 'Aide ménagère',
  'equipement-et-alimentation--alimentation': 'Alimentation',
  'equipement-et-alimentation--electromenager': 'Électroménager',
  'equipement-et-alimentation--habillement': 'Habillement',
  'famille--garde-denfants': 'Garde d’enfants',
  'famille--prise-en-charge-personne-dependante': 'Prise en charge d’une personne dépendante',
  'famille--soutien-a-la-parentalite-et-a-leducation': 'Soutien à la parentalité et à l’éducation',
  'famille--soutien-aidants': 'Soutien aux aidants',
  'famille--surmonter-conflits-separation-violence': 'Surmonter conflits, séparation, violence',
  'lecture-ecriture-calcul--maitriser-le-calcul': 'Maîtriser le calcul',
  'lecture-ecriture-calcul--maitriser-le-francais': 'Maîtriser le français',
  'logement-hebergement--acheter-un-logement': 'Acheter un logement',
  'logement-hebergement--changer-de-logement': 'Changer de logement',
  'logement-hebergement--louer-un-logement': 'Louer un logement',
  'logement-hebergement--rechercher-une-solution-dhebergement-temporaire':
    'Rechercher une solution d’hébergement temporaire',
  'logement-hebergement--reduire-les-impayes-de-loyer': 'Réduire les impayés de loyer',
  'logement-hebergement--se-maintenir-dans-le-logement': 'Se maintenir dans le logement',
  'logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement':
    'S’informer sur les démarches liées à l’accès au logement',
  'mobilite--acceder-a-un-vehicule': 'Accéder à un véhicule',
  'mobilite--entretenir-reparer-son-vehicule': 'Entretenir, réparer son véhicule',
  'mobilite--etre-accompagne-dans-son-parcours-mobilite': 'Être accompagné dans son parcours mobilité',
  'mobilite--financer-ma-mobilite': 'Financer ma mobilité',
  'mobilite--preparer-un-permis': 'Préparer un permis',
  'mobilite--mobilite-douce-partagee-collective': 'Mobilité douce, partagée, collective',
  'numerique--acceder-a-des-services-en-ligne': 'Accéder à des services en ligne',
  'numerique--acceder-a-une-connexion-internet': 'Accéder à une connexion internet',
  'numerique--acquerir-un-equipement': 'Acquérir un équipement',
  'numerique--maitriser-les-fondamentaux-du-numerique': 'Maîtriser les fondamentaux du numérique',
  'preparer-sa-candidature--developper-son-reseau': 'Développer son réseau',
  'preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi':
    'Organiser ses démarches de recherche d’emploi',
  'preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation':
    'Réaliser un CV et/ou une lettre de motivation',
  'preparer-sa-candidature--valoriser-ses-competences': 'Valoriser ses compétences',
  'remobilisation--activites-sportives-et-culturelles': 'Activités sportives et culturelles',
  'remobilisation--benevolat-action-citoyenne': 'Bénévolat, action citoyenne',
  'remobilisation--bien-etre-confiance-en-soi': 'Bien-être, confiance en soi',
  'remobilisation--lien-social': 'Lien social',
  'sante--acces-aux-soins': 'Accès aux soins',
  'sante--addictions': 'Addictions',
  'sante--constituer-un-dossier-mdph-invalidite': 'Constituer un dossier MDPH, invalidité',
  'sante--sante-mentale': 'Santé mentale',
  'sante--sante-sexuelle': 'Santé sexuelle',
  'se-former--monter-son-dossier-de-formation': 'Monter son dossier de formation',
  'se-former--trouver-sa-formation': 'Trouver sa formation',
  'souvrir-a-linternational--connaitre-les-opportunites-demploi-a-letranger':
    'Connaître les opportunités d’emploi à l’étranger',
  'souvrir-a-linternational--sinformer-sur-les-aides-pour-travailler-a-letranger':
    'S’informer sur les aides pour travailler à l’étranger',
  'souvrir-a-linternational--sorganiser-suite-a-son-retour-en-france':
    'S’organiser suite à son retour en France',
  'trouver-un-emploi--convaincre-un-recruteur-en-entretien': 'Convaincre un recruteur en entretien',
  'trouver-un-emploi--faire-des-candidatures-spontanees': 'Faire des candidatures spontanées',
  'trouver-un-emploi--maintien-dans-lemploi': 'Maintien dans l’emploi',
  'trouver-un-emploi--repondre-a-des-offres-demploi': 'Répondre à des offres d’emploi',
  'trouver-un-emploi--suivre-ses-candidatures-et-relancer-les-employeurs':
    'Suivre ses candidatures et relancer les employeurs',
};

/** The French words of a theme code (the code made readable when the list has grown past these labels). */
export function themeLabel(code: string): string {
  return (themeLabels as Record<string, string>)[code] ?? codeLabel(code);
}

/** The themes grouped by family, in the list's order (one fieldset per family in the service form). */
export function themesByFamily(): {
  family: string;
  label: string;
  themes: { code: string; label: string }[];
}[] {
  const groups: { family: string; label: string; themes: { code: string; label: string }[] }[] = [];
  for (const theme of thematiques) {
    const family = theme.split('--')[0]!;
    let group = groups.find((g) => g.family === family);
    if (!group) groups.push((group = { family, label: themeFamilyLabels[family] ?? family, themes: [] }));
    group.themes.push({ code: theme, label: themeLabels[theme] });
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
