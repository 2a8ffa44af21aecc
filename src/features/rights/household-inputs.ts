// The one registry of household inputs. Each fact about a household — an income, a disability rate, a housing
// status — is declared here once: its JSON schema in the public API (and so its OpenAPI text), where it sits in
// an estimation request, the Publicodes input it fills (rules/commun/), the question the API asks when it is
// missing, and how the navigator asks for it (answer key, page, French title, help, form control). The request
// schema (schema.ts), its TypeScript type (contract.ts), the model's situation (situation.ts), the missing-field
// questions (inputs.ts) and the navigator's questions, forms, summary and cookie (navigator/questions.ts) are all
// derived from this list. Adding a household input: one entry here, plus the rules that read it.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** A member of the household that answers for themselves (children are a list of birth dates). */
export type Role = 'applicant' | 'partner';

/** How a form asks for an input; the navigator reads and checks the answer by kind. */
export type Control =
  | { kind: 'money'; /** Above this, the form says the amount seems too high. */ max: number }
  | { kind: 'birth-date' }
  | { kind: 'yes-no' }
  /** One of the options; `numeric` when the request holds the option's value as a number (a zone 1, 2 or 3). */
  | { kind: 'choice'; options: readonly (readonly [string, string])[]; numeric?: boolean }
  /** A percentage typed from 0 to 100; the request holds the rate from 0 to 1. */
  | { kind: 'percent' }
  /** GIR 1 to 6, or "not evaluated yet" (null). */
  | { kind: 'gir' }
  /** A whole number from min to max, of a unit said after it ("mois"). */
  | { kind: 'count'; min: number; max: number; unit: string };

/** How the navigator asks for an input. */
export interface FormSpec {
  /** The key of the answer in the navigator (its signed cookie and saved links hold it: never rename). */
  key: string;
  /** The question page that asks it (its URL segment); several inputs may share a page. */
  page: string;
  /** The question as the page asks it (the page title when the input has a page of its own). */
  title: string;
  /** The field's label on the page (and on the one-page form of helpers). */
  label: string;
  /** Help said under the question. */
  help: string;
  control: Control;
  /** On a page of several inputs: may be left empty. */
  optionalOnPage?: boolean;
  /** On the summary of a page of several inputs, how this answer reads ({} is the value), e.g. "loyer {} par mois". */
  summary?: string;
}

/** The title and help of the pages that ask several inputs together. */
export const groupPages: Record<string, { title: string; help: string }> = {
  partner: {
    title: 'Votre conjoint',
    help: 'Montants nets moyens par mois, sur les trois derniers mois. Indiquez 0 s’il n’a rien.',
  },
  housing: { title: 'Votre logement', help: 'Le loyer sert au calcul de l’aide au logement et du RSA.' },
  childDisability: {
    title: 'Le handicap de vos enfants',
    help: 'Pour chaque enfant, le taux d’incapacité écrit sur la décision de la MDPH (0 s’il n’a pas de handicap). Si la demande est en cours, indiquez le taux attendu ou passez la question.',
  },
};

/** Where an input sits in an estimation request. */
export type RequestSlot =
  | { member: Role; field: string }
  /** A dotted path from the request's root, e.g. household.housing.monthlyRent. */
  | { path: string }
  /**
   * A field of every child's entry (`role: 'child'`). The two slots above name one place in a request; an answer
   * about the children has one place per child, so it needs a slot of its own (the registry had none, and the
   * navigator declared these inputs by hand). `perChild: false`: the navigator asks one value, given to every
   * child (the child support, « par enfant »); `perChild: true`: one value per child, in the order of the
   * children's list (a disability rate). The request's schema, the missing-field questions and the resident's file
   * read them from here; the navigator draws their page itself (one row per child).
   */
  | { child: string; perChild: boolean };

/** A value the Publicodes model reads: numbers in the rule's unit, dates as dd/mm/yyyy, texts without quotes. */
export type RuleValue = number | boolean | string | { date: string };

/** One household input, as declared in the registry. */
export interface InputDefinition {
  /** Where it sits in a request. */
  slot: RequestSlot;
  /** The API field's schema; its description is the OpenAPI text. Members of both roles share one schema. */
  schema: TSchema;
  /** The Publicodes input it fills, if any (rules/commun/situation.publicodes). */
  rule?: string;
  /** From the request value to the model's value; undefined leaves the input unanswered. */
  toRule?: (value: never, on: string) => RuleValue | undefined;
  /** The question the API gives when the input is missing (`missing[].question`). */
  question: string;
  /** Whether the input can matter for this request at all (e.g. a rent only for a tenant). */
  relevant?: (request: RequestLike) => boolean;
  /** How the navigator asks for it; undefined when the navigator takes it from elsewhere (the event date). */
  form?: FormSpec;
  /**
   * The answer assumed rather than blocking an estimate: `omitted` for a rare fact that only raises or lowers an
   * amount (a pregnancy, studies) — assumed whenever the request leaves it out, in the API too; `unknown` for a
   * fact the person said they do not know (« je ne sais pas ») where the rules still allow an estimate. The
   * statement is said in the explanation and in the answer's `assumptions`.
   */
  assumption?: Assumption;
}

/** An answer assumed when a fact is not given, and how it is said. */
export interface Assumption {
  when: 'omitted' | 'unknown';
  value: boolean | number;
  /** One plain-French sentence: what was assumed and what changes if it is not so. */
  statement: string;
}

/** The shape every request has, whatever its version: enough for the slots and relevance checks. */
export interface RequestLike {
  month: string;
  commune?: string;
  household: {
    couple?: boolean;
    members: { role: string; [field: string]: unknown }[];
    housing?: { status?: string; monthlyRent?: number };
    [field: string]: unknown;
  };
  business?: { [field: string]: unknown };
}

const money = (description: string, maximum = 1_000_000) => Type.Number({ minimum: 0, maximum, description });
const isoDate = (description: string) =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description, examples: ['1990-04-12'] });

/** Completed years between a birth date and a reference day (both YYYY-MM-DD), or undefined. */
export function ageInYears(birthDate: string | undefined, on: string): number | undefined {
  const months = ageInMonths(birthDate, on);
  return months === undefined ? undefined : Math.floor(months / 12);
}

/** Completed months between a birth date and a reference day (both YYYY-MM-DD), or undefined. */
export function ageInMonths(birthDate: string | undefined, on: string): number | undefined {
  if (!birthDate) return undefined;
  const by = Number(birthDate.slice(0, 4));
  const bm = Number(birthDate.slice(5, 7));
  const bd = Number(birthDate.slice(8, 10));
  const y = Number(on.slice(0, 4));
  const m = Number(on.slice(5, 7));
  const d = Number(on.slice(8, 10));
  let months = (y - by) * 12 + (m - bm);
  if (d < bd) months -= 1;
  // A child born later in the month estimated (or after it) counts as 0 months old: benefits start with the birth.
  return Math.max(0, months);
}

/** dd/mm/yyyy, the date format of Publicodes. */
export function publicodesDate(isoDate: string): { date: string } {
  return { date: `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}` };
}

/**
 * The housing aid zone (1, 2 or 3) of a commune, when this territory knows it: every commune of the Lot is in
 * zone 3 (no agglomeration of more than 100,000 inhabitants; arrêté du 17 mars 1978 modifié). Elsewhere the
 * request says it (`housing.zone`), or the question is asked.
 */
export function housingAidZone(commune: string | undefined): 1 | 2 | 3 | undefined {
  return commune?.startsWith('46') ? 3 : undefined;
}

const housingStatusRule: Record<string, string> = {
  tenant: 'locataire',
  owner: 'propriétaire',
  'hosted-free': 'hébergé gratuitement',
  homeless: 'sans domicile',
};
const activityRule: Record<string, string> = { sale: 'vente', services: 'services', liberal: 'libéral' };

/** The options of the housing status, as the navigator offers them. */
export const housingOptions = [
  ['tenant', 'Locataire (ou sous-locataire déclaré au propriétaire)'],
  ['owner', 'Propriétaire (ou accédant)'],
  ['hosted-free', 'Hébergé gratuitement'],
  ['homeless', 'Sans logement'],
] as const;
export type HousingStatus = (typeof housingOptions)[number][0];

/** The options of a micro-enterprise's activity. */
export const activityOptions = [
  ['sale', 'Vente de marchandises, restauration ou hébergement'],
  ['services', 'Prestations de services commerciales ou artisanales'],
  ['liberal', 'Profession libérale (non réglementée)'],
] as const;
export type Activity = (typeof activityOptions)[number][0];

const birthDateSchema = isoDate('Date de naissance (AAAA-MM-JJ)');
const earningsSchema = money('Revenus nets d’activité mensuels moyens des trois derniers mois, en euros');
const replacementSchema = money('Allocations chômage, pensions, indemnités journalières, par mois, en euros');
const disabilitySchema = Type.Number({
  minimum: 0,
  maximum: 1,
  description: 'Taux d’incapacité reconnu par la MDPH, de 0 à 1',
});
const girSchema = Type.Union([Type.Integer({ minimum: 1, maximum: 6 }), Type.Null()], {
  description: 'GIR de 1 à 6, ou null',
});

const unfitForWorkSchema = Type.Boolean({
  description:
    'La caisse de retraite a reconnu la personne inapte au travail (ASPA dès l’âge légal de départ à la retraite ; extension du contrat)',
});

/** The deceased's situations in the request, and the model's words for them. */
const deceasedSituations = [
  ['employee', 'salarié'],
  ['jobseeker', 'chômage'],
  ['invalidity', 'invalidité'],
  ['retired', 'retraité'],
  ['self-employed', 'indépendant'],
  ['civil-servant', 'fonctionnaire'],
  ['farmer', 'agricole'],
  ['other', 'autre'],
] as const;
const deceasedSituationRule: Record<string, string> = Object.fromEntries(deceasedSituations);

const toAge = (value: string, on: string) => ageInYears(value, on);
// The API speaks in rates from 0 to 1; the model in percent, as the MDPH decisions do.
const toPercent = (value: number) => Math.round(value * 10000) / 100;
const toGir = (value: number | null) => (value === null ? undefined : value);
const asIs = <T extends RuleValue>(value: T) => value;

/**
 * Every household input, in the order of the public API's fields (the OpenAPI document lists them in this order;
 * the navigator's summary too). Applicant and partner share their field's schema.
 */
export const householdInputs = [
  {
    slot: { path: 'commune' },
    schema: Type.String({
      pattern: '^(\\d{5}|2[AB]\\d{3})$',
      description: 'Code INSEE de la commune de résidence',
    }),
    rule: 'commune . code INSEE',
    toRule: asIs,
    question: 'Dans quelle commune habitez-vous ?',
  },
  {
    // The model's `foyer . couple` is worked out in situation.ts: a partner listed is a couple.
    slot: { path: 'household.couple' },
    schema: Type.Boolean({ description: 'Vit en couple (mariage, Pacs ou concubinage)' }),
    rule: 'foyer . couple',
    question: 'Vivez-vous en couple (mariage, Pacs ou concubinage) ?',
    form: {
      key: 'couple',
      page: 'couple',
      title: 'Vivez-vous en couple ?',
      label: 'Vivez-vous en couple ?',
      help: 'Mariage, Pacs ou union libre : les ressources du couple comptent ensemble.',
      control: { kind: 'yes-no' },
    },
  },
  // ── Members: the applicant, then the partner ──
  {
    slot: { member: 'applicant', field: 'birthDate' },
    schema: birthDateSchema,
    rule: 'demandeur . âge',
    toRule: toAge,
    question: 'Quelle est la date de naissance du demandeur ?',
    form: {
      key: 'birthDate',
      page: 'birthDate',
      title: 'Quelle est votre date de naissance ?',
      label: 'Votre date de naissance',
      help: 'Certaines aides dépendent de l’âge (RSA avant 25 ans, Apa à partir de 60 ans).',
      control: { kind: 'birth-date' },
    },
  },
  {
    slot: { member: 'partner', field: 'birthDate' },
    schema: birthDateSchema,
    rule: 'conjoint . âge',
    toRule: toAge,
    question: 'Quelle est la date de naissance du conjoint ?',
    form: {
      key: 'partnerBirthDate',
      page: 'partner',
      title: 'Quelle est la date de naissance de votre conjoint ?',
      label: 'Date de naissance du conjoint (facultatif)',
      help: 'Certaines aides dépendent de l’âge du conjoint.',
      control: { kind: 'birth-date' },
      optionalOnPage: true,
      summary: 'né(e) le {}',
    },
  },
  {
    slot: { member: 'applicant', field: 'pregnant' },
    schema: Type.Boolean(),
    rule: 'demandeur . enceinte',
    toRule: asIs,
    question: 'Êtes-vous enceinte ?',
    assumption: {
      when: 'omitted',
      value: false,
      statement:
        'Nous avons compté qu’il n’y a pas de grossesse en cours : une grossesse ouvre la prime à la naissance et peut augmenter le RSA d’une personne seule.',
    },
    form: {
      key: 'pregnant',
      page: 'pregnant',
      title: 'Êtes-vous enceinte ?',
      label: 'Êtes-vous enceinte ?',
      help: 'Une grossesse compte dans le calcul de certaines aides. Si vous êtes un homme, répondez non.',
      control: { kind: 'yes-no' },
    },
  },
  {
    slot: { member: 'partner', field: 'pregnant' },
    schema: Type.Boolean(),
    rule: 'conjoint . enceinte',
    toRule: asIs,
    question: 'Votre conjointe est-elle enceinte ?',
    assumption: {
      when: 'omitted',
      value: false,
      statement:
        'Nous avons compté que votre conjointe n’est pas enceinte : une grossesse ouvre la prime à la naissance.',
    },
    form: {
      key: 'partnerPregnant',
      page: 'partnerPregnant',
      title: 'Votre conjointe est-elle enceinte ?',
      label: 'Votre conjointe est-elle enceinte ?',
      help: 'Une grossesse compte dans le calcul de certaines aides. Si votre conjoint est un homme, répondez non.',
      control: { kind: 'yes-no' },
    },
  },
  {
    slot: { member: 'applicant', field: 'monthlyNetEarnings' },
    schema: earningsSchema,
    rule: "demandeur . revenus d'activité",
    toRule: asIs,
    question: 'Combien gagnez-vous par mois en moyenne, net, par votre travail sur les trois derniers mois ?',
    form: {
      key: 'earnings',
      page: 'earnings',
      title: 'Combien gagnez-vous par mois en travaillant ?',
      label: 'Montant',
      help: 'Salaire net ou revenu d’indépendant, en moyenne sur les trois derniers mois. Indiquez 0 si vous ne travaillez pas.',
      control: { kind: 'money', max: 100_000 },
    },
  },
  {
    slot: { member: 'partner', field: 'monthlyNetEarnings' },
    schema: earningsSchema,
    rule: "conjoint . revenus d'activité",
    toRule: asIs,
    question:
      'Combien votre conjoint gagne-t-il par mois en moyenne, net, par votre travail sur les trois derniers mois ?',
    form: {
      key: 'partnerEarnings',
      page: 'partner',
      title: 'Combien votre conjoint gagne-t-il par mois en travaillant ?',
      label: 'Salaire ou revenu d’activité net du conjoint, par mois',
      help: 'Salaire net ou revenu d’indépendant, en moyenne sur les trois derniers mois. Indiquez 0 s’il ne travaille pas.',
      control: { kind: 'money', max: 100_000 },
      summary: 'salaire {}',
    },
  },
  {
    slot: { member: 'applicant', field: 'monthlyReplacementIncome' },
    schema: replacementSchema,
    rule: 'demandeur . revenus de remplacement',
    toRule: asIs,
    question: 'Combien touchez-vous par mois en allocations chômage, pensions ou indemnités journalières ?',
    form: {
      key: 'replacementIncome',
      page: 'replacementIncome',
      title: 'Combien touchez-vous par mois en allocations ou pensions ?',
      label: 'Montant',
      help: 'Allocation chômage, retraite, pension d’invalidité, indemnités journalières. Indiquez 0 si vous n’avez rien.',
      control: { kind: 'money', max: 100_000 },
    },
  },
  {
    slot: { member: 'partner', field: 'monthlyReplacementIncome' },
    schema: replacementSchema,
    rule: 'conjoint . revenus de remplacement',
    toRule: asIs,
    question:
      'Combien votre conjoint touche-t-il par mois en allocations chômage, pensions ou indemnités journalières ?',
    form: {
      key: 'partnerReplacementIncome',
      page: 'partner',
      title: 'Combien votre conjoint touche-t-il par mois en allocations ou pensions ?',
      label: 'Allocations ou pensions du conjoint, par mois',
      help: 'Allocation chômage, retraite, pension d’invalidité, indemnités journalières. Indiquez 0 s’il n’a rien.',
      control: { kind: 'money', max: 100_000 },
      summary: 'allocations {}',
    },
  },
  {
    slot: { member: 'applicant', field: 'disabilityRate' },
    schema: disabilitySchema,
    rule: "demandeur . taux d'incapacité",
    toRule: toPercent,
    question: 'Quel taux d’incapacité la MDPH a-t-elle reconnu pour vous (0 s’il n’y en a pas) ?',
    form: {
      key: 'disabilityPercent',
      page: 'disability',
      title: 'Avez-vous un taux d’incapacité reconnu par la MDPH ?',
      label: 'Taux d’incapacité, en pourcentage',
      help: 'Indiquez le taux en pourcentage (par exemple 80). Indiquez 0 si vous n’en avez pas.',
      control: { kind: 'percent' },
    },
  },
  {
    slot: { member: 'partner', field: 'disabilityRate' },
    schema: disabilitySchema,
    rule: "conjoint . taux d'incapacité",
    toRule: toPercent,
    question: 'Quel taux d’incapacité la MDPH a-t-elle reconnu pour votre conjoint (0 s’il n’y en a pas) ?',
    form: {
      key: 'partnerDisabilityPercent',
      page: 'partnerDisability',
      title: 'Votre conjoint a-t-il un taux d’incapacité reconnu par la MDPH ?',
      label: 'Taux d’incapacité du conjoint, en pourcentage',
      help: 'Indiquez le taux en pourcentage (par exemple 80). Indiquez 0 s’il n’en a pas.',
      control: { kind: 'percent' },
    },
  },
  {
    slot: { member: 'applicant', field: 'gir' },
    schema: girSchema,
    rule: 'demandeur . GIR',
    toRule: toGir,
    question: 'Quel est le GIR (groupe iso-ressources) du demandeur, s’il a été évalué ?',
    form: {
      key: 'gir',
      page: 'gir',
      title: 'Quel est votre GIR ?',
      label: 'Votre GIR',
      help: 'Le GIR mesure le besoin d’aide, de 1 (le plus dépendant) à 6 (autonome). Il figure sur l’évaluation du département ou du médecin.',
      control: { kind: 'gir' },
    },
  },
  {
    slot: { member: 'partner', field: 'gir' },
    schema: girSchema,
    rule: 'conjoint . GIR',
    toRule: toGir,
    question: 'Quel est le GIR (groupe iso-ressources) du conjoint, s’il a été évalué ?',
    form: {
      key: 'partnerGir',
      page: 'partnerGir',
      title: 'Quel est le GIR de votre conjoint ?',
      label: 'GIR du conjoint',
      help: 'Le GIR mesure le besoin d’aide, de 1 (le plus dépendant) à 6 (autonome). Il figure sur l’évaluation du département ou du médecin.',
      control: { kind: 'gir' },
    },
  },
  {
    slot: { member: 'applicant', field: 'student' },
    schema: Type.Boolean(),
    rule: 'demandeur . étudiant',
    toRule: asIs,
    question: 'Êtes-vous étudiant ou étudiante ?',
    assumption: {
      when: 'omitted',
      value: false,
      statement:
        'Nous avons compté que vous n’êtes pas étudiant : un étudiant n’a en général droit ni au RSA ni à la prime d’activité.',
    },
    form: {
      key: 'student',
      page: 'student',
      title: 'Êtes-vous étudiant ou étudiante ?',
      label: 'Êtes-vous étudiant ou étudiante ?',
      help: 'Les étudiants n’ont en général pas droit au RSA ni à la prime d’activité, sauf exceptions.',
      control: { kind: 'yes-no' },
    },
  },
  {
    slot: { member: 'partner', field: 'student' },
    schema: Type.Boolean(),
    rule: 'conjoint . étudiant',
    toRule: asIs,
    question: 'Votre conjoint est-il étudiant ?',
    assumption: {
      when: 'omitted',
      value: false,
      statement:
        'Nous avons compté que votre conjoint n’est pas étudiant : les revenus d’un étudiant comptent autrement pour la prime d’activité.',
    },
    form: {
      key: 'partnerStudent',
      page: 'partnerStudent',
      title: 'Votre conjoint est-il étudiant ?',
      label: 'Votre conjoint est-il étudiant ?',
      help: 'Les revenus d’un étudiant comptent autrement pour la prime d’activité.',
      control: { kind: 'yes-no' },
    },
  },
  {
    slot: { member: 'applicant', field: 'employmentRestriction' },
    schema: Type.Boolean({
      description:
        'La CDAPH a reconnu une restriction substantielle et durable d’accès à l’emploi (AAH avec un taux de 50 à 79 % ; extension du contrat)',
    }),
    rule: 'aah . restriction substantielle et durable',
    toRule: asIs,
    question:
      'La MDPH (sa commission, la CDAPH) a-t-elle reconnu une « restriction substantielle et durable d’accès à l’emploi » ?',
    form: {
      key: 'employmentRestriction',
      page: 'employmentRestriction',
      title: 'La MDPH a-t-elle reconnu une restriction d’accès à l’emploi ?',
      label: 'La MDPH a-t-elle reconnu une restriction d’accès à l’emploi ?',
      help: 'Avec un taux de 50 à 79 %, l’AAH demande que la commission de la MDPH (la CDAPH) ait reconnu une « restriction substantielle et durable d’accès à l’emploi ». C’est écrit sur sa décision.',
      control: { kind: 'yes-no' },
    },
  },
  {
    slot: { member: 'applicant', field: 'previousGrossMonthlySalary' },
    schema: money(
      'Salaire brut mensuel moyen des emplois des 24 derniers mois, en euros, pour l’allocation chômage (ARE ; extension du contrat, à donner avec monthsWorked)',
    ),
    rule: 'demandeur . salaire brut antérieur',
    toRule: asIs,
    question:
      'Quel était votre salaire brut mensuel moyen, primes comprises, dans l’emploi (ou les emplois) des 24 derniers mois ?',
    form: {
      key: 'previousSalary',
      page: 'previousSalary',
      title: 'Quel était votre salaire brut mensuel, avant de perdre votre emploi ?',
      label: 'Salaire brut mensuel moyen',
      help: 'En moyenne sur vos emplois des 24 derniers mois, primes comprises. Il est écrit en haut de vos fiches de paie (« salaire brut »). Il sert à estimer l’allocation chômage.',
      control: { kind: 'money', max: 100_000 },
    },
  },
  {
    slot: { member: 'applicant', field: 'monthsWorked' },
    schema: Type.Integer({
      minimum: 0,
      maximum: 36,
      description:
        'Mois de travail salarié dans les 24 derniers mois (36 à partir de 57 ans), pour l’allocation chômage (ARE ; extension du contrat, à donner avec previousGrossMonthlySalary)',
    }),
    rule: 'demandeur . mois travaillés',
    toRule: asIs,
    question: 'Combien de mois avez-vous travaillé comme salarié pendant les 24 derniers mois ?',
    form: {
      key: 'monthsWorked',
      page: 'monthsWorked',
      title: 'Combien de mois avez-vous travaillé comme salarié ces 24 derniers mois ?',
      label: 'Nombre de mois',
      help: 'Comptez les mois de travail salarié des 24 derniers mois (36 derniers mois à partir de 57 ans), même à temps partiel. Il faut au moins 6 mois pour l’allocation chômage.',
      control: { kind: 'count', min: 0, max: 36, unit: 'mois' },
    },
  },
  // Early ASPA and the réversion's increase: asked only when they decide (aspa.ts, pension-reversion.ts).
  {
    slot: { member: 'applicant', field: 'unfitForWork' },
    schema: unfitForWorkSchema,
    rule: 'demandeur . inapte au travail',
    toRule: asIs,
    question: 'Votre caisse de retraite vous a-t-elle reconnu inapte au travail ?',
    form: {
      key: 'unfitForWork',
      page: 'unfitForWork',
      title: 'Votre caisse de retraite vous a-t-elle reconnu inapte au travail ?',
      label: 'Votre caisse de retraite vous a-t-elle reconnu inapte au travail ?',
      help: 'Avant 65 ans, le minimum vieillesse (Aspa) est ouvert dès l’âge légal de départ à la retraite à une personne que sa caisse de retraite a reconnue inapte au travail. Répondez non si vous n’avez pas fait cette demande.',
      control: { kind: 'yes-no' },
    },
  },
  {
    slot: { member: 'partner', field: 'unfitForWork' },
    schema: unfitForWorkSchema,
    rule: 'conjoint . inapte au travail',
    toRule: asIs,
    question: 'La caisse de retraite de votre conjoint l’a-t-elle reconnu inapte au travail ?',
    form: {
      key: 'partnerUnfitForWork',
      page: 'partnerUnfitForWork',
      title: 'La caisse de retraite de votre conjoint l’a-t-elle reconnu inapte au travail ?',
      label: 'La caisse de retraite de votre conjoint l’a-t-elle reconnu inapte au travail ?',
      help: 'Avant 65 ans, le minimum vieillesse (Aspa) est ouvert dès l’âge légal de départ à la retraite à une personne que sa caisse de retraite a reconnue inapte au travail. Répondez non s’il n’a pas fait cette demande.',
      control: { kind: 'yes-no' },
    },
  },
  {
    slot: { member: 'applicant', field: 'childrenRaised' },
    schema: Type.Integer({
      minimum: 0,
      maximum: 30,
      description:
        'Nombre d’enfants que la personne a eus ou élevés, adultes compris (majoration de la pension de réversion ; extension du contrat)',
    }),
    rule: 'demandeur . enfants élevés',
    toRule: asIs,
    question: 'Combien d’enfants avez-vous eus ou élevés, y compris ceux devenus adultes ?',
    form: {
      key: 'childrenRaised',
      page: 'childrenRaised',
      title: 'Combien d’enfants avez-vous eus ou élevés ?',
      label: 'Nombre d’enfants',
      help: 'Comptez tous vos enfants, y compris ceux devenus adultes, et ceux que vous avez élevés au moins neuf ans avant leurs 16 ans. À partir de trois, la pension de réversion est augmentée de 10 %. Indiquez 0 si vous n’en avez pas.',
      control: { kind: 'count', min: 0, max: 30, unit: 'enfants' },
    },
  },
  // ── The children, child by child (AEEH, ASF): asked only when they decide (inputs.ts) ──
  {
    slot: { child: 'disabilityRate', perChild: true },
    schema: disabilitySchema,
    rule: 'foyer . enfants . handicap',
    question: 'Quel taux d’incapacité la MDPH a-t-elle reconnu pour cet enfant (0 s’il n’y en a pas) ?',
    form: {
      key: 'childRates',
      page: 'childDisability',
      title: 'Quel taux d’incapacité la MDPH a-t-elle reconnu pour chacun de vos enfants ?',
      label: 'Taux d’incapacité de chaque enfant, reconnu par la MDPH',
      help: 'Le taux écrit sur la décision de la MDPH, en pourcentage (0 si l’enfant n’a pas de handicap).',
      control: { kind: 'percent' },
    },
  },
  {
    // Asked with the rate, for a child of 50 to 79 % only (CSS art. R541-1): the rate's rule counts both.
    slot: { child: 'disabilityCare', perChild: true },
    schema: Type.Boolean({
      description:
        'Enfant avec un taux d’incapacité de 50 à 79 % : il fréquente un établissement ou un service adapté, ou la CDAPH a préconisé des soins ou un accompagnement (AEEH ; extension du contrat)',
    }),
    question:
      'Cet enfant fréquente-t-il un établissement ou un service adapté, ou la CDAPH a-t-elle préconisé des soins ou un accompagnement ?',
    form: {
      key: 'childCare',
      page: 'childDisability',
      title:
        'Vos enfants de 50 à 79 % vont-ils dans un établissement ou un service adapté, ou la MDPH a-t-elle préconisé des soins ?',
      label: 'Établissement ou service adapté, soins ou accompagnement préconisés (enfant de 50 à 79 %)',
      help: 'Seulement pour un taux de 50 à 79 % : c’est écrit sur la décision de la MDPH.',
      control: { kind: 'yes-no' },
      optionalOnPage: true,
    },
  },
  {
    slot: { child: 'monthlyChildSupport', perChild: false },
    schema: money(
      'Enfant : pension alimentaire réellement versée par l’autre parent chaque mois, 0 s’il ne verse rien (ASF ; extension du contrat)',
      100_000,
    ),
    rule: 'foyer . enfants . pension alimentaire',
    question:
      'Combien l’autre parent verse-t-il réellement par mois pour cet enfant (pension alimentaire ; 0 s’il ne verse rien) ?',
    form: {
      key: 'childSupport',
      page: 'childSupport',
      title: 'Combien l’autre parent verse-t-il pour chaque enfant, par mois ?',
      label: 'Montant par enfant',
      help: 'La pension alimentaire réellement reçue, par enfant. Indiquez 0 si l’autre parent ne verse rien, s’il est décédé ou s’il n’a pas reconnu l’enfant : l’allocation de soutien familial peut alors vous être versée. Si le montant n’est pas le même pour tous vos enfants, indiquez la moyenne par enfant.',
      control: { kind: 'money', max: 10_000 },
    },
  },
  // ── The home ──
  {
    slot: { path: 'household.housing.status' },
    schema: Type.Union(
      [Type.Literal('tenant'), Type.Literal('owner'), Type.Literal('hosted-free'), Type.Literal('homeless')],
      {
        description:
          'tenant (un sous-locataire déclaré au propriétaire compris), owner, hosted-free (hébergé gratuitement), homeless',
      },
    ),
    rule: 'foyer . logement . statut',
    toRule: (value: string) => housingStatusRule[value],
    question: 'Êtes-vous locataire, propriétaire, hébergé gratuitement ou sans domicile ?',
    form: {
      key: 'housingStatus',
      page: 'housing',
      title: 'Êtes-vous locataire, propriétaire, hébergé gratuitement ou sans logement ?',
      label: 'Vous êtes :',
      help: 'Le loyer sert au calcul de l’aide au logement et du RSA.',
      control: { kind: 'choice', options: housingOptions },
      summary: '{}',
    },
  },
  {
    slot: { path: 'household.housing.monthlyRent' },
    schema: money('Loyer mensuel, en euros', 100_000),
    rule: 'foyer . logement . loyer',
    toRule: asIs,
    question: 'Quel est votre loyer mensuel, charges comprises ?',
    relevant: (request) => request.household.housing?.status === 'tenant',
    form: {
      key: 'monthlyRent',
      page: 'housing',
      title: 'Quel est votre loyer mensuel, charges comprises ?',
      label: 'Loyer mensuel, charges comprises (si vous êtes locataire)',
      help: 'Le loyer sert au calcul de l’aide au logement et du RSA.',
      control: { kind: 'money', max: 10_000 },
      summary: 'loyer {} par mois',
    },
  },
  {
    slot: { path: 'household.housing.monthlyCharges' },
    schema: money(
      'Part du loyer mensuel qui paie des charges locatives, en euros (aides au logement ; extension du contrat)',
      100_000,
    ),
    rule: 'foyer . logement . charges',
    toRule: asIs,
    question:
      'Dans ce loyer, combien payez-vous de charges (eau, entretien, ordures ménagères…) par mois ? 0 si le loyer est hors charges.',
    relevant: (request) => request.household.housing?.status === 'tenant',
    form: {
      key: 'monthlyCharges',
      page: 'housingCharges',
      title: 'Dans votre loyer, combien payez-vous de charges par mois ?',
      label: 'Charges comprises dans le loyer, par mois',
      help: 'Eau, entretien des parties communes, ordures ménagères… Les aides au logement comptent le loyer sans les charges. Indiquez 0 si votre loyer est hors charges.',
      control: { kind: 'money', max: 10_000 },
    },
  },
  {
    // Derived from the commune when this territory knows its zone (situation.ts); asked otherwise.
    slot: { path: 'household.housing.zone' },
    schema: Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)], {
      description:
        'Zone des aides au logement (1, 2 ou 3) ; déduite de la commune quand elle est connue (extension du contrat)',
    }),
    rule: 'foyer . logement . zone',
    toRule: asIs,
    question:
      'Votre commune est-elle dans l’agglomération parisienne (zone 1), dans une agglomération de plus de 100 000 habitants ou en Corse (zone 2), ou ailleurs (zone 3) ?',
    relevant: (request) =>
      request.household.housing?.status === 'tenant' && housingAidZone(request.commune) === undefined,
    form: {
      key: 'housingZone',
      page: 'housingZone',
      title: 'Dans quelle zone est votre logement, pour les aides au logement ?',
      label: 'Zone de votre commune',
      help: 'Les loyers retenus par les aides au logement dépendent de la zone. Dans le Lot, toutes les communes sont en zone 3 : la question n’est posée que hors des territoires que nous connaissons.',
      control: {
        kind: 'choice',
        numeric: true,
        options: [
          ['1', 'Zone 1 : Paris et son agglomération, villes nouvelles d’Île-de-France'],
          ['2', 'Zone 2 : autre agglomération de plus de 100 000 habitants, ou Corse'],
          ['3', 'Zone 3 : ailleurs'],
        ],
      },
    },
  },
  {
    slot: { path: 'household.monthlyHousingAid' },
    schema: money('Aide au logement perçue par mois, en euros', 100_000),
    rule: 'foyer . aides au logement',
    toRule: asIs,
    question: 'Combien recevez-vous d’aide au logement par mois (0 si aucune) ?',
    assumption: {
      when: 'unknown',
      value: 0,
      statement:
        'Aide au logement inconnue : nous avons compté 0 €. Si vous en touchez une, le RSA, la prime d’activité et la complémentaire santé solidaire sont un peu plus bas (un forfait logement est déduit).',
    },
    form: {
      key: 'housingAid',
      page: 'housingAid',
      title: 'Quelle aide au logement touchez-vous par mois ?',
      label: 'Montant',
      help: 'APL, ALF ou ALS versée par la Caf ou la MSA. Indiquez 0 si vous n’en avez pas.',
      control: { kind: 'money', max: 10_000 },
    },
  },
  {
    slot: { path: 'household.annualResources' },
    schema: money('Ressources imposables du foyer de l’année N-2, en euros', 100_000_000),
    rule: 'foyer . ressources N-2',
    toRule: asIs,
    question: 'Quelles étaient les ressources imposables de votre foyer il y a deux ans ?',
    form: {
      key: 'annualResources',
      page: 'annualResources',
      title: 'Quelles étaient les ressources imposables de votre foyer il y a deux ans ?',
      label: 'Montant',
      help: 'Le « revenu brut global » de votre avis d’impôt de l’avant-dernière année. Il sert aux prestations familiales.',
      control: { kind: 'money', max: 10_000_000 },
    },
  },
  {
    slot: { path: 'household.referenceTaxIncome' },
    schema: money('Revenu fiscal de référence du foyer, en euros', 100_000_000),
    rule: 'foyer . revenu fiscal de référence',
    toRule: asIs,
    question: 'Quel est le revenu fiscal de référence de votre dernier avis d’impôt ?',
    form: {
      key: 'referenceTaxIncome',
      page: 'referenceTaxIncome',
      title: 'Quel est le revenu fiscal de référence de votre foyer ?',
      label: 'Montant',
      help: 'Il est écrit en haut de votre dernier avis d’impôt. Il sert au chèque énergie et à la complémentaire santé solidaire.',
      control: { kind: 'money', max: 10_000_000 },
    },
  },
  // ── A deceased relative (capital décès, pension de réversion): an extension of the contract ──
  {
    // The navigator takes it from the event's date (a relative's death).
    slot: { path: 'household.deceased.deathDate' },
    schema: isoDate(
      'Date du décès du proche (AAAA-MM-JJ) ; obligatoire avec sa retraite (extension du contrat)',
    ),
    rule: 'défunt . date du décès',
    toRule: (value: string) => publicodesDate(value),
    question: 'À quelle date votre proche est-il décédé ?',
  },
  {
    slot: { path: 'household.deceased.situation' },
    schema: Type.Union(
      deceasedSituations.map(([value]) => Type.Literal(value)),
      {
        description:
          'Situation du défunt dans les trois mois avant le décès : employee (salarié), jobseeker (indemnisé par France Travail), invalidity (pension d’invalidité ou rente d’accident du travail), retired (retraité), self-employed (indépendant), civil-servant (fonctionnaire), farmer (agricole, MSA), other (extension du contrat)',
      },
    ),
    rule: 'défunt . situation',
    toRule: (value: string) => deceasedSituationRule[value],
    question:
      'Dans les trois mois avant son décès, votre proche était-il salarié, indemnisé par France Travail, en invalidité, retraité, indépendant, fonctionnaire ou exploitant agricole ?',
    form: {
      key: 'deceasedSituation',
      page: 'deceasedSituation',
      title: 'Que faisait votre proche dans les trois mois avant son décès ?',
      label: 'Sa situation',
      help: 'Le capital décès de l’Assurance maladie est versé aux proches d’un salarié, d’une personne indemnisée par France Travail ou d’une personne en invalidité. Les autres régimes ont leurs propres règles.',
      control: {
        kind: 'choice',
        options: [
          ['employee', 'Salarié (même à temps partiel, ou en arrêt de travail)'],
          ['jobseeker', 'Indemnisé par France Travail (allocation chômage)'],
          ['invalidity', 'En invalidité, ou avec une rente d’accident du travail'],
          ['retired', 'Retraité'],
          ['self-employed', 'Travailleur indépendant'],
          ['civil-servant', 'Fonctionnaire'],
          ['farmer', 'Exploitant ou salarié agricole (MSA)'],
          ['other', 'Autre situation (sans emploi non indemnisé, étudiant…)'],
        ],
      },
    },
  },
  {
    slot: { path: 'household.deceased.monthlyBasePension' },
    schema: money(
      'Retraite de base du régime général que le défunt percevait ou aurait perçue, par mois, en euros (0 s’il n’en avait pas ; extension du contrat)',
      100_000,
    ),
    rule: 'défunt . pension de base',
    toRule: asIs,
    question:
      'Quelle retraite de base de l’Assurance retraite (régime général) votre proche percevait-il, ou aurait-il perçue, par mois (0 s’il n’en avait pas) ?',
    form: {
      key: 'deceasedPension',
      page: 'deceasedPension',
      title: 'Quelle retraite de base votre proche touchait-il, par mois ?',
      label: 'Montant',
      help: 'La retraite de base de l’Assurance retraite (régime général), sans la complémentaire Agirc-Arrco : elle est écrite sur ses relevés de pension. S’il ne la touchait pas encore, le montant qu’il aurait touché (son relevé de carrière l’estime). La réversion en est 54 %. Indiquez 0 s’il n’avait pas cotisé au régime général.',
      control: { kind: 'money', max: 10_000 },
    },
  },
  {
    slot: { path: 'household.deceased.married' },
    schema: Type.Boolean({
      description:
        'Le demandeur était (ou avait été) marié avec le défunt ; un Pacs ou une vie commune n’ouvre pas de réversion (extension du contrat)',
    }),
    rule: 'défunt . marié',
    toRule: asIs,
    question: 'Étiez-vous marié(e) avec votre proche décédé, ou l’aviez-vous été ?',
    form: {
      key: 'marriedToDeceased',
      page: 'marriedToDeceased',
      title: 'Étiez-vous marié avec votre proche, ou l’aviez-vous été ?',
      label: 'Étiez-vous marié avec votre proche, ou l’aviez-vous été ?',
      help: 'Répondez oui aussi si vous étiez divorcés. Un Pacs ou une vie commune sans mariage n’ouvre pas droit à la pension de réversion.',
      control: { kind: 'yes-no' },
    },
  },
  // ── A micro-enterprise ──
  {
    slot: { path: 'business.activity' },
    schema: Type.Union([Type.Literal('sale'), Type.Literal('services'), Type.Literal('liberal')]),
    rule: 'entreprise . activité',
    toRule: (value: string) => activityRule[value],
    question: 'Quelle est la nature de votre activité (vente, services ou profession libérale) ?',
    form: {
      key: 'businessActivity',
      page: 'businessActivity',
      title: 'Quelle est votre activité ?',
      label: 'Type d’activité',
      help: 'Les cotisations dépendent du type d’activité.',
      control: { kind: 'choice', options: activityOptions },
    },
  },
  {
    slot: { path: 'business.annualTurnover' },
    schema: money('Chiffre d’affaires annuel prévu, en euros', 100_000_000),
    rule: "entreprise . chiffre d'affaires annuel",
    toRule: asIs,
    question: 'Quel chiffre d’affaires annuel prévoyez-vous ?',
    form: {
      key: 'turnover',
      page: 'turnover',
      title: 'Quel chiffre d’affaires prévoyez-vous sur un an ?',
      label: 'Montant',
      help: 'Une estimation suffit. Elle sert à calculer vos cotisations.',
      control: { kind: 'money', max: 100_000_000 },
    },
  },
  {
    // The navigator takes it from the event's date (creating a business, becoming self-employed).
    slot: { path: 'business.creationDate' },
    schema: isoDate('Date de création (AAAA-MM-JJ)'),
    rule: 'entreprise . date de création',
    toRule: (value: string) => publicodesDate(value),
    question: 'À quelle date avez-vous créé (ou créerez-vous) votre entreprise ?',
  },
  {
    slot: { path: 'business.acre' },
    schema: Type.Boolean({ description: 'ACRE demandée' }),
    rule: 'entreprise . ACRE demandée',
    toRule: asIs,
    question: 'Demandez-vous l’ACRE ?',
    assumption: {
      when: 'unknown',
      value: false,
      statement:
        'Nous avons estimé les cotisations sans l’ACRE : si vous l’obtenez, elles sont réduites la première année.',
    },
    form: {
      key: 'acre',
      page: 'acre',
      title: 'Allez-vous demander l’Acre ?',
      label: 'Allez-vous demander l’Acre ?',
      help: 'L’Acre réduit les cotisations la première année. Elle est ouverte notamment aux demandeurs d’emploi, aux bénéficiaires du RSA et aux moins de 26 ans.',
      control: { kind: 'yes-no' },
    },
  },
  {
    slot: { path: 'business.acreGroup' },
    schema: Type.Boolean({
      description:
        'Le demandeur fait partie d’un public ouvrant droit à l’ACRE autre que les 18-25 ans : demandeur d’emploi, bénéficiaire du RSA, de l’ASS ou de la PreParE, personne handicapée de moins de 30 ans, contrat Cape, salarié reprenant son entreprise en difficulté, création en quartier prioritaire ou (depuis 2026) en zone France ruralités revitalisation (extension du contrat)',
    }),
    rule: 'acre . autre public',
    toRule: asIs,
    assumption: {
      when: 'unknown',
      value: false,
      statement:
        'Nous avons compté que vous ne faites pas partie des publics qui ont droit à l’ACRE après 25 ans : vérifiez-le avec l’Urssaf ou France Services.',
    },
    question:
      'Êtes-vous demandeur d’emploi, bénéficiaire du RSA, de l’ASS ou de la PreParE, personne handicapée de moins de 30 ans, en contrat d’appui au projet d’entreprise (Cape), salarié reprenant son entreprise en difficulté, ou créez-vous en quartier prioritaire ou en zone France ruralités revitalisation ?',
    form: {
      key: 'acreGroup',
      page: 'acreGroup',
      title: 'Faites-vous partie des publics qui ont droit à l’Acre ?',
      label: 'Faites-vous partie des publics qui ont droit à l’Acre ?',
      help: 'À partir de 26 ans, l’Acre est réservée aux demandeurs d’emploi (indemnisés, ou inscrits 6 mois sur les 18 derniers), aux bénéficiaires du RSA, de l’ASS ou de la PreParE, aux personnes handicapées de moins de 30 ans, aux contrats d’appui au projet d’entreprise (Cape), aux salariés qui reprennent leur entreprise en difficulté, et aux créations en quartier prioritaire ou en zone France ruralités revitalisation.',
      control: { kind: 'yes-no' },
    },
  },
] as const satisfies readonly InputDefinition[];

/** The registry, seen as plain definitions (the literal types above are for the request's field types). */
export const inputDefinitions: readonly InputDefinition[] = householdInputs;

/** The request path of an input as the API names it (`household.members[0].monthlyNetEarnings`); none for a child's. */
export function fieldPath(input: InputDefinition, request: RequestLike): string | undefined {
  const slot = input.slot;
  if ('path' in slot) return slot.path;
  // A child's input has one path per child: the checks of inputs.ts name each child's.
  if ('child' in slot) return undefined;
  const index = request.household.members.findIndex((m) => m.role === slot.member);
  return index < 0 ? undefined : `household.members[${index}].${slot.field}`;
}

/** The value of an input in a request; undefined when unanswered (or its member is not listed, or a child's). */
export function valueOf(input: InputDefinition, request: RequestLike): unknown {
  const slot = input.slot;
  if ('child' in slot) return undefined;
  if ('member' in slot) {
    const member = request.household.members.find((m) => m.role === slot.member);
    return member?.[slot.field];
  }
  let at: unknown = request;
  for (const part of slot.path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** The input that fills a Publicodes input name, if any. */
export const inputByRule: ReadonlyMap<string, InputDefinition> = new Map(
  inputDefinitions.filter((i) => i.rule).map((i) => [i.rule as string, i]),
);

/** The inputs of a child's entry, by their field in it (`monthlyChildSupport`). */
export const inputByChildField: ReadonlyMap<string, InputDefinition & { slot: { child: string } }> = new Map(
  inputDefinitions.flatMap((i) =>
    'child' in i.slot ? [[i.slot.child, i as InputDefinition & { slot: { child: string } }] as const] : [],
  ),
);

/** The inputs the navigator asks for, by answer key. */
export const inputByKey: ReadonlyMap<string, InputDefinition & { form: FormSpec }> = new Map(
  inputDefinitions
    .filter((i): i is InputDefinition & { form: FormSpec } => i.form !== undefined)
    .map((i) => [i.form.key, i]),
);

/** The schemas of the inputs under a dotted path, in registry order, nested objects built for deeper paths. */
export function schemasUnder(prefix: string): Record<string, TSchema> {
  // First the fields, grouped by their first segment (a nested object takes the place of its first field)…
  const groups = new Map<string, [string, TSchema][]>();
  for (const input of inputDefinitions) {
    if (!('path' in input.slot) || !input.slot.path.startsWith(`${prefix}.`)) continue;
    const [head, ...rest] = input.slot.path.slice(prefix.length + 1).split('.') as [string, ...string[]];
    const group = groups.get(head) ?? [];
    group.push([rest.join('.'), input.schema]);
    groups.set(head, group);
  }
  // …then the schemas, each built once complete.
  const out: Record<string, TSchema> = {};
  for (const [head, fields] of groups) {
    out[head] =
      fields.length === 1 && fields[0]![0] === ''
        ? Type.Optional(fields[0]![1])
        : Type.Optional(
            Type.Object(Object.fromEntries(fields.map(([name, schema]) => [name, Type.Optional(schema)])), {
              additionalProperties: false,
            }),
          );
  }
  return out;
}

/** The schemas of a member's fields, in registry order (the applicant's entries; the partner shares them). */
export function memberSchemas(): Record<string, TSchema> {
  const out: Record<string, TSchema> = {};
  for (const input of inputDefinitions) {
    const slot = input.slot;
    if ('member' in slot && !(slot.field in out)) out[slot.field] = Type.Optional(input.schema);
  }
  // Then the fields only a child's entry carries (a child's disability rate is the member's own field).
  for (const [field, input] of inputByChildField)
    if (!(field in out)) out[field] = Type.Optional(input.schema);
  return out;
}

// ── The request's field types, derived from the registry's schemas ──

type Input = (typeof householdInputs)[number];

/** The fields of a member (the applicant's entries: the partner shares their schemas). */
export type MemberFields = {
  -readonly [
    I in Input as I['slot'] extends { member: 'applicant'; field: infer F extends string } ? F : never
  ]?: Static<I['schema']>;
};

/** The fields a child's entry carries (AEEH, ASF); its disability rate is typed as every member's. */
export type ChildFields = {
  -readonly [I in Input as I['slot'] extends { child: infer F extends string } ? F : never]?: Static<
    I['schema']
  >;
};

/** The fields directly under a dotted path (deeper paths are nested objects, typed on their own). */
export type FieldsUnder<P extends string> = {
  -readonly [
    I in Input as I['slot'] extends { path: `${P}.${infer F}` }
      ? F extends `${string}.${string}`
        ? never
        : F
      : never
  ]?: Static<I['schema']>;
};

/** The fields at the request's root (the commune). */
export type RootFields = {
  -readonly [
    I in Input as I['slot'] extends { path: infer F extends string }
      ? F extends `${string}.${string}`
        ? never
        : F
      : never
  ]?: Static<I['schema']>;
};
