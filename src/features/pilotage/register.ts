// The experiment register's use-cases: the pilot sets the one-year calendar and its milestones, records workshops
// and the irritants they named, moves solutions from idea to generalised (or abandoned) with the indicators they
// are judged by, files derogation requests under the décret n° 2020-412 du 8 avril 2020 and funding requests. Each
// form is checked first (a French message per field); each change is one transaction with its line of history,
// which the public register shows.
import type { Actor } from '../../platform/auth/roles.ts';
import { roleLabels } from '../../platform/auth/roles.ts';
import type { Db } from '../../platform/db/database.ts';
import { addDays, addMonths as addMonthsToDate, frenchDate, parseDate } from '../../platform/dates.ts';
import { AppError, notFound, type FieldError } from '../../platform/errors.ts';
import { publicIndicators } from './publication.ts';
import {
  appendHistory,
  findExperiment,
  insertDerogation,
  insertExperiment,
  insertFunding,
  insertIrritant,
  insertMilestone,
  insertSolution,
  insertWorkshop,
  readRegister,
  setMilestoneDone,
  updateDerogationStatus,
  updateExperiment,
  updateFundingAmounts,
  updateSolution,
  type Executor,
  type Register,
} from './register-store.ts';
import type { DerogationDomain, DerogationStatus, SolutionStage, WorkshopParticipants } from './tables.ts';

export type FormValues = Record<string, string | string[] | undefined>;

export const stageLabels: Record<SolutionStage, string> = {
  idea: 'Idée',
  prototype: 'Prototype',
  experiment: 'Expérimentation',
  generalised: 'Généralisée',
  abandoned: 'Abandonnée',
};
export const stageOrder: SolutionStage[] = ['idea', 'prototype', 'experiment', 'generalised', 'abandoned'];

/** The seven matters of article 1 of the décret n° 2020-412 du 8 avril 2020. */
export const domainLabels: Record<DerogationDomain, string> = {
  subsidies:
    'Subventions, concours financiers et dispositifs de soutien en faveur des acteurs économiques, des associations et des collectivités territoriales',
  planning: 'Aménagement du territoire et politique de la ville',
  environment: 'Environnement, agriculture et forêts',
  housing: 'Construction, logement et urbanisme',
  employment: 'Emploi et activité économique',
  heritage: 'Protection et mise en valeur du patrimoine culturel',
  sport: 'Activités sportives, socio-éducatives et associatives',
};

/** The four conditions of article 2 of the décret n° 2020-412: how the request meets each one. */
export const conditionLabels = {
  interest: 'Elle est justifiée par un motif d’intérêt général et l’existence de circonstances locales',
  effect:
    'Elle a pour effet d’alléger les démarches administratives, de réduire les délais de procédure ou de favoriser l’accès aux aides publiques',
  compatibility: 'Elle est compatible avec les engagements européens et internationaux de la France',
  proportionality:
    'Elle ne porte atteinte ni aux intérêts de la défense ou à la sécurité des personnes et des biens, ni de façon disproportionnée aux objectifs des dispositions auxquelles il est dérogé',
} as const;
export type ConditionKey = keyof typeof conditionLabels;

export const statusLabels: Record<DerogationStatus, string> = {
  draft: 'Brouillon',
  filed: 'Déposée auprès du préfet',
  granted: 'Accordée',
  refused: 'Refusée',
};

export const participantLabels: Record<keyof WorkshopParticipants, string> = {
  residents: 'Usagers',
  agents: 'Agents publics',
  elected: 'Élus',
  associations: 'Associations',
  businesses: 'Entreprises',
  others: 'Autres',
};

/** The three irritants the seed named (mission of Carte Blanche), in every register from the start. */
export const seedIrritants = [
  {
    title: 'Difficile de joindre le bon service',
    description: 'Trop de guichets et d’interlocuteurs : on ne sait pas à qui s’adresser.',
  },
  {
    title: 'Réponses insatisfaisantes',
    description: 'Les réponses obtenues ne règlent pas la situation, ou arrivent trop tard.',
  },
  {
    title: 'Non-recours aux droits',
    description: 'Beaucoup de personnes ne demandent pas les aides auxquelles elles ont droit.',
  },
];

export type RegisterSection =
  'jalons' | 'ateliers' | 'irritants' | 'solutions' | 'derogations' | 'financements';
export const registerSections: RegisterSection[] = [
  'jalons',
  'ateliers',
  'irritants',
  'solutions',
  'derogations',
  'financements',
];

/** Only one value of a form field (a repeated field keeps its first), without control characters. */
export function single(values: FormValues, name: string): string {
  const raw = values[name];
  const text = Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
  // Control characters (other than tab and line breaks) have no place in what is published.
  let clean = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 32 || code === 9 || code === 10 || code === 13) clean += ch;
  }
  return clean.trim();
}

/** Every value of a repeated form field (checkboxes). */
export function several(values: FormValues, name: string): string[] {
  const raw = values[name];
  return (Array.isArray(raw) ? raw : raw ? [raw] : []).map((v) => v.trim()).filter(Boolean);
}

function requiredText(
  values: FormValues,
  name: string,
  errors: FieldError[],
  messages: { missing: string },
  max = 200,
): string {
  const value = single(values, name);
  if (!value) errors.push({ field: name, message: messages.missing });
  else if (value.length > max) errors.push({ field: name, message: `Au plus ${max} caractères.` });
  return value;
}

function optionalText(values: FormValues, name: string, errors: FieldError[], max: number): string {
  const value = single(values, name);
  if (value.length > max) errors.push({ field: name, message: `Au plus ${max} caractères.` });
  return value;
}

function date(values: FormValues, name: string, errors: FieldError[], missing: string): string {
  const value = single(values, name);
  if (!parseDate(value)) errors.push({ field: name, message: missing });
  return value;
}

/**
 * A sum in euros as people type it ("12 500", "12 500,50", "12500.5"); null when empty. A negative amount or one
 * that is not a number is an error naming the field.
 */
export function amount(
  values: FormValues,
  name: string,
  errors: FieldError[],
  required: boolean,
): number | null {
  const raw = single(values, name).replace(/[\s\u00a0\u202f€]/g, '');
  if (raw === '') {
    if (required) errors.push({ field: name, message: 'Indiquez un montant en euros, par exemple 12 500.' });
    return null;
  }
  if (/^-/.test(raw)) {
    errors.push({ field: name, message: 'Le montant ne peut pas être négatif.' });
    return null;
  }
  const normalised = raw.replace(',', '.');
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(normalised)) {
    errors.push({
      field: name,
      message: 'Indiquez un montant en euros, en chiffres, par exemple 12 500 ou 12 500,50.',
    });
    return null;
  }
  return Number(normalised);
}

/** The last day of a one-year experiment starting on a date ("un an pour agir"). */
export function experimentEnd(startsOn: string): string {
  return addDays(addMonthsToDate(startsOn, 12), -1);
}

function checkInRange(
  experiment: { startsOn: string | null; endsOn: string | null },
  field: string,
  value: string,
  errors: FieldError[],
): void {
  if (!experiment.startsOn || !experiment.endsOn) {
    errors.push({
      field,
      message: 'Fixez d’abord la date de début de l’expérimentation (calendrier), puis ajoutez ses jalons.',
    });
  } else if (value < experiment.startsOn || value > experiment.endsOn) {
    errors.push({
      field,
      message: `La date doit être comprise dans l’expérimentation, entre le ${frenchDate(experiment.startsOn)} et le ${frenchDate(experiment.endsOn)}.`,
    });
  }
}

function knownIds(
  ids: string[],
  allowed: { id: string }[],
  field: string,
  errors: FieldError[],
  what: string,
): string[] {
  const set = new Set(allowed.map((a) => a.id));
  const unknown = ids.filter((id) => !set.has(id));
  if (unknown.length > 0) errors.push({ field, message: `${what} inconnu(e) dans ce registre.` });
  return [...new Set(ids.filter((id) => set.has(id)))];
}

function optionalSolution(values: FormValues, register: Register, errors: FieldError[]): string | null {
  const id = single(values, 'solution');
  if (!id) return null;
  if (!register.solutions.some((s) => s.id === id)) {
    errors.push({ field: 'solution', message: 'Cette solution n’est pas dans le registre.' });
    return null;
  }
  return id;
}

/** Who acts, as the history keeps it. */
function author(actor: Actor) {
  return { actorId: actor.id, actorRole: roleLabels[actor.role] };
}

/** Creates a territory's register (the experiment with the seed's three irritants) when it does not exist yet. */
export async function ensureRegister(
  db: Executor,
  territoryId: string,
  territoryName: string,
): Promise<void> {
  if (await findExperiment(db, territoryId)) return;
  const created = await insertExperiment(
    db,
    territoryId,
    `Expérimentation Carte Blanche — ${territoryName}`,
    seedIrritants,
  );
  if (created)
    await appendHistory(db, {
      territoryId,
      actorId: null,
      actorRole: 'Plateforme',
      entity: 'experiment',
      entityId: territoryId,
      action: 'create',
      summary: 'Registre ouvert, avec les trois irritants nommés au lancement de Carte Blanche.',
    });
}

export type CheckResult<T> = { input: T } | { errors: FieldError[] };

// ── calendar ─────────────────────────────────────────────────────────────────────────────────────────────────────

export interface CalendarInput {
  title: string;
  summary: string;
  startsOn: string;
  endsOn: string;
}

/** Checks the calendar form: a title, a start date; the end is one year later; milestones must stay inside. */
export function checkCalendar(values: FormValues, register: Register): CheckResult<CalendarInput> {
  const errors: FieldError[] = [];
  const title = requiredText(values, 'titre', errors, { missing: 'Donnez un titre à l’expérimentation.' });
  const summary = optionalText(values, 'resume', errors, 2000);
  const startsOn = date(values, 'debut', errors, 'Indiquez la date de début, par exemple 01/09/2026.');
  if (errors.length > 0) return { errors };
  const endsOn = experimentEnd(startsOn);
  const outside = register.milestones.find((m) => m.dueOn < startsOn || m.dueOn > endsOn);
  if (outside)
    errors.push({
      field: 'debut',
      message: `Le jalon « ${outside.title} » (${frenchDate(outside.dueOn)}) sortirait de l’expérimentation : déplacez-le d’abord.`,
    });
  return errors.length > 0 ? { errors } : { input: { title, summary, startsOn, endsOn } };
}

/** Sets the experiment's calendar. */
export async function setCalendar(
  db: Db,
  actor: Actor,
  territoryId: string,
  input: CalendarInput,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await updateExperiment(trx, territoryId, input);
    await appendHistory(trx, {
      territoryId,
      ...author(actor),
      entity: 'experiment',
      entityId: territoryId,
      action: 'update',
      summary: `Calendrier : du ${frenchDate(input.startsOn)} au ${frenchDate(input.endsOn)} (« ${input.title} »).`,
    });
  });
}

// ── creations, one per section ───────────────────────────────────────────────────────────────────────────────────

type Creation = (
  values: FormValues,
  register: Register,
) => CheckResult<(trx: Executor, territoryId: string) => Promise<{ id: string; summary: string }>>;

const creations: Record<RegisterSection, Creation> = {
  jalons(values, register) {
    const errors: FieldError[] = [];
    const title = requiredText(values, 'titre', errors, { missing: 'Nommez le jalon.' });
    const dueOn = date(values, 'date', errors, 'Indiquez la date du jalon, par exemple 15/03/2027.');
    if (!errors.some((e) => e.field === 'date')) checkInRange(register.experiment, 'date', dueOn, errors);
    if (errors.length > 0) return { errors };
    return {
      input: async (trx, territoryId) => ({
        id: await insertMilestone(trx, territoryId, { dueOn, title }),
        summary: `Jalon ajouté : « ${title} », le ${frenchDate(dueOn)}.`,
      }),
    };
  },
  ateliers(values, register) {
    const errors: FieldError[] = [];
    const title = requiredText(values, 'titre', errors, { missing: 'Nommez l’atelier.' });
    const heldOn = date(values, 'date', errors, 'Indiquez la date de l’atelier, par exemple 15/10/2026.');
    const participants = {} as WorkshopParticipants;
    for (const kind of Object.keys(participantLabels) as (keyof WorkshopParticipants)[]) {
      const raw = single(values, `participants_${kind}`);
      if (raw === '') participants[kind] = 0;
      else if (!/^\d{1,5}$/.test(raw)) {
        errors.push({
          field: `participants_${kind}`,
          message: 'Indiquez un nombre de personnes, en chiffres (0 si personne).',
        });
        participants[kind] = 0;
      } else participants[kind] = Number(raw);
    }
    if (
      !errors.some((e) => e.field.startsWith('participants_')) &&
      Object.values(participants).every((n) => n === 0)
    )
      errors.push({
        field: 'participants_residents',
        message: 'Indiquez combien de personnes ont participé.',
      });
    const irritantIds = knownIds(
      several(values, 'irritants'),
      register.irritants,
      'irritants',
      errors,
      'Irritant',
    );
    const newIrritants = single(values, 'nouveaux_irritants')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    if (newIrritants.some((l) => l.length > 200))
      errors.push({ field: 'nouveaux_irritants', message: 'Un irritant s’écrit en 200 caractères au plus.' });
    if (newIrritants.length > 20)
      errors.push({ field: 'nouveaux_irritants', message: 'Au plus 20 nouveaux irritants à la fois.' });
    const notes = optionalText(values, 'notes', errors, 5000);
    if (errors.length > 0) return { errors };
    const people = Object.values(participants).reduce((s, n) => s + n, 0);
    return {
      input: async (trx, territoryId) => {
        const created: string[] = [];
        for (const line of newIrritants)
          created.push(
            await insertIrritant(trx, territoryId, { title: line, description: '', origin: 'workshop' }),
          );
        const id = await insertWorkshop(trx, territoryId, { heldOn, title, participants, notes }, [
          ...irritantIds,
          ...created,
        ]);
        const named = irritantIds.length + created.length;
        return {
          id,
          summary: `Atelier ajouté : « ${title} », le ${frenchDate(heldOn)}, ${people} participant${people > 1 ? 's' : ''}, ${named} irritant${named > 1 ? 's' : ''} nommé${named > 1 ? 's' : ''}${created.length > 0 ? ` dont ${created.length} nouveau${created.length > 1 ? 'x' : ''}` : ''}.`,
        };
      },
    };
  },
  irritants(values) {
    const errors: FieldError[] = [];
    const title = requiredText(values, 'titre', errors, { missing: 'Nommez l’irritant.' });
    const description = optionalText(values, 'description', errors, 2000);
    if (errors.length > 0) return { errors };
    return {
      input: async (trx, territoryId) => ({
        id: await insertIrritant(trx, territoryId, { title, description, origin: 'pilot' }),
        summary: `Irritant ajouté : « ${title} ».`,
      }),
    };
  },
  solutions(values, register) {
    const errors: FieldError[] = [];
    const title = requiredText(values, 'titre', errors, { missing: 'Nommez la solution.' });
    const description = optionalText(values, 'description', errors, 5000);
    const stage = single(values, 'etape') || 'idea';
    if (!stageOrder.includes(stage as SolutionStage))
      errors.push({ field: 'etape', message: 'Choisissez une étape de la liste.' });
    const irritantIds = knownIds(
      several(values, 'irritants'),
      register.irritants,
      'irritants',
      errors,
      'Irritant',
    );
    const indicators = checkIndicators(values, errors);
    if (errors.length > 0) return { errors };
    return {
      input: async (trx, territoryId) => ({
        id: await insertSolution(
          trx,
          territoryId,
          { title, description, stage: stage as SolutionStage, indicators },
          irritantIds,
        ),
        summary: `Solution ajoutée : « ${title} » (${stageLabels[stage as SolutionStage].toLowerCase()}).`,
      }),
    };
  },
  derogations(values, register) {
    const errors: FieldError[] = [];
    const title = requiredText(values, 'titre', errors, {
      missing: 'Dites en une phrase ce que la dérogation permet.',
    });
    const legalText = requiredText(
      values,
      'texte',
      errors,
      {
        missing: 'Indiquez le texte réglementaire auquel il est dérogé (décret, arrêté…).',
      },
      300,
    );
    const article = requiredText(values, 'article', errors, { missing: 'Indiquez l’article concerné.' }, 100);
    const domain = single(values, 'matiere') as DerogationDomain;
    if (!(domain in domainLabels))
      errors.push({
        field: 'matiere',
        message: 'Choisissez l’une des sept matières de l’article 1 du décret n° 2020-412.',
      });
    const conditions = {} as Record<ConditionKey, string>;
    for (const key of Object.keys(conditionLabels) as ConditionKey[])
      conditions[key] = requiredText(
        values,
        `condition_${key}`,
        errors,
        { missing: 'Expliquez comment la demande remplit cette condition : les quatre sont obligatoires.' },
        3000,
      );
    const status = (single(values, 'statut') || 'draft') as DerogationStatus;
    if (status !== 'draft' && status !== 'filed')
      errors.push({ field: 'statut', message: 'Une nouvelle demande est un brouillon ou est déposée.' });
    const solutionId = optionalSolution(values, register, errors);
    if (errors.length > 0) return { errors };
    return {
      input: async (trx, territoryId) => ({
        id: await insertDerogation(trx, territoryId, {
          solutionId,
          title,
          legalText,
          article,
          domain,
          conditions,
          status,
          decreeReference: null,
          decidedOn: null,
        }),
        summary: `Demande de dérogation ${status === 'filed' ? 'déposée' : 'en brouillon'} : « ${title} » (${legalText}, ${article}).`,
      }),
    };
  },
  financements(values, register) {
    const errors: FieldError[] = [];
    const call = requiredText(values, 'appel', errors, {
      missing:
        'Indiquez l’appel à projets, par exemple « Fonds pour la transformation de l’action publique, 2e appel ».',
    });
    const asked = amount(values, 'demande', errors, true);
    const granted = amount(values, 'accorde', errors, false);
    const spent = amount(values, 'depense', errors, false);
    checkSpent(granted, spent, errors);
    const solutionId = optionalSolution(values, register, errors);
    if (errors.length > 0) return { errors };
    return {
      input: async (trx, territoryId) => ({
        id: await insertFunding(trx, territoryId, {
          solutionId,
          call,
          amountAsked: asked!,
          amountGranted: granted,
          amountSpent: spent,
        }),
        summary: `Demande de financement ajoutée : ${euros(asked!)} demandés à « ${call} ».`,
      }),
    };
  },
};

function checkIndicators(values: FormValues, errors: FieldError[]): string[] {
  const chosen = several(values, 'indicateurs');
  const unknown = chosen.filter((id) => !(id in publicIndicators));
  if (unknown.length > 0)
    errors.push({ field: 'indicateurs', message: 'Indicateur inconnu : choisissez dans la liste.' });
  return [...new Set(chosen.filter((id) => id in publicIndicators))];
}

function checkSpent(granted: number | null, spent: number | null, errors: FieldError[]): void {
  if (spent !== null && granted === null)
    errors.push({ field: 'depense', message: 'Indiquez d’abord le montant accordé.' });
  else if (spent !== null && granted !== null && spent > granted)
    errors.push({ field: 'depense', message: 'Le montant dépensé dépasse le montant accordé.' });
}

const euroFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
/** "12 500,00 €". */
export function euros(value: number): string {
  return euroFormat.format(value);
}

/** Checks a creation form of a section. */
export function checkCreation(
  section: RegisterSection,
  values: FormValues,
  register: Register,
): CheckResult<(trx: Executor, territoryId: string) => Promise<{ id: string; summary: string }>> {
  return creations[section](values, register);
}

/** Writes a checked creation and its history line, in one transaction. */
export async function createInRegister(
  db: Db,
  actor: Actor,
  territoryId: string,
  section: RegisterSection,
  write: (trx: Executor, territoryId: string) => Promise<{ id: string; summary: string }>,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id, summary } = await write(trx, territoryId);
    await appendHistory(trx, {
      territoryId,
      ...author(actor),
      entity: section,
      entityId: id,
      action: 'create',
      summary,
    });
    return id;
  });
}

// ── updates ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** The sections whose entries can be changed after creation. */
export type UpdatableSection = 'jalons' | 'solutions' | 'derogations' | 'financements';
export const updatableSections: UpdatableSection[] = ['jalons', 'solutions', 'derogations', 'financements'];

/** Checks the change of an entry; throws not-found when the entry is not in this register. */
export function checkUpdate(
  section: UpdatableSection,
  id: string,
  values: FormValues,
  register: Register,
  today: string,
): CheckResult<(trx: Executor, territoryId: string) => Promise<string>> {
  const errors: FieldError[] = [];
  if (section === 'jalons') {
    const milestone = register.milestones.find((m) => m.id === id);
    if (!milestone) throw notFound('Ce jalon n’est pas dans le registre.');
    const done = single(values, 'atteint') === 'oui';
    const doneOn = done ? single(values, 'date_atteint') || today : null;
    if (done && !parseDate(doneOn!))
      errors.push({ field: 'date_atteint', message: 'Indiquez la date où le jalon a été atteint.' });
    if (errors.length > 0) return { errors };
    return {
      input: async (trx, territoryId) => {
        await setMilestoneDone(trx, territoryId, id, doneOn);
        return done
          ? `Jalon « ${milestone.title} » atteint le ${frenchDate(doneOn!)}.`
          : `Jalon « ${milestone.title} » de nouveau à venir.`;
      },
    };
  }
  if (section === 'solutions') {
    const solution = register.solutions.find((s) => s.id === id);
    if (!solution) throw notFound('Cette solution n’est pas dans le registre.');
    const stage = single(values, 'etape') as SolutionStage;
    if (!stageOrder.includes(stage))
      errors.push({ field: 'etape', message: 'Choisissez une étape de la liste.' });
    const indicators = checkIndicators(values, errors);
    if (errors.length > 0) return { errors };
    return {
      input: async (trx, territoryId) => {
        await updateSolution(trx, territoryId, id, { stage, indicators });
        const moved = stage !== solution.stage;
        return moved
          ? `Solution « ${solution.title} » : ${stageLabels[solution.stage].toLowerCase()} → ${stageLabels[stage].toLowerCase()}.`
          : `Solution « ${solution.title} » : indicateurs suivis modifiés.`;
      },
    };
  }
  if (section === 'derogations') {
    const derogation = register.derogations.find((d) => d.id === id);
    if (!derogation) throw notFound('Cette demande de dérogation n’est pas dans le registre.');
    const status = single(values, 'statut') as DerogationStatus;
    if (!(status in statusLabels))
      errors.push({ field: 'statut', message: 'Choisissez un statut de la liste.' });
    const decided = status === 'granted' || status === 'refused';
    const decreeReference = status === 'granted' ? single(values, 'arrete') : '';
    if (status === 'granted' && !/^[\w./ -]{1,60}$/u.test(decreeReference))
      errors.push({
        field: 'arrete',
        message:
          'Indiquez le numéro de l’arrêté préfectoral qui accorde la dérogation, par exemple 2027-014.',
      });
    const decidedOn = decided ? single(values, 'date_decision') : '';
    if (decided && !parseDate(decidedOn))
      errors.push({
        field: 'date_decision',
        message: 'Indiquez la date de la décision, par exemple 14/01/2027.',
      });
    else if (decided && decidedOn > today)
      errors.push({ field: 'date_decision', message: 'La date de la décision ne peut pas être à venir.' });
    if (errors.length > 0) return { errors };
    return {
      input: async (trx, territoryId) => {
        await updateDerogationStatus(trx, territoryId, id, {
          status,
          decreeReference: status === 'granted' ? decreeReference : null,
          decidedOn: decided ? decidedOn : null,
        });
        const what =
          status === 'granted'
            ? `accordée par l’arrêté n° ${decreeReference} du ${frenchDate(decidedOn)}`
            : status === 'refused'
              ? `refusée le ${frenchDate(decidedOn)}`
              : statusLabels[status].toLowerCase();
        return `Dérogation « ${derogation.title} » : ${what}.`;
      },
    };
  }
  const funding = register.fundings.find((f) => f.id === id);
  if (!funding) throw notFound('Cette demande de financement n’est pas dans le registre.');
  const granted = amount(values, 'accorde', errors, false);
  const spent = amount(values, 'depense', errors, false);
  checkSpent(granted, spent, errors);
  if (errors.length > 0) return { errors };
  return {
    input: async (trx, territoryId) => {
      await updateFundingAmounts(trx, territoryId, id, { amountGranted: granted, amountSpent: spent });
      return `Financement « ${funding.call} » : ${granted === null ? 'montant accordé non renseigné' : `${euros(granted)} accordés`}${spent === null ? '' : `, ${euros(spent)} dépensés`}.`;
    },
  };
}

/** Writes a checked change and its history line, in one transaction. */
export async function updateInRegister(
  db: Db,
  actor: Actor,
  territoryId: string,
  section: UpdatableSection,
  id: string,
  write: (trx: Executor, territoryId: string) => Promise<string>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const summary = await write(trx, territoryId);
    await appendHistory(trx, {
      territoryId,
      ...author(actor),
      entity: section,
      entityId: id,
      action: 'update',
      summary,
    });
  });
}

/** The register of a territory, created on first use. */
export async function registerOf(db: Db, territory: { id: string; name: string }): Promise<Register> {
  let register = await readRegister(db, territory.id);
  if (!register) {
    await db.transaction().execute((trx) => ensureRegister(trx, territory.id, territory.name));
    register = await readRegister(db, territory.id);
  }
  if (!register) throw new AppError('internal', 'Le registre n’a pas pu être ouvert.');
  return register;
}
