// The ten moments of life and their reviewed content (content/life-events/*.json): procedures written by us in
// plain French, with their organisation, deadline rule, papers, online service and official fiche. Files are
// read and checked once at start: a broken content file stops the boot rather than showing a wrong plan.
import fs from 'node:fs';
import path from 'node:path';
import type { OrganisationId, Source } from '../rights/contract.ts';
import { frenchDate, parseDate } from '../../platform/dates.ts';
import type { DeadlineRule } from './deadlines.ts';
import { conditionProblem, urgencies, type ProcedureCondition, type Urgency } from './procedures.ts';
import { questionIds, type QuestionId } from './questions.ts';

export const lifeEventIds = [
  'birth',
  'adoption',
  'autonomy-loss',
  'business-creation',
  'self-employment',
  'job-loss',
  'moving',
  'bereavement',
  'retirement',
  'first-hire',
] as const;
export type LifeEventId = (typeof lifeEventIds)[number];

/**
 * The moments of life as the home page's tiles name them, in the resident's words, with a short hint under the
 * tile where two could be mistaken for one another (a company and a micro-entreprise are two different paths).
 */
export const lifeEventLinks: readonly { id: LifeEventId; label: string; hint?: string }[] = [
  { id: 'birth', label: 'J’attends ou j’ai un enfant' },
  { id: 'adoption', label: 'J’adopte un enfant' },
  { id: 'autonomy-loss', label: 'Je perds mon autonomie, ou un proche' },
  {
    id: 'business-creation',
    label: 'Je crée mon entreprise',
    hint: 'Une société avec des statuts : SARL, EURL, SAS, SASU…',
  },
  {
    id: 'self-employment',
    label: 'Je m’installe comme indépendant',
    hint: 'Seul, en micro-entreprise (auto-entrepreneur), sans créer de société.',
  },
  { id: 'job-loss', label: 'Je perds mon emploi' },
  { id: 'moving', label: 'Je déménage' },
  { id: 'bereavement', label: 'Un proche est décédé' },
  { id: 'retirement', label: 'Je prépare ma retraite' },
  { id: 'first-hire', label: 'J’embauche mon premier salarié' },
];

const organisationIds: readonly OrganisationId[] = [
  'caf',
  'msa',
  'cpam',
  'carsat',
  'france-travail',
  'dgfip',
  'urssaf',
  'prefecture',
  'ants',
  'departement',
  'mdph',
  'mairie',
  'ccas',
  'etat',
  'france-services',
];

export interface ProcedureDeadline extends DeadlineRule {
  /** True when the deadline is set by law; false when it is our advice. */
  legal: boolean;
  /** The deadline in plain French ("dans les 5 jours qui suivent la naissance"). */
  text: string;
}

export interface ProcedureContent {
  id: string;
  title: string;
  organisation: OrganisationId;
  /** How soon to act: the plan orders procedures by urgency, then by deadline. */
  urgency: Urgency;
  /** Conditions on the household for the procedure to apply (all must hold); absent: for everyone. */
  conditions?: ProcedureCondition[];
  /** Short sentences, one idea each. */
  steps: string[];
  deadline: ProcedureDeadline | null;
  documents: string[];
  online: Source | null;
  /** Whether the procedure can be done at a counter (then the plan names a place). */
  atCounter: boolean;
  /** Where to go when it does not depend on the resident's commune (the mairie of the place of birth). */
  placeNote?: string;
  fiche: Source;
}

export interface LifeEvent {
  id: LifeEventId;
  title: string;
  intro: string;
  /** The day the content was last checked against the official fiches and texts it cites. */
  lastReview: string;
  sources: Source[];
  eventDate: { label: string; help: string; maxPastDays: number; maxFutureDays: number };
  /** The questions this moment of life may ask, in order (asked only when the plan still needs them). */
  questions: QuestionId[];
  /** Rights engine benefit ids relevant to this moment of life. */
  benefits: string[];
  procedures: ProcedureContent[];
}

const contentDir = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../../../content/life-events',
);

function fail(file: string, message: string): never {
  throw new Error(`content/life-events/${file}: ${message}`);
}

function checkSource(file: string, where: string, value: unknown): Source {
  const s = value as Source;
  if (
    !s ||
    typeof s.title !== 'string' ||
    !s.title ||
    typeof s.url !== 'string' ||
    !/^https:\/\/[^\s]+$/.test(s.url)
  )
    fail(file, `${where}: source invalide`);
  return s;
}

const deadlineKeys = new Set([
  'fromStartOfMonth',
  'lastDayOfMonthAfter',
  'days',
  'months',
  'extendToWorkingDay',
  'endOfYear',
  'dayOfNextMonth',
  'countDaysExcludingSundaysAndHolidays',
  'legal',
  'text',
]);

// Every field a content file may have (docs/content.md): a misspelt one ("condition") would otherwise be
// silently ignored, and a step shown to everyone.
const eventKeys = new Set([
  'id',
  'title',
  'intro',
  'lastReview',
  'internalNote',
  'sources',
  'eventDate',
  'questions',
  'benefits',
  'procedures',
]);
const procedureKeys = new Set([
  'id',
  'title',
  'organisation',
  'urgency',
  'conditions',
  'steps',
  'deadline',
  'documents',
  'online',
  'atCounter',
  'placeNote',
  'fiche',
]);

const yesNoDeadlineKeys = new Set(['legal', 'extendToWorkingDay', 'endOfYear', 'fromStartOfMonth']);

/** Checks one parsed content file; throws a message naming the file and the field. */
export function checkLifeEvent(file: string, raw: unknown): LifeEvent {
  const e = raw as LifeEvent;
  if (!e || !lifeEventIds.includes(e.id)) fail(file, 'id inconnu');
  if (`${e.id}.json` !== file) fail(file, `le fichier doit s’appeler ${e.id}.json`);
  for (const key of Object.keys(e)) if (!eventKeys.has(key)) fail(file, `champ inconnu « ${key} »`);
  for (const key of ['title', 'intro'] as const)
    if (typeof e[key] !== 'string' || !e[key]) fail(file, `${key} manquant`);
  const note = (raw as { internalNote?: unknown }).internalNote;
  if (note !== undefined && (typeof note !== 'string' || !note)) fail(file, 'internalNote invalide');
  if (!parseDate(e.lastReview)) fail(file, 'lastReview doit être une date AAAA-MM-JJ');
  if (!Array.isArray(e.sources) || e.sources.length === 0) fail(file, 'au moins une source');
  e.sources.forEach((s, i) => checkSource(file, `sources[${i}]`, s));
  if (
    !e.eventDate ||
    typeof e.eventDate.label !== 'string' ||
    !(e.eventDate.maxPastDays >= 0) ||
    !(e.eventDate.maxFutureDays >= 0)
  )
    fail(file, 'eventDate invalide');
  for (const q of e.questions) if (!questionIds.includes(q)) fail(file, `question inconnue « ${q} »`);
  if (!Array.isArray(e.benefits)) fail(file, 'benefits manquant');
  if (!Array.isArray(e.procedures) || e.procedures.length === 0) fail(file, 'au moins une démarche');
  const ids = new Set<string>();
  e.procedures.forEach((p, i) => {
    const where = `procedures[${i}]`;
    for (const key of Object.keys(p))
      if (!procedureKeys.has(key)) fail(file, `${where} : champ inconnu « ${key} »`);
    if (!/^[a-z0-9-]+$/.test(p.id) || ids.has(p.id)) fail(file, `${where}.id invalide ou en double`);
    ids.add(p.id);
    if (!p.title) fail(file, `${where}.title manquant`);
    if (!organisationIds.includes(p.organisation))
      fail(file, `${where}.organisation inconnue « ${p.organisation} »`);
    if (!urgencies.includes(p.urgency))
      fail(file, `${where}.urgency doit valoir ${urgencies.join(', ')} (et non « ${String(p.urgency)} »)`);
    if (p.conditions !== undefined) {
      if (!Array.isArray(p.conditions) || p.conditions.length === 0)
        fail(file, `${where}.conditions doit être une liste non vide`);
      p.conditions.forEach((c, j) => {
        const problem = conditionProblem(c);
        if (problem) fail(file, `${where}.conditions[${j}] : ${problem}`);
      });
    }
    if (!Array.isArray(p.steps) || p.steps.length === 0) fail(file, `${where}.steps vide`);
    if (!Array.isArray(p.documents)) fail(file, `${where}.documents manquant`);
    if (p.online !== null) checkSource(file, `${where}.online`, p.online);
    checkSource(file, `${where}.fiche`, p.fiche);
    if (typeof p.atCounter !== 'boolean') fail(file, `${where}.atCounter manquant`);
    if (p.placeNote !== undefined && (typeof p.placeNote !== 'string' || !p.placeNote))
      fail(file, `${where}.placeNote invalide`);
    if (p.deadline !== null) {
      for (const key of Object.keys(p.deadline))
        if (!deadlineKeys.has(key)) fail(file, `${where}.deadline.${key} inconnu`);
      if (typeof p.deadline.legal !== 'boolean' || !p.deadline.text)
        fail(file, `${where}.deadline incomplet`);
      // A number where a number is meant (days, months, a day of the month), a yes-no elsewhere: "4" or "oui"
      // would compute a wrong date without a word.
      for (const [key, value] of Object.entries(p.deadline)) {
        if (key === 'text') continue;
        const expected = yesNoDeadlineKeys.has(key) ? 'boolean' : 'number';
        if (typeof value !== expected || (expected === 'number' && !Number.isInteger(value)))
          fail(
            file,
            `${where}.deadline.${key} doit être ${expected === 'boolean' ? 'true ou false' : 'un entier'}`,
          );
      }
    }
    // French typography: the typographic apostrophe only (the straight one is a typing slip).
    if (JSON.stringify(p).includes("'")) fail(file, `${where}: apostrophe droite (') au lieu de ’`);
  });
  // The internal note (who still has to review the text) is for the team only: it never leaves this loader,
  // so no page, document or e-mail can show it.
  const publicEvent: LifeEvent & { internalNote?: string } = { ...e };
  delete publicEvent.internalNote;
  return publicEvent;
}

let cache: Map<LifeEventId, LifeEvent> | null = null;

/** All life events, read and checked once. */
export function lifeEvents(): Map<LifeEventId, LifeEvent> {
  if (cache) return cache;
  const loaded = new Map<LifeEventId, LifeEvent>();
  for (const id of lifeEventIds) {
    const file = `${id}.json`;
    const raw: unknown = JSON.parse(fs.readFileSync(path.join(contentDir, file), 'utf8'));
    loaded.set(id, checkLifeEvent(file, raw));
  }
  cache = loaded;
  return loaded;
}

/** Whether a string is a life event id. */
export function isLifeEventId(value: string): value is LifeEventId {
  return (lifeEventIds as readonly string[]).includes(value);
}

/** One life event by id. */
export function lifeEvent(id: LifeEventId): LifeEvent {
  const event = lifeEvents().get(id);
  if (!event) throw new Error(`unknown life event ${id}`);
  return event;
}

/**
 * When the content was last checked, as residents read it next to their procedures. Who still has to review it
 * is the team's business (internalNote), never said to the public.
 */
export function reviewText(event: LifeEvent): string {
  const day = frenchDate(event.lastReview).replace(/^\S+ /, '');
  return `Informations vérifiées le ${day} d’après service-public.fr et les textes officiels cités.`;
}
