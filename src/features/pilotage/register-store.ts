// Queries of the experiment register: one experiment per territory, its milestones, workshops, irritants,
// solutions, derogation requests, funding requests and the history of changes. No personal data: the history keeps
// the author's account for accountability, and the public page shows only their role.
import type { Executor } from '../../platform/db/database.ts';
import type { DerogationDomain, DerogationStatus, SolutionStage, WorkshopParticipants } from './tables.ts';
import './tables.ts';

export type { Executor } from '../../platform/db/database.ts';

export interface Experiment {
  territoryId: string;
  title: string;
  summary: string;
  startsOn: string | null;
  endsOn: string | null;
}
export interface Milestone {
  id: string;
  dueOn: string;
  title: string;
  doneOn: string | null;
}
export interface Irritant {
  id: string;
  title: string;
  description: string;
  origin: 'seed' | 'workshop' | 'pilot';
}
export interface Workshop {
  id: string;
  heldOn: string;
  title: string;
  participants: WorkshopParticipants;
  notes: string;
  irritantIds: string[];
}
export interface Solution {
  id: string;
  title: string;
  description: string;
  stage: SolutionStage;
  indicators: string[];
  irritantIds: string[];
  updatedAt: Date;
}
export interface Derogation {
  id: string;
  solutionId: string | null;
  title: string;
  legalText: string;
  article: string;
  domain: DerogationDomain;
  conditions: { interest: string; effect: string; compatibility: string; proportionality: string };
  status: DerogationStatus;
  decreeReference: string | null;
  decidedOn: string | null;
}
export interface Funding {
  id: string;
  solutionId: string | null;
  call: string;
  amountAsked: number;
  amountGranted: number | null;
  amountSpent: number | null;
}
export interface HistoryEntry {
  id: number;
  at: Date;
  actorRole: string;
  entity: string;
  action: string;
  summary: string;
}

/** The whole register of a territory. */
export interface Register {
  experiment: Experiment;
  milestones: Milestone[];
  irritants: Irritant[];
  workshops: Workshop[];
  solutions: Solution[];
  derogations: Derogation[];
  fundings: Funding[];
}

/** The experiment of a territory, if it exists. */
export async function findExperiment(db: Executor, territoryId: string): Promise<Experiment | undefined> {
  const row = await db
    .selectFrom('experiments')
    .select(['territory_id', 'title', 'summary', 'starts_on', 'ends_on'])
    .where('territory_id', '=', territoryId)
    .executeTakeFirst();
  return row
    ? {
        territoryId: row.territory_id,
        title: row.title,
        summary: row.summary,
        startsOn: row.starts_on,
        endsOn: row.ends_on,
      }
    : undefined;
}

/** Creates the experiment row with its seed irritants; returns whether it was created. */
export async function insertExperiment(
  trx: Executor,
  territoryId: string,
  title: string,
  seedIrritants: { title: string; description: string }[],
): Promise<boolean> {
  const inserted = await trx
    .insertInto('experiments')
    .values({ territory_id: territoryId, title, starts_on: null, ends_on: null })
    .onConflict((oc) => oc.column('territory_id').doNothing())
    .returning('territory_id')
    .executeTakeFirst();
  if (!inserted) return false;
  await trx
    .insertInto('experiment_irritants')
    .values(seedIrritants.map((i) => ({ territory_id: territoryId, ...i, origin: 'seed' as const })))
    .execute();
  return true;
}

/** Sets the experiment's title, summary and dates. */
export async function updateExperiment(
  trx: Executor,
  territoryId: string,
  values: { title: string; summary: string; startsOn: string; endsOn: string },
): Promise<void> {
  await trx
    .updateTable('experiments')
    .set({
      title: values.title,
      summary: values.summary,
      starts_on: values.startsOn,
      ends_on: values.endsOn,
      updated_at: new Date(),
    })
    .where('territory_id', '=', territoryId)
    .execute();
}

/** Reads the whole register of a territory (undefined when the experiment does not exist yet). */
export async function readRegister(db: Executor, territoryId: string): Promise<Register | undefined> {
  const experiment = await findExperiment(db, territoryId);
  if (!experiment) return undefined;
  const [milestones, irritants, workshops, workshopLinks, solutions, solutionLinks, derogations, fundings] =
    await Promise.all([
      db
        .selectFrom('experiment_milestones')
        .select(['id', 'due_on', 'title', 'done_on'])
        .where('territory_id', '=', territoryId)
        .orderBy('due_on')
        .execute(),
      db
        .selectFrom('experiment_irritants')
        .select(['id', 'title', 'description', 'origin'])
        .where('territory_id', '=', territoryId)
        .orderBy('created_at')
        .orderBy('title')
        .execute(),
      db
        .selectFrom('experiment_workshops')
        .select(['id', 'held_on', 'title', 'participants', 'notes'])
        .where('territory_id', '=', territoryId)
        .orderBy('held_on', 'desc')
        .execute(),
      db
        .selectFrom('experiment_workshop_irritants')
        .innerJoin(
          'experiment_workshops',
          'experiment_workshops.id',
          'experiment_workshop_irritants.workshop_id',
        )
        .select(['workshop_id', 'irritant_id'])
        .where('experiment_workshops.territory_id', '=', territoryId)
        .execute(),
      db
        .selectFrom('experiment_solutions')
        .select(['id', 'title', 'description', 'stage', 'indicators', 'updated_at'])
        .where('territory_id', '=', territoryId)
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('experiment_solution_irritants')
        .innerJoin(
          'experiment_solutions',
          'experiment_solutions.id',
          'experiment_solution_irritants.solution_id',
        )
        .select(['solution_id', 'irritant_id'])
        .where('experiment_solutions.territory_id', '=', territoryId)
        .execute(),
      db
        .selectFrom('experiment_derogations')
        .selectAll()
        .where('territory_id', '=', territoryId)
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('experiment_fundings')
        .selectAll()
        .where('territory_id', '=', territoryId)
        .orderBy('created_at')
        .execute(),
    ]);
  return {
    experiment,
    milestones: milestones.map((m) => ({ id: m.id, dueOn: m.due_on, title: m.title, doneOn: m.done_on })),
    irritants: irritants.map((i) => ({
      id: i.id,
      title: i.title,
      description: i.description,
      origin: i.origin,
    })),
    workshops: workshops.map((w) => ({
      id: w.id,
      heldOn: w.held_on,
      title: w.title,
      participants: w.participants,
      notes: w.notes,
      irritantIds: workshopLinks.filter((l) => l.workshop_id === w.id).map((l) => l.irritant_id),
    })),
    solutions: solutions.map((s) => ({
      id: s.id,
      title: s.title,
      description: s.description,
      stage: s.stage,
      indicators: s.indicators,
      irritantIds: solutionLinks.filter((l) => l.solution_id === s.id).map((l) => l.irritant_id),
      updatedAt: new Date(s.updated_at),
    })),
    derogations: derogations.map((d) => ({
      id: d.id,
      solutionId: d.solution_id,
      title: d.title,
      legalText: d.legal_text,
      article: d.article,
      domain: d.domain,
      conditions: {
        interest: d.condition_interest,
        effect: d.condition_effect,
        compatibility: d.condition_compatibility,
        proportionality: d.condition_proportionality,
      },
      status: d.status,
      decreeReference: d.decree_reference,
      decidedOn: d.decided_on,
    })),
    fundings: fundings.map((f) => ({
      id: f.id,
      solutionId: f.solution_id,
      call: f.call,
      amountAsked: Number(f.amount_asked),
      amountGranted: f.amount_granted === null ? null : Number(f.amount_granted),
      amountSpent: f.amount_spent === null ? null : Number(f.amount_spent),
    })),
  };
}

/** The history of a territory's register, newest first. */
export async function readHistory(db: Executor, territoryId: string, limit = 200): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('experiment_history')
    .select(['id', 'at', 'actor_role', 'entity', 'action', 'summary'])
    .where('territory_id', '=', territoryId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at),
    actorRole: r.actor_role,
    entity: r.entity,
    action: r.action,
    summary: r.summary,
  }));
}

/** Appends a line to the register's history. */
export async function appendHistory(
  trx: Executor,
  entry: {
    territoryId: string;
    actorId: string | null;
    actorRole: string;
    entity: string;
    entityId: string | null;
    action: string;
    summary: string;
    at?: Date;
  },
): Promise<void> {
  await trx
    .insertInto('experiment_history')
    .values({
      territory_id: entry.territoryId,
      actor_id: entry.actorId,
      actor_role: entry.actorRole,
      entity: entry.entity,
      entity_id: entry.entityId,
      action: entry.action,
      summary: entry.summary,
      ...(entry.at ? { at: entry.at } : {}),
    })
    .execute();
}

/** Adds a milestone; returns its id. */
export async function insertMilestone(
  trx: Executor,
  territoryId: string,
  values: { dueOn: string; title: string },
): Promise<string> {
  const row = await trx
    .insertInto('experiment_milestones')
    .values({ territory_id: territoryId, due_on: values.dueOn, title: values.title, done_on: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Marks a milestone done (or not done) on a date. */
export async function setMilestoneDone(
  trx: Executor,
  territoryId: string,
  id: string,
  doneOn: string | null,
): Promise<boolean> {
  const result = await trx
    .updateTable('experiment_milestones')
    .set({ done_on: doneOn })
    .where('territory_id', '=', territoryId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Adds an irritant; returns its id. */
export async function insertIrritant(
  trx: Executor,
  territoryId: string,
  values: { title: string; description: string; origin: 'workshop' | 'pilot' },
): Promise<string> {
  const row = await trx
    .insertInto('experiment_irritants')
    .values({ territory_id: territoryId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Adds a workshop with the irritants it named; returns its id. */
export async function insertWorkshop(
  trx: Executor,
  territoryId: string,
  values: { heldOn: string; title: string; participants: WorkshopParticipants; notes: string },
  irritantIds: string[],
): Promise<string> {
  const row = await trx
    .insertInto('experiment_workshops')
    .values({
      territory_id: territoryId,
      held_on: values.heldOn,
      title: values.title,
      participants: JSON.stringify(values.participants),
      notes: values.notes,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (irritantIds.length > 0)
    await trx
      .insertInto('experiment_workshop_irritants')
      .values(irritantIds.map((irritant_id) => ({ workshop_id: row.id, irritant_id })))
      .execute();
  return row.id;
}

/** Adds a solution with the irritants it answers; returns its id. */
export async function insertSolution(
  trx: Executor,
  territoryId: string,
  values: { title: string; description: string; stage: SolutionStage; indicators: string[] },
  irritantIds: string[],
): Promise<string> {
  const row = await trx
    .insertInto('experiment_solutions')
    .values({ territory_id: territoryId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (irritantIds.length > 0)
    await trx
      .insertInto('experiment_solution_irritants')
      .values(irritantIds.map((irritant_id) => ({ solution_id: row.id, irritant_id })))
      .execute();
  return row.id;
}

/** Changes a solution's stage and indicators. */
export async function updateSolution(
  trx: Executor,
  territoryId: string,
  id: string,
  values: { stage: SolutionStage; indicators: string[] },
): Promise<void> {
  await trx
    .updateTable('experiment_solutions')
    .set({ stage: values.stage, indicators: values.indicators, updated_at: new Date() })
    .where('territory_id', '=', territoryId)
    .where('id', '=', id)
    .execute();
}

/** Adds a derogation request; returns its id. */
export async function insertDerogation(
  trx: Executor,
  territoryId: string,
  values: Omit<Derogation, 'id'>,
): Promise<string> {
  const row = await trx
    .insertInto('experiment_derogations')
    .values({
      territory_id: territoryId,
      solution_id: values.solutionId,
      title: values.title,
      legal_text: values.legalText,
      article: values.article,
      domain: values.domain,
      condition_interest: values.conditions.interest,
      condition_effect: values.conditions.effect,
      condition_compatibility: values.conditions.compatibility,
      condition_proportionality: values.conditions.proportionality,
      status: values.status,
      decree_reference: values.decreeReference,
      decided_on: values.decidedOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a derogation request's status (with the arrêté and date of a decision). */
export async function updateDerogationStatus(
  trx: Executor,
  territoryId: string,
  id: string,
  values: { status: DerogationStatus; decreeReference: string | null; decidedOn: string | null },
): Promise<void> {
  await trx
    .updateTable('experiment_derogations')
    .set({
      status: values.status,
      decree_reference: values.decreeReference,
      decided_on: values.decidedOn,
      updated_at: new Date(),
    })
    .where('territory_id', '=', territoryId)
    .where('id', '=', id)
    .execute();
}

/** Adds a funding request; returns its id. */
export async function insertFunding(
  trx: Executor,
  territoryId: string,
  values: Omit<Funding, 'id'>,
): Promise<string> {
  const row = await trx
    .insertInto('experiment_fundings')
    .values({
      territory_id: territoryId,
      solution_id: values.solutionId,
      call: values.call,
      amount_asked: values.amountAsked,
      amount_granted: values.amountGranted,
      amount_spent: values.amountSpent,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes the amounts granted and spent of a funding request. */
export async function updateFundingAmounts(
  trx: Executor,
  territoryId: string,
  id: string,
  values: { amountGranted: number | null; amountSpent: number | null },
): Promise<void> {
  await trx
    .updateTable('experiment_fundings')
    .set({ amount_granted: values.amountGranted, amount_spent: values.amountSpent, updated_at: new Date() })
    .where('territory_id', '=', territoryId)
    .where('id', '=', id)
    .execute();
}

/** Territories whose experiment exists, for the public list. */
export async function listExperiments(db: Executor) {
  return db
    .selectFrom('experiments')
    .innerJoin('territories', 'territories.id', 'experiments.territory_id')
    .select([
      'experiments.territory_id',
      'territories.name',
      'experiments.title',
      'experiments.starts_on',
      'experiments.ends_on',
    ])
    .orderBy('territories.name')
    .execute();
}
