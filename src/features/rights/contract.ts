// The wire types of the public estimation API (../shared/contracts/public-api.md). Field names are fixed:
// add fields, never rename or drop one without /api/v2. Other features (navigator, batch) use these types.

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

export interface MemberInput {
  role: 'applicant' | 'partner' | 'child';
  birthDate?: string; // YYYY-MM-DD
  pregnant?: boolean;
  monthlyNetEarnings?: number;
  monthlyReplacementIncome?: number;
  disabilityRate?: number; // 0 to 1
  gir?: number | null; // 1 to 6
  student?: boolean;
  /**
   * Extension of the contract: the CDAPH recognised a "restriction substantielle et durable d'accès à
   * l'emploi" (needed for the AAH with an incapacity rate of 50 to 79 %). Asked only when it decides.
   */
  employmentRestriction?: boolean;
}

export interface HouseholdInput {
  couple?: boolean;
  members: MemberInput[];
  housing?: { status?: 'tenant' | 'owner' | 'hosted-free' | 'homeless'; monthlyRent?: number };
  monthlyHousingAid?: number;
  annualResources?: number;
  referenceTaxIncome?: number;
}

export interface BusinessInput {
  activity?: 'sale' | 'services' | 'liberal';
  annualTurnover?: number;
  creationDate?: string;
  acre?: boolean;
  /**
   * Extension of the contract: the applicant belongs to a group entitled to the ACRE other than the 18–25
   * year-olds (job seeker, RSA, ASS or PreParE recipient, disabled person under 30, Cape contract, employee
   * taking over a failing business, creation in a priority urban district or, since 2026, in a France
   * ruralités revitalisation zone). Asked only when it decides the answer.
   */
  acreGroup?: boolean;
}

export interface EstimationRequest {
  month: string; // YYYY-MM
  commune?: string;
  household: HouseholdInput;
  business?: BusinessInput;
}

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
