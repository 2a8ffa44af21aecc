// Who may reach each route, written once per route. The authorisation matrix, the fuzzing and the CSRF
// tests read it; a route of the application missing from this table fails the matrix test, so every new
// route must be declared here (with its expected access) when it lands.
import { roles, type Role } from '../../src/platform/auth/roles.ts';
import { demoSolutionId } from '../../src/features/pilotage/demo.ts';

/** How a route may be reached. */
export type Access =
  /** Everyone, anonymous visitors included (public pages, the public API). */
  | { kind: 'public' }
  /** Connected users whose role is listed; anonymous visitors are sent to login, other roles refused. */
  | { kind: 'roles'; roles: readonly Role[] }
  /** Operators only: from the machine itself or with a bearer token (never with a session). */
  | { kind: 'loopback' };

/** A demo user as the matrix sees it. */
export interface MatrixActor {
  role: Role | 'anonymous';
  email: string | null;
}

/** The expectation for one route. */
export interface RouteExpectation {
  access: Access;
  /** The route shows or changes personal data: anonymous access must be impossible. */
  personal: boolean;
  /** A concrete URL for a pattern with parameters (defaults to the pattern itself). */
  sample?: string;
  /** A body an allowed user would send to a form or API route (the harness adds _csrf). */
  body?: Record<string, unknown>;
  /**
   * The sample is a resource of the demo organisations (France Services du Lot, CAF du Lot): agents of other
   * organisations (`otherOrganisationActors`) must be refused on it, whatever their role allows elsewhere.
   */
  organisationScoped?: boolean;
  /** Statuses an allowed visitor may get on the sample, when not a 2xx/3xx (an unknown link: 400). */
  answers?: readonly number[];
  /** API routes whose handler rightly refuses some schema-valid inputs (with a 400 naming the field). */
  semanticValidation?: boolean;
}

export const everyone: Access = { kind: 'public' };
/** Any connected user, whatever the role. */
export const connected: Access = { kind: 'roles', roles };
/** Only the listed roles. */
export const only = (...allowed: Role[]): Access => ({ kind: 'roles', roles: allowed });

/** The demo account used for each role (seeds/demo-accounts.json). */
export const matrixActors: MatrixActor[] = [
  { role: 'anonymous', email: null },
  { role: 'resident', email: 'usager@demo.localhost' },
  { role: 'helper', email: 'aidant@demo.localhost' },
  { role: 'partnerAgent', email: 'caf@demo.localhost' },
  { role: 'organisationManager', email: 'responsable-caf@demo.localhost' },
  { role: 'territoryPilot', email: 'pilote@demo.localhost' },
  { role: 'nationalObserver', email: 'observateur@demo.localhost' },
  { role: 'admin', email: 'admin@demo.localhost' },
];

/** Agents of organisations that are not on the demo resources (the "other organisation" of the matrix). */
export const otherOrganisationActors: MatrixActor[] = [
  { role: 'helper', email: 'mairie@demo.localhost' },
  { role: 'partnerAgent', email: 'cpam@demo.localhost' },
];

const unknownToken = 'A'.repeat(43);
/** A well-formed id that points at nothing. */
const unknownId = '5c0a5e00-0000-4000-8000-0000000000ff';
const estimation = {
  month: '2026-05',
  commune: '46042',
  household: {
    couple: false,
    members: [{ role: 'applicant', birthDate: '1990-04-12', monthlyNetEarnings: 0 }],
    housing: { status: 'tenant', monthlyRent: 450 },
  },
};

/** Every route of the application, by `METHOD /pattern`. */
export const expectations: Record<string, RouteExpectation> = {
  // Platform
  'GET /healthz': { access: everyone, personal: false },
  'GET /metrics': { access: { kind: 'loopback' }, personal: false },
  'GET /api/v1/openapi.json': { access: everyone, personal: false },
  // Home and legal pages
  'GET /': { access: everyone, personal: false },
  'GET /accessibilite': { access: everyone, personal: false },
  'GET /mentions-legales': { access: everyone, personal: false },
  'GET /donnees-personnelles': { access: everyone, personal: false },
  // Agents' home pages: each role has its own.
  'GET /espace/aidant': { access: only('helper'), personal: true },
  'GET /espace/partenaire': { access: only('partnerAgent'), personal: true },
  'GET /espace/organisme': { access: only('organisationManager'), personal: true },
  'GET /espace/pilotage': { access: only('territoryPilot'), personal: true },
  'GET /espace/observatoire': { access: only('nationalObserver'), personal: true },
  'GET /espace/admin': { access: only('admin'), personal: true },
  // Territory
  'GET /lieux': { access: everyone, personal: false },
  'GET /lieux/:slug': { access: everyone, personal: false, sample: '/lieux/france-services-catus' },
  'GET /api/v1/places': { access: everyone, personal: false },
  // Keeping the offer right: organisation managers (their own), the territory's pilot and administrators.
  'GET /offre': { access: only('organisationManager', 'territoryPilot', 'admin'), personal: false },
  'GET /offre/fraicheur': { access: only('organisationManager', 'territoryPilot', 'admin'), personal: false },
  'GET /offre/lieux/:slug': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: '/offre/lieux/france-services-catus',
  },
  'POST /offre/lieux/:slug': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: '/offre/lieux/france-services-catus',
    body: { horaires: '25:00' },
    answers: [400],
  },
  'POST /offre/lieux/:slug/fermetures': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: '/offre/lieux/france-services-catus/fermetures',
    body: { du: 'demain' },
    answers: [400],
  },
  'POST /offre/lieux/:slug/fermetures/:id/supprimer': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: '/offre/lieux/france-services-catus/fermetures/5c0a5e00-0000-4000-8000-0000000000aa/supprimer',
    answers: [404],
  },
  'POST /offre/services/:id/verifie': {
    access: only('organisationManager', 'territoryPilot', 'admin'),
    personal: false,
    sample: '/offre/services/5c0a5e00-0000-4000-8000-0000000000aa/verifie',
    answers: [404],
  },
  // Creating and changing organisations, places and services (pilot and administrators; a manager: its services).
  'GET /offre/lieux/nouveau': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: '/offre/lieux/nouveau?territoire=cahors',
  },
  'POST /offre/lieux/nouveau': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: '/offre/lieux/nouveau?territoire=cahors',
    body: { nom: '', latitude: '200' },
    answers: [400],
  },
  'GET /offre/services/nouveau': {
    access: only('organisationManager', 'territoryPilot', 'admin'),
    personal: false,
    sample: '/offre/services/nouveau?territoire=cahors',
  },
  'POST /offre/services/nouveau': {
    access: only('organisationManager', 'territoryPilot', 'admin'),
    personal: false,
    sample: '/offre/services/nouveau?territoire=cahors',
    body: { nom: '', zone: '99999' },
    answers: [400],
  },
  'GET /offre/services/:id': {
    access: only('organisationManager', 'territoryPilot', 'admin'),
    personal: false,
    sample: '/offre/services/5c0a5e00-0000-4000-8000-0000000000aa',
    answers: [404],
  },
  'POST /offre/services/:id': {
    access: only('organisationManager', 'territoryPilot', 'admin'),
    personal: false,
    sample: '/offre/services/5c0a5e00-0000-4000-8000-0000000000aa',
    body: { nom: 'Service' },
    answers: [404],
  },
  'GET /offre/organismes/nouveau': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: '/offre/organismes/nouveau?territoire=cahors',
  },
  'POST /offre/organismes/nouveau': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: '/offre/organismes/nouveau?territoire=cahors',
    body: { nom: '', courriel: 'pas-une-adresse' },
    answers: [400],
  },
  'GET /offre/organismes/:slug': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: '/offre/organismes/caf-lot',
  },
  'POST /offre/organismes/:slug': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: '/offre/organismes/caf-lot',
    body: { nom: '' },
    answers: [400],
  },
  'GET /offre/import': { access: only('territoryPilot', 'admin'), personal: false },
  // Multipart: the matrix's url-encoded post gets a 415 from an allowed role, a refusal from the others.
  'POST /offre/import': { access: only('territoryPilot', 'admin'), personal: false },
  // The bus's tours: the bus's organisation (France Services du Lot, no demo manager), the pilot, administrators.
  'GET /offre/bus/:tour': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: '/offre/bus/bus-france-services-grand-cahors',
  },
  'POST /offre/bus/:tour/arrets': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: '/offre/bus/bus-france-services-grand-cahors/arrets',
    body: { commune: '99999', debut: '25:00' },
    answers: [400],
  },
  'GET /offre/bus/:tour/arrets/:id': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: `/offre/bus/bus-france-services-grand-cahors/arrets/${unknownId}`,
    answers: [404],
  },
  'POST /offre/bus/:tour/arrets/:id': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: `/offre/bus/bus-france-services-grand-cahors/arrets/${unknownId}`,
    body: { rythme: '0' },
    answers: [404],
  },
  'POST /offre/bus/:tour/arrets/:id/annulations': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: `/offre/bus/bus-france-services-grand-cahors/arrets/${unknownId}/annulations`,
    body: { date: '2026-12-07' },
    answers: [404],
  },
  'POST /offre/bus/:tour/arrets/:id/annulations/:cancellation/retablir': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: `/offre/bus/bus-france-services-grand-cahors/arrets/${unknownId}/annulations/${unknownId}/retablir`,
    answers: [404],
  },
  'POST /offre/bus/:tour/arrets/:id/supprimer': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: `/offre/bus/bus-france-services-grand-cahors/arrets/${unknownId}/supprimer`,
    answers: [404],
  },
  'GET /bus': { access: everyone, personal: false },
  'GET /bus/:commune': { access: everyone, personal: false, sample: '/bus/46007' },
  'GET /bus/:commune/passages.ics': { access: everyone, personal: false, sample: '/bus/46007/passages.ics' },
  'GET /api/v1/territories/:territory/data-inclusion/structures': {
    access: everyone,
    personal: false,
    sample: '/api/v1/territories/cahors/data-inclusion/structures',
  },
  'GET /api/v1/territories/:territory/data-inclusion/services': {
    access: everyone,
    personal: false,
    sample: '/api/v1/territories/cahors/data-inclusion/services',
  },
  'GET /api/v1/territories/:territory/data-inclusion/structures.csv': {
    access: everyone,
    personal: false,
    sample: '/api/v1/territories/cahors/data-inclusion/structures.csv',
  },
  'GET /api/v1/territories/:territory/data-inclusion/services.csv': {
    access: everyone,
    personal: false,
    sample: '/api/v1/territories/cahors/data-inclusion/services.csv',
  },
  // Appointments (src/features/appointments): the public API. Booking stores a person's data by design, without
  // an account; the harness sends a slot that does not exist (400) and a token that does not exist (404).
  'GET /api/v1/slots': {
    access: everyone,
    personal: false,
    sample: '/api/v1/slots?place=france-services-catus&from=2026-12-07&days=7',
    semanticValidation: true,
  },
  'POST /api/v1/appointments': {
    access: everyone,
    personal: false,
    body: {
      slot: 'inconnu',
      person: { firstName: 'A', lastName: 'B', email: 'a@exemple.localhost' },
      consent: true,
    },
    answers: [400],
    semanticValidation: true,
  },
  'POST /api/v1/appointments/cancellations': {
    access: everyone,
    personal: false,
    body: { token: unknownToken },
    answers: [404],
  },
  // Booking pages of the public (no account) and the link received by mail.
  'GET /rendez-vous': {
    access: everyone,
    personal: false,
    sample: '/rendez-vous?lieu=france-services-catus',
  },
  'GET /rendez-vous/reserver': {
    access: everyone,
    personal: false,
    sample: '/rendez-vous/reserver?creneau=inconnu',
    answers: [404],
  },
  'POST /rendez-vous/reserver': {
    access: everyone,
    personal: false,
    body: { creneau: 'inconnu', prenom: 'A', nom: 'B', courriel: 'a@exemple.localhost', consentement: 'oui' },
    answers: [400, 404],
  },
  'GET /rendez-vous/gerer/:token': {
    access: everyone,
    personal: false,
    sample: `/rendez-vous/gerer/${unknownToken}`,
    answers: [404],
  },
  'GET /rendez-vous/gerer/:token/rendez-vous.ics': {
    access: everyone,
    personal: false,
    sample: `/rendez-vous/gerer/${unknownToken}/rendez-vous.ics`,
    answers: [404],
  },
  'POST /rendez-vous/gerer/:token/annuler': {
    access: everyone,
    personal: false,
    sample: `/rendez-vous/gerer/${unknownToken}/annuler`,
    answers: [404],
  },
  'GET /rendez-vous/gerer/:token/deplacer': {
    access: everyone,
    personal: false,
    sample: `/rendez-vous/gerer/${unknownToken}/deplacer`,
    answers: [404],
  },
  'POST /rendez-vous/gerer/:token/deplacer': {
    access: everyone,
    personal: false,
    sample: `/rendez-vous/gerer/${unknownToken}/deplacer`,
    body: { creneau: 'inconnu' },
    answers: [404],
  },
  // Agents' agenda (their own appointments; a manager sees the organisation's).
  'GET /agenda': { access: only('helper', 'partnerAgent', 'organisationManager'), personal: true },
  'POST /agenda/rendez-vous/:id/issue': {
    access: only('helper', 'partnerAgent', 'organisationManager'),
    personal: true,
    sample: '/agenda/rendez-vous/5c0a5e00-0000-4000-8000-0000000000aa/issue',
    body: { statut: 'seen' },
    answers: [404],
  },
  'POST /agenda/passages': {
    access: only('helper', 'partnerAgent', 'organisationManager'),
    personal: true,
    body: { lieu: 'france-services-catus', motif: 'carte grise' },
  },
  'GET /agenda/rdv': { access: only('helper', 'partnerAgent', 'organisationManager'), personal: true },
  'GET /agenda/rdv/reserver': {
    access: only('helper', 'partnerAgent', 'organisationManager'),
    personal: true,
    sample: '/agenda/rdv/reserver?creneau=inconnu',
    answers: [404],
  },
  'POST /agenda/rdv/reserver': {
    access: only('helper', 'partnerAgent', 'organisationManager'),
    personal: true,
    body: { creneau: 'inconnu', prenom: 'A', nom: 'B', courriel: 'a@exemple.localhost', consentement: 'oui' },
    answers: [400, 404],
  },
  'GET /agenda/plages': { access: only('helper', 'partnerAgent', 'organisationManager'), personal: true },
  'POST /agenda/plages': {
    access: only('helper', 'partnerAgent', 'organisationManager'),
    personal: true,
    body: { debut: '25:00' },
    answers: [400],
  },
  'POST /agenda/plages/:id/occurrence': {
    access: only('helper', 'partnerAgent', 'organisationManager'),
    personal: true,
    sample: '/agenda/plages/5c0a5e00-0000-4000-8000-0000000000aa/occurrence',
    body: { date: '2026-12-07', annuler: 'oui' },
    answers: [404],
  },
  'POST /agenda/absences': {
    access: only('helper', 'partnerAgent', 'organisationManager'),
    personal: true,
    body: { du: 'hier' },
    answers: [400],
  },
  'POST /agenda/flux': { access: only('helper', 'partnerAgent', 'organisationManager'), personal: true },
  'GET /agenda/flux/:token': {
    access: everyone,
    personal: false,
    sample: `/agenda/flux/${unknownToken}`,
    answers: [404],
  },
  // Motifs of appointments: an organisation's manager (their own), the territory's pilot and administrators.
  'GET /agenda/motifs': { access: only('organisationManager', 'territoryPilot', 'admin'), personal: false },
  'POST /agenda/motifs': {
    access: only('organisationManager', 'territoryPilot', 'admin'),
    personal: false,
    body: { organisme: 'caf-lot', libelle: '', duree: 'abc' },
    answers: [400],
  },
  'GET /agenda/motifs/:id': {
    access: only('organisationManager', 'territoryPilot', 'admin'),
    personal: false,
    sample: '/agenda/motifs/0a0b0c00-0000-4000-8000-000000000003',
    organisationScoped: true,
  },
  'POST /agenda/motifs/:id': {
    access: only('organisationManager', 'territoryPilot', 'admin'),
    personal: false,
    sample: '/agenda/motifs/0a0b0c00-0000-4000-8000-000000000003',
    body: { libelle: 'Rendez-vous CAF', duree: '0' },
    answers: [400],
    organisationScoped: true,
  },
  'POST /agenda/motifs/:id/archiver': {
    access: only('organisationManager', 'territoryPilot', 'admin'),
    personal: false,
    sample: `/agenda/motifs/${unknownId}/archiver`,
    answers: [404],
  },
  'POST /agenda/motifs/:id/reactiver': {
    access: only('organisationManager', 'territoryPilot', 'admin'),
    personal: false,
    sample: `/agenda/motifs/${unknownId}/reactiver`,
    answers: [404],
  },
  'POST /agenda/motifs/:id/supprimer': {
    access: only('organisationManager', 'territoryPilot', 'admin'),
    personal: false,
    sample: `/agenda/motifs/${unknownId}/supprimer`,
    answers: [404],
  },
  // Accounts: login by magic link, ProConnect, logout, invitations.
  'GET /connexion': { access: everyone, personal: false },
  'POST /connexion': { access: everyone, personal: false, body: { email: 'personne@exemple.localhost' } },
  'GET /connexion/lien': {
    access: everyone,
    personal: false,
    sample: `/connexion/lien?jeton=${unknownToken}`,
    answers: [400],
  },
  'POST /connexion/lien': {
    access: everyone,
    personal: false,
    body: { jeton: unknownToken },
    answers: [400],
  },
  'POST /deconnexion': { access: everyone, personal: false },
  'GET /connexion/proconnect': { access: everyone, personal: false, answers: [404] },
  'GET /connexion/proconnect/retour': { access: everyone, personal: false, answers: [400, 404] },
  'GET /espace/admin/utilisateurs': { access: only('admin'), personal: true },
  'POST /espace/admin/utilisateurs': {
    access: only('admin'),
    personal: true,
    body: {
      email: 'invitee-admin@exemple.localhost',
      name: 'Invitée',
      role: 'partnerAgent',
      organisation: 'caf-lot',
    },
  },
  'POST /espace/admin/utilisateurs/import': { access: only('admin'), personal: true },
  // An account's page: an unknown account, so that the matrix never deactivates a demo account.
  'GET /espace/admin/utilisateurs/:id': {
    access: only('admin'),
    personal: true,
    sample: '/espace/admin/utilisateurs/5c0a5e00-0000-4000-8000-0000000000bb',
    answers: [404],
  },
  'POST /espace/admin/utilisateurs/:id': {
    access: only('admin'),
    personal: true,
    sample: '/espace/admin/utilisateurs/5c0a5e00-0000-4000-8000-0000000000bb',
    body: { name: 'Nom', role: 'partnerAgent', organisation: 'caf-lot' },
  },
  'POST /espace/admin/utilisateurs/:id/desactivation': {
    access: only('admin'),
    personal: true,
    sample: '/espace/admin/utilisateurs/5c0a5e00-0000-4000-8000-0000000000bb/desactivation',
  },
  'POST /espace/admin/utilisateurs/:id/reactivation': {
    access: only('admin'),
    personal: true,
    sample: '/espace/admin/utilisateurs/5c0a5e00-0000-4000-8000-0000000000bb/reactivation',
  },
  'GET /espace/organisme/utilisateurs': { access: only('organisationManager'), personal: true },
  'POST /espace/organisme/utilisateurs': {
    access: only('organisationManager'),
    personal: true,
    body: { email: 'invitee-caf@exemple.localhost', name: 'Invitée', role: 'partnerAgent' },
  },
  'POST /espace/organisme/utilisateurs/import': { access: only('organisationManager'), personal: true },
  // Navigator: moments of life, questionnaire and plan, anonymous (answers kept in the visitor's cookie).
  'GET /moments-de-vie': { access: everyone, personal: false },
  'GET /moments-de-vie/:event': { access: everyone, personal: false, sample: '/moments-de-vie/birth' },
  'GET /moments-de-vie/:event/questions': {
    access: everyone,
    personal: false,
    sample: '/moments-de-vie/birth/questions',
  },
  'GET /moments-de-vie/:event/questions/:question': {
    access: everyone,
    personal: false,
    sample: '/moments-de-vie/birth/questions/eventDate',
    answers: [404],
  },
  'POST /moments-de-vie/:event/questions/:question': {
    access: everyone,
    personal: false,
    sample: '/moments-de-vie/birth/questions/eventDate',
    body: { eventDate: '2026-06-01' },
  },
  'GET /moments-de-vie/:event/recapitulatif': {
    access: everyone,
    personal: false,
    sample: '/moments-de-vie/birth/recapitulatif',
  },
  'GET /moments-de-vie/:event/formulaire': {
    access: everyone,
    personal: false,
    sample: '/moments-de-vie/birth/formulaire',
  },
  'POST /moments-de-vie/:event/formulaire': {
    access: everyone,
    personal: false,
    sample: '/moments-de-vie/birth/formulaire',
    body: { eventDate: '2026-06-01' },
  },
  'GET /moments-de-vie/:event/enregistrer': {
    access: everyone,
    personal: false,
    sample: '/moments-de-vie/birth/enregistrer',
  },
  // Without answers in the visitor's cookie there is nothing to save: the page says so (400).
  'POST /moments-de-vie/:event/enregistrer': {
    access: everyone,
    personal: false,
    sample: '/moments-de-vie/birth/enregistrer',
    answers: [400],
  },
  'POST /moments-de-vie/:event/effacer': {
    access: everyone,
    personal: false,
    sample: '/moments-de-vie/birth/effacer',
  },
  'GET /moments-de-vie/reprendre/:token': {
    access: everyone,
    personal: false,
    sample: `/moments-de-vie/reprendre/${unknownToken}`,
    answers: [404, 410],
  },
  'POST /moments-de-vie/reprendre/:token/supprimer': {
    access: everyone,
    personal: false,
    sample: `/moments-de-vie/reprendre/${unknownToken}/supprimer`,
    answers: [404],
  },
  // The stop link of the reminders: the token is the credential, no login.
  'GET /moments-de-vie/rappels/arret/:token': {
    access: everyone,
    personal: false,
    sample: `/moments-de-vie/rappels/arret/${unknownToken}`,
    answers: [404],
  },
  'GET /moments-de-vie/:event/plan': {
    access: everyone,
    personal: false,
    sample: '/moments-de-vie/birth/plan',
  },
  'GET /moments-de-vie/:event/plan.pdf': {
    access: everyone,
    personal: false,
    sample: '/moments-de-vie/birth/plan.pdf',
  },
  'GET /moments-de-vie/:event/plan.ics': {
    access: everyone,
    personal: false,
    sample: '/moments-de-vie/birth/plan.ics',
  },
  'POST /moments-de-vie/:event/plan/envoyer': {
    access: everyone,
    personal: false,
    sample: '/moments-de-vie/birth/plan/envoyer',
    body: { email: 'personne@exemple.localhost' },
  },
  // Rights and plans API: anonymous, nothing stored.
  'POST /api/v1/estimations': {
    access: everyone,
    personal: false,
    body: estimation,
    semanticValidation: true,
  },
  'POST /api/v1/plans': {
    access: everyone,
    personal: false,
    body: { ...estimation, lifeEvent: 'birth', eventDate: '2026-06-01' },
    semanticValidation: true,
  },
  // Shared cases (src/features/cases). The samples point at the demonstration case (France Services helper,
  // CAF invited; src/features/cases/demo.ts). The per-case matrix with own / other organisations, on fresh
  // cases, is src/features/cases/permissions.integration.test.ts.
  'GET /dossiers': {
    access: only('helper', 'partnerAgent', 'organisationManager', 'admin'),
    personal: false,
  },
  'GET /dossiers/nouveau': { access: only('helper'), personal: true },
  'POST /dossiers': { access: only('helper'), personal: true },
  'GET /dossiers/export.csv': { access: only('organisationManager'), personal: false },
  'GET /dossiers/tableau-de-bord': { access: only('organisationManager'), personal: true },
  'GET /dossiers/organisme': { access: only('organisationManager'), personal: false },
  'POST /dossiers/organisme/boite-partagee': {
    access: only('organisationManager'),
    personal: false,
    body: { boite: '' },
  },
  'POST /dossiers/organisme/sujets': {
    access: only('organisationManager'),
    personal: false,
    body: { sujet: 'Objet ajouté par le harnais' },
  },
  // An unknown subject: the manager is let in, and told it does not exist.
  'POST /dossiers/organisme/sujets/:subjectId/retrait': {
    access: only('organisationManager'),
    personal: false,
    sample: '/dossiers/organisme/sujets/5c0a5e00-0000-4000-8000-0000000000aa/retrait',
    answers: [404],
  },
  'GET /dossiers/:id': {
    access: only('helper', 'partnerAgent', 'organisationManager', 'admin'),
    personal: true,
    sample: '/dossiers/5c0a5e00-0000-4000-8000-000000000001',
    organisationScoped: true,
  },
  'GET /dossiers/:id/mandat': {
    access: only('helper'),
    personal: true,
    sample: '/dossiers/5c0a5e00-0000-4000-8000-000000000001/mandat',
    organisationScoped: true,
  },
  'GET /dossiers/:id/pieces/:fileId': {
    access: only('helper', 'partnerAgent', 'organisationManager'),
    personal: true,
    sample: '/dossiers/5c0a5e00-0000-4000-8000-000000000001/pieces/5c0a5e00-0000-4000-8000-0000000000f1',
    organisationScoped: true,
  },
  // The demonstration case has no letter: the helper is let in and told so (404).
  'GET /dossiers/:id/courriers/:noticeId': {
    access: only('helper', 'organisationManager'),
    personal: true,
    sample: '/dossiers/5c0a5e00-0000-4000-8000-000000000001/courriers/999999999',
    organisationScoped: true,
    answers: [404],
  },
  'POST /dossiers/:id/procedure-standard': {
    access: only('helper', 'partnerAgent', 'organisationManager'),
    personal: true,
    sample: '/dossiers/5c0a5e00-0000-4000-8000-000000000001/procedure-standard',
    body: { standard: 'non' },
  },
  'POST /dossiers/:id/messages': {
    access: only('helper', 'partnerAgent', 'organisationManager'),
    personal: true,
    sample: '/dossiers/5c0a5e00-0000-4000-8000-000000000001/messages',
  },
  'POST /dossiers/:id/prise-en-charge': {
    access: only('partnerAgent', 'organisationManager'),
    personal: true,
    sample: '/dossiers/5c0a5e00-0000-4000-8000-000000000001/prise-en-charge',
  },
  'POST /dossiers/:id/invitations': {
    access: only('helper', 'partnerAgent', 'organisationManager'),
    personal: true,
    sample: '/dossiers/5c0a5e00-0000-4000-8000-000000000001/invitations',
  },
  'POST /dossiers/:id/part-terminee': {
    access: only('partnerAgent', 'organisationManager'),
    personal: true,
    sample: '/dossiers/5c0a5e00-0000-4000-8000-000000000001/part-terminee',
  },
  'POST /dossiers/:id/cloture': {
    access: only('helper'),
    personal: true,
    sample: '/dossiers/5c0a5e00-0000-4000-8000-000000000001/cloture',
    body: { utile: 'yes', resultat: 'Réglé' },
  },
  'POST /dossiers/:id/reouverture': {
    access: only('helper'),
    personal: true,
    sample: '/dossiers/5c0a5e00-0000-4000-8000-000000000001/reouverture',
  },
  // The resident's rights on a case, through the organisation that opened it (the demo case: France Services).
  // No confirmation is sent here: the erasure form answers 400 and the demonstration case keeps its data.
  'POST /dossiers/:id/donnees-usager': {
    access: only('helper'),
    personal: true,
    sample: '/dossiers/5c0a5e00-0000-4000-8000-000000000001/donnees-usager',
    organisationScoped: true,
  },
  'GET /dossiers/:id/effacement': {
    access: only('helper'),
    personal: true,
    sample: '/dossiers/5c0a5e00-0000-4000-8000-000000000001/effacement',
    organisationScoped: true,
  },
  'POST /dossiers/:id/effacement': {
    access: only('helper'),
    personal: true,
    sample: '/dossiers/5c0a5e00-0000-4000-8000-000000000001/effacement',
    organisationScoped: true,
    answers: [400],
  },
  'GET /parametres/courriels': {
    access: only('helper', 'partnerAgent', 'organisationManager'),
    personal: true,
  },
  'POST /parametres/courriels': {
    access: only('helper', 'partnerAgent', 'organisationManager'),
    personal: true,
    body: { volume: 'digest' },
  },
  'GET /consentement/:token': {
    access: everyone,
    personal: false,
    sample: '/consentement/lien-inconnu',
    answers: [404],
  },
  'POST /consentement/:token': {
    access: everyone,
    personal: false,
    sample: '/consentement/lien-inconnu',
    body: { reponse: 'accord' },
    answers: [404],
  },
  // "Mes données" of a signed-in resident (src/features/resident-file). No confirmation is sent here: the erasure
  // form answers 400 and the demo resident keeps their account for the other routes.
  'GET /compte/mes-donnees': { access: only('resident'), personal: true },
  'POST /compte/mes-donnees/export': { access: only('resident'), personal: true },
  'GET /compte/mes-donnees/effacement': { access: only('resident'), personal: true },
  'POST /compte/mes-donnees/effacement': { access: only('resident'), personal: true, answers: [400] },
  'GET /compte/supprime': { access: everyone, personal: false },
  // The resident's file (src/features/resident-file): the way in, "Mon dossier", its documents, journal, mandates,
  // shares and requests. Samples with an id point at nothing: the allowed role gets 404, the others are refused.
  'GET /mon-dossier/creer': { access: everyone, personal: false },
  'POST /mon-dossier/creer': {
    access: everyone,
    personal: false,
    body: { email: 'nouvel-usager@exemple.localhost', nom: 'Nouvel Usager' },
  },
  'GET /connexion/franceconnect': { access: everyone, personal: false, answers: [404] },
  'GET /connexion/franceconnect/retour': { access: everyone, personal: false, answers: [400, 404] },
  'GET /mon-dossier': { access: only('resident'), personal: true },
  'GET /mon-dossier/situation': { access: only('resident'), personal: true },
  'POST /mon-dossier/situation': {
    access: only('resident'),
    personal: true,
    body: { version: '0', firstName: 'Camille', commune: '46042' },
  },
  'POST /mon-dossier/documents': { access: only('resident'), personal: true },
  'GET /mon-dossier/documents/:fileId': {
    access: only('resident'),
    personal: true,
    sample: `/mon-dossier/documents/${unknownId}`,
    answers: [404],
  },
  'POST /mon-dossier/documents/:fileId/supprimer': {
    access: only('resident'),
    personal: true,
    sample: `/mon-dossier/documents/${unknownId}/supprimer`,
  },
  'GET /mon-dossier/journal': { access: only('resident'), personal: true },
  'GET /mon-dossier/demandes/:id': {
    access: only('resident'),
    personal: true,
    sample: `/mon-dossier/demandes/${unknownId}`,
    answers: [404],
  },
  'GET /mon-dossier/partages': { access: only('resident'), personal: true },
  'POST /mon-dossier/partages': { access: only('resident'), personal: true },
  'POST /mon-dossier/partages/:id/retirer': {
    access: only('resident'),
    personal: true,
    sample: `/mon-dossier/partages/${unknownId}/retirer`,
  },
  'GET /mon-dossier/mandats': { access: only('resident'), personal: true },
  'POST /mon-dossier/mandats': { access: only('resident'), personal: true },
  'POST /mon-dossier/mandats/:id/revoquer': {
    access: only('resident'),
    personal: true,
    sample: `/mon-dossier/mandats/${unknownId}/revoquer`,
  },
  'GET /moments-de-vie/:event/mon-dossier': {
    access: only('resident'),
    personal: true,
    sample: '/moments-de-vie/birth/mon-dossier',
  },
  'POST /moments-de-vie/:event/mon-dossier': {
    access: only('resident'),
    personal: true,
    sample: '/moments-de-vie/birth/mon-dossier',
    body: { version: '0' },
  },
  'GET /moments-de-vie/:event/faire-suivre': {
    access: only('resident'),
    personal: true,
    sample: '/moments-de-vie/birth/faire-suivre',
  },
  'POST /moments-de-vie/:event/faire-suivre': {
    access: only('resident'),
    personal: true,
    sample: '/moments-de-vie/birth/faire-suivre',
  },
  // Helpers: mandates received at the counter, the inbox of residents' requests, aller-vers.
  'GET /espace/aidant/mandats': { access: only('helper'), personal: true },
  'GET /espace/aidant/mandats/nouveau': { access: only('helper'), personal: true },
  'POST /espace/aidant/mandats': { access: only('helper'), personal: true },
  'GET /espace/aidant/mandats/:id': {
    access: only('helper'),
    personal: true,
    sample: `/espace/aidant/mandats/${unknownId}`,
    answers: [404],
  },
  'POST /espace/aidant/mandats/:id/code': {
    access: only('helper'),
    personal: true,
    sample: `/espace/aidant/mandats/${unknownId}/code`,
    body: { code: '123456' },
  },
  'GET /espace/aidant/mandats/:id/imprimer': {
    access: only('helper'),
    personal: true,
    sample: `/espace/aidant/mandats/${unknownId}/imprimer`,
    answers: [404],
  },
  'POST /espace/aidant/mandats/:id/signe': {
    access: only('helper'),
    personal: true,
    sample: `/espace/aidant/mandats/${unknownId}/signe`,
  },
  'GET /espace/aidant/mandats/:id/situation': {
    access: only('helper'),
    personal: true,
    sample: `/espace/aidant/mandats/${unknownId}/situation`,
    answers: [404],
  },
  'POST /espace/aidant/mandats/:id/situation': {
    access: only('helper'),
    personal: true,
    sample: `/espace/aidant/mandats/${unknownId}/situation`,
    body: { version: '0' },
  },
  'GET /espace/aidant/mandats/:id/documents/:fileId': {
    access: only('helper'),
    personal: true,
    sample: `/espace/aidant/mandats/${unknownId}/documents/${unknownId}`,
    answers: [404],
  },
  'POST /espace/aidant/mandats/:id/revoquer': {
    access: only('helper'),
    personal: true,
    sample: `/espace/aidant/mandats/${unknownId}/revoquer`,
  },
  'GET /espace/aidant/demandes': { access: only('helper'), personal: true },
  'GET /espace/aidant/demandes/:id': {
    access: only('helper'),
    personal: true,
    sample: `/espace/aidant/demandes/${unknownId}`,
    answers: [404],
  },
  'POST /espace/aidant/demandes/:id/rendez-vous': {
    access: only('helper'),
    personal: true,
    sample: `/espace/aidant/demandes/${unknownId}/rendez-vous`,
    body: { rendez_vous: 'Mardi 15 décembre à 10 h, France Services Catus' },
  },
  'GET /espace/aidant/demandes/:id/saisine': {
    access: only('helper'),
    personal: true,
    sample: `/espace/aidant/demandes/${unknownId}/saisine`,
    answers: [404],
  },
  'POST /espace/aidant/demandes/:id/saisine': {
    access: only('helper'),
    personal: true,
    sample: `/espace/aidant/demandes/${unknownId}/saisine`,
  },
  'GET /espace/aidant/demandes/:id/documents/:fileId': {
    access: only('helper'),
    personal: true,
    sample: `/espace/aidant/demandes/${unknownId}/documents/${unknownId}`,
    answers: [404],
  },
  // Agents of an organisation: the residents' files shared with it.
  'GET /espace/dossiers-partages': {
    access: only('helper', 'partnerAgent', 'organisationManager'),
    personal: true,
  },
  'GET /espace/dossiers-partages/:id': {
    access: only('helper', 'partnerAgent', 'organisationManager'),
    personal: true,
    sample: `/espace/dossiers-partages/${unknownId}`,
    answers: [404],
  },
  'GET /espace/dossiers-partages/:id/documents/:fileId': {
    access: only('helper', 'partnerAgent', 'organisationManager'),
    personal: true,
    sample: `/espace/dossiers-partages/${unknownId}/documents/${unknownId}`,
    answers: [404],
  },
  // Aller-vers (src/features/outreach): the resident's consent and rights found; the helpers' list.
  'GET /mon-dossier/nouvelles-aides': { access: only('resident'), personal: true },
  'POST /mon-dossier/nouvelles-aides': { access: only('resident'), personal: true },
  'POST /mon-dossier/nouvelles-aides/retrait': { access: only('resident'), personal: true },
  'POST /mon-dossier/nouvelles-aides/:benefit/refus': {
    access: only('resident'),
    personal: true,
    sample: '/mon-dossier/nouvelles-aides/rsa/refus',
  },
  'POST /mon-dossier/nouvelles-aides/:benefit/aidant': {
    access: only('resident'),
    personal: true,
    sample: '/mon-dossier/nouvelles-aides/rsa/aidant',
    body: { lieu: 'france-services-catus', accord: 'oui' },
  },
  'GET /espace/aidant/aller-vers': { access: only('helper'), personal: true },
  'POST /espace/aidant/aller-vers/:user/:benefit': {
    access: only('helper'),
    personal: true,
    sample: `/espace/aidant/aller-vers/${unknownId}/rsa`,
    body: { issue: 'contacted' },
  },
  // Pilotage (src/features/pilotage): indicators for pilots, managers and the national observer; the register
  // edited by pilots and public in read-only; satisfaction; open data. Samples point at the demo register.
  'GET /pilotage': {
    access: only('organisationManager', 'territoryPilot', 'nationalObserver', 'admin'),
    personal: true,
  },
  'GET /pilotage/tableau.csv': {
    access: only('organisationManager', 'territoryPilot', 'nationalObserver', 'admin'),
    personal: false,
    sample: '/pilotage/tableau.csv?id=plans-mois&territoire=cahors',
  },
  'GET /pilotage/registre': { access: only('territoryPilot', 'admin'), personal: false },
  'GET /pilotage/registre/calendrier': { access: only('territoryPilot', 'admin'), personal: false },
  'POST /pilotage/registre/calendrier': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    body: { territoire: 'cahors', titre: 'Carte Blanche — bassin de vie de Cahors', debut: '2026-09-01' },
  },
  'GET /pilotage/registre/:section/nouveau': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: '/pilotage/registre/ateliers/nouveau',
  },
  'POST /pilotage/registre/:section': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: '/pilotage/registre/irritants',
    body: { territoire: 'cahors', titre: 'Irritant ajouté par le harnais' },
  },
  'GET /pilotage/registre/:section/:id': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: `/pilotage/registre/solutions/${demoSolutionId}`,
  },
  'POST /pilotage/registre/:section/:id': {
    access: only('territoryPilot', 'admin'),
    personal: false,
    sample: `/pilotage/registre/solutions/${demoSolutionId}`,
    body: { territoire: 'cahors', etape: 'experiment', indicateurs: 'plans' },
  },
  'GET /experimentation': { access: everyone, personal: false },
  'GET /experimentation/rejoindre': { access: everyone, personal: false },
  'GET /experimentation/:territory': { access: everyone, personal: false, sample: '/experimentation/cahors' },
  'GET /avis': { access: everyone, personal: false, sample: '/avis?sujet=plan&moment=birth&commune=46042' },
  'POST /avis': {
    access: everyone,
    personal: false,
    body: {
      sujet: 'plan',
      moment: 'birth',
      commune: '46042',
      deroulement: 'good',
      facilite: 'yes',
      utilite: 'yes',
    },
  },
  'GET /avis/merci': { access: everyone, personal: false },
  'GET /api/v1/territories': { access: everyone, personal: false },
  'GET /api/v1/open-data': { access: everyone, personal: false },
  'GET /api/v1/open-data/:file': { access: everyone, personal: false, sample: '/api/v1/open-data/plans.csv' },
};
