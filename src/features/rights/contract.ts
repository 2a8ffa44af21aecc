// The wire types of the public estimation API (../shared/contracts/public-api.md). Field names are fixed:
// add fields, never rename or drop one without /api/v2. Other features (navigator, batch) use these types.
import type { FieldsUnder, MemberFields, RootFields } from './household-inputs.ts';

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
export type MemberInput = { role: 'applicant' | 'partner' | 'child' } & MemberFields;

/** The household: who lives in it, the home, the resources. */
export type HouseholdInput = FieldsUnder<'household'> & {
  members: MemberInput[];
  housing?: FieldsUnder<'household.housing'>;
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
  | (string & {});

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

export interface EstimationResponse {
  month: string;
  benefits: BenefitResult[];
  missing: MissingField[];
}
