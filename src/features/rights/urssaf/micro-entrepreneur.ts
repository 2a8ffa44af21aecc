// Monthly social contributions of a micro-entrepreneur, computed by modele-social (the URSSAF's model):
// the flat-rate social contributions on turnover (rates by activity and date, reduced by the ACRE), the
// contribution to vocational training (CFP) and the chamber fees (TFC).
//
// Two ways to the same figure:
// - `microContributions` evaluates the whole URSSAF model (20 to 100 ms per new situation);
// - `fastMicroContributions` takes the model's rates for a (quarter, activity, ACRE and creation-date class)
//   from a table read from the model (micro-rates.json, or a probe on first use) and applies them to any
//   turnover the way the model does (rounding included). Tests prove both give the same amounts on the worked
//   examples and on generated businesses, and that the stored table still equals the model.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  evaluateUrssaf,
  isUrssafRuleTrue,
  toCents,
  urssafDate,
  urssafIsoDate,
  type UrssafSituation,
} from './engine.ts';

export type MicroActivity = 'sale' | 'services' | 'liberal';

/** What the contributions depend on. */
export interface MicroInput {
  /** The month estimated, YYYY-MM: the rates in force that month apply. */
  month: string;
  activity: MicroActivity;
  /** Expected annual turnover, excluding VAT, in euros. */
  annualTurnover: number;
  /** YYYY-MM-DD; needed for the ACRE (its rate and its period). */
  creationDate?: string;
  /** The ACRE was asked for (and granted). */
  acre: boolean;
}

/** The monthly contributions, in euros, and the rates behind them. */
export interface MicroContributions {
  /** Everything due per month: social contributions + CFP + TFC. */
  total: number;
  /** Flat-rate social contributions (health, pensions, family, CSG-CRDS). */
  social: number;
  /** Contribution à la formation professionnelle. */
  training: number;
  /** Taxes pour frais de chambre (CCI). */
  chamberFees: number;
  /** Social contribution rate applied, in percent of turnover (after the ACRE when it applies). */
  socialRate: number;
  /** Whether the model applied the ACRE reduction this month. */
  acreApplied: boolean;
}

const ns = 'dirigeant . auto-entrepreneur . cotisations et contributions';
const rateRule: Record<MicroActivity, string> = {
  sale: `${ns} . cotisations . vente restauration hébergement . taux`,
  services: `${ns} . cotisations . service BIC . taux`,
  liberal: `${ns} . cotisations . service BNC . taux`,
};

/** The modele-social situation of a micro-entrepreneur (commercial activity for sale and services). */
export function microSituation(input: MicroInput): UrssafSituation {
  const situation: UrssafSituation = {
    date: urssafDate(input.month),
    'entreprise . catégorie juridique': "'EI'",
    'entreprise . catégorie juridique . EI . auto-entrepreneur': 'oui',
    // A non-regulated liberal profession (the contract's `liberal`) is affiliated to the general scheme, not
    // the Cipav; services are taken as commercial (artisans pay a slightly higher CFP and chamber fee).
    'entreprise . activité . nature': input.activity === 'liberal' ? "'libérale'" : "'commerciale'",
    "dirigeant . auto-entrepreneur . chiffre d'affaires": `${input.annualTurnover} €/an`,
    'dirigeant . exonérations . ACRE': input.acre ? 'oui' : 'non',
  };
  if (input.activity !== 'liberal') {
    situation['entreprise . activités . service ou vente'] =
      input.activity === 'sale' ? "'vente'" : "'service'";
  }
  if (input.creationDate) situation['entreprise . date de création'] = urssafIsoDate(input.creationDate);
  return situation;
}

/** Evaluates the whole URSSAF model for one business (slow: use `fastMicroContributions` in loops). */
export function microContributions(input: MicroInput): MicroContributions {
  const situation = microSituation(input);
  const [total, social, training, chamberFees, rate] = evaluateUrssaf(situation, [
    ns,
    `${ns} . cotisations`,
    `${ns} . CFP`,
    `${ns} . TFC`,
    rateRule[input.activity],
  ]);
  const acreApplied = input.acre && isUrssafRuleTrue(situation, 'dirigeant . exonérations . ACRE');
  const modelTraining = training ?? 0;
  const ownTraining = trainingContribution(input.activity, modelTraining);
  return {
    total: toCents((total ?? 0) - modelTraining + ownTraining),
    social: toCents(social ?? 0),
    training: toCents(ownTraining),
    chamberFees: toCents(chamberFees ?? 0),
    socialRate: rate ?? 0,
    acreApplied,
  };
}

/**
 * The contribution to vocational training (CFP) of a micro-entrepreneur, from the model's. Code du travail,
 * article L6331-48 (version in force since 2022, before every month estimated): 0,1 % of the turnover for the
 * first category of article 50-0 of the CGI (sale of goods, food to take away or eat in, accommodation — our
 * `sale`), 0,3 % for those registered in the répertoire des métiers, and 0,2 % for every other independent worker
 * of its 1° — commercial services (our `services`) and liberal professions. modele-social 11.1 applies 0,1 % to
 * every BIC turnover, services included: for `services` the text is followed, twice the model's 0,1 % (doubling is
 * exact in floating point, so the fast path's table, read back from this function, stays equal to it).
 */
export function trainingContribution(activity: MicroActivity, modelTraining: number): number {
  return activity === 'services' ? modelTraining * 2 : modelTraining;
}

/** The rates of the model for one key, in percent of turnover, and whether the ACRE applied. */
export interface MicroRates {
  /** Social contributions; the model rounds the amount to the euro. */
  social: number;
  /** Chamber fee (TFC); the model rounds the amount to the euro. */
  chamber: number;
  /** Contribution to vocational training (CFP), not rounded. */
  training: number;
  acreApplied: boolean;
}

// A turnover large enough that the model's rounding to the euro does not blur the rates read back.
const PROBE_TURNOVER = 120_000_000;
// modele-social's "période . début d'année" stops at this year: later months count from its 1 January.
const LAST_MODEL_YEAR = 2026;
const DAY_MS = 86_400_000;

/** The first month of the quarter: the model's rates change on 1 January, 1 April, 1 July or 1 October. */
export function quarterOf(month: string): string {
  const m = Number(month.slice(5, 7));
  return `${month.slice(0, 4)}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}`;
}

/**
 * The part of the creation date that changes the rates. With the ACRE, only two facts matter: was the business
 * less than a year old on 1 January of the year (modele-social's "durée d'activité en début d'année < 1 an"),
 * and was it created from 1 July 2026 (décret n° 2026-69). Keying on them instead of the date keeps the table
 * small for a batch of businesses created on many days.
 */
export function creationClass(input: Pick<MicroInput, 'month' | 'acre' | 'creationDate'>): string {
  if (!input.acre) return 'no-acre';
  if (!input.creationDate) return 'no-date';
  const year = Math.min(Number(input.month.slice(0, 4)), LAST_MODEL_YEAR);
  const days = (Date.UTC(year, 0, 1) - Date.parse(`${input.creationDate}T00:00:00Z`)) / DAY_MS;
  const youngOnFirstJanuary = days < 365;
  const afterJuly2026 = input.creationDate >= '2026-07-01';
  return `${youngOnFirstJanuary ? 'young' : 'old'}|${afterJuly2026 ? 'reform' : 'before'}`;
}

/** The key under which the rates of a business are the same. */
export function rateKey(input: MicroInput): string {
  return `${quarterOf(input.month)}|${input.activity}|${creationClass(input)}`;
}

/** Asks the whole model for the rates of one business (20 to 100 ms). */
export function probeRates(input: MicroInput): MicroRates {
  const probe = microContributions({ ...input, annualTurnover: PROBE_TURNOVER });
  const monthly = PROBE_TURNOVER / 12;
  return {
    social: probe.socialRate,
    // Read back as the model writes them (e.g. 0.1 %), so that the float arithmetic below is the model's.
    chamber: Math.round((probe.chamberFees / monthly) * 100 * 1e6) / 1e6,
    training: Math.round((probe.training / monthly) * 100 * 1e6) / 1e6,
    acreApplied: probe.acreApplied,
  };
}

// The rates of every key from April 2024 to March 2027, read from the model once and stored beside this file
// (micro-rate-table.ts writes it; a test proves it still equals the model), so that no process pays the
// model for them. Other keys are probed on first use and cached.
const tableFile = fileURLToPath(new URL('./micro-rates.json', import.meta.url));
const rateTable: Record<string, MicroRates> = fs.existsSync(tableFile)
  ? (JSON.parse(fs.readFileSync(tableFile, 'utf8')) as Record<string, MicroRates>)
  : {};
const rateCache = new Map<string, MicroRates>();
const RATE_CACHE_LIMIT = 5000;

function ratesFor(input: MicroInput): MicroRates {
  const key = rateKey(input);
  const stored = rateTable[key];
  if (stored) return stored;
  let rates = rateCache.get(key);
  if (!rates) {
    rates = probeRates(input);
    if (rateCache.size >= RATE_CACHE_LIMIT) rateCache.clear();
    rateCache.set(key, rates);
  }
  return rates;
}

// Publicodes' `arrondi: oui` rounds half away from zero; amounts here are never negative.
function roundEuro(value: number): number {
  return Math.round(value + 1e-9);
}

/** The same figures as `microContributions`, from the model's rates stored or cached per key. */
export function fastMicroContributions(input: MicroInput): MicroContributions {
  const rates = ratesFor(input);
  // The model rounds the annual turnover to the euro before splitting it by month.
  // Same float operations as the model (yearly turnover × rate × 1/12), so that a half cent rounds the same way.
  const turnover = roundEuro(input.annualTurnover);
  const perMonth = (rate: number) => ((turnover * rate) / 100) * (1 / 12);
  const social = roundEuro(perMonth(rates.social));
  const chamberFees = roundEuro(perMonth(rates.chamber));
  const training = perMonth(rates.training);
  return {
    total: toCents(social + chamberFees + training),
    social: toCents(social),
    training: toCents(training),
    chamberFees: toCents(chamberFees),
    socialRate: rates.social,
    acreApplied: rates.acreApplied,
  };
}

/**
 * Whether a micro-entrepreneur's ACRE exemption is over in the month: it runs until the end of the third
 * calendar quarter after the quarter of creation (the same rule as `acre . période terminée` in
 * rules/entreprise/acre.publicodes; a test checks they agree).
 */
export function acreExemptionOver(month: string, creationDate: string): boolean {
  const quarterIndex = (isoMonth: string) =>
    Number(isoMonth.slice(0, 4)) * 4 + Math.floor((Number(isoMonth.slice(5, 7)) - 1) / 3);
  return quarterIndex(month) > quarterIndex(creationDate) + 3;
}
