// Row types of the pilotage tables, added to the Database type by module augmentation.
import type { ColumnType, Generated } from 'kysely';
import type { RequiredTimestamp } from '../../platform/db/schema.ts';

export type CounterKind = 'plan' | 'estimation';
export type SatisfactionSubject = 'plan' | 'case' | 'appointment';
export type Respondent = 'resident' | 'helper' | 'agent' | 'other';
export type Went = 'good' | 'average' | 'bad';
export type YesPartlyNo = 'yes' | 'partly' | 'no';
export type SolutionStage = 'idea' | 'prototype' | 'experiment' | 'generalised' | 'abandoned';
export type DerogationDomain =
  'subsidies' | 'planning' | 'environment' | 'housing' | 'employment' | 'heritage' | 'sport';
export type DerogationStatus = 'draft' | 'filed' | 'granted' | 'refused';
/** Workshop participants by kind: residents, agents, elected officials, associations, businesses, others. */
export interface WorkshopParticipants {
  residents: number;
  agents: number;
  elected: number;
  associations: number;
  businesses: number;
  others: number;
}
type DateColumn = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null, string | null>;
// numeric and bigint are parsed as numbers (src/platform/db/database.ts), dates stay 'YYYY-MM-DD' strings.
type Money = ColumnType<number, number, number>;
type NullableMoney = ColumnType<number | null, number | null, number | null>;

export interface UsageCountersTable {
  kind: CounterKind;
  month: string;
  territory_id: string;
  commune: string;
  life_event: string;
  channel: string;
  count: number;
  updated_at: Generated<Date>;
}
export interface IndicatorValuesTable {
  indicator: string;
  territory_id: string;
  month: string;
  commune: string;
  breakdown: string;
  value: number;
}
export interface IndicatorRefreshesTable {
  id: string;
  started_at: RequiredTimestamp;
  finished_at: RequiredTimestamp;
  from_month: string;
  full_refresh: boolean;
}
export interface SatisfactionAnswersTable {
  id: Generated<string>;
  month: string;
  territory_id: string;
  commune: string;
  subject: SatisfactionSubject;
  life_event: string;
  respondent: Respondent;
  went: Went;
  easy: YesPartlyNo;
  useful: YesPartlyNo;
  comment: string | null;
  created_at: Generated<Date>;
}
export interface ExperimentsTable {
  territory_id: string;
  title: string;
  summary: Generated<string>;
  starts_on: NullableDate;
  ends_on: NullableDate;
  updated_at: Generated<Date>;
}
export interface ExperimentMilestonesTable {
  id: Generated<string>;
  territory_id: string;
  due_on: DateColumn;
  title: string;
  done_on: NullableDate;
  created_at: Generated<Date>;
}
export interface ExperimentIrritantsTable {
  id: Generated<string>;
  territory_id: string;
  title: string;
  description: Generated<string>;
  origin: 'seed' | 'workshop' | 'pilot';
  created_at: Generated<Date>;
}
export interface ExperimentWorkshopsTable {
  id: Generated<string>;
  territory_id: string;
  held_on: DateColumn;
  title: string;
  participants: ColumnType<WorkshopParticipants, string, string>;
  notes: Generated<string>;
  created_at: Generated<Date>;
}
export interface ExperimentWorkshopIrritantsTable {
  workshop_id: string;
  irritant_id: string;
}
export interface ExperimentSolutionsTable {
  id: Generated<string>;
  territory_id: string;
  title: string;
  description: Generated<string>;
  stage: SolutionStage;
  indicators: ColumnType<string[], string[], string[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface ExperimentSolutionIrritantsTable {
  solution_id: string;
  irritant_id: string;
}
export interface ExperimentDerogationsTable {
  id: Generated<string>;
  territory_id: string;
  solution_id: string | null;
  title: string;
  legal_text: string;
  article: string;
  domain: DerogationDomain;
  condition_interest: string;
  condition_effect: string;
  condition_compatibility: string;
  condition_proportionality: string;
  status: DerogationStatus;
  decree_reference: string | null;
  decided_on: NullableDate;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface ExperimentFundingsTable {
  id: Generated<string>;
  territory_id: string;
  solution_id: string | null;
  call: string;
  amount_asked: Money;
  amount_granted: NullableMoney;
  amount_spent: NullableMoney;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface ExperimentHistoryTable {
  id: Generated<number>;
  territory_id: string;
  at: Generated<Date>;
  actor_id: string | null;
  actor_role: string;
  entity: string;
  entity_id: string | null;
  action: string;
  summary: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    usage_counters: UsageCountersTable;
    indicator_values: IndicatorValuesTable;
    indicator_refreshes: IndicatorRefreshesTable;
    satisfaction_answers: SatisfactionAnswersTable;
    experiments: ExperimentsTable;
    experiment_milestones: ExperimentMilestonesTable;
    experiment_irritants: ExperimentIrritantsTable;
    experiment_workshops: ExperimentWorkshopsTable;
    experiment_workshop_irritants: ExperimentWorkshopIrritantsTable;
    experiment_solutions: ExperimentSolutionsTable;
    experiment_solution_irritants: ExperimentSolutionIrritantsTable;
    experiment_derogations: ExperimentDerogationsTable;
    experiment_fundings: ExperimentFundingsTable;
    experiment_history: ExperimentHistoryTable;
  }
}
