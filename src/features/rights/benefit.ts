// How a benefit plugs into the estimation: one small module per benefit (benefits/<id>.ts), listed in
// benefits/registry.ts. The amounts come from the Publicodes model (rules/<famille>/<id>.publicodes); the
// module only says what the benefit is, which shared inputs it needs and how its explanation reads.
import type { BenefitId, BenefitResult, EstimationRequest, OrganisationId, Source } from './contract.ts';
import type { InputName } from './inputs.ts';

/** One line of the plain-French breakdown: a named rule of the model and how to say it. */
export interface ExplanationLine {
  /** Full rule name, e.g. "rsa . montant forfaitaire". */
  rule: string;
  /** French label, e.g. "Montant forfaitaire pour le foyer". */
  label: string;
  /** Leave the line out when the value is 0 (e.g. a majoration that does not apply). */
  hideWhenZero?: boolean;
  /** How the value reads: euros (default), a count, a percentage, or oui/non. */
  format?: 'euros' | 'nombre' | 'pourcentage' | 'oui-non';
}

/**
 * A parameter of the benefit that is computed or carried over, not read in its official publication, for the
 * months it applies to (rules/README.md, "Values computed or carried over"): the explanation says so.
 */
export interface ProvisionalValue {
  /** First month estimated with the computed value (YYYY-MM). */
  from: string;
  /** Last such month, when a later value was published (YYYY-MM); open-ended otherwise. */
  until?: string;
  /** Which value, computed how and why, in plain French: a clause read after « À savoir : », no full stop. */
  text: string;
  /** A ceiling or threshold that decides whether the benefit is due: said also to a household told "not due". */
  decidesEligibility?: boolean;
  /** Only for the requests it concerns (e.g. a student's threshold); every request otherwise. */
  when?: (request: EstimationRequest) => boolean;
}

/**
 * A value revalued each 1 January that is not published yet for 2027: the rules cover months up to March 2027 and
 * carry 2026's value over for January to March (rules/README.md, "Computed or carried-over values"). `what` is
 * plural and masculine ("les plafonds de ressources"), read after « À savoir : ».
 */
export function carriedOverFromJanuary2027(
  what: string,
  options: Pick<ProvisionalValue, 'decidesEligibility' | 'when'> = {},
): ProvisionalValue {
  return {
    from: '2027-01',
    text: `${what} du 1er janvier 2027 ne sont pas encore publiés : Sans Couture reprend ceux de 2026`,
    ...options,
  };
}

/** A household the family benefits' ceilings can concern: a child, or a pregnancy. */
export const withChildOrPregnancy = (request: EstimationRequest): boolean =>
  request.household.members.some((m) => m.role === 'child' || m.pregnant === true);

/** What a benefit module declares. */
export interface BenefitDefinition {
  id: BenefitId;
  label: string;
  organisation: OrganisationId;
  frequency: 'monthly' | 'yearly' | 'once';
  /** The Publicodes namespace exposing `<namespace> . éligible` (booléen) and `<namespace> . montant` (€). */
  namespace: string;
  /**
   * Shared inputs (rules/commun/) without which the answer would be a guess; a function when they depend on
   * the request (e.g. the N-2 resources only matter with two children or more).
   */
  inputs: readonly InputName[] | ((request: EstimationRequest) => readonly InputName[]);
  /** Lines of the breakdown, in reading order. */
  explanation: readonly ExplanationLine[];
  /** One sentence said before the breakdown (what the benefit is, what the estimate assumes). */
  summary: string;
  /** How the last line names the amount (default "Montant estimé"), e.g. a participation to pay. */
  amountLabel?: string;
  /** Said when the household is eligible and the amount is 0 (default: too small to be paid). */
  zeroAmountText?: string;
  /**
   * Why the answers given cannot decide, when an answer says "not known yet" (e.g. a GIR not evaluated):
   * what to do to know. Undefined falls back on a general sentence.
   */
  undecidedText?: (request: EstimationRequest) => string | undefined;
  /** Values computed or carried over while their text is not read: said in the explanation of those months. */
  provisional?: readonly ProvisionalValue[];
  /** The organisation's official simulator or procedure, always given to the resident. */
  officialUrl: Source;
  /** Sources beyond those found in the `références` of the model's rules. */
  sources?: readonly Source[];
  /**
   * For a benefit computed outside the shared model (e.g. micro-entrepreneur contributions with
   * modele-social in its own engine): returns the figures and their explanation; the sources are the
   * definition's (official simulator first). The shared inputs check still applies.
   */
  compute?: (request: EstimationRequest) => Pick<BenefitResult, 'eligible' | 'amount' | 'explanation'>;
}
