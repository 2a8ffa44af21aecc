// The wire types of the public estimation API (../shared/contracts/public-api.md). Field names are fixed:
// add fields, never rename or drop one without /api/v2. Other features (navigator, batch) use these types.
import type { ChildFields, FieldsUnder, MemberFields, RootFields } from './household-inputs.ts';

export type OrganisationId =
  | 'caf'
  | 'msa'
  | 'cpam'
  | 'carsat'
  | 'france-travail'
  | 'dgfip'
  | 'urssaf'
  | 'prefecture'
  | 'ants'
  | 'departement'
  | 'mdph'
  | 'mairie'
  | 'ccas'
  | 'etat'
  | 'france-services';

// The request types are derived from the registry of household inputs (household-inputs.ts): each field is
// declared there once, with its schema; these types follow it.

/** A member of the household: the applicant (exactly one), the partner (at most one), or a child. */
export type MemberInput = { role: 'applicant' | 'partner' | 'child' } & MemberFields & ChildFields;

/** The household: who lives in it, the home, the resources. */
export type HouseholdInput = FieldsUnder<'household'> & {
  members: MemberInput[];
  housing?: FieldsUnder<'household.housing'>;
  /** A deceased relative (capital décès, pension de réversion): an extension of the contract. */
  deceased?: FieldsUnder<'household.deceased'>;
};

/** A micro-enterprise (created or to be created). */
export type BusinessInput = FieldsUnder<'business'>;

/** The body of POST /api/v1/estimations. */
export type EstimationRequest = RootFields & {
  month: string; // YYYY-MM
  household: HouseholdInput;
  business?: BusinessInput;
};

export interface Source {
  title: string;
  url: string;
}

export type BenefitId =
  | 'rsa'
  | 'prime-activite'
  | 'allocations-familiales'
  | 'paje-allocation-base'
  | 'paje-prime-naissance'
  | 'aah'
  | 'apa-domicile'
  | 'css'
  | 'cheque-energie'
  | 'acre'
  | 'micro-entrepreneur-cotisations'
  | 'aides-logement'
  | 'are'
  | 'aspa'
  | 'asf'
  | 'complement-familial'
  | 'ars'
  | 'aeeh'
  | 'capital-deces'
  | 'pension-reversion';

export interface BenefitResult {
  id: BenefitId;
  label: string;
  organisation: OrganisationId;
  /** true, false, or null when answers are missing. */
  eligible: boolean | null;
  /** What is actually paid for the month (after CRDS where it applies), 0 when not eligible, null when unknown. */
  amount: number | null;
  frequency: 'monthly' | 'yearly' | 'once';
  /** Plain-French breakdown: base, increases, deductions, resources counted. */
  explanation: string;
  sources: Source[];
  /** Field paths still needed for this benefit. */
  missing: string[];
}

export interface MissingField {
  field: string; // e.g. household.members[0].monthlyNetEarnings
  question: string; // plain-French question to ask
}

/**
 * Extension of the contract: an answer assumed rather than blocking an estimate — a rare fact the request left out
 * (a pregnancy, studies), or one the person said they do not know where the rules allow a default.
 */
export interface AssumedField {
  field: string; // e.g. household.members[0].pregnant
  value: boolean | number;
  statement: string; // plain French: what was assumed and what changes if it is not so
}

export interface EstimationResponse {
  month: string;
  benefits: BenefitResult[];
  missing: MissingField[];
  /** Extension of the contract: the answers assumed (also said in each benefit's explanation). */
  assumptions: AssumedField[];
}
