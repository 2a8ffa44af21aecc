// The personal plan: a moment of life, its date and the household → the rights engine (pure) → procedures in
// order with their deadlines → the place to go for each, from the territory's offer. Nothing is stored.
import { createRequire } from 'node:module';
import type {
  BenefitResult,
  EstimationRequest,
  EstimationResponse,
  MissingField,
  OrganisationId,
  Source,
} from '../rights/contract.ts';
import { estimate } from '../rights/estimate.ts';
import { coveredMonths } from '../rights/schema.ts';
import { estimateFirstHireCost, type FirstHireCost } from '../rights/urssaf/first-hire.ts';
import { findCommune, listPlaces, type Place } from '../territory/store.ts';
import { describeStatus, describeWeek, openingStatus } from '../territory/hours.ts';
import { communeCentre, distanceKm, placePoint } from '../territory/geo.ts';
import { passageText, type Passage } from '../territory/bus.ts';
import { nextPassageAt } from '../territory/directory.ts';
import type { Db } from '../../platform/db/database.ts';
import { addMonthsToMonth } from '../../platform/dates.ts';
import { computeDeadline } from './deadlines.ts';
import { proceduresInOrder } from './procedures.ts';
import { todayInParis } from '../../platform/dates.ts';
import { lifeEvent, type LifeEvent, type LifeEventId } from './life-events.ts';

/** How the place was chosen, said honestly on the page. */
export type PlaceReason =
  | 'same-commune'
  | 'france-services-commune'
  | 'france-services-epci'
  | 'organisation-office'
  | 'france-services-territory'
  /** The nearest, as the crow flies from the commune's centre (`distanceKm`). */
  | 'nearest-france-services'
  | 'nearest-office';

export interface PlannedPlace {
  slug: string;
  name: string;
  address: string | null;
  commune: string | null;
  communeName: string | null;
  phone: string | null;
  /** Weekly hours in plain French, one line per day. */
  week: string[];
  /** "Ouvert maintenant, jusqu’à 12 h" or "Fermé — ouvre demain à 9 h". */
  status: string;
  open: boolean;
  toComplete: string | null;
  reason: PlaceReason;
  /** As the crow flies from the centre of the resident's commune, when chosen as the nearest. */
  distanceKm?: number;
  /** For a stop of the bus: its next passage ("lundi 7 décembre 2026, de 9 h à 12 h"), as the tours say now. */
  nextPassage?: { date: string; text: string };
}

export interface PlannedProcedure {
  id: string;
  title: string;
  organisation: OrganisationId;
  steps: string[];
  deadline: string | null;
  deadlineText: string | null;
  deadlineLegal: boolean;
  online: Source | null;
  place: PlannedPlace | null;
  /** When no place of our directory fits (a mairie of another commune), what to look for. */
  placeHint: string | null;
  documents: string[];
  sources: Source[];
}

/** A month of the plan: the benefits of the moment of life, estimated for that month. */
export interface TimelineMonth {
  month: string;
  /** After the last month whose parameters are published: estimated with the latest ones. */
  provisional: boolean;
  /** The estimate of each benefit of the moment of life that month (the API lists id, eligible and amount). */
  benefits: BenefitResult[];
}

export interface Plan {
  lifeEvent: LifeEvent;
  eventDate: string;
  month: string;
  /** The benefits month by month, around the event (before it, its month, the months after). */
  timeline: TimelineMonth[];
  commune: { inseeCode: string; name: string } | null;
  /** The full estimation (every benefit), as the API returns it. */
  estimation: EstimationResponse;
  /** The benefits of this moment of life first, then any other the household is eligible for. */
  benefits: BenefitResult[];
  missing: MissingField[];
  procedures: PlannedProcedure[];
  hireCost: FirstHireCost | null;
  /** What the plan gathers: procedures, distinct organisations (contacts) and distinct counters (places). */
  gathers: { procedures: number; organisations: number; counters: number };
}

/** Organisation names as residents know them. */
export const organisationLabels: Record<OrganisationId, string> = {
  caf: 'Caf',
  msa: 'MSA',
  cpam: 'Assurance maladie (CPAM)',
  carsat: 'Assurance retraite (Carsat)',
  'france-travail': 'France Travail',
  dgfip: 'Impôts (DGFiP)',
  urssaf: 'Urssaf',
  prefecture: 'Préfecture',
  ants: 'ANTS (titres et cartes grises)',
  departement: 'Département du Lot',
  mdph: 'MDPH du Lot',
  mairie: 'Mairie',
  ccas: 'Centre communal d’action sociale (CCAS)',
  etat: 'Service en ligne de l’État',
  'france-services': 'France Services',
};

// National partners of the France Services network: their procedures are handled at any France Services site.
const franceServicesPartners = new Set<OrganisationId>([
  'caf',
  'msa',
  'cpam',
  'carsat',
  'france-travail',
  'dgfip',
  'ants',
  'prefecture',
  'etat',
  'urssaf',
]);
// Communal services: only the resident's own commune's office is right; another commune's would mislead.
const communalServices = new Set<OrganisationId>(['mairie', 'ccas']);

interface EpciRecord {
  code: string;
  nom: string;
  membres: { code: string }[];
}
let epciOfCommune: Map<string, string> | undefined;

/** The EPCI (intercommunality) code of a commune, from the official geography (@etalab/decoupage-administratif). */
export function epciOf(inseeCode: string): string | undefined {
  if (!epciOfCommune) {
    const require = createRequire(import.meta.url);
    const epcis = require('@etalab/decoupage-administratif/data/epci.json') as EpciRecord[];
    epciOfCommune = new Map();
    for (const epci of epcis) for (const member of epci.membres) epciOfCommune.set(member.code, epci.code);
  }
  return epciOfCommune.get(inseeCode);
}

function isFixedFranceServices(place: Place): boolean {
  return place.kind === 'france-services';
}

/**
 * The place for a procedure, the nearest by straight-line distance from the centre of the resident's commune
 * (seeds/communes-centres-*.json): among the organisation's own offices and, for the France Services network's
 * partners, the fixed France Services sites and the bus stop of the resident's own commune (the bus comes to
 * them; another commune's stop would not). A place in the resident's commune always wins, the organisation's own
 * office first, then a fixed site, then the bus stop. Communal services (mairie, CCAS) only in the resident's
 * commune. Without a commune (or its centre), the organisation's office, else the first France Services site.
 */
export function choosePlace(
  organisation: OrganisationId,
  commune: string | null,
  places: Place[],
): { place: Place; reason: PlaceReason; distanceKm?: number } | null {
  const inCommune = (p: Place) => commune !== null && p.commune?.inseeCode === commune;
  const own = places.filter((p) => p.organisation?.kind === organisation);
  const ownHere = own.find((p) => inCommune(p) && p.address) ?? own.find(inCommune);
  if (ownHere) return { place: ownHere, reason: 'same-commune' };
  if (communalServices.has(organisation)) return null;
  const network = franceServicesPartners.has(organisation) || organisation === 'france-services';
  const franceServices = places.filter(isFixedFranceServices);
  if (network) {
    const here = franceServices.find(inCommune) ?? places.find((p) => p.kind === 'bus-stop' && inCommune(p));
    if (here) return { place: here, reason: 'france-services-commune' };
  }
  const centre = commune ? communeCentre(commune) : undefined;
  const candidates = [...own.filter((p) => p.address), ...(network ? franceServices : [])];
  if (centre) {
    let best: { place: Place; km: number } | undefined;
    for (const place of candidates) {
      const point = placePoint(place);
      if (!point) continue;
      const km = distanceKm(centre, point);
      if (!best || km < best.km) best = { place, km };
    }
    if (best)
      return {
        place: best.place,
        reason: best.place.kind === 'france-services' ? 'nearest-france-services' : 'nearest-office',
        distanceKm: Math.round(best.km * 10) / 10,
      };
  }
  const office = own.find((p) => p.address) ?? own[0];
  if (office) return { place: office, reason: 'organisation-office' };
  const anyFs = franceServices[0];
  return anyFs ? { place: anyFs, reason: 'france-services-territory' } : null;
}

function toPlannedPlace(
  place: Place,
  reason: PlaceReason,
  now: Date,
  distanceKm?: number,
  nextPassage?: Passage | null,
): PlannedPlace {
  const status = openingStatus(place.openingHours, now);
  const address = place.address
    ? [
        place.address,
        place.addressComplement,
        `${place.postalCode ?? ''} ${place.commune?.name ?? ''}`.trim(),
      ]
        .filter(Boolean)
        .join(', ')
    : null;
  return {
    slug: place.slug,
    name: place.name,
    address,
    commune: place.commune?.inseeCode ?? null,
    communeName: place.commune?.name ?? null,
    phone: place.phone,
    week: describeWeek(place.openingHours),
    status: place.openingHours.length > 0 ? describeStatus(status) : 'Horaires non renseignés',
    open: status.open,
    toComplete: place.toComplete,
    reason,
    ...(distanceKm !== undefined ? { distanceKm } : {}),
    ...(nextPassage ? { nextPassage: { date: nextPassage.date, text: passageText(nextPassage) } } : {}),
  };
}

/** The month estimated for a plan: the event's month when it is ahead, else this month, within the months the rules cover. */
export function planMonth(eventDate: string, today: string): string {
  const month = eventDate.slice(0, 7) > today.slice(0, 7) ? eventDate.slice(0, 7) : today.slice(0, 7);
  if (month < coveredMonths.from) return coveredMonths.from;
  if (month > coveredMonths.to) return coveredMonths.to;
  return month;
}

export interface PlanInput {
  lifeEvent: LifeEventId;
  eventDate: string;
  /** The household for the plan's month (`planMonth`). */
  request: EstimationRequest;
  /**
   * The household for another month of the timeline (before a birth, a pregnancy; from its month, a child); by
   * default the same request with its month changed.
   */
  requestFor?: (month: string) => EstimationRequest;
  /** Request fields the person said they do not know (« je ne sais pas »): assumed where the rules allow. */
  unknown?: ReadonlySet<string>;
  /** Today in Paris: the timeline starts no earlier than this month. */
  today: string;
  /** Gross monthly salary of a first hire (first-hire only). */
  salary?: number;
}

/**
 * The months a plan looks at: the month before the event (for a birth, from the pregnancy's declaration, eight
 * months before), its month and the three after — never before the current month, and at least three months.
 */
export function timelineMonths(lifeEventId: LifeEventId, eventDate: string, today: string): string[] {
  const eventMonth = eventDate.slice(0, 7);
  const thisMonth = today.slice(0, 7);
  const before = lifeEventId === 'birth' ? 8 : 1;
  const wanted = addMonthsToMonth(eventMonth, -before);
  const start = wanted > thisMonth ? wanted : thisMonth < coveredMonths.from ? coveredMonths.from : thisMonth;
  const afterEvent = addMonthsToMonth(eventMonth, 3);
  const atLeast = addMonthsToMonth(start, 2);
  const end = afterEvent > atLeast ? afterEvent : atLeast;
  const months: string[] = [];
  for (let month = start; month <= end; month = addMonthsToMonth(month, 1)) months.push(month);
  return months;
}

/**
 * The household of a request at another month of a birth plan: before the birth's month, a pregnancy and no
 * newborn; from it, the newborn (born on the event's date) and no pregnancy — whichever way the request described it.
 */
export function birthHouseholdAt(
  request: EstimationRequest,
  eventDate: string,
  month: string,
  today: string,
): EstimationRequest {
  const eventMonth = eventDate.slice(0, 7);
  const unborn = month < eventMonth || (month === eventMonth && eventDate > today);
  const members = request.household.members;
  const newborn = members.some((m) => m.role === 'child' && m.birthDate === eventDate);
  const pregnant = members.some((m) => m.role !== 'child' && m.pregnant === true);
  if (unborn && newborn) {
    const rest = members.filter((m) => !(m.role === 'child' && m.birthDate === eventDate));
    return {
      ...request,
      month,
      household: {
        ...request.household,
        members: rest.map((m) => (m.role === 'applicant' && !pregnant ? { ...m, pregnant: true } : m)),
      },
    };
  }
  if (!unborn && !newborn && pregnant) {
    return {
      ...request,
      month,
      household: {
        ...request.household,
        members: [
          ...members.map((m) => (m.pregnant === true ? { ...m, pregnant: false } : m)),
          newbornOf(members, eventDate),
        ],
      },
    };
  }
  return { ...request, month };
}

/**
 * The newborn a birth plan adds after the birth when the request did not list it (a request may list it itself,
 * with the event's date as its birth date, to say more): no MDPH rate in its first months (the timeline ends three
 * months after the birth), and the other parent's support the other children share, when they all share one.
 */
function newbornOf(members: EstimationRequest['household']['members'], eventDate: string) {
  const supports = new Set(members.filter((m) => m.role === 'child').map((m) => m.monthlyChildSupport));
  const [shared] = supports;
  return {
    role: 'child' as const,
    birthDate: eventDate,
    disabilityRate: 0,
    ...(supports.size === 1 && shared !== undefined ? { monthlyChildSupport: shared } : {}),
  };
}

/** The benefits of the moment of life month by month. */
export function buildTimeline(event: LifeEvent, input: PlanInput): TimelineMonth[] {
  const requestFor =
    input.requestFor ??
    (event.id === 'birth'
      ? (month: string) => birthHouseholdAt(input.request, input.eventDate, month, input.today)
      : (month: string) => ({ ...input.request, month }));
  const relevant = new Set<string>(event.benefits);
  if (relevant.size === 0) return [];
  return timelineMonths(event.id, input.eventDate, input.today).map((month) => {
    const answer = estimate(requestFor(month), { unknown: input.unknown });
    return {
      month,
      provisional: month > coveredMonths.to,
      benefits: answer.benefits.filter((b) => relevant.has(b.id)),
    };
  });
}

/** Builds the personal plan: rights from the engine, procedures in order with dates, places of the territory. */
export async function buildPlan(db: Db, input: PlanInput, now: Date = new Date()): Promise<Plan> {
  const event = lifeEvent(input.lifeEvent);
  const estimation = estimate(input.request, { unknown: input.unknown });
  const relevant = new Set(event.benefits);
  // In the moment of life's own order (the prime à la naissance first for a birth), then any other due.
  const benefits = [
    ...event.benefits.flatMap((id) => estimation.benefits.filter((b) => b.id === id)),
    ...estimation.benefits.filter((b) => !relevant.has(b.id) && b.eligible === true),
  ];
  const missing = estimation.missing.filter((m) => benefits.some((b) => b.missing.includes(m.field)));

  const communeCode = input.request.commune ?? null;
  const commune = communeCode ? await findCommune(db, communeCode) : undefined;
  // The places of the commune's territory; for a commune outside the experiment, every territory's places, of
  // which the nearest is chosen (no territory is assumed).
  const territoryId = commune?.territoryIds[0];
  const places = await listPlaces(db, territoryId ? { territoryId } : {});

  // The bus stops of the resident's commune (the only ones a plan points to), with their next passage.
  const passages = new Map(
    await Promise.all(
      places
        .filter((p) => p.kind === 'bus-stop' && commune && p.commune?.inseeCode === commune.inseeCode)
        .map(async (p) => [p.id, await nextPassageAt(db, p, todayInParis(now))] as const),
    ),
  );

  const applicable = proceduresInOrder(event.procedures, { ...input, today: todayInParis(now) });
  const procedures = applicable.map((p, order) => {
    const deadline = p.deadline ? computeDeadline(input.eventDate, p.deadline) : null;
    const chosen = p.atCounter ? choosePlace(p.organisation, commune?.inseeCode ?? null, places) : null;
    const placeHint =
      p.placeNote ??
      (p.atCounter && !chosen && communalServices.has(p.organisation)
        ? `${p.organisation === 'mairie' ? 'La mairie' : 'Le CCAS'}${commune ? ` de ${commune.name}` : ' de votre commune'} (adresse pas encore dans notre annuaire : demandez-la à France Services).`
        : null);
    return {
      order,
      planned: {
        id: p.id,
        title: p.title,
        organisation: p.organisation,
        steps: p.steps,
        deadline,
        deadlineText: p.deadline?.text ?? null,
        deadlineLegal: p.deadline?.legal ?? false,
        online: p.online,
        place: chosen
          ? toPlannedPlace(chosen.place, chosen.reason, now, chosen.distanceKm, passages.get(chosen.place.id))
          : null,
        placeHint,
        documents: p.documents,
        sources: [p.fiche],
      } satisfies PlannedProcedure,
    };
  });
  const ordered = procedures.map((p) => p.planned);

  const hireCost =
    input.lifeEvent === 'first-hire' && input.salary && input.salary > 0
      ? estimateFirstHireCost({ month: input.request.month, grossMonthlySalary: input.salary })
      : null;

  return {
    lifeEvent: event,
    eventDate: input.eventDate,
    month: input.request.month,
    timeline: buildTimeline(event, input),
    commune: commune ? { inseeCode: commune.inseeCode, name: commune.name } : null,
    estimation,
    benefits,
    missing,
    procedures: ordered,
    hireCost,
    gathers: {
      procedures: ordered.length,
      organisations: new Set(ordered.map((p) => p.organisation)).size,
      counters: new Set(ordered.flatMap((p) => (p.place ? [p.place.slug] : p.placeHint ? [p.placeHint] : [])))
        .size,
    },
  };
}

/** The answer of POST /api/v1/plans, listed field by field. */
export function presentPlan(plan: Plan) {
  return {
    month: plan.estimation.month,
    lifeEvent: plan.lifeEvent.id,
    eventDate: plan.eventDate,
    benefits: plan.estimation.benefits,
    missing: plan.estimation.missing,
    assumptions: plan.estimation.assumptions,
    timeline: plan.timeline.map((m) => ({
      month: m.month,
      provisional: m.provisional,
      benefits: m.benefits.map((b) => ({ id: b.id, eligible: b.eligible, amount: b.amount })),
    })),
    procedures: plan.procedures.map((p) => ({
      id: p.id,
      title: p.title,
      organisation: p.organisation,
      deadline: p.deadline,
      online: p.online ? p.online.url : null,
      place: p.place
        ? {
            name: p.place.name,
            address: p.place.address ?? '',
            commune: p.place.commune ?? '',
            openingHours: p.place.week.length > 0 ? p.place.week.join(' ; ') : 'Horaires non renseignés',
          }
        : null,
      documents: p.documents,
      sources: p.sources,
    })),
    gathers: plan.gathers,
    ...(plan.hireCost
      ? {
          hireCost: {
            grossMonthlySalary: plan.hireCost.grossMonthlySalary,
            employerContributions: plan.hireCost.employerContributions,
            totalCost: plan.hireCost.totalCost,
            netSalary: plan.hireCost.netSalary,
          },
        }
      : {}),
  };
}
